// What a person typed, safe to print back on a terminal. A command-line argument can hold
// terminal control sequences (ESC [2J clears the IT person's screen, ESC ]0; retitles it),
// invisible characters (requests.list followed by a zero-width space reads as requests.list) and
// any length. Written by hand: a dozen lines, and no maintained library escapes exactly the
// characters a terminal hides or obeys (jsesc and friends escape for JavaScript source).

/** Controls, format characters (zero-width, bidirectional overrides, soft hyphen, BOM), surrogates, private use, unassigned, and spaces other than ' '. */
const HIDDEN = /[\p{C}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Longest echo, in characters: enough for any real operation or file name. */
export const ECHO_MAX = 80;

/** `text` with every hidden character shown as \u{…}, cut to about ECHO_MAX characters with «…». */
export function shownArg(text: string, max = ECHO_MAX): string {
  let out = '';
  for (const ch of text) {
    const piece = ch !== ' ' && HIDDEN.test(ch) ? `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}` : ch;
    if (out.length + piece.length > max) return `${out}…`;
    out += piece;
  }
  return out;
}
