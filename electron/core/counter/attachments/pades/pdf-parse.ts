// The PDF side of the verifier: a real parser (pdf-lib's) over exactly the bytes given, with the
// work bounded. Each signed revision is parsed on its own bytes, which is how the difference
// analysis compares what was signed with what the file says now.
import zlib from 'node:zlib';
import { PDFArray, PDFName, PDFParser, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { LIMITS, PadesError } from './limits';

const TYPE = PDFName.of('Type');
const FILTER = PDFName.of('Filter');
const FLATE = PDFName.of('FlateDecode');
const DECODED_BY_PARSER = new Set([PDFName.of('ObjStm'), PDFName.of('XRef')]);

/**
 * pdf-lib's parser with two guards it lacks: the object and cross-reference streams it inflates
 * while parsing are inflated here first with a cap (a small deflate bomb would otherwise take
 * gigabytes), and the whole parse has an object count and a time budget.
 */
class BoundedParser extends PDFParser {
  private parsed = 0;
  private readonly deadline = Date.now() + LIMITS.maxParseMs;
  /** pdf-lib catches errors inside an object to try recovering; a refusal must survive that. */
  refusal: PadesError | null = null;

  constructor(bytes: Uint8Array) {
    // objectsPerTick Infinity: never yields (a yield per object costs more than the parse);
    // throwOnInvalidObject: a damaged object is a refusal, not a guess; capNumbers: no Infinity.
    super(bytes, Infinity, true, true);
  }

  override parseObject(): PDFObject {
    if (this.refusal) throw this.refusal;
    this.parsed += 1;
    if (this.parsed > LIMITS.maxParsedObjects || (this.parsed % 2048 === 0 && Date.now() > this.deadline)) {
      this.refusal = new PadesError('El PDF es demasiado complejo para verificarlo en esta estación.');
      throw this.refusal;
    }
    const object = super.parseObject();
    if (object instanceof PDFRawStream) {
      try {
        guardDecodedStream(object);
      } catch (err) {
        this.refusal = err as PadesError;
        throw err;
      }
    }
    return object;
  }
}

function guardDecodedStream(stream: PDFRawStream): void {
  const type = stream.dict.get(TYPE);
  if (!(type instanceof PDFName) || !DECODED_BY_PARSER.has(type)) return;
  const filter = stream.dict.get(FILTER);
  const flate = filter === FLATE || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === FLATE);
  if (filter === undefined) {
    if (stream.contents.length > LIMITS.maxDecodedStructureBytes) throw new PadesError('El PDF tiene una estructura interna demasiado grande.');
    return;
  }
  if (!flate) throw new PadesError('El PDF usa una compresión de su estructura interna que esta estación no lee.');
  try {
    zlib.inflateSync(stream.contents, { maxOutputLength: LIMITS.maxDecodedStructureBytes });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PadesError('El PDF tiene una estructura interna comprimida demasiado grande.');
    }
    throw new PadesError('El PDF tiene una estructura interna dañada.');
  }
}

/** Parses the bytes into pdf-lib's object context; a Spanish PadesError when they are not a readable PDF. */
export async function parsePdf(bytes: Uint8Array): Promise<PDFContext> {
  if (bytes.length > LIMITS.maxPdfBytes) throw new PadesError('El PDF es demasiado grande para verificar su firma.');
  silenceWarnings(+1);
  const parser = new BoundedParser(bytes);
  try {
    const ctx = await parser.parseDocument();
    if (parser.refusal) throw parser.refusal;
    return ctx;
  } catch (err) {
    if (parser.refusal) throw parser.refusal;
    if (err instanceof PadesError) throw err;
    throw new PadesError('El archivo no se pudo leer como PDF: está dañado o no es un PDF.');
  } finally {
    silenceWarnings(-1);
  }
}

// pdf-lib reports recoverable oddities on console.warn; here the report is the verdict. Parses
// may overlap (they await between sections), so the original is restored when the last ends.
let silenced = 0;
let originalWarn: typeof console.warn = console.warn;
function silenceWarnings(delta: 1 | -1): void {
  if (delta === 1 && silenced === 0) {
    originalWarn = console.warn;
    console.warn = () => undefined;
  }
  silenced += delta;
  if (silenced === 0) console.warn = originalWarn;
}

/**
 * A copy of the file for the parser with each signature's /Contents hex string emptied (`<>`
 * and spaces; same length, so every offset holds). pdf-lib reads a hex string one character at
 * a time, and a signature's is tens of kilobytes: the parse took longer than all the crypto.
 * The hole is read from the original bytes (byte-range.ts), and is excluded from what was
 * signed by definition, so the parser loses nothing it needs.
 */
export function withoutSignatureContents(bytes: Uint8Array): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = Buffer.from('/ByteRange', 'latin1');
  let copy: Uint8Array | null = null;
  let count = 0;
  for (let at = buf.indexOf(key); at !== -1 && count++ < LIMITS.maxSignatures * 4; at = buf.indexOf(key, at + key.length)) {
    const m = /^\/ByteRange\s*\[\s*0\s+(\d{1,10})\s+(\d{1,10})\s+\d{1,10}\s*\]/.exec(buf.toString('latin1', at, at + 80));
    if (!m) continue;
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (!isContentsHole(bytes, start, end)) continue;
    copy ??= new Uint8Array(bytes); // a plain copy (memcpy), the original stays as signed
    copy[start + 1] = 0x3e; // '>'
    copy.fill(0x20, start + 2, end);
  }
  return copy ?? bytes;
}

const isHexDigit = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** bytes[start, end) is `<hex…>` right after a `/Contents` key. */
export function isContentsHole(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2 || end > bytes.length || bytes[start] !== 0x3c || bytes[end - 1] !== 0x3e) return false;
  for (let i = start + 1; i < end - 1; i++) if (!isHexDigit(bytes[i]!)) return false;
  let k = start - 1;
  while (k >= 0 && (bytes[k] === 0x20 || bytes[k] === 0x0a || bytes[k] === 0x0d || bytes[k] === 0x09)) k--;
  const key = '/Contents';
  if (k + 1 < key.length) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset + k + 1 - key.length, key.length).toString('latin1') === key;
}

/**
 * Where each revision of the file ends: just after each `%%EOF` marker, and after the end-of-line
 * that may follow it (signers put the ByteRange's end at either).
 */
export function revisionEnds(bytes: Uint8Array): Set<number> {
  const ends = new Set<number>();
  const marker = Buffer.from('%%EOF', 'latin1');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buf.indexOf(marker); at !== -1; at = buf.indexOf(marker, at + 1)) {
    let end = at + marker.length;
    ends.add(end);
    if (buf[end] === 0x0d) end += 1;
    if (buf[end] === 0x0a) end += 1;
    ends.add(end);
  }
  return ends;
}

/** True when what follows `from` is only blank (spaces, line ends, NULs): no update at all. */
export function onlyBlankAfter(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x00 && b !== 0x0c) return false;
  }
  return true;
}
