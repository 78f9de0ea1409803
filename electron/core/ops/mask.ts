// Masks personal data out of text that leaves the database: log lines and the support
// diagnostic. Handlers are told never to log personal data (core/context.ts); this is the net
// under that rule, for the exception message that quotes a value or the field someone adds
// without thinking. It errs on the side of masking: a masked word in a log costs nothing, a
// cédula in a file sent to support is a breach (LOPDP Art. 37).
//
// Written here rather than taken from a library: the patterns are Ecuadorian (cédula, RUC of a
// natural person) and the whole thing is a few regular expressions.

export const MASKS = {
  cedula: '[cédula]',
  ruc: '[ruc]',
  email: '[correo]',
  name: '[nombre]',
  hidden: '[oculto]',
} as const;

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

/** Masks cédulas, RUCs of natural persons, e-mail addresses and names in a text. */
export function maskText(text: string): string {
  return text.replace(EMAIL, MASKS.email).replace(ID_NUMBER, maskIdNumber).replace(NAME, MASKS.name);
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
