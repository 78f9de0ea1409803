/**
 * RUC, Registro Único de Contribuyentes (DOMAIN §4.2).
 *
 * Hand-written rather than `stdnum` (ec.ruc): besides speed (see cedula.ts), stdnum rejects a
 * third-digit-9 RUC that fails the private weights, while the SRI has issued real, active RUCs
 * that do (python-stdnum #497): for those we must warn ("confirmar con el SRI"), not block.
 */
import { provinceName } from './catalogs';
import { cedulaCheckDigitMatches, provinceStatus } from './cedula';
import { readField } from './fields';
import { issue, type CheckResult, type Issue } from './issues';
import { digitAt, isAllDigits, stripSeparators } from './text';

export const RUC_LENGTH = 13;

export type RucKind = 'natural' | 'privada' | 'publica';

export interface RucCheck extends CheckResult {
  /** The likelier kind of taxpayer (the reading the third digit points to); null if none holds. */
  kind: RucKind | null;
  /**
   * Every kind whose rule the number passes, likelier first. The digits do not always tell the
   * kind (DOMAIN §4.2 "Kind vs applicant"): a third-digit-6 number can pass the public and the
   * natural-person rule, and public entities hold third-digit-9 numbers.
   */
  kinds: RucKind[];
  province: string | null;
  /** Establishment number (last three digits), e.g. "001". */
  establishment: string | null;
}

export interface RucOptions {
  /**
   * The kind of applicant the clerk chose. A valid number that is not of that kind stands,
   * with a warning naming the likelier kind: only a number valid for no kind is an error.
   */
  expectedKind?: RucKind | null;
}

const PRIVATE_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
const PUBLIC_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * Módulo 11 check digit: 0 when the remainder is 0, else 11 − r; null when that gives 10,
 * or when `digits` has no digit where a weight applies.
 */
export function modulo11CheckDigit(digits: string, weights: readonly number[]): number | null {
  if (typeof digits !== 'string' || !Array.isArray(weights)) return null;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight: unknown = weights[i];
    if (typeof weight !== 'number') return null;
    sum += digitAt(digits, i) * weight;
  }
  if (!Number.isFinite(sum)) return null;
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check === 10 ? null : check;
}

/** Sociedad privada: weights over digits 1–9, check in digit 10. */
export function passesPrivateWeights(ruc: string): boolean {
  const check = modulo11CheckDigit(ruc, PRIVATE_WEIGHTS);
  return check !== null && check === digitAt(ruc, 9);
}

/** Entidad pública: weights over digits 1–8, check in digit 9. */
export function passesPublicWeights(ruc: string): boolean {
  const check = modulo11CheckDigit(ruc, PUBLIC_WEIGHTS);
  return check !== null && check === digitAt(ruc, 8);
}

export function checkRuc(value: unknown, options?: RucOptions): RucCheck {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (typeof value !== 'string') {
    errors.push(value === null || value === undefined ? EMPTY : NOT_TEXT);
    return rucResult(errors, warnings, null, [], null);
  }
  const ruc = stripSeparators(value);
  if (!readableDigits(ruc, errors)) return rucResult(errors, warnings, null, [], null);

  const provinceCode = digitAt(ruc, 0) * 10 + digitAt(ruc, 1);
  const status = provinceStatus(provinceCode);
  if (status === 'unknown') errors.push(unknownProvince(provinceCode));
  if (status === 'foreign_50') warnings.push(PROVINCE_50);

  const kinds = checkByThirdDigit(ruc, errors, warnings);
  const expected = readField(options, 'expectedKind');
  if (errors.length === 0 && isRucKind(expected) && !kinds.includes(expected)) {
    warnings.push(kindMismatch(kinds[0] ?? 'privada', expected, digitAt(ruc, 2)));
  }
  return rucResult(errors, warnings, ruc, errors.length === 0 ? kinds : [], provinceName(provinceCode));
}

function isRucKind(value: unknown): value is RucKind {
  return value === 'natural' || value === 'privada' || value === 'publica';
}

/** The kinds the number is valid for, likelier first; errors when it is valid for none. */
function checkByThirdDigit(ruc: string, errors: Issue[], warnings: Issue[]): RucKind[] {
  const third = digitAt(ruc, 2);
  if (third <= 5) return checkNatural(ruc, errors);
  if (third === 6) return checkPublic(ruc, errors);
  if (third === 9) return checkPrivate(ruc, errors, warnings);
  errors.push(THIRD_DIGIT);
  return [];
}

/** Persona natural: a valid cédula plus an establishment other than 000. */
function checkNatural(ruc: string, errors: Issue[]): RucKind[] {
  if (!cedulaCheckDigitMatches(ruc)) errors.push(CHECK_DIGIT);
  if (ruc.endsWith('000')) errors.push(ESTABLISHMENT);
  return ['natural'];
}

