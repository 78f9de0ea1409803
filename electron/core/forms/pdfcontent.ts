// A page's content stream written as one string instead of one small array per operator.
//
// pdfkit turns every operator it emits ("1 0 0 1 56.69 700 Tm", each TJ array …) into its own
// Uint8Array with a JavaScript loop, and at the end of the page copies those thousands of arrays
// into one before compressing it: together ~5 % of rendering the three forms. Here the page's
// stream keeps the operator strings and hands pdfkit the whole page as one latin1 buffer (the
// same bytes: pdfkit keeps the low byte of each character, which is what latin1 encoding does)
// right before pdfkit finishes the stream, so Length, Filter and the compression are pdfkit's
// (or, when the caller asks, the same deflate at another zlib level).
//
// These are pdfkit internals (PDFReference.write/finalize, PDFPage.content): pdfkit is pinned to
// an exact version in package.json, and an upgrade that changes them fails here, loudly, and in
// test/unit/forms/pinned.test.ts.
import { deflateSync } from 'node:zlib';
import { PdfkitInternalsChanged } from './pdffonts';

interface StreamRef {
  write(chunk: string | Uint8Array): void;
  finalize(): void;
  buffer: unknown;
  compress: boolean;
  data: { Filter?: string };
}

const batched = new WeakSet<object>();

/**
 * Batches the writes of the current page's content stream (once per page; later calls do
 * nothing). With `level`, a compressed document's page stream is deflated at that zlib level
 * instead of pdfkit's (zlib's default, 6); without it the bytes are exactly pdfkit's.
 */
export function batchPageContent(doc: PDFKit.PDFDocument, level?: number): void {
  const ref = (doc as unknown as { page?: { content?: StreamRef } }).page?.content;
  if (!ref || typeof ref.write !== 'function' || typeof ref.finalize !== 'function' || !Array.isArray(ref.buffer)) {
    throw new PdfkitInternalsChanged(
      'pdfkit changed the page internals electron/core/forms/pdfcontent.ts relies on (page.content as a PDFReference with write, finalize, buffer): adapt that file to the new pdfkit or go back to the pinned version.',
    );
  }
  if (batched.has(ref)) return;
  batched.add(ref);
  const write = ref.write.bind(ref);
  const finalize = ref.finalize.bind(ref);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(Buffer.from(text, 'latin1'));
  };
  ref.write = (chunk) => {
    if (chunk instanceof Uint8Array) {
      flush();
      write(chunk);
    } else {
      pending.push(`${chunk}\n`); // what pdfkit appends to every string chunk
    }
  };
  ref.finalize = () => {
    flush();
    if (level !== undefined) deflateAt(ref, level);
    finalize();
  };
}

/**
 * What pdfkit's finalize does when it compresses a stream, at another zlib level: the stream
 * keeps its FlateDecode filter (set by pdfkit's write) and pdfkit writes the buffer as it is.
 */
function deflateAt(ref: StreamRef, level: number): void {
  if (ref.compress && Array.isArray(ref.buffer) && ref.buffer.length > 0) {
    ref.buffer = [deflateSync(Buffer.concat(ref.buffer as Uint8Array[]), { level })];
    ref.compress = false;
    ref.data.Filter = 'FlateDecode';
  }
}

/**
 * Every stream pdfkit compresses from now on (in the forms: the embedded font subsets and their
 * ToUnicode maps, written when the document ends) is deflated at `level` instead of zlib's
 * default; a page stream batched with its own level keeps that one.
 */
export function compressStreamsAt(doc: PDFKit.PDFDocument, level: number): void {
  const target = doc as unknown as { ref?: (data?: object) => StreamRef };
  if (typeof target.ref !== 'function') {
    throw new PdfkitInternalsChanged('pdfkit changed the document internals electron/core/forms/pdfcontent.ts relies on (PDFDocument.ref): adapt that file to the new pdfkit or go back to the pinned version.');
  }
  const ref = target.ref.bind(doc);
  target.ref = (data) => {
    const made = ref(data);
    if (typeof made.finalize !== 'function' || !Array.isArray(made.buffer) || typeof made.compress !== 'boolean') {
      throw new PdfkitInternalsChanged('pdfkit changed the reference internals electron/core/forms/pdfcontent.ts relies on (PDFReference finalize, buffer, compress): adapt that file to the new pdfkit or go back to the pinned version.');
    }
    const finalize = made.finalize.bind(made);
    made.finalize = () => {
      deflateAt(made, level);
      finalize();
    };
    return made;
  };
}
