/**
 * Test against the world: other projects' published vectors for cédula, RUC and passport MRZ,
 * copied as data (never code) into test/fixtures/identity-vectors/, one file per source with
 * its URL, commit and licence in the header. Every vector is run through our checks; every
 * disagreement is listed below with its classification, so a new one fails this test, and so
 * does a listed one that no longer happens. docs/domain-vectors.md explains each policy.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCedula, checkPassportMrz, checkRuc, type RucKind } from '../../../shared/domain';

const DIR = fileURLToPath(new URL('../../fixtures/identity-vectors/', import.meta.url));
const rows = (file: string) =>
  readFileSync(DIR + file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));

// --- Cédula and RUC ----------------------------------------------------------------------------

type Verdict = 'valid' | 'warning' | 'invalid';
interface Ours {
  verdict: Verdict;
  codes: string[];
}

const REASON_CODE: Readonly<Record<string, string>> = {
  empty: 'empty',
  length: 'length',
  format: 'not_digits',
  province: 'province',
  third_digit: 'third_digit',
  check_digit: 'check_digit',
  establishment: 'establishment',
};

function ours(check: string, value: string): Ours {
  const judge = (result: { errors: { code: string }[]; warnings: { code: string }[] }): Ours => ({
    verdict: result.errors.length > 0 ? 'invalid' : result.warnings.length > 0 ? 'warning' : 'valid',
    codes: [...result.errors, ...result.warnings].map((i) => i.code),
  });
  if (check === 'cedula') return judge(checkCedula(value));
  if (check === 'ruc') return judge(checkRuc(value));
  if (check.startsWith('ruc:')) return judge(checkRuc(value, { expectedKind: check.slice(4) as RucKind }));
  // 'auto': the source picks cédula or RUC by length; so do we.
  const cedula = checkCedula(value);
  const ruc = checkRuc(value);
  const digits = value.replace(/[\s-]/g, '');
  if (digits.length === 13) return judge(ruc);
  if (digits.length === 10) return judge(cedula);
  return { verdict: cedula.ok || ruc.ok ? 'valid' : 'invalid', codes: [...cedula.errors, ...ruc.errors].map((i) => i.code) };
}

interface Disagreement {
  source: string;
  check: string;
  value: string;
  theirs: string;
  ours: string;
}

function disagreements(source: string, file: string): { count: number; found: Disagreement[] } {
  const found: Disagreement[] = [];
  const vectors = rows(file);
  for (const [check = '', value = '', verdict = '', reason = ''] of vectors) {
    const mine = ours(check, value);
    const theirs = verdict === 'invalid' && reason ? `invalid (${reason})` : verdict;
    const shown = `${mine.verdict}${mine.codes.length > 0 ? ` (${mine.codes.join(', ')})` : ''}`;
    if (verdict === 'valid' && mine.verdict === 'valid') continue;
    if (verdict === 'invalid' && mine.verdict === 'invalid') {
      const expected = REASON_CODE[reason];
      if (!reason || mine.codes.some((code) => code.endsWith(`.${expected}`))) continue;
    }
    found.push({ source, check, value, theirs, ours: shown });
  }
  return { count: vectors.length, found };
}

/**
 * Every disagreement, with its classification:
 * - policy (separators): we strip spaces and dashes people type or paste (DOMAIN §4.1, the
 *   turno check-in of docs/seeds): the digits left are judged.
 * - policy (SRI): third digit 9 failing both weight sets is a "confirmar con el SRI" warning,
 *   not an error (DOMAIN §4.2 caveat: real, active RUCs fail the módulo 11).
 * - policy (kind): a number valid for some kind is not blocked by the kind chosen; it warns
 *   naming the likelier kind (DOMAIN §4.2 "Kind vs applicant").
 * - policy (third digit 6): cédulas of foreigners carry 6 as third digit (DOMAIN §4.1); the
 *   number is then judged by its check digit.
 */