/**
 * Third digit 6: a public entity, or a foreigner who is a natural person (their cédula has 6
 * as third digit). Either rule passing is enough, and both may pass (e.g. 1760000073001);
 * failing both is an error.
 */
function checkPublic(ruc: string, errors: Issue[]): RucKind[] {
  const publicCheck = passesPublicWeights(ruc);
  const naturalCheck = cedulaCheckDigitMatches(ruc);
  const kinds: RucKind[] = [];
  if (publicCheck && !ruc.endsWith('0000')) kinds.push('publica');
  if (naturalCheck && !ruc.endsWith('000')) kinds.push('natural');
  if (kinds.length === 0) errors.push(publicCheck || naturalCheck ? ESTABLISHMENT : CHECK_DIGIT);
  return kinds;
}

/**
 * Third digit 9: structure is strict, the check digit is not — the SRI stopped honouring the
 * módulo 11 for companies, and some validate only with the public weights. Failing both is a
 * warning so the clerk confirms with the SRI / central instead of turning the employer away.
 * A number passing the public weights is a public entity's too.
 */
function checkPrivate(ruc: string, errors: Issue[], warnings: Issue[]): RucKind[] {
  if (ruc.endsWith('000')) {
    errors.push(ESTABLISHMENT);
    return [];
  }
  const publicCheck = passesPublicWeights(ruc);
  if (!passesPrivateWeights(ruc) && !publicCheck) warnings.push(SRI_CONFIRM);
  return publicCheck && !ruc.endsWith('0000') ? ['privada', 'publica'] : ['privada'];
}

function readableDigits(ruc: string, errors: Issue[]): boolean {
  if (ruc.length === 0) errors.push(EMPTY);
  else if (!isAllDigits(ruc)) errors.push(NOT_DIGITS);
  else if (ruc.length !== RUC_LENGTH) errors.push(wrongLength(ruc.length));
  return errors.length === 0;
}

/** Built as a literal, not by spreading checkResult: spreading costs ~40× on this hot path. */
function rucResult(
  errors: Issue[],
  warnings: Issue[],
  ruc: string | null,
  kinds: RucKind[],
  province: string | null,
): RucCheck {
  const ok = errors.length === 0;
  const establishment = ruc === null ? null : ruc.slice(10);
  return { ok, errors, warnings, normalized: ok ? ruc : null, kind: kinds[0] ?? null, kinds, province, establishment };
}

const EMPTY = issue('ruc.empty', 'Ingrese el número de RUC.');
const NOT_TEXT = issue('ruc.type', 'El RUC debe ingresarse como texto de 13 dígitos.');
const NOT_DIGITS = issue('ruc.not_digits', 'El RUC solo puede contener números.');
const THIRD_DIGIT = issue(
  'ruc.third_digit',
  'El tercer dígito del RUC no corresponde a ningún tipo de contribuyente (debe ser de 0 a 6, o 9).',
);
const CHECK_DIGIT = issue(
  'ruc.check_digit',
  'El dígito verificador del RUC no es válido. Revise el número con el documento del SRI.',
);
const ESTABLISHMENT = issue(
  'ruc.establishment',
  'Los últimos dígitos del RUC (número de establecimiento) no pueden ser todos ceros.',
);
const SRI_CONFIRM = issue(
  'ruc.sri_confirm',
  'El dígito verificador de este RUC de sociedad no cuadra con las fórmulas conocidas; algunos RUC reales y activos están en este caso. Antes de continuar, confirmar con el SRI que el RUC existe y está activo.',
);
const PROVINCE_50 = issue(
  'ruc.province_50',
  'El RUC empieza con 50, un código poco común (asignado a extranjeros). Confirme el número con el documento del SRI.',
);

/** Spanish names of the kinds, as the applicant-kind choice words them. */
export const RUC_KIND_LABELS: Readonly<Record<RucKind, string>> = {
  natural: 'persona natural',
  privada: 'sociedad privada',
  publica: 'entidad pública',
};

function kindMismatch(likelier: RucKind, expected: RucKind, third: number): Issue {
  const foreignerHint =
    expected === 'natural' && third === 9
      ? ' El SRI también da el tercer dígito 9 a extranjeros sin cédula.'
      : '';
  return issue(
    'ruc.kind',
    `Por sus dígitos, este RUC parece de una ${RUC_KIND_LABELS[likelier]} (tercer dígito ${third}), y se eligió ${RUC_KIND_LABELS[expected]}.${foreignerHint} Confirme el tipo de solicitante con el certificado del RUC; si coincide, continúe.`,
  );
}

function wrongLength(length: number): Issue {
  return issue('ruc.length', `El RUC debe tener 13 dígitos; se ingresaron ${length}.`);
}

function unknownProvince(code: number): Issue {
  const shown = String(code).padStart(2, '0');
  return issue(
    'ruc.province',
    `Los dos primeros dígitos del RUC (${shown}) no corresponden a ninguna provincia.`,
  );
}
