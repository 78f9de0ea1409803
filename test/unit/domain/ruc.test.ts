import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRuc } from '../../../shared/domain';
import {
  expectedCedulaCheck,
  expectedMod11,
  naturalRuleHolds,
  PRIVATE_WEIGHTS,
  PUBLIC_WEIGHTS,
  naturalRucArb,
  otherDigitsAt,
  privateRucArb,
  publicRucArb,
  publicRuleHolds,
} from './arbitraries';

const codes = (issues: { code: string }[]) => issues.map((e) => e.code);

describe('checkRuc — DOMAIN §10 public vectors', () => {
  it.each([
    ['0602910945001', 'natural'],
    ['1714307103001', 'natural'],
    ['0926687856001', 'natural'],
    ['1760001550001', 'publica'],
    ['0160000510001', 'publica'],
    ['1768152130001', 'publica'],
    ['1792060346001', 'privada'],
    ['0992397535001', 'privada'],
    ['0190115798001', 'privada'],
  ])('accepts %s as %s', (value, kind) => {
    expect(checkRuc(value)).toMatchObject({ ok: true, kind, errors: [], warnings: [], normalized: value, establishment: '001' });
  });

  it.each([
    ['1763154690001', 'ruc.check_digit'],
    ['0170000610001', 'ruc.third_digit'],
    ['8810034069001', 'ruc.province'],
    ['0926687856000', 'ruc.establishment'],
    ['0992397535000', 'ruc.establishment'],
    ['179206034601', 'ruc.length'],
    ['17920603A6001', 'ruc.not_digits'],
  ])('rejects %s with %s', (value, code) => {
    const result = checkRuc(value);
    expect(result.ok).toBe(false);
    expect(result.normalized).toBeNull();
    expect(codes(result.errors)).toContain(code);
  });
});

describe('checkRuc — kinds and company caveat', () => {
  it('reports kind, province and establishment', () => {
    expect(checkRuc('1792060346001')).toMatchObject({ kind: 'privada', province: 'Pichincha', establishment: '001' });
    expect(checkRuc('1792060346-001').normalized).toBe('1792060346001');
    // Dots as a clerk copies them from a number written with separators.
    expect(checkRuc('179.2060.346 001').normalized).toBe('1792060346001');
  });

  it('gives a "confirmar con el SRI" warning, not an error, for a company RUC failing both weight sets', () => {
    // 1792060346001 with its check digit changed: fails private and public weights.
    const result = checkRuc('1792060347001');
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(codes(result.warnings)).toEqual(['ruc.sri_confirm']);
    expect(result.warnings[0]?.message).toContain('confirmar con el SRI');
    expect(result.normalized).toBe('1792060347001');
  });

  it('accepts a third-digit-9 RUC that passes only the public weights', () => {
    const first8 = '17912345';
    const publicCheck = expectedMod11(first8, PUBLIC_WEIGHTS);
    expect(publicCheck).not.toBeNull();
    const onlyPublic = Array.from({ length: 10 }, (_, d) => `${first8}${publicCheck}${d}001`).find(
      (ruc) => expectedMod11(ruc, PRIVATE_WEIGHTS) !== Number(ruc[9]),
    );
    expect(onlyPublic).toBeDefined();
    expect(checkRuc(onlyPublic)).toMatchObject({ ok: true, kind: 'privada', errors: [], warnings: [] });
  });

  it('keeps structure errors as errors for companies', () => {
    expect(codes(checkRuc('0992397535000').errors)).toEqual(['ruc.establishment']);
    expect(checkRuc('0992397535000').warnings).toEqual([]);
  });

  it('accepts a foreigner natural person with third digit 6 by the natural rule', () => {
    // A cédula with third digit 6 that fails the public weights, plus establishment 001.
    const cedulas = Array.from({ length: 10 }, (_, d) => `176123456${d}001`);
    const natural = cedulas.find((ruc) => naturalRuleHolds(ruc) && !publicRuleHolds(ruc));
    expect(natural).toBeDefined();
    expect(checkRuc(natural)).toMatchObject({ ok: true, kind: 'natural' });
  });

  it('third digit 6 failing both rules: establishment when a check digit holds, else check digit', () => {
    // 0160000014: a valid cédula whose RUC reading fails on establishment 000; public check fails.
    expect(codes(checkRuc('0160000014000').errors)).toEqual(['ruc.establishment']);
    expect(codes(checkRuc('1760001550000').errors)).toEqual(['ruc.establishment']);
    expect(codes(checkRuc('1763154690001').errors)).toEqual(['ruc.check_digit']);
  });

  it('explains empty and non-text input', () => {
    expect(codes(checkRuc('').errors)).toEqual(['ruc.empty']);
    expect(codes(checkRuc(null).errors)).toEqual(['ruc.empty']);
    expect(codes(checkRuc(1792060346001).errors)).toEqual(['ruc.type']);
  });
});

