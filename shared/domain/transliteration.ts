/**
 * Names as a passport's MRZ writes them (ICAO Doc 9303 Part 3, "Transliteration of
 * multinational Latin-based characters"): upper case A–Z only, apostrophes omitted, hyphens
 * and spaces as separators, and letters with diacritics transliterated — most lose the mark
 * (Á→A, Ç→C, Š→S), some become two letters (Ü→UE, Ö→OE, Ä→AE, Å→AA, Æ→AE, Ø→OE, Œ→OE,
 * ß→SS, Þ→TH, Ĳ→IJ) and Ñ may be written N or NXX.
 *
 * States do not all follow the recommendation: some print Ü as U, some use the reversible
 * XX forms (ÄXX, ÖXX, ÜXX, ÅXX). A typed name is therefore compared with every form a state
 * may print, so "Müller" matches MUELLER, MULLER and MUXXLLER, and "Muñoz" matches MUNOZ and
 * MUNXXOZ. Hand-written: no maintained package carries this table.
 */

/** Letters with more than one MRZ form; the first is ICAO's recommended transliteration. */
const ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  Ä: ['AE', 'AXX', 'A'],
  Å: ['AA', 'AXX', 'A'],
  Æ: ['AE'],
  Ö: ['OE', 'OXX', 'O'],
  Ø: ['OE', 'O'],
  Œ: ['OE'],
  Ü: ['UE', 'UXX', 'U'],
  Ñ: ['N', 'NXX'],
  ẞ: ['SS'],
  Þ: ['TH'],
  Ĳ: ['IJ'],
  // Letters that carry no combining mark, so NFD does not reduce them.
  Ð: ['D'],
  // Serbian and Croatian passports write Đ as DJ (Đoković → DJOKOVIC).
  Đ: ['D', 'DJ'],
  Ħ: ['H'],
  Ŀ: ['L'],
  Ł: ['L'],
  Ŋ: ['N'],
  Ŧ: ['T'],
};

/** Lower-case letters whose upper case is not a single letter of the table (ß → SS, ı → I). */
const LOWER_SPECIALS: Readonly<Record<string, string>> = { ß: 'ẞ', ı: 'I' };

/** Beyond this many combinations only the uniform readings are tried (no name comes close). */
const MAX_FORMS = 256;

/** One token per letter of the name: its possible MRZ spellings; ' ' separates words. */
function tokens(name: string): (readonly string[])[] {
  const out: (readonly string[])[] = [];
  for (const raw of name.normalize('NFC')) {
    const char = LOWER_SPECIALS[raw] ?? raw.toUpperCase();
    const special = ALTERNATIVES[char];
    if (special) {
      out.push(special);
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (/^[A-Z]+$/.test(base)) out.push([base]);
    else if (/^['’`´]$/.test(raw)) continue; // apostrophes are omitted: O'Brien → OBRIEN
    else out.push([' ']);
  }
  return out;
}

function tidy(form: string): string {
  return form.replace(/ +/g, ' ').trim();
}

/** ICAO's recommended MRZ form of a typed name, words separated by one space. */
export function toMrzName(name: unknown): string {
  if (typeof name !== 'string') return '';
  return tidy(tokens(name).map((options) => options[0] ?? '').join(''));
}

/** Every MRZ spelling a state may print for a typed name (recommended one first). */
export function mrzNameForms(name: unknown): string[] {
  if (typeof name !== 'string') return [];
  const letters = tokens(name);
  let count = 1;
  for (const options of letters) count *= options.length;
  if (count > MAX_FORMS) {
    const widest = Math.max(...letters.map((options) => options.length));
    const uniform = Array.from({ length: widest }, (_, i) =>
      tidy(letters.map((options) => options[Math.min(i, options.length - 1)] ?? '').join('')),
    );
    return [...new Set(uniform)];
  }
  let forms = [''];
  for (const options of letters) forms = forms.flatMap((prefix) => options.map((option) => prefix + option));
  return [...new Set(forms.map(tidy))];
}

/**
 * Whether a typed name matches the name read from the MRZ (words separated by spaces). A full
 * name field in the MRZ was cut, so the MRZ then only needs to be the start of the name.
 */
export function mrzNameMatches(fromMrz: unknown, typed: unknown, truncated = false): boolean {
  if (typeof fromMrz !== 'string' || typeof typed !== 'string') return false;
  const read = tidy(fromMrz.toUpperCase().replace(/</g, ' '));
  // A typed name without its tilde ("Nunez") still matches a reversible NXX in the MRZ.
  const readings = [read, read.replace(/NXX/g, 'N')];
  const forms = mrzNameForms(typed);
  return forms.some((form) => readings.some((r) => (truncated ? form.startsWith(r) : form === r)));
}
