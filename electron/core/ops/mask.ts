// Masks personal data out of text that leaves the database: log lines and the support
// diagnostic. Handlers are told never to log personal data (core/context.ts); this is the net
// under that rule, for the exception message that quotes a value or the field someone adds
// without thinking. It errs on the side of masking: a masked word in a log costs nothing, a
// cédula in a file sent to support is a breach (LOPDP Art. 37).
//
// Written here rather than taken from a library: the patterns are Ecuadorian (cédula, RUC of a
// natural person, phone numbers) and the whole thing is a few regular expressions. Lower-case
// names are recognised with the Spanish first- and last-name lists zxcvbn-ts maintains
// (@zxcvbn-ts/language-es-es), which also hold many Ecuadorian surnames (Quishpe, Toapanta).
import { dictionary } from '@zxcvbn-ts/language-es-es';
import { cedulaCheckDigitMatches } from '../../../shared/domain/cedula';

export const MASKS = {
  cedula: '[cédula]',
  ruc: '[ruc]',
  phone: '[teléfono]',
  passport: '[pasaporte]',
  email: '[correo]',
  name: '[nombre]',
  hidden: '[oculto]',
} as const;

/**
 * Every decimal digit as its ASCII digit: full-width (１７１…), Arabic-Indic and the other
 * scripts' digits would otherwise walk past every pattern below. Unicode keeps each script's
 * digits in runs of ten starting at zero, so a digit's value is its distance from its run's start.
 */
function asciiDigits(text: string): string {
  return text.replace(/[^\p{ASCII}]/gu, (ch) => {
    if (!/\p{Nd}/u.test(ch)) return ch;
    let start = ch.codePointAt(0)!;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((ch.codePointAt(0)! - start) % 10);
  });
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

// Runs of exactly 10 or 13 digits (a cédula, a 10-digit phone, a RUC), optionally with the
// hyphen before the check digit some people type (171234567-8). Longer runs (timestamps in
// microseconds, hashes) are left alone by the look-arounds.
const ID_NUMBER = /(?<![\p{N}])(\d{9}-?\d(?:\d{3})?)(?![\p{N}])/gu;

// Two or more capitalised words, optionally joined by the particles of Spanish surnames:
// "María José Pérez de la Torre", "JUAN PÉREZ". Code and its log messages are English and
// lower-case by convention, so what this catches in a message is nearly always a name.
const WORD = String.raw`\p{Lu}[\p{L}'’]*`;
const PARTICLE = String.raw`(?:de|del|la|las|los|y|da|van|von)`;
const NAME = new RegExp(String.raw`(?<![\p{L}\p{N}_])${WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)*${WORD})+(?![\p{L}\p{N}_])`, 'gu');

/** Field names whose value is personal (or secret) whatever it looks like. */
const PERSONAL_KEY =
  /(nombre|name|apellido|correo|e-?mail|cedula|cédula|ruc|identific|pasaporte|passport|telefono|teléfono|phone|celular|mobile|direcci|address|password|contrase|token|secret|clave)/i;

function maskIdNumber(match: string): string {
  const digits = match.replace('-', '');
  if (digits.length === 10) return MASKS.cedula;
  // A RUC's third digit says who holds it: 0–5 a natural person (cédula + 001, personal
  // data); 6 a public body and 9 a company, which support needs to see.
  const third = Number(digits[2]);
  return third <= 5 ? MASKS.ruc : match;
}

// Digits in groups joined by one space, dot, hyphen or parenthesis, as people type or dictate
// them: "171 003 4065", "1.710.034.065", "+593 99 123 4567", "(02) 234 5678".
const DIGIT_GROUPS = /(?<![\p{L}\p{N}_])(?:\+\s?)?\(?\d+\)?(?:[ .-]\(?\d+\)?)+(?![\p{L}\p{N}_])/gu;

/** What a run of digits is, when it is personal: a phone, a cédula or a natural person's RUC. */
function classifyDigits(digits: string, international: boolean): string | null {
  const national = international || /^(?:00)?593\d{8,9}$/.test(digits) ? `0${digits.replace(/^(?:00)?593/, '')}` : digits;
  if (/^09\d{8}$/.test(national) || /^0[2-7]\d{7}$/.test(national)) return MASKS.phone;
  // Separated digits are taken for a cédula only when they are one (a natural person's third
  // digit, the check digit right), so that a date and time such as 2026-11-20 14:00 is left alone.
  const cedula = (d: string) => d.length === 10 && Number(d[2]) <= 5 && cedulaCheckDigitMatches(d);
  if (cedula(digits)) return MASKS.cedula;
  if (digits.length === 13 && cedula(digits.slice(0, 10)) && digits.endsWith('001')) return MASKS.ruc;
  return null;
}

/**
 * Within a run of digit groups, the longest leading groups that form a personal number are
 * masked, then the rest is looked at again: "1790016919001 171 003 4065" masks only the cédula.
 */
function maskDigitGroups(run: string): string {
  const international = /^\+|^00\s?593/.test(run);
  const parts = run.split(/(?<=\d\)?)(?=[ .-]\(?\d)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let taken = 0;
    let mask: string | null = null;
    for (let j = parts.length; j > i; j--) {
      mask = classifyDigits(parts.slice(i, j).join('').replace(/\D/g, ''), international && i === 0);
      if (mask) {
        taken = j - i;
        break;
      }
    }
    if (mask) {
      out.push(`${/^[ .-]/.test(parts[i]!) ? parts[i]![0] : ''}${mask}`);
      i += taken;
    } else out.push(parts[i++]!);
  }
  return out.join('');
}

// Passport and other document numbers: upper-case letters and at least five digits in one token
// (AB1234567, X12345678), or any token after the word pasaporte/passport. Hashes and UUIDs in
// logs are lower-case hexadecimal and never match the first form.
const DOCUMENT_NUMBER = /(?<![\p{L}\p{N}_-])(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z]*\d){5})[A-Z0-9]{6,15}(?![\p{L}\p{N}_-])/gu;
const AFTER_PASSPORT_WORD = /\b(pasaporte|passport)(\s*(?:n\.?º|no\.?|nro\.?|núm\.?|#|:)?\s*)([\p{L}\p{N}-]{4,20})/giu;

// Lower-case names ("rosa elena guamán chicaiza"): two or more words from the name lists, or
// with the letters of Spanish (á, ñ…) that English log messages never have, joined by the
// particles of Spanish surnames; one more unknown word on each side goes with them ("ana" is on
// neither list). Words of the messages themselves that happen to be surnames are left out.
const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '');
const NAME_LIST = new Set<string>([...dictionary['firstnames-es-es'], ...dictionary['lastnames-es-es'], 'ana', 'eva', 'sara', 'zoila', 'monica', 'begona', 'camila', 'alexandra', 'ordonez', 'iniguez']);
const NOT_NAMES = new Set(['server', 'page', 'codes', 'max', 'for', 'the', 'and', 'with', 'from', 'after', 'before', 'saved', 'failed', 'request', 'intake', 'sync', 'backup', 'error', 'user', 'desk', 'central', 'rejected', 'sent', 'received', 'at', 'to', 'of', 'in', 'on', 'by']);
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'da', 'van', 'von']);
const LOWER_RUN = /(?<![\p{L}\p{N}_@.])\p{Ll}[\p{Ll}\p{M}'’]*(?:[ \t]+\p{Ll}[\p{Ll}\p{M}'’]*)+(?![\p{L}\p{N}_@])/gu;

