/** Contact data and person names (DOMAIN §4.4). */
import { checkResult, issue, type CheckResult, type Issue } from './issues';
import { describeCharacters, unprintableCharacters } from './printable';
import { foldForSearch, tidyText } from './text';

// --- Email: mandatory, the employer key is delivered to it -------------------------------

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Misspellings seen at counters; a warning lets the clerk ask instead of losing the key. */
const DOMAIN_TYPOS: Readonly<Record<string, string>> = {
  'gmial.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.es': 'gmail.com',
  'hotmial.com': 'hotmail.com',
  'hotmal.com': 'hotmail.com',
  'hotmail.con': 'hotmail.com',
  'outlok.com': 'outlook.com',
  'outlook.con': 'outlook.com',
  'yahoo.con': 'yahoo.com',
  'yaho.com': 'yahoo.com',
};

export function checkEmail(value: unknown): CheckResult {
  if (value === null || value === undefined) return checkResult([EMAIL_REQUIRED], [], null);
  if (typeof value !== 'string') return checkResult([EMAIL_FORMAT], [], null);
  const email = value.trim();
  if (email === '') return checkResult([EMAIL_REQUIRED], [], null);
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  // Domains are case-insensitive; the local part is kept as typed (it may legally differ).
  const domain = email.slice(at + 1).toLowerCase();
  const wellFormed =
    at > 0 && local.length <= 64 && email.length <= 254 && EMAIL_LOCAL.test(local) && EMAIL_DOMAIN.test(domain);
  if (!wellFormed) return checkResult([EMAIL_FORMAT], [], null);
  const suggestion = DOMAIN_TYPOS[domain];
  const warnings = suggestion === undefined ? [] : [domainTypo(`${local}@${suggestion}`)];
  return checkResult([], warnings, `${local}@${domain}`);
}

const EMAIL_REQUIRED = issue(
  'email.required',
  'El correo electrónico es obligatorio: la clave patronal se entrega a ese correo.',
);
const EMAIL_FORMAT = issue(
  'email.format',
  'El correo electrónico no es válido. Revíselo con el solicitante (ejemplo: nombre@dominio.com).',
);

function domainTypo(suggested: string): Issue {
  return issue('email.domain_typo', `¿Quiso decir ${suggested}? Confirme el correo con el solicitante.`);
}

// --- Ecuadorian mobile: 09 + 8 digits -------------------------------------------------------

/** Accepts 0991234567, 099 123 4567, +593 99 123 4567, 00593991234567, 593991234567. */
export function checkMobile(value: unknown): CheckResult {
  if (value === null || value === undefined) return checkResult([MOBILE_REQUIRED], [], null);
  if (typeof value !== 'string') return checkResult([MOBILE_FORMAT], [], null);
  const compact = value.replace(/[\s\-().]/g, '');
  if (compact === '') return checkResult([MOBILE_REQUIRED], [], null);
  const national = toNationalNumber(compact);
  return /^09\d{8}$/.test(national)
    ? checkResult([], [], national)
    : checkResult([MOBILE_FORMAT], [], null);
}

/** Replaces the country code (+593, 00593, 593) by the national trunk prefix 0. */
function toNationalNumber(compact: string): string {
  const international = /^(?:\+|00)?593(9\d{8})$/.exec(compact);
  if (international) return `0${international[1]}`;
  // "991234567": the trunk 0 is often left out when the number is dictated.
  return /^9\d{8}$/.test(compact) ? `0${compact}` : compact;
}

const MOBILE_REQUIRED = issue('mobile.required', 'Ingrese el número de celular.');
const MOBILE_FORMAT = issue(
  'mobile.format',
  'El celular debe tener 10 dígitos y empezar con 09 (por ejemplo 0991234567, o +593 99 123 4567).',
);

// --- Ecuadorian landline: area code 02–07 + 7 digits ------------------------------------------

/**
 * Accepts 022345678, (02) 234-5678, +593 2 234 5678. Ecuador's fixed numbers are a one-digit
 * area code 2–7 after the trunk 0 and seven digits (ARCOTEL's numbering plan); optional where
 * asked for (an affiliate may have none), so '' is "not given", never an error.
 */
export function checkLandline(value: unknown): CheckResult {
  if (value === null || value === undefined) return checkResult([], [], '');
  if (typeof value !== 'string') return checkResult([LANDLINE_FORMAT], [], null);
  const compact = value.replace(/[\s\-().]/g, '');
  if (compact === '') return checkResult([], [], '');
  const international = /^(?:\+|00)?593([2-7]\d{7})$/.exec(compact);
  const national = international ? `0${international[1]}` : compact;
  return /^0[2-7]\d{7}$/.test(national) ? checkResult([], [], national) : checkResult([LANDLINE_FORMAT], [], null);
}

const LANDLINE_FORMAT = issue(
  'landline.format',
  'El teléfono fijo tiene 9 dígitos: el código de provincia (02 a 07) y 7 dígitos (por ejemplo 022345678).',
);

// --- Person names ---------------------------------------------------------------------------

export const PERSON_NAME_MAX_LENGTH = 120;

/** Letters (with accents and ñ) in words joined by one space, apostrophe or hyphen. */
const PERSON_NAME = /^[\p{L}\p{M}]+(?:[ '’-][\p{L}\p{M}]+)*$/u;

export interface PersonNameCheck extends CheckResult {
  /** Accent-insensitive key to index and search by; null when the name is not valid. */
  searchKey: string | null;
}

/** Names are stored NFC-normalized with their accents and ñ, whitespace collapsed. */
export function checkPersonName(value: unknown): PersonNameCheck {
  if (value === null || value === undefined) return nameResult([NAME_REQUIRED], null);
  if (typeof value !== 'string') return nameResult([NAME_CHARACTERS], null);
  const name = tidyText(value);
  if (name === '') return nameResult([NAME_REQUIRED], null);
  if (name.length > PERSON_NAME_MAX_LENGTH) return nameResult([NAME_TOO_LONG], null);
  // Names are printed on IESS forms in the Latin alphabet (printable.ts): another script is typed
  // as the passport's machine-readable zone transliterates it.
  const unprintable = unprintableCharacters(name);
  if (unprintable.length > 0) return nameResult([nameScript(unprintable)], null);
  if (!PERSON_NAME.test(name)) return nameResult([NAME_CHARACTERS], null);
  return nameResult([], name);
}

/**
 * Search key: diacritics stripped and lower-cased, so "MUÑOZ" finds "Muñoz" and "Munoz".
 * Folding ñ to n is acceptable here (it only widens a search) but never in stored names.
 */
export function searchKey(name: unknown): string {
  return typeof name === 'string' ? foldForSearch(name) : '';
}

function nameResult(errors: Issue[], name: string | null): PersonNameCheck {
  const result = checkResult(errors, [], name);
  return { ...result, searchKey: result.normalized === null ? null : searchKey(result.normalized) };
}

const nameScript = (chars: string[]) =>
  issue(
    'name.script',
    `Los formularios impresos no pueden representar ${describeCharacters(chars)}: escriba los nombres con el alfabeto latino, como en la zona de lectura mecánica (MRZ) del pasaporte.`,
  );
const NAME_REQUIRED = issue('name.required', 'Ingrese los apellidos y nombres.');
const NAME_TOO_LONG = issue('name.too_long', `Los nombres no pueden superar ${PERSON_NAME_MAX_LENGTH} caracteres.`);
const NAME_CHARACTERS = issue(
  'name.characters',
  'Los nombres solo pueden tener letras (con tildes y ñ), espacios, apóstrofos y guiones; sin números ni símbolos.',
);
