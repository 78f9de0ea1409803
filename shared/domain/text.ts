/**
 * Small text helpers shared by the identity checks. Every one answers for any input (the
 * domain never throws, see issues.ts): a non-string is treated as empty.
 */

/**
 * Spaces, dots and dash-like characters people type or paste between digit groups
 * ("171430710-3", "1792 060 346 001", "17.1430.710-3"). Unicode dashes come from copying out of
 * documents. python-stdnum's and stdnum-js's `compact` strip only spaces and dashes; dots are
 * stripped here too because a clerk copying a number written with thousands separators should not
 * be refused for it while a dash passes.
 */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/g;

export function stripSeparators(raw: unknown): string {
  return typeof raw === 'string' ? raw.replace(SEPARATORS, '') : '';
}

/** Digit test without a regex: the cédula and RUC checks run a million times a second. */
export function isAllDigits(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return value.length > 0;
}

/** The digit at `index`; NaN when there is no digit there. */
export function digitAt(value: unknown, index: unknown): number {
  if (typeof value !== 'string' || typeof index !== 'number') return Number.NaN;
  const digit = value.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : Number.NaN;
}

/** NFC + trimmed + inner whitespace collapsed to one space. */
export function tidyText(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
}

/** Accent-insensitive, lower-case form: "Muñoz Peña" → "munoz pena". Only for searching. */
export function foldForSearch(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ' ');
}
