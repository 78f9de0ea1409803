// The batched page content (electron/core/forms/pdfcontent.ts) must not change a byte: the same
// drawing, with and without it, compressed and not, over two pages and back to the first (as the
// footers do), gives the same PDF; a raw chunk written between operators keeps its place.
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { batchPageContent, compressStreamsAt } from '../../../electron/core/forms/pdfcontent';
import { loadFonts } from '../../../electron/core/forms/fonts';
import { openFaces } from '../../../electron/core/forms/pdffonts';

const when = new Date(Date.UTC(2026, 2, 16, 14, 35));

async function draw(batched: boolean, compress: boolean, level?: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, bufferPages: true, compress, info: { CreationDate: when, ModDate: when } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  if (batched) doc.on('pageAdded', () => batchPageContent(doc, level));
  doc.addPage();
  doc.rect(50, 50, 100.123456789, 20).fill('#e3e3e3');
  doc.fillColor('#000000').fontSize(9).text('Año 2026 — «Cía. Ltda.» ÑÁÉÍÓÚ ½ º', 50, 80, { width: 300, align: 'justify' });
  // A raw chunk between operators: it must stay between them.
  (doc as unknown as { page: { content: { write(c: Uint8Array): void } } }).page.content.write(new Uint8Array([0x25, 0x20, 0x72, 0x61, 0x77, 0x0a]));
  doc.moveTo(50, 120).lineTo(300, 120).stroke();
  doc.addPage();
  doc.text('Segunda página', 50, 50);
  doc.switchToPage(0);
  doc.text('Pie de la primera, escrito al final', 50, 700);
  doc.end();
  return done;
}

describe('batched page content', () => {
  it('writes exactly what pdfkit writes on its own, compressed or not', async () => {
    for (const compress of [false, true]) {
      const plain = await draw(false, compress);
      const batched = await draw(true, compress);
      expect(batched.equals(plain), `compress: ${compress}`).toBe(true);
      if (!compress) expect(batched.toString('latin1')).toContain('ET\nQ\n% raw\n50 120 m\n300 120 l\nS\n'); // the raw chunk kept its place
    }
  });

  it('at another zlib level: the same streams once inflated, still FlateDecode, and the same text', async () => {
    const streams = (pdf: Buffer) => {
      const text = pdf.toString('latin1');
      return [...text.matchAll(/\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)].map((m) => {
        const start = m.index + m[0].length;
        return inflateSync(pdf.subarray(start, start + Number(m[1]))).toString('latin1');
      });
    };
    const plain = await draw(false, true);
    const fast = await draw(true, true, 1);
    expect(fast.equals(plain)).toBe(false);
    expect(streams(plain).length).toBeGreaterThanOrEqual(2);
    expect(streams(fast)).toEqual(streams(plain));
  });

  it('every compressed stream at another level (embedded fonts, their ToUnicode maps): the same streams once inflated', async () => {
    const streams = (pdf: Buffer) => {
      const text = pdf.toString('latin1');
      return [...text.matchAll(/\/Filter \/FlateDecode\n>>\nstream\n/g)].map((m) => {
        const length = Number(/\/Length (\d+)\n$/.exec(text.slice(Math.max(0, m.index - 40), m.index))?.[1]);
        const start = m.index + m[0].length;
        return inflateSync(pdf.subarray(start, start + length)).toString('latin1');
      });
    };
    const drawn = async (level?: number) => {
      const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, font: null as unknown as string, info: { CreationDate: when, ModDate: when } });
      const chunks: Buffer[] = [];
      const done = new Promise<Buffer>((resolve) => {
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
      });
      if (level !== undefined) compressStreamsAt(doc, level);
      openFaces(doc, loadFonts(), { regular: 'R', bold: 'B' });
      doc.addPage();
      doc.font('B').fontSize(12).text('Año 2026 — «Cía. Ltda.» ÑÁÉÍÓÚ', 50, 80);
      doc.font('R').fontSize(9).text('Zoológico Ñandú, cédula N.º 0602910945', 50, 120);
      doc.end();
      return done;
    };
    const plain = await drawn();
    const fast = await drawn(1);
    expect(fast.equals(plain)).toBe(false);
    const inflated = streams(plain);
    expect(inflated.length).toBe(5); // the page, two font subsets, two ToUnicode maps
    expect(inflated.some((s) => s.startsWith('true'))).toBe(true); // a TrueType subset
    expect(streams(fast)).toEqual(inflated);
  });

  it('a page whose content stream is not what pdfkit 0.20 has fails loudly, naming the file to adapt', () => {
    const doc = new PDFDocument({ size: 'A4' });
    (doc as unknown as { page: { content: unknown } }).page.content = {};
    expect(() => batchPageContent(doc)).toThrow(/electron\/core\/forms\/pdfcontent\.ts/);
  });
});
