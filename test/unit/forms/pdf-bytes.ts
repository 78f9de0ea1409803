// A pdfkit document with fixed dates and no default font, drawn by `draw` and collected whole:
// the byte-for-byte comparisons of the forms' pdfkit patches (pdffonts, pdftext) draw through it.
import PDFDocument from 'pdfkit';

const when = new Date(Date.UTC(2026, 2, 16, 14, 35));

export function pdfBytes(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, font: null as unknown as string, info: { CreationDate: when, ModDate: when } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });
  draw(doc);
  doc.end();
  return done;
}