const KNOWN: readonly (Disagreement & { classification: string })[] = [
  // python-stdnum: 267 vectors
  { source: 'python-stdnum', check: 'ruc', value: '0190115799001', theirs: 'invalid (check_digit)', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  // stdnum-js: 10 vectors
  { source: 'stdnum-js', check: 'ruc', value: '1792060347-001', theirs: 'invalid (check_digit)', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  // tavo1987/ec-validador-cedula-ruc: 77 vectors
  { source: 'tavo1987', check: 'cedula', value: '-1723468565', theirs: 'invalid (format)', ours: 'valid', classification: 'policy (separators)' },
  { source: 'tavo1987', check: 'cedula', value: '09.26687856', theirs: 'invalid (format)', ours: 'valid', classification: 'policy (separators)' }, // a dot is stripped like a space or dash (shared/domain/text.ts),
  { source: 'tavo1987', check: 'cedula', value: '0926 687856', theirs: 'invalid (format)', ours: 'valid', classification: 'policy (separators)' },
  { source: 'tavo1987', check: 'cedula', value: '0162345672', theirs: 'invalid (third_digit)', ours: 'valid', classification: 'policy (third digit 6)' },
  { source: 'tavo1987', check: 'ruc:natural', value: '0162345678001', theirs: 'invalid (third_digit)', ours: 'warning (ruc.kind)', classification: 'policy (kind): valid as a public entity’s RUC' },
  { source: 'tavo1987', check: 'ruc:privada', value: '-0992397535001', theirs: 'invalid (format)', ours: 'valid', classification: 'policy (separators)' },
  { source: 'tavo1987', check: 'ruc:privada', value: '0962397535001', theirs: 'invalid (third_digit)', ours: 'warning (ruc.kind)', classification: 'policy (kind)' },
  { source: 'tavo1987', check: 'ruc:privada', value: '0902397535001', theirs: 'invalid (third_digit)', ours: 'invalid (ruc.check_digit)', classification: 'same verdict, other cause: read as a natural person’s RUC (third digit 0), its check digit fails' },
  { source: 'tavo1987', check: 'ruc:privada', value: '0990999997001', theirs: 'invalid (check_digit)', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  { source: 'tavo1987', check: 'ruc:privada', value: '1791000001001', theirs: 'valid', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  { source: 'tavo1987', check: 'auto', value: '1791000001001', theirs: 'valid', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  { source: 'tavo1987', check: 'ruc:privada', value: '0990999998001', theirs: 'invalid (check_digit)', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  { source: 'tavo1987', check: 'ruc:privada', value: '0991000000001', theirs: 'valid', ours: 'warning (ruc.sri_confirm)', classification: 'policy (SRI)' },
  { source: 'tavo1987', check: 'ruc:publica', value: '0960001550001', theirs: 'invalid (check_digit)', ours: 'warning (ruc.kind)', classification: 'policy (kind) and (third digit 6): valid as a foreigner’s natural RUC' },
  { source: 'tavo1987', check: 'ruc:publica', value: '1790001550001', theirs: 'invalid (third_digit)', ours: 'warning (ruc.sri_confirm, ruc.kind)', classification: 'policy (SRI) and policy (kind)' },
  { source: 'tavo1987', check: 'ruc:publica', value: '0992893970001', theirs: 'invalid (third_digit)', ours: 'warning (ruc.sri_confirm, ruc.kind)', classification: 'policy (SRI) and policy (kind)' },
  { source: 'tavo1987', check: 'ruc:publica', value: '0902893970001', theirs: 'invalid (third_digit)', ours: 'invalid (ruc.check_digit)', classification: 'same verdict, other cause: read as a natural person’s RUC (third digit 0), its check digit fails' },
  // The RUC a user reported as real in that project (python-stdnum's issue 3): valid for us as a foreigner's
  // natural RUC (third digit 6, the cédula rule holds) — exactly what DOMAIN §4.2 asks.
  { source: 'tavo1987', check: 'ruc:publica', value: '0962893970001', theirs: 'invalid (check_digit)', ours: 'warning (ruc.kind)', classification: 'policy (kind) and (third digit 6)' },
  { source: 'tavo1987', check: 'ruc:natural', value: '0962893970001', theirs: 'invalid', ours: 'valid', classification: 'policy (third digit 6)' },
  { source: 'tavo1987', check: 'auto', value: '0962893970001', theirs: 'invalid', ours: 'valid', classification: 'policy (third digit 6)' },
];

const SOURCES = [
  ['python-stdnum', 'python-stdnum.tsv', 267],
  ['stdnum-js', 'stdnum-js.tsv', 10],
  ['tavo1987', 'tavo1987-ec-validador-cedula-ruc.tsv', 77],
] as const;

describe('cédula and RUC vectors published by other projects', () => {
  it.each(SOURCES)('%s: every disagreement is a documented policy', (source, file, count) => {
    const result = disagreements(source, file);
    expect(result.count).toBe(count);
    const known = KNOWN.filter((k) => k.source === source).map(({ classification: _, ...d }) => d);
    expect(result.found).toEqual(known);
  });

  it('no vector is a silent pass: each kept disagreement is a warning or names a cause', () => {
    for (const k of KNOWN) expect(k.ours).not.toBe('');
    const silent = KNOWN.filter((k) => k.ours === 'valid');
    expect(silent.every((k) => k.classification === 'policy (separators)' || k.classification === 'policy (third digit 6)')).toBe(true);
  });
});

// --- Passport MRZ (TD3) -----------------------------------------------------------------------

/** The `mrz` package's field names for what our checker reports, to compare invalid fields. */
const FIELD_CODE: Readonly<Record<string, string>> = {
  issuingState: 'passport.mrz.issuing_state',
  nationality: 'passport.mrz.nationality',
  personalNumberCheckDigit: 'passport.mrz.personal_number_check',
  compositeCheckDigit: 'passport.mrz.composite_check',
  format: 'passport.mrz.format',
};

const toIso = (yymmdd: string, century: number) => `${century}${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;

describe('passport MRZ vectors: the mrz package fixtures and the ICAO 9303 specimen', () => {
  const mrzRows = rows('mrz-cheminfo.tsv');
  const icaoRows = rows('icao-9303.tsv');

  it('counts 8 mrz fixtures and 1 ICAO specimen', () => {
    expect(mrzRows).toHaveLength(8);
    expect(icaoRows).toHaveLength(1);
  });

  it.each(mrzRows.filter((r) => r[4] === 'valid'))('mrz %s: valid for both, same fields read', (_, line1, line2, attentionDate, __, ___, documentNumber, nationality, lastName, firstName, birth, sex, expiry) => {
    const result = checkPassportMrz(`${line1}\n${line2}`, { attentionDate: attentionDate! });
    expect(result.errors).toEqual([]);
    expect(result.passport).toMatchObject({
      documentNumber,
      nationality,
      surnames: lastName,
      givenNames: firstName,
      birthDate: toIso(birth!, 19),
      sex: sex === 'female' ? 'F' : 'M',
      expiryDate: toIso(expiry!, 20),
    });
  });

  it.each(mrzRows.filter((r) => r[4] === 'invalid' && !r[5]!.startsWith('autocorrect')))('mrz %s: invalid for both, the same fields at fault', (_, line1, line2, attentionDate, __, fields) => {
    const result = checkPassportMrz(`${line1}\n${line2}`, { attentionDate: attentionDate! });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.code).sort()).toEqual(fields!.split(',').map((f) => FIELD_CODE[f]).sort());
  });

  it('mrz autocorrection fixture: the package corrects it to the Utopia example; we offer nothing, since UTO stays invalid (policy: UTO)', () => {
    const [, line1, line2, attentionDate] = mrzRows.find((r) => r[0] === 'autocorrection-input')!;
    const result = checkPassportMrz(`${line1}\n${line2}`, { attentionDate: attentionDate! });
    expect(result.ok).toBe(false);
    expect(result.suggestion).toBeNull();
    // The same zone with a real state: the suggestion is exactly the package's correction.
    const real = checkPassportMrz(`${line1!.replace('UT0', 'COL')}\n${line2!.replace('UTO', 'COL')}`, { attentionDate: attentionDate! });
    expect(real.suggestion?.mrz).toBe(`${line1!.replace('UT0ERIK55ON', 'COLERIKSSON').replace('MAR1A', 'MARIA')}\n${line2!.replace('UTO740BIZZF12041S9', 'COL7408122F1204159').replace(/1O$/, '10')}`);
  });

  it('ICAO 9303 Part 4 specimen: every check digit holds; only the fictitious state UTO is refused (policy: UTO)', () => {
    const [, line1, line2, attentionDate, , , documentNumber] = icaoRows[0]!;
    const result = checkPassportMrz(`${line1}\n${line2}`, { attentionDate: attentionDate! });
    expect(result.errors.map((e) => e.code)).toEqual(['passport.mrz.issuing_state', 'passport.mrz.nationality']);
    expect(result.passport).toMatchObject({ documentNumber, surnames: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2012-04-15' });
  });
});