describe('checkRuc — properties', () => {
  it('accepts every generated natural, public and private RUC', () => {
    fc.assert(fc.property(naturalRucArb, (ruc) => {
      expect(checkRuc(ruc)).toMatchObject({ ok: true, kind: 'natural', warnings: [] });
    }), { numRuns: 1000 });
    fc.assert(fc.property(publicRucArb, (ruc) => {
      expect(checkRuc(ruc)).toMatchObject({ ok: true, kind: 'publica', warnings: [] });
    }), { numRuns: 1000 });
    fc.assert(fc.property(privateRucArb, (ruc) => {
      expect(checkRuc(ruc)).toMatchObject({ ok: true, kind: 'privada', warnings: [] });
    }), { numRuns: 1000 });
  });

  it('natural: any other check digit is an error', () => {
    fc.assert(fc.property(naturalRucArb, (ruc) => {
      for (const changed of otherDigitsAt(ruc, 9)) expect(codes(checkRuc(changed).errors)).toEqual(['ruc.check_digit']);
    }), { numRuns: 300 });
  });

  it('public: any other check digit fails unless the natural-person rule happens to hold', () => {
    fc.assert(fc.property(publicRucArb, (ruc) => {
      for (const changed of otherDigitsAt(ruc, 8)) {
        const result = checkRuc(changed);
        if (naturalRuleHolds(changed)) {
          expect(result).toMatchObject({ ok: true, kind: 'natural' });
          continue;
        }
        // The public check now fails; if the first ten digits still form a valid cédula, the
        // natural reading fails only on its establishment (…000), and that is what is reported.
        const cedulaOk = expectedCedulaCheck(changed.slice(0, 9)) === Number(changed[9]);
        expect(codes(result.errors)).toEqual([cedulaOk ? 'ruc.establishment' : 'ruc.check_digit']);
      }
    }), { numRuns: 300 });
  });

  it('private: any other check digit warns "confirmar con el SRI" unless the public weights hold', () => {
    fc.assert(fc.property(privateRucArb, (ruc) => {
      for (const changed of otherDigitsAt(ruc, 9)) {
        const result = checkRuc(changed);
        expect(result.ok).toBe(true);
        expect(codes(result.warnings)).toEqual(publicRuleHolds(changed) ? [] : ['ruc.sri_confirm']);
      }
    }), { numRuns: 300 });
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const result = checkRuc(value);
      expect(result.ok).toBe(result.errors.length === 0);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => {
      expect(typeof checkRuc(value).ok).toBe('boolean');
    }), { numRuns: 2000 });
  });
});

describe('checkRuc — kind vs applicant (DOMAIN §4.2): a valid number is never blocked by its kind', () => {
  it('a third-digit-6 number passing both rules is a natural person’s too: cédula 1760000073, RUC 1760000073001', () => {
    expect(checkRuc('1760000073001')).toMatchObject({ ok: true, kind: 'publica', kinds: ['publica', 'natural'] });
    for (const expectedKind of ['natural', 'publica'] as const) {
      expect(checkRuc('1760000073001', { expectedKind })).toMatchObject({ ok: true, errors: [], warnings: [] });
    }
  });

  it('a valid number of another kind stands, with a warning naming the likelier kind', () => {
    const natural = checkRuc('1714307103001', { expectedKind: 'privada' });
    expect(natural).toMatchObject({ ok: true, errors: [], normalized: '1714307103001', kind: 'natural' });
    expect(codes(natural.warnings)).toEqual(['ruc.kind']);
    expect(natural.warnings[0]?.message).toContain('parece de una persona natural (tercer dígito 1), y se eligió sociedad privada');
    const company = checkRuc('1792060346001', { expectedKind: 'publica' });
    expect(codes(company.warnings)).toEqual(['ruc.kind']);
    expect(company.warnings[0]?.message).toContain('sociedad privada');
  });

  it('third digit 9 for a natural person: the SRI gives it to foreigners without cédula', () => {
    const result = checkRuc('1792060346001', { expectedKind: 'natural' });
    expect(result.ok).toBe(true);
    expect(result.warnings[0]?.message).toContain('extranjeros sin cédula');
  });

  it('a third-digit-9 number passing the public weights is a public entity’s too', () => {
    const first8 = '17912345';
    const onlyPublic = Array.from({ length: 10 }, (_, d) => `${first8}${expectedMod11(first8, PUBLIC_WEIGHTS)}${d}001`).find(
      (ruc) => expectedMod11(ruc, PRIVATE_WEIGHTS) !== Number(ruc[9]),
    )!;
    expect(checkRuc(onlyPublic, { expectedKind: 'publica' })).toMatchObject({ ok: true, kinds: ['privada', 'publica'], warnings: [] });
  });

  it('keeps the "confirmar con el SRI" warning, and adds the kind warning only for another kind', () => {
    expect(codes(checkRuc('1792060347001', { expectedKind: 'privada' }).warnings)).toEqual(['ruc.sri_confirm']);
    expect(codes(checkRuc('1792060347001', { expectedKind: 'natural' }).warnings)).toEqual(['ruc.sri_confirm', 'ruc.kind']);
  });

  it('a number valid for no kind is an error whatever kind was chosen', () => {
    for (const expectedKind of ['natural', 'privada', 'publica'] as const) {
      const result = checkRuc('1763154690001', { expectedKind });
      expect(result).toMatchObject({ ok: false, kind: null, kinds: [] });
      expect(codes(result.errors)).toEqual(['ruc.check_digit']);
      expect(result.warnings).toEqual([]);
    }
  });

  it('property: every generated valid RUC is accepted for every expected kind, warning at most', () => {
    fc.assert(fc.property(fc.oneof(naturalRucArb, publicRucArb, privateRucArb), fc.constantFrom('natural', 'privada', 'publica'), (ruc, expectedKind) => {
      const result = checkRuc(ruc, { expectedKind: expectedKind as 'natural' });
      expect(result.ok).toBe(true);
      expect(codes(result.warnings)).toEqual(result.kinds.includes(expectedKind as 'natural') ? [] : ['ruc.kind']);
    }), { numRuns: 1000 });
  });
});
