import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkArtisanQualification,
  checkForeignerCode,
  checkVisa,
  DEFAULT_FOREIGNER_CODE_PATTERN,
  VISA_CATEGORIES,
} from '../../../shared/domain';
import { documentsAffectedBy } from '../../../shared/domain/document-checks';
import type { IntakeDraft } from '../../../shared/domain/intake';

const at = { attentionDate: '2026-06-15' };
const codes = (issues: { code: string }[]) => issues.map((e) => e.code);

describe('checkVisa', () => {
  const temporary = { category: 'temporal_trabajo', number: ' 123-456 ', issueDate: '2025-01-10', expiryDate: '2027-01-10' };

  it('accepts a current temporary residence of two years', () => {
    const result = checkVisa(temporary, at);
    expect(result).toMatchObject({ ok: true, warnings: [], normalized: '123-456' });
    expect(result.visa).toEqual({
      category: 'temporal_trabajo',
      residence: 'temporal',
      number: '123-456',
      issueDate: '2025-01-10',
      expiryDate: '2027-01-10',
    });
    expect(checkVisa({ ...temporary, expiryDate: '2027-01-09' }, at).warnings).toEqual([]);
  });

  it('warns when the dates of a temporary residence do not span two years', () => {
    const result = checkVisa({ ...temporary, expiryDate: '2028-01-10' }, at);
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['visa.duration']);
    expect(result.warnings[0]?.message).toContain('10/01/2027');
  });

  it('rejects a visa expired at the date of attention (the expiry day itself is still valid)', () => {
    const expiring = { ...temporary, issueDate: '2024-06-15', expiryDate: '2026-06-14' };
    expect(codes(checkVisa(expiring, at).errors)).toEqual(['visa.expired']);
    expect(checkVisa(expiring, at).errors[0]?.message).toBe('La visa está caducada: venció el 14/06/2026.');
    expect(checkVisa({ ...expiring, expiryDate: '2026-06-15' }, at).ok).toBe(true);
  });

  it('gives permanent residence no expiry, and ignores a typed one with a warning', () => {
    const permanent = { category: 'permanente', number: 'P-778', issueDate: '2010-03-01' };
    expect(checkVisa(permanent, at)).toMatchObject({ ok: true, warnings: [], visa: { expiryDate: null, residence: 'permanente' } });
    const typed = checkVisa({ ...permanent, expiryDate: '2012-03-01' }, at);
    expect(typed.ok).toBe(true);
    expect(codes(typed.warnings)).toEqual(['visa.permanent_expiry']);
  });

  it.each([
    [{ ...temporary, category: 'turista' }, 'visa.category'],
    [{ ...temporary, number: '' }, 'visa.number'],
    [{ ...temporary, issueDate: '2025-02-30' }, 'visa.issue_date'],
    [{ ...temporary, issueDate: '2026-07-01', expiryDate: '2028-07-01' }, 'visa.issue_date_future'],
    [{ ...temporary, expiryDate: undefined }, 'visa.expiry_date'],
    [{ ...temporary, issueDate: '2026-01-10', expiryDate: '2026-01-09' }, 'visa.expiry_before_issue'],
    [null, 'visa.missing'],
  ])('rejects %j with %s', (value, code) => {
    const result = checkVisa(value, at);
    expect(result.ok).toBe(false);
    expect(result.visa).toBeNull();
    expect(codes(result.errors)).toContain(code);
  });

  it('has temporary categories for worker, pensioner, investor, professional and a permanent one', () => {
    const byCode = new Map<string, string>(VISA_CATEGORIES.map((c) => [c.code, c.residence]));
    for (const code of ['temporal_trabajo', 'temporal_jubilado', 'temporal_inversionista', 'temporal_profesional']) {
      expect(byCode.get(code)).toBe('temporal');
    }
    expect(byCode.get('permanente')).toBe('permanente');
  });
});

describe('checkArtisanQualification', () => {
  const valid = { number: 'JNDA-2024-0151', craftBranch: '  Carpintería   y ebanistería ', issueDate: '2024-02-01', expiryDate: '2027-02-01' };

  it('accepts a current qualification and tidies its fields', () => {
    expect(checkArtisanQualification(valid, at)).toMatchObject({
      ok: true,
      normalized: 'JNDA-2024-0151',
      qualification: { craftBranch: 'Carpintería y ebanistería', expiryDate: '2027-02-01' },
    });
  });

  it('accepts "Indefinida" in any case or accent as no expiry', () => {
    for (const expiryDate of ['Indefinida', 'INDEFINIDA', ' indefinída ']) {
      expect(checkArtisanQualification({ ...valid, expiryDate }, at)).toMatchObject({ ok: true, qualification: { expiryDate: null } });
    }
  });

  it.each([
    [{ ...valid, expiryDate: '2026-06-14' }, 'artisan.expired'],
    [{ ...valid, issueDate: '2027-03-01', expiryDate: '2027-02-01' }, 'artisan.issue_after_expiry'],
    [{ ...valid, number: ' ' }, 'artisan.number'],
    [{ ...valid, craftBranch: undefined }, 'artisan.craft_branch'],
    [{ ...valid, issueDate: '01/02/2024' }, 'artisan.issue_date'],
    [{ ...valid, expiryDate: null }, 'artisan.expiry_date'],
    ['JNDA-1', 'artisan.missing'],
  ])('rejects %j with %s', (value, code) => {
    const result = checkArtisanQualification(value, at);
    expect(result.ok).toBe(false);
    expect(codes(result.errors)).toContain(code);
  });

  it('words expiry in Spanish with the date', () => {
    expect(checkArtisanQualification({ ...valid, expiryDate: '2026-06-14' }, at).errors[0]?.message).toBe(
      'La calificación artesanal está caducada: venció el 14/06/2026.',
    );
  });
});

