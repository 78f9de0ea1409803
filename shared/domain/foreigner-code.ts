/**
 * Código de identificación para extranjeros (DOMAIN §4.3): assigned by IESS to foreign workers
 * without cédula. Its format is not public, so the pattern is configuration; central services
 * have the final word when online.
 */
import { readField } from './fields';
import { checkResult, issue, type CheckResult } from './issues';
import { stripSeparators } from './text';

/** *(assumption)* 6 to 20 letters or digits, until IESS tells us the real format. */
export const DEFAULT_FOREIGNER_CODE_PATTERN = '[A-Z0-9]{6,20}';

export interface ForeignerCodeOptions {
  /** RegExp source matched against the whole normalized code (upper case, no spaces/dashes). */
  pattern?: string;
}

export function checkForeignerCode(value: unknown, options: ForeignerCodeOptions = {}): CheckResult {
  const configured = readField(options, 'pattern');
  const pattern = compileWholeMatch(configured ?? DEFAULT_FOREIGNER_CODE_PATTERN);
  if (pattern === null) return checkResult([PATTERN_INVALID], [], null);
  if (value === null || value === undefined) return checkResult([EMPTY], [], null);
  if (typeof value !== 'string') return checkResult([NOT_TEXT], [], null);
  const code = stripSeparators(value).toUpperCase();
  if (code === '') return checkResult([EMPTY], [], null);
  return pattern.test(code) ? checkResult([], [], code) : checkResult([FORMAT], [], null);
}

/** Anchored so a configured "[0-9]{8}" cannot match inside a longer code; null if invalid. */
function compileWholeMatch(source: unknown): RegExp | null {
  if (typeof source !== 'string') return null;
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return null;
  }
}

const EMPTY = issue('foreigner_code.empty', 'Ingrese el código de identificación para extranjeros.');
const NOT_TEXT = issue('foreigner_code.type', 'El código de identificación para extranjeros debe ingresarse como texto.');
const FORMAT = issue(
  'foreigner_code.format',
  'El código de identificación para extranjeros no tiene el formato esperado. Revíselo con el documento entregado por el IESS.',
);
const PATTERN_INVALID = issue(
  'foreigner_code.pattern_invalid',
  'El formato configurado para el código de extranjeros no es válido. Avise al administrador.',
);
