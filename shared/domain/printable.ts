/**
 * What the printed forms can represent faithfully. The forms are set in the embedded DejaVu
 * Sans (build/fonts/), left to right, without shaping: a character outside this repertoire would
 * print as an empty box (Chinese, Devanagari, Thai: DejaVu has no glyphs for them), reversed or
 * unjoined (Hebrew, Arabic: DejaVu has the glyphs, but pdfkit neither reorders right-to-left
 * text nor joins Arabic letters), or not at all (control and format characters, bidi overrides,
 * zero-width joiners), and emoji are not letters of anybody's name. IESS forms carry names in
 * the Latin alphabet; for a name written in another script the passport's machine-readable zone
 * (ICAO 9303) already gives its Latin transliteration, which is what the clerk types.
 *
 * The repertoire: printable Basic Latin, Latin-1 (without the invisible soft hyphen), Latin
 * Extended-A and -B, Latin Extended Additional (Vietnamese; up to U+1EFB, where DejaVu stops),
 * general punctuation dashes, quotes, bullets and ellipsis, €, №. Text is checked after NFC, so a
 * name typed with combining accents counts as its precomposed letters. test/unit/forms/printable
 * checks that both embedded faces have a glyph for every character accepted here.
 */
import { readField, readText } from './fields';
import { issue, type Issue } from './issues';

const RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ac],
  [0x00ae, 0x024f],
  [0x1e00, 0x1efb],
  [0x2010, 0x2027],
  [0x20ac, 0x20ac],
  [0x2116, 0x2116],
];

export function isPrintableCodePoint(cp: number): boolean {
  if (typeof cp !== 'number') return false;
  for (const [from, to] of RANGES) if (cp >= from && cp <= to) return true;
  return false;
}

/** The distinct characters of a text (NFC) that the forms cannot print, in order of appearance. */
export function unprintableCharacters(text: string): string[] {
  const found: string[] = [];
  if (typeof text !== 'string') return found;
  for (const ch of text.normalize('NFC')) {
    if (!isPrintableCodePoint(ch.codePointAt(0)!) && !found.includes(ch)) found.push(ch);
  }
  return found;
}

/** «李» (U+674E): invisible characters still get a name a person can report. */
export function describeCharacter(ch: string): string {
  if (typeof ch !== 'string' || ch === '') return 'un carácter desconocido';
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const visible = /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) && !/\p{M}/u.test(ch);
  return visible ? `«${ch}» (${code})` : `un carácter invisible o de control (${code})`;
}

export function describeCharacters(chars: readonly string[]): string {
  if (!Array.isArray(chars) || chars.length === 0) return '';
  const shown = chars.slice(0, 3).map(describeCharacter);
  if (chars.length > 3) return `${shown.join(', ')} y ${chars.length - 3} más`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} y ${shown.at(-1)}`;
}

export interface PrintableCheckOptions {
  /** The field as the screen names it: "Razón social", "Nombres del representante legal". */
  label: string;
  /** A person's name: the advice is the passport's Latin transliteration. */
  personName?: boolean;
}

/** Null when every character prints; otherwise the Spanish reason, naming the field. */
export function checkPrintable(value: string, options: PrintableCheckOptions): Issue | null {
  const bad = unprintableCharacters(value);
  if (bad.length === 0) return null;
  const label = readText(options, 'label') ?? 'El texto';
  const advice = readField(options, 'personName') === true
    ? 'Escríbalos con el alfabeto latino, como en la zona de lectura mecánica (MRZ) del pasaporte.'
    : 'Use letras del alfabeto latino, números y signos de puntuación comunes.';
  return issue('text.unprintable', `${label}: los formularios impresos no pueden representar ${describeCharacters(bad)}. ${advice}`);
}