describe('checkForeignerCode', () => {
  it('normalizes and accepts the default pattern', () => {
    expect(DEFAULT_FOREIGNER_CODE_PATTERN).toBe('[A-Z0-9]{6,20}');
    expect(checkForeignerCode(' ab-123 456 ')).toMatchObject({ ok: true, normalized: 'AB123456' });
  });

  it('matches a configured pattern against the whole code', () => {
    const options = { pattern: '\\d{8}' };
    expect(checkForeignerCode('12345678', options).ok).toBe(true);
    expect(codes(checkForeignerCode('123456789', options).errors)).toEqual(['foreigner_code.format']);
    expect(codes(checkForeignerCode('X12345678', options).errors)).toEqual(['foreigner_code.format']);
  });

  it('reports an invalid configured pattern instead of throwing', () => {
    expect(codes(checkForeignerCode('ABC123', { pattern: '([' }).errors)).toEqual(['foreigner_code.pattern_invalid']);
  });

  it('explains empty and non-text input', () => {
    expect(codes(checkForeignerCode('').errors)).toEqual(['foreigner_code.empty']);
    expect(codes(checkForeignerCode(42).errors)).toEqual(['foreigner_code.type']);
    expect(codes(checkForeignerCode('A1').errors)).toEqual(['foreigner_code.format']);
  });
});

describe('document checks never throw', () => {
  const objectish = fc.oneof(
    fc.anything(),
    fc.record({
      category: fc.oneof(fc.constantFrom(...VISA_CATEGORIES.map((c) => c.code)), fc.anything()),
      number: fc.oneof(fc.string(), fc.anything()),
      craftBranch: fc.oneof(fc.string(), fc.anything()),
      issueDate: fc.oneof(fc.constantFrom('2020-01-01', '2026-06-15', '2030-02-29'), fc.string()),
      expiryDate: fc.oneof(fc.constantFrom('2027-01-01', 'Indefinida', ''), fc.anything()),
    }),
  );

  it('for visas, artisan qualifications and foreigner codes', () => {
    fc.assert(fc.property(objectish, fc.option(fc.string()), (value, pattern) => {
      for (const result of [
        checkVisa(value, at),
        checkArtisanQualification(value, at),
        checkForeignerCode(value, pattern === null ? {} : { pattern }),
      ]) {
        expect(result.ok).toBe(result.errors.length === 0);
        expect(result.normalized === null).toBe(!result.ok);
      }
    }), { numRuns: 2000 });
  });

  it('even when reading a field throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(checkVisa(hostile, at).ok).toBe(false);
    expect(checkArtisanQualification(hostile, at).ok).toBe(false);
  });
});

describe('documentsAffectedBy: the verifications a change undoes', () => {
  const PASSPORT: IntakeDraft = {
    representativeIdType: 'pasaporte',
    representativeIdNumber: 'PA5512344',
    representativeNames: 'Rondón Pérez Luisa Elena',
    representativeNationality: 'VEN',
    foreignerRegistration: 'registrado',
    foreignerCode: 'EXT0098765',
  };
  const ALL = ['codigo_extranjero', 'pasaporte', 'visa', 'solicitud_entrega_clave', 'acuerdo_responsabilidad'] as const;

  it('the IESS code by passport is its own field (docs/seeds/004_…:63): changing it undoes the code and the forms, not the passport', () => {
    expect(documentsAffectedBy(PASSPORT, { ...PASSPORT, foreignerCode: 'EXT0098766' }, ALL)).toEqual(['codigo_extranjero', 'solicitud_entrega_clave', 'acuerdo_responsabilidad']);
    expect(documentsAffectedBy(PASSPORT, { ...PASSPORT, foreignerRegistration: 'no_registrado' }, ALL)).toEqual(['codigo_extranjero', 'solicitud_entrega_clave', 'acuerdo_responsabilidad']);
  });

  it('the same data read back (registration included) undoes nothing', () => {
    expect(documentsAffectedBy(PASSPORT, { ...PASSPORT }, ALL)).toEqual([]);
  });
});
