// A document's file collected whole and handed over as one chunk.
//
// pdfkit streams a PDF out piece by piece: every object header, dictionary, "stream" and
// "endobj" line is its own write (~200 per form), each string turned into a Uint8Array by a
// JavaScript loop, pushed through the Readable machinery and emitted as a 'data' event, and the
// caller concatenates the pieces at the end. Here the document keeps the pieces as they come
// (runs of strings joined) and pushes the whole file once, when pdfkit ends the stream: the same
// bytes (latin1 keeps the low byte of each character, as pdfkit's conversion does) at the same
// offsets (pdfkit counts one byte per character and a newline after each string), so the xref
// table pdfkit writes still points at every object.
//
// These are pdfkit internals (PDFDocument._write, _offset and its Readable push): pdfkit is pinned
// to an exact version in package.json, and an upgrade that changes them fails here, loudly, and in
// test/unit/forms/pinned.test.ts.
import { PdfkitInternalsChanged } from './pdffonts';

interface Doc {
  _write(data: string | Uint8Array): void;
  _offset: number;
  push(chunk: Uint8Array | null): boolean;
}

/** From now on, the document's output is gathered and pushed as one chunk when it ends. */
export function collectOutput(pdf: PDFKit.PDFDocument): void {
  const doc = pdf as unknown as Doc;
  if (typeof doc._write !== 'function' || typeof doc._offset !== 'number' || typeof doc.push !== 'function') {
    throw new PdfkitInternalsChanged('pdfkit changed the output internals electron/core/forms/pdfoutput.ts relies on (PDFDocument._write, _offset, push): adapt that file to the new pdfkit or go back to the pinned version.');
  }
  const push = doc.push.bind(doc);
  const parts: Array<string | Uint8Array> = [];
  let text: string[] = [];
  let size = 0;
  const flush = () => {
    if (text.length === 0) return;
    parts.push(text.join(''));
    text = [];
  };
  doc._write = (data) => {
    if (data instanceof Uint8Array) {
      flush();
      parts.push(data);
      size += data.length;
      doc._offset += data.length;
    } else {
      const line = `${data}\n`; // what pdfkit appends to every string it writes
      text.push(line);
      size += line.length;
      doc._offset += line.length;
    }
  };
  doc.push = (chunk) => {
    if (chunk !== null) return push(chunk);
    flush();
    const file = Buffer.allocUnsafe(size);
    let at = 0;
    for (const part of parts) {
      if (typeof part === 'string') at += file.write(part, at, 'latin1');
      else {
        file.set(part, at);
        at += part.length;
      }
    }
    if (at !== size) throw new Error(`pdfoutput: ${at} bytes written of ${size}`);
    push(file);
    return push(null);
  };
}
