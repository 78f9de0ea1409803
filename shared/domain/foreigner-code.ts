/**
 * Código de identificación para extranjeros (DOMAIN §4.3): assigned by IESS to foreign workers
 * without cédula. Its format is not public, so the pattern is configuration; central services
 * have the final word when online.
 */
import { RE2JS } from 're2js';
import { readField } from './fields';
import { checkResult, issue, type CheckResult } from './issues';
import { stripSeparators } from './text';

/** *(assumption)* 6 to 20 letters or digits, until IESS tells us the real format. */
export const DEFAULT_FOREIGNER_CODE_PATTERN = '[A-Z0-9]{6,20}';

export interface ForeignerCodeOptions {
  /** RE2 pattern matched against the whole normalized code (upper case, no spaces/dashes). */
  pattern?: string;
}

export function checkForeignerCode(value: unknown, options: ForeignerCodeOptions = {}): CheckResult {
  const configured = readField(options, 'pattern');
  if (configured !== undefined && typeof configured !== 'string') return checkResult([PATTERN_INVALID], [], null);
  const pattern = compileWholeMatch(configured ?? DEFAULT_FOREIGNER_CODE_PATTERN);
  if (pattern === null) return checkResult([PATTERN_INVALID], [], null);
  if (value === null || value === undefined) return checkResult([EMPTY], [], null);
  if (typeof value !== 'string') return checkResult([NOT_TEXT], [], null);
  const code = stripSeparators(value).toUpperCase();
  if (code === '') return checkResult([EMPTY], [], null);
  return pattern.matches(code) ? checkResult([], [], code) : checkResult([FORMAT], [], null);
}

/**
 * The configured pattern as an RE2 automaton, matched against the whole code (a configured
 * "[0-9]{8}" cannot match inside a longer code); null if it does not compile. RE2 (re2js, a pure
 * JavaScript port that also runs in the screens) never backtracks: a check costs time linear in
 * the code's length whatever the administrator wrote, where JavaScript's own RegExp took 14 s for
 * 26 letters against A*A*…A*B. RE2 also refuses what would need backtracking (back-references,
 * lookarounds) and repetition counts whose product exceeds 1000.
 */
const compiled = new Map<string, RE2JS | null>();
export function compileWholeMatch(source: string): RE2JS | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = RE2JS.compile(`^(?:${source})$`);
    } catch {
      re = null;
    }
    // A desk has one configured pattern (and the default): the cache stays tiny.
    if (compiled.size > 16) compiled.clear();
    compiled.set(source, re);
  }
  return re;
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
