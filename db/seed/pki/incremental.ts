// Incremental updates written the way signing tools write them (ISO 32000-1 §7.5.6): the new or
// changed objects appended after the last %%EOF, a cross-reference section for them and a
// trailer pointing back with /Prev. The demo seed and the tests use it to sign, to add
// validation data, and to tamper with a signed PDF.
import { PDFDocument, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';

export interface Loaded {
  doc: PDFDocument;
  ctx: PDFContext;
  root: PDFRef;
  info: PDFRef | undefined;
  prevXref: number;
  nextNumber: number;
}

export async function load(pdf: Uint8Array): Promise<Loaded> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
  const ctx = doc.context;
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 1024))).toString('latin1');
  const prev = [...tail.matchAll(/startxref\s+(\d+)/g)].at(-1);
  if (!prev) throw new Error('PDF without startxref');
  return { doc, ctx, root: ctx.trailerInfo.Root as PDFRef, info: ctx.trailerInfo.Info as PDFRef | undefined, prevXref: Number(prev[1]), nextNumber: ctx.largestObjectNumber + 1 };
}

/** The serialized bytes of a pdf-lib object (streams keep their binary contents). */
export function serialize(obj: PDFObject): Buffer {
  const out = new Uint8Array(obj.sizeInBytes());
  obj.copyBytesInto(out, 0);
  return Buffer.from(out);
}

/** Appends one revision holding `objects` (number → body bytes, without "n 0 obj"/"endobj"). */
export function appendRevision(pdf: Uint8Array, loaded: Loaded, objects: Map<number, Buffer | string>, trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from(pdf)];
  let offset = pdf.length;
  if (pdf[pdf.length - 1] !== 0x0a) {
    parts.push(Buffer.from('\n'));
    offset += 1;
  }
  const offsets: [number, number][] = [];
  for (const [num, body] of [...objects].sort((a, b) => a[0] - b[0])) {
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
    offsets.push([num, offset]);
    parts.push(chunk);
    offset += chunk.length;
  }
  const size = Math.max(loaded.nextNumber, ...offsets.map(([n]) => n + 1));
  const xref = ['xref', ...offsets.map(([n, at]) => `${n} 1\n${String(at).padStart(10, '0')} 00000 n `)].join('\n');
  const info = loaded.info ? ` /Info ${loaded.info.toString()}` : '';
  parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${size} /Root ${loaded.root.toString()}${info} /Prev ${loaded.prevXref}${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

export const refOf = (n: number) => PDFRef.of(n, 0);