function maskLowerCaseNames(run: string): string {
  const words = run.split(/[ \t]+/);
  const isName = (w: string) => !NOT_NAMES.has(fold(w)) && (NAME_LIST.has(fold(w)) || /[áéíóúñü]/u.test(w));
  const masked = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; ) {
    if (!isName(words[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let names = 0;
    // Particles count only between names: "perez de la torre".
    while (j < words.length && (isName(words[j]!) || (PARTICLES.has(words[j]!) && j + 1 < words.length && words.slice(j + 1).some(isName)))) {
      if (isName(words[j]!)) names++;
      j++;
    }
    while (j > i && PARTICLES.has(words[j - 1]!)) j--;
    if (names >= 2) {
      const from = i > 0 && !NOT_NAMES.has(fold(words[i - 1]!)) && !PARTICLES.has(words[i - 1]!) ? i - 1 : i;
      const to = j < words.length && !NOT_NAMES.has(fold(words[j]!)) && !PARTICLES.has(words[j]!) ? j + 1 : j;
      for (let k = from; k < to; k++) masked[k] = true;
    }
    i = Math.max(j, i + 1);
  }
  const out: string[] = [];
  words.forEach((w, k) => {
    if (!masked[k]) out.push(w);
    else if (k === 0 || !masked[k - 1]) out.push(MASKS.name);
  });
  return out.join(' ');
}

/** Masks cédulas, RUCs of natural persons, phones, document numbers, e-mail addresses and names in a text. */
export function maskText(text: string): string {
  return asciiDigits(text)
    .replace(EMAIL, MASKS.email)
    .replace(AFTER_PASSPORT_WORD, (_m, word: string, sep: string) => `${word}${sep}${MASKS.passport}`)
    .replace(DOCUMENT_NUMBER, MASKS.passport)
    // Groups first, so that a RUC typed as "1710034065 001" is seen whole.
    .replace(DIGIT_GROUPS, maskDigitGroups)
    .replace(ID_NUMBER, maskIdNumber)
    .replace(NAME, MASKS.name)
    .replace(LOWER_RUN, maskLowerCaseNames);
}

const MAX_DEPTH = 6;

/** Masks every string in a value; a personal field name hides its value entirely. */
export function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    return { name: value.name, message: maskText(value.message), stack: value.stack ? maskText(value.stack.split('\n').slice(1, 8).join('\n')) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = PERSONAL_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean' ? MASKS.hidden : maskValue(v, depth + 1);
  }
  return out;
}

export function maskFields(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return fields === undefined ? undefined : (maskValue(fields) as Record<string, unknown>);
}
