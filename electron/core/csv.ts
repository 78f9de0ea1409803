// The one CSV writer of the app (end-of-day report, audit export). The files are opened by
// supervisors and administrators in Excel on es-EC computers, so they are written for it:
//   - UTF-8 with a byte-order mark: without it Excel reads UTF-8 as ANSI ("MuÃ±oz");
//   - ';' between fields: Excel splits on the system's list separator, which is ';' wherever
//     the decimal mark is a comma (es-EC), so a ',' file opened as one column;
//   - CRLF line ends and RFC 4180 quoting;
//   - formula injection neutralised (OWASP "CSV Injection"): a text cell that starts with
//     = + - @, tab or CR (or their full-width forms) gets a leading apostrophe, so Excel shows
//     it as text instead of running it (a display name "=cmd|' /C calc'!A0").
// csv-stringify (the node-csv project) does the quoting and the escaping; this file fixes the
// options so that no export can forget one.
import { stringify } from 'csv-stringify/sync';

export const CSV_SEPARATOR = ';';
export const CSV_MIME = 'text/csv;charset=utf-8';
const BOM = '\uFEFF';

export type CsvCell = string | number | null | undefined;

/** The whole file as text, BOM first: write it as UTF-8 as it is. */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const text = stringify([header, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : cell)))], {
    delimiter: CSV_SEPARATOR,
    record_delimiter: 'windows',
    escape_formulas: true,
    // csv-stringify quotes the record delimiter (CRLF here) but not a lone LF or CR, which
    // spreadsheets read as a line break all the same.
    quoted_match: /[\r\n]/,
    // Numbers stay numbers (a negative count is not a formula); everything else is text.
    cast: { number: (n) => String(n) },
  });
  return BOM + text;
}
