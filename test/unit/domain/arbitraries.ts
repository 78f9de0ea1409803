/**
 * fast-check generators for identity numbers and passport MRZs. The check digits are
 * computed here independently of shared/domain, so a bug there cannot hide in both.
 */
import fc from 'fast-check';

const PROVINCE_CODES = [...Array.from({ length: 24 }, (_, i) => i + 1), 30].map((code) =>
  String(code).padStart(2, '0'),
);

export function expectedCedulaCheck(first9: string): number {
  const weights = [2, 1, 2, 1, 2, 1, 2, 1, 2];
  const sum = weights.reduce((acc, weight, i) => {
    const product = Number(first9[i]) * weight;
    return acc + (product >= 10 ? product - 9 : product);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

/** Módulo 11 as DOMAIN §4.2 words it; null when the check would be 10 (invalid). */
export function expectedMod11(digits: string, weights: number[]): number | null {
  const sum = weights.reduce((acc, weight, i) => acc + Number(digits[i]) * weight, 0);
  const r = sum % 11;
  const check = r === 0 ? 0 : 11 - r;
  return check === 10 ? null : check;
}

export const PRIVATE_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2];
export const PUBLIC_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

export function publicRuleHolds(ruc: string): boolean {
  return expectedMod11(ruc, PUBLIC_WEIGHTS) === Number(ruc[8]) && !ruc.endsWith('0000');
}

export function naturalRuleHolds(ruc: string): boolean {
  return expectedCedulaCheck(ruc.slice(0, 9)) === Number(ruc[9]) && !ruc.endsWith('000');
}

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const province = fc.constantFrom(...PROVINCE_CODES);

/** Valid cédula; third digit 0–6 (6 = foreigner with cédula). */
export const cedulaArb = fc
  .tuple(province, fc.integer({ min: 0, max: 6 }), digits(6))
  .map(([p, third, rest]) => {
    const first9 = `${p}${third}${rest}`;
    return `${first9}${expectedCedulaCheck(first9)}`;
  });

const establishment3 = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0'));
const establishment4 = fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0'));

/** Natural-person RUC: a cédula with third digit 0–5 plus an establishment. */
export const naturalRucArb = fc
  .tuple(province, fc.integer({ min: 0, max: 5 }), digits(6), establishment3)
  .map(([p, third, rest, est]) => {
    const first9 = `${p}${third}${rest}`;
    return `${first9}${expectedCedulaCheck(first9)}${est}`;
  });

/** Public-entity RUC: third digit 6, check in digit 9, establishment of four digits. */
export const publicRucArb = fc
  .tuple(province, digits(5), establishment4)
  .map(([p, rest, est]) => ({ first8: `${p}6${rest}`, est }))
  .filter(({ first8 }) => expectedMod11(first8, PUBLIC_WEIGHTS) !== null)
  .map(({ first8, est }) => `${first8}${expectedMod11(first8, PUBLIC_WEIGHTS)}${est}`);

/** Private-company RUC: third digit 9, check in digit 10. */
export const privateRucArb = fc
  .tuple(province, digits(6), establishment3)
  .map(([p, rest, est]) => ({ first9: `${p}9${rest}`, est }))
  .filter(({ first9 }) => expectedMod11(first9, PRIVATE_WEIGHTS) !== null)
  .map(({ first9, est }) => `${first9}${expectedMod11(first9, PRIVATE_WEIGHTS)}${est}`);

/** Replaces the digit at `index` by each other digit. */
export function otherDigitsAt(value: string, index: number): string[] {
  return '0123456789'
    .split('')
    .filter((d) => d !== value[index])
    .map((d) => `${value.slice(0, index)}${d}${value.slice(index + 1)}`);
}

// --- ICAO 9303 TD3 ---------------------------------------------------------------------------

export function icaoCheckDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const ch = field[i] ?? '<';
    const value = ch === '<' ? 0 : /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += value * (weights[i % 3] ?? 0);
  }
  return sum % 10;
}

export interface Td3Sample {
  line1: string;
  line2: string;
  expected: {
    documentNumber: string;
    issuingState: string;
    nationality: string;
    surnames: string;
    givenNames: string;
    birthDate: string;
    sex: 'M' | 'F' | 'X';
    expiryDate: string;
    personalNumber: string;
  };
}

/** Attention date the TD3 generator is built around (expiries after it, births before). */
export const TD3_ATTENTION_DATE = '2026-06-15';

const STATES = ['ECU', 'COL', 'VEN', 'PER', 'USA', 'ESP', 'CUB', 'CHN', 'ARG', 'ITA'];
const alnum = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: min, maxLength: max });
const word = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 8 });
const names = fc.array(word, { minLength: 1, maxLength: 2 });
const isoDateBetween = (from: number, to: number) =>
  fc
    .date({ min: new Date(Date.UTC(from, 0, 1)), max: new Date(Date.UTC(to, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const pad = (value: string, length: number) => value.padEnd(length, '<');

export const td3Arb: fc.Arbitrary<Td3Sample> = fc
  .record({
    documentNumber: alnum(6, 9),
    issuingState: fc.constantFrom(...STATES),
    nationality: fc.constantFrom(...STATES),
    surnames: names,
    givenNames: names,
    // Births 1927–2008 resolve unambiguously against an attention date in 2026.
    birthDate: isoDateBetween(1927, 2008),
    sex: fc.constantFrom('M', 'F', '<'),
    expiryDate: isoDateBetween(2027, 2036),
    personalNumber: alnum(0, 14),
  })
  .map((f) => {
    const nameField = `${f.surnames.join('<')}<<${f.givenNames.join('<')}`;
    const line1 = pad(`P<${f.issuingState}${nameField}`, 44);
    const doc = pad(f.documentNumber, 9);
    const birth = yymmdd(f.birthDate);
    const expiry = yymmdd(f.expiryDate);
    const personal = pad(f.personalNumber, 14);
    const part1 = `${doc}${icaoCheckDigit(doc)}`;
    const part2 = `${birth}${icaoCheckDigit(birth)}`;
    const part3 = `${expiry}${icaoCheckDigit(expiry)}${personal}${icaoCheckDigit(personal)}`;
    const composite = icaoCheckDigit(part1 + part2 + part3);
    const line2 = `${part1}${f.nationality}${part2}${f.sex}${part3}${composite}`;
    return {
      line1,
      line2,
      expected: {
        documentNumber: f.documentNumber,
        issuingState: f.issuingState,
        nationality: f.nationality,
        surnames: f.surnames.join(' '),
        givenNames: f.givenNames.join(' '),
        birthDate: f.birthDate,
        sex: f.sex === '<' ? 'X' : (f.sex as 'M' | 'F'),
        expiryDate: f.expiryDate,
        personalNumber: f.personalNumber,
      },
    };
  });

/** Positions of the check digits in TD3 line 2 and the issue code each must raise. */
export const TD3_CHECK_DIGITS = [
  { index: 9, code: 'passport.mrz.document_number_check' },
  { index: 19, code: 'passport.mrz.birth_date_check' },
  { index: 27, code: 'passport.mrz.expiry_date_check' },
  { index: 42, code: 'passport.mrz.personal_number_check' },
  { index: 43, code: 'passport.mrz.composite_check' },
] as const;
