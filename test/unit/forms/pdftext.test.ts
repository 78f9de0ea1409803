// The replayed lines (electron/core/forms/pdftext.ts) must not change a byte: the same text,
// drawn with pdfkit's own _fragment and with the replaying one — first (lines encoded) and again
// (lines replayed, in a document whose subset starts from other glyphs) — gives the same PDF,
// for every alignment the forms use and for what the replay hands back to pdfkit.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfBytes } from './pdf-bytes';
import { loadFonts } from '../../../electron/core/forms/fonts';
import { openFaces } from '../../../electron/core/forms/pdffonts';
import { replayLines } from '../../../electron/core/forms/pdftext';

const NAMES = { regular: 'Regular', bold: 'Bold' };

const SAMPLES = [
  'Primera. Clave personal e intransferible: el empleador se obliga a custodiar la clave, año 2026, y a no entregarla a terceros bajo ningún concepto ni circunstancia.',
  'Ordóñez Quishpe José Íñiguez — «Comercial Andina Cía. Ltda.»  dos  espacios, un\ttab y Ñ al final ',
  'unapalabrademasiadolargaparaunasolalineaquepdfkitdebepartirenvariospedazossinespacios'.repeat(2),
  ' ',
  'x',
  'ﬁn, office, ﬄ, fl — ligaduras y 1/2 ½ ºª ¿¡ AVATAR Tú Yo',
];

async function draw(replay: boolean, opening: string): Promise<Buffer> {
  const fonts = loadFonts();
  return pdfBytes((doc) => {
    openFaces(doc, fonts, NAMES);
    if (replay) replayLines(doc);
    doc.addPage();
    doc.font(NAMES.bold).fontSize(10).text(opening, 50, 40, { lineBreak: false });
    for (const [i, text] of SAMPLES.entries()) {
      for (const align of ['justify', 'left', 'center', 'right'] as const) {
        doc.font(i % 2 ? NAMES.bold : NAMES.regular).fontSize(8 + i);
        doc.text(text, 50, doc.y + 2, { width: 180 + 40 * i, align, lineGap: 1 });
      }
    }
    doc.font(NAMES.bold).fontSize(9.2).text('Primera. ', 50, doc.y, { width: 480, align: 'justify', continued: true });
    doc.font(NAMES.regular).text(SAMPLES[0]!.repeat(2), { width: 480, align: 'justify' });
    // Handed back to pdfkit: glyph offsets (a combining accent), underline, character spacing.
    doc.text('Cafe\u0301 con acento combinado, y otra línea más para justificar bien el párrafo entero.', 50, doc.y, { width: 200, align: 'justify' });
    doc.text('Subrayado', { underline: true });
    doc.text('Espaciado', { characterSpacing: 1.5, width: 200, align: 'justify' });
    doc.text(`${doc.x.toFixed(6)} ${doc.y.toFixed(6)}`, 50, 800, { lineBreak: false });
  });
}

describe('replayed pdfkit text lines', () => {
  it('draw exactly what pdfkit draws on its own, encoded first and replayed after', async () => {
    for (const opening of ['Zoológico Ñandú', 'abc']) {
      const plain = await draw(false, opening);
      const first = await draw(true, opening);
      const replayed = await draw(true, opening);
      expect(first.equals(plain), `first, ${opening}`).toBe(true);
      expect(replayed.equals(plain), `replayed, ${opening}`).toBe(true);
    }
  });

  it('a document without pdfkit 0.20 text internals fails loudly, naming the file to adapt', () => {
    const doc = new PDFDocument({ size: 'A4' });
    (doc as unknown as { _fragment: unknown })._fragment = undefined;
    expect(() => replayLines(doc)).toThrow(/electron\/core\/forms\/pdftext\.ts/);
  });
});
