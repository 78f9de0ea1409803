// The collected output (electron/core/forms/pdfoutput.ts) must be the file pdfkit streams, byte for
// byte: the same document drawn with and without it — text in both faces, compressed streams,
// an info dictionary with non-ASCII text (beyond Latin-1 and the BMP), a second page — gives the same PDF.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfBytes } from './pdf-bytes';
import { loadFonts } from '../../../electron/core/forms/fonts';
import { collectOutput } from '../../../electron/core/forms/pdfoutput';
import { openFaces } from '../../../electron/core/forms/pdffonts';

const NAMES = { regular: 'Regular', bold: 'Bold' };

function draw(collect: boolean): Promise<Buffer> {
  return pdfBytes((doc) => {
    if (collect) collectOutput(doc);
    // Outside Latin-1 and outside the BMP too: pdfkit writes such text as UTF-16 bytes.
    doc.info.Title = 'Solicitud — Ñandú «año» 2026 😀 漢字 ∑';
    doc.info.Author = 'Zoológico \u0000\u00ff\ud83d\ude00';
    openFaces(doc, loadFonts(), NAMES);
    for (const page of [1, 2]) {
      doc.addPage();
      doc.font(NAMES.bold).fontSize(12).text(`Página ${page}: Zoológico Ñandú, cédula N.º 0602910945 😀 漢字`, 50, 50, { width: 400 });
      doc.font(NAMES.regular).fontSize(9).text('Primera. Clave personal e intransferible: el empleador se obliga a custodiar la clave. '.repeat(8), { width: 480, align: 'justify' });
      doc.rect(50, 400, 100, 20).fill('#e3e3e3');
    }
  });
}

describe('collected pdfkit output', () => {
  it('is the file pdfkit streams, byte for byte', async () => {
    const streamed = await draw(false);
    const collected = await draw(true);
    expect(collected.length).toBeGreaterThan(10_000);
    expect(collected.equals(streamed)).toBe(true);
  });

  it('a document without pdfkit 0.20 output internals fails loudly, naming the file to adapt', () => {
    const doc = new PDFDocument({ size: 'A4' });
    (doc as unknown as { _offset: unknown })._offset = undefined;
    expect(() => collectOutput(doc)).toThrow(/electron\/core\/forms\/pdfoutput\.ts/);
  });
});
