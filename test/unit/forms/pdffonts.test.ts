// The shared text layout (electron/core/forms/pdffonts.ts) must not change a byte: the same text
// drawn with it and with pdfkit's own per-document layout gives the same PDF, and a document
// drawn after others (warm shared cache) is the same as one drawn first.
import { describe, expect, it } from 'vitest';
import { pdfBytes } from './pdf-bytes';
import { loadFonts } from '../../../electron/core/forms/fonts';
import { openFaces } from '../../../electron/core/forms/pdffonts';

const NAMES = { regular: 'Regular', bold: 'Bold' };

const SAMPLES = [
  'Primera. Clave personal e intransferible: el empleador se obliga a custodiar la clave, año 2026.',
  'Ordóñez Quishpe José Íñiguez — «Comercial Andina Cía. Ltda.»  dos  espacios, un\ttab y Ñ al final ',
  'unapalabrademasiadolargaparaunasolalineaquepdfkitdebepartirenvariospedazossinespacios'.repeat(2),
  ' ',
  'x',
  'ﬁn, office, ﬄ, fl — ligaduras y 1/2 ½ ºª ¿¡',
];

async function draw(useShared: boolean): Promise<Buffer> {
  const fonts = loadFonts();
  return pdfBytes((doc) => {
    if (useShared) openFaces(doc, fonts, NAMES);
    else {
      doc.registerFont(NAMES.regular, fonts.regular as unknown as Buffer);
      doc.registerFont(NAMES.bold, fonts.bold as unknown as Buffer);
      doc.font(NAMES.bold).font(NAMES.regular); // the same resource names as openFaces
    }
    doc.addPage();
    for (const [i, text] of SAMPLES.entries()) {
      doc.font(i % 2 ? NAMES.bold : NAMES.regular).fontSize(8 + i);
      doc.text(text, 50, doc.y + 4, { width: 180 + 40 * i, align: (['justify', 'left', 'center', 'right'] as const)[i % 4], lineGap: 1 });
      doc.text(`${doc.widthOfString(text).toFixed(6)} ${doc.heightOfString(text, { width: 200 }).toFixed(6)}`);
    }
    doc.text('Negrita ', { continued: true }).font(NAMES.regular).text('y normal en la misma línea, justificada hasta el final del párrafo.', { align: 'justify' });
  });
}

describe('shared pdfkit text layout', () => {
  it('draws exactly what pdfkit draws on its own, cold and warm', async () => {
    const plain = await draw(false);
    const first = await draw(true);
    const warm = await draw(true);
    expect(first.equals(plain)).toBe(true);
    expect(warm.equals(plain)).toBe(true);
  });
});
