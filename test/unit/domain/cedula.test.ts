import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCedula } from '../../../shared/domain';
import { cedulaArb, otherDigitsAt } from './arbitraries';

const codes = (result: { errors: { code: string }[] }) => result.errors.map((e) => e.code);

describe('checkCedula — DOMAIN §10 public vectors', () => {
  it.each(['1714307103', '0602910945', '0926687856', '0910005917'])('accepts %s', (value) => {
    const result = checkCedula(value);
    expect(result).toMatchObject({ ok: true, errors: [], warnings: [], normalized: value });
  });

  it.each([
    ['1714307104', 'cedula.check_digit'],
    ['171430710', 'cedula.length'],
    ['123A567890', 'cedula.not_digits'],
    ['1784307108', 'cedula.third_digit'],
    ['8814307107', 'cedula.province'],
    ['0926687858', 'cedula.check_digit'],
  ])('rejects %s with %s', (value, code) => {
    const result = checkCedula(value);
    expect(result.ok).toBe(false);
    expect(result.normalized).toBeNull();
    expect(codes(result)).toContain(code);
    for (const error of result.errors) expect(error.message).toMatch(/\S/);
  });
});

describe('checkCedula — details', () => {
  it('strips spaces, dots and dashes for the normalized form', () => {
    expect(checkCedula(' 171430710-3 ').normalized).toBe('1714307103');
    expect(checkCedula('07.1426.8398').normalized).toBe('0714268398');
    expect(checkCedula('17.1430.710-3').normalized).toBe('1714307103');
    expect(checkCedula('1714 307 103').normalized).toBe('1714307103');
    expect(checkCedula('171430710–3').normalized).toBe('1714307103');
  });

  it('names the province from the catalog', () => {
    expect(checkCedula('1714307103').province).toBe('Pichincha');
    expect(checkCedula('0926687856').province).toBe('Guayas');
    expect(checkCedula('8814307107').province).toBeNull();
  });

  it('accepts province 30 (Ecuadorians abroad) without warning', () => {
    const first9 = '301234567';
    const cedula = `${first9}${[...Array(10).keys()].find((d) => checkCedula(`${first9}${d}`).ok)}`;
    expect(checkCedula(cedula)).toMatchObject({ ok: true, warnings: [], province: 'Ecuatorianos registrados en el exterior' });
  });

  it('accepts province 50 with a warning', () => {
    const valid = ['5012345670', '5012345671', '5012345672', '5012345673', '5012345674', '5012345675', '5012345676', '5012345677', '5012345678', '5012345679'].find(
      (value) => checkCedula(value).ok,
    );
    expect(valid).toBeDefined();
    const result = checkCedula(valid);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['cedula.province_50']);
    expect(result.province).toBeNull();
  });

  it('accepts third digit 6 (foreigners) and rejects 7–9', () => {
    expect(checkCedula('1760001550').errors.map((e) => e.code)).not.toContain('cedula.third_digit');
    for (const third of ['7', '8', '9']) {
      expect(codes(checkCedula(`17${third}4307103`))).toContain('cedula.third_digit');
    }
  });

  it('explains empty, non-text and wrong-length input in Spanish', () => {
    expect(codes(checkCedula(''))).toEqual(['cedula.empty']);
    expect(codes(checkCedula('  -  '))).toEqual(['cedula.empty']);
    expect(codes(checkCedula(undefined))).toEqual(['cedula.empty']);
    expect(codes(checkCedula(1714307103))).toEqual(['cedula.type']);
    expect(checkCedula('17143071031').errors[0]?.message).toBe('La cédula debe tener 10 dígitos; se ingresaron 11.');
    expect(checkCedula('1714307104').errors[0]?.message).toMatch(/dígito verificador de la cédula no es válido/);
  });
});

describe('checkCedula — properties', () => {
  it('accepts every generated valid cédula', () => {
    fc.assert(fc.property(cedulaArb, (cedula) => {
      const result = checkCedula(cedula);
      expect(result.ok).toBe(true);
      expect(result.normalized).toBe(cedula);
    }), { numRuns: 2000 });
  });

  it('rejects every single-digit change of the check digit with cedula.check_digit', () => {
    fc.assert(fc.property(cedulaArb, (cedula) => {
      for (const changed of otherDigitsAt(cedula, 9)) {
        expect(codes(checkCedula(changed))).toEqual(['cedula.check_digit']);
      }
    }), { numRuns: 500 });
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const result = checkCedula(value);
      expect(result.ok).toBe(result.errors.length === 0);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => {
      expect(typeof checkCedula(value).ok).toBe('boolean');
    }), { numRuns: 2000 });
  });
});
