// The one CSV writer (electron/core/csv.ts): every way a cell can start a formula in Excel,
// LibreOffice or Numbers is written as text.
import { describe, expect, it } from 'vitest';
import { writeCsv } from '../../electron/core/csv';

describe('writeCsv', () => {
  it('neutralises every cell that starts like a formula, and leaves numbers and plain text alone', () => {
    const hostile = ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '\uFF1D1', '\uFF0B1', '\uFF0D1', '\uFF20x', "=cmd|' /C calc'!A0"];
    const csv = writeCsv(['valor'], [...hostile.map((h) => [h]), [-3], ['Muñoz'], [null]]);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('valor');
    for (const [i, h] of hostile.entries()) {
      const line = lines[i + 1]!;
      // Quoted when it holds a CR; either way the cell's text starts with an apostrophe.
      expect(line.replace(/^"/, '')).toMatch(/^'/);
      expect(line).toContain(h.replace(/"/g, '""'));
    }
    expect(lines.slice(hostile.length + 1)).toEqual(['-3', 'Muñoz', '', '']);
  });

  it("starts with a BOM, separates with ';', quotes separators, quotes and line breaks", () => {
    const csv = writeCsv(['a', 'b'], [['x;y', 'di "hola"'], ['dos\nlíneas', 'ñ']]);
    expect(csv).toBe('\uFEFFa;b\r\n"x;y";"di ""hola"""\r\n"dos\nlíneas";ñ\r\n');
  });
});
