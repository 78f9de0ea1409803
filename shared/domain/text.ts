/** Small text helpers shared by the identity checks. */

/**
 * Spaces and dash-like characters people type or paste between digit groups
 * ("171430710-3", "1792 060 346 001"). Unicode dashes come from copying out of documents.
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

export function stripSeparators(raw: string): string {
  return raw.replace(SEPARATORS, '');
}

/** Digit test without a regex: the cédula and RUC checks run a million times a second. */
export function isAllDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return value.length > 0;
}

export function digitAt(value: string, index: number): number {
  return value.charCodeAt(index) - 48;
}

/** NFC + trimmed + inner whitespace collapsed to one space. */
export function tidyText(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Accent-insensitive, lower-case form: "Muñoz Peña" → "munoz pena". Only for searching. */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}
