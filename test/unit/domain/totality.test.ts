/**
 * Checks are total (DOMAIN §4 and shared/domain/issues.ts): a clerk, a document reader or
 * central can hand the domain anything, and the answer is always data, never an exception.
 * Every exported function of every module in shared/domain is called with arbitrary values.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  checkArtisanQualification,
  checkIntake,
  checkPassportMrz,
  checkVisa,
  comparePassport,
  compareIsoDates,
  formatDateEs,
  isAttentionDate,
  isIsoDate,
  requiredDocuments,
  toMrzName,
  transition,
} from '../../../shared/domain';

const DOMAIN_DIR = fileURLToPath(new URL('../../../shared/domain/', import.meta.url));
const files = readdirSync(DOMAIN_DIR).filter((file) => file.endsWith('.ts'));
const modules = await Promise.all(
  files.map(async (file) => [file, (await import(`../../../shared/domain/${file}`)) as Record<string, unknown>] as const),
);
const exportedFunctions = modules.flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function')
    .map(([name, fn]) => ({ name: `${file}: ${name}`, fn })),
);

/** Keys the domain reads, so arbitrary objects reach past the first "is it an object?" test. */
const KEYS = [
  'applicantKind', 'employerRuc', 'employerBranch', 'employerLegalName', 'representativeIdType', 'representativeIdNumber',
  'representativeNames', 'representativeNationality', 'passportExpiryDate', 'visaCategory', 'visaNumber', 'visaIssueDate',
  'visaExpiryDate', 'email', 'mobile', 'address', 'viaThirdParty', 'thirdPartyNames', 'thirdPartyCedula', 'artisan',
  'artisanNumber', 'artisanBranch', 'artisanIssueDate', 'artisanExpiryDate', 'attentionDate', 'channel', 'foreignerCodePattern',
  'pattern', 'expectedKind', 'category', 'number', 'issueDate', 'expiryDate', 'craftBranch', 'actor', 'readiness', 'documents',
  'reasonCode', 'note', 'representativeIsForeign', 'representativeHasCedula', 'date', 'all', 'any', 'not', 'fact', 'is', 'id',
  'version', 'effectiveFrom', 'requestType', 'rules', 'scanPolicy', 'documentNumber', 'nationality', 'surnames', 'givenNames',
  'birthDate', 'sex', 'namesTruncated', 'errors', 'warnings', 'field', 'issue', 'code', 'label',
];

const odd = fc.constantFrom<unknown>(
  'x', '', ' ', 'ECU', 'D', '0000-02-29', '9999-12-31', '2026-06-15', '1714307103', '1760000073001', 'P<', Number.NaN,
  Number.POSITIVE_INFINITY, -0, 1e21, 2 ** 53, Symbol('s'), Object.create(null), () => 'fn', [null], new Date(Number.NaN), 10n,
);
const leaf = fc.oneof(
  fc.anything({
    withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true,
    withObjectString: true, withTypedArray: true, withSparseArray: true, withUnicodeString: true, maxDepth: 2,
  }),
  odd,
);
const shaped = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(leaf, fc.dictionary(fc.constantFrom(...KEYS), leaf)));
const anyValue = fc.oneof(leaf, shaped, fc.array(shaped, { maxLength: 3 }));

describe('every exported function of shared/domain is total', () => {
  it('finds the functions to call', () => {
    expect(exportedFunctions.length).toBeGreaterThan(60);
  });

  it.each(exportedFunctions)('$name never throws', ({ fn }) => {
    fc.assert(
      fc.property(fc.array(anyValue, { maxLength: 4 }), (args) => {
        fn(...args);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the cases named in the issue', () => {
  it('answers instead of throwing', () => {
    expect(toMrzName(null)).toBe('');
    expect(toMrzName(42)).toBe('');
    expect(addDays('x', 1)).toBe('x');
    expect(addDays('2026-06-15', Number.NaN)).toBe('2026-06-15');
    expect(addYears('x', 1)).toBe('x');
    expect(formatDateEs(null)).toBe('');
    expect(Number.isNaN(compareIsoDates(Symbol('a'), '2026-01-01'))).toBe(true);
    expect(checkIntake(null as never, null as never).ok).toBe(false);
    expect(comparePassport(null as never, null as never).ok).toBe(false);
    expect(requiredDocuments(null as never).ok).toBe(false);
    expect(transition('borrador', 'anular', null as never).ok).toBe(false);
  });
});

describe('dates are bounded to plausible years', () => {
  it('0000-02-29 and 9999-12-31 are no dates; the range is 1900–2199', () => {
    expect(isIsoDate('0000-02-29')).toBe(false);
    expect(isIsoDate('9999-12-31')).toBe(false);
    expect(isIsoDate('1899-12-31')).toBe(false);
    expect(isIsoDate('1900-01-01')).toBe(true);
    expect(isIsoDate('2199-12-31')).toBe(true);
    expect(isIsoDate('2200-01-01')).toBe(false);
  });

  it('an attention date lies in 2000–2099 (outside, the clock is wrong)', () => {
    for (const bad of ['0000-02-29', '9999-12-31', '1970-01-01', '2100-01-01']) {
      expect(isAttentionDate(bad)).toBe(false);
      expect(checkVisa({}, { attentionDate: bad }).errors.map((e) => e.code)).toEqual(['visa.attention_date']);
      expect(checkPassportMrz('x', { attentionDate: bad }).errors.map((e) => e.code)).toEqual(['passport.attention_date']);
      expect(checkIntake({}, { attentionDate: bad }).errors.map((e) => e.issue.code)).toEqual(['intake.attention_date']);
      expect(transition('borrador', 'anular', { actor: 'ventanillero', channel: 'presencial', attentionDate: bad, note: 'x' }).ok).toBe(false);
    }
    expect(isAttentionDate('2000-01-01')).toBe(true);
    expect(isAttentionDate('2099-12-31')).toBe(true);
  });

  it('expiries are bounded per document, relative to the date of attention', () => {
    const at = { attentionDate: '2026-06-15' };
    const visa = { category: 'temporal_trabajo', number: 'V-1', issueDate: '2025-01-10' };
    expect(checkVisa({ ...visa, expiryDate: '9999-12-31' }, at).errors.map((e) => e.code)).toEqual(['visa.expiry_date']);
    // 10 years after attention is the last plausible visa expiry; a year later is a typo.
    expect(checkVisa({ ...visa, expiryDate: '2036-06-15' }, at).errors).toEqual([]);
    expect(checkVisa({ ...visa, expiryDate: '2036-06-16' }, at).errors.map((e) => e.code)).toEqual(['visa.expiry_implausible']);
    const artisan = { number: 'A-1', craftBranch: 'Carpintería', issueDate: '2020-01-01' };
    expect(checkArtisanQualification({ ...artisan, expiryDate: '9999-12-31' }, at).errors.map((e) => e.code)).toEqual(['artisan.expiry_date']);
    expect(checkArtisanQualification({ ...artisan, expiryDate: '2046-06-15' }, at).ok).toBe(true);
    expect(checkArtisanQualification({ ...artisan, expiryDate: '2046-06-16' }, at).errors.map((e) => e.code)).toEqual(['artisan.expiry_implausible']);
  });
});
