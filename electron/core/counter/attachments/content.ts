// A scan is taken only if the whole file is what its first bytes say it is. The first bytes alone
// are easy to fake: `%PDF-1.4` followed by a web page, or a JPEG's magic number followed by a ZIP
// archive, used to pass. Each kind is read through to its end, and nothing may follow that end
// (the place where a second file hides in a "polyglot"):
// - PDF: opened with pdf.js (pdfjs-dist, the viewer the screens use): cross-reference table,
//   trailer, catalog and every page must load; a password-protected PDF is refused too (nobody
//   could read it). After the last `%%EOF`, only white space.
// - PNG: every chunk's CRC, the header, the compressed image data inflated to its last row and
//   each row's filter checked (the checks of a full decode with pngjs, without its pixel work:
//   pngContentProblem below; palette images still decoded whole). Nothing after IEND.
// - JPEG: every marker segment is walked to EOI and checked for what it must hold (frame size
//   and components, Huffman and quantisation tables that add up, scans after a frame, entropy-
//   coded data with only the markers allowed inside it). Hand-written because a full decode is
//   far over budget: jpeg-js took about 2 s and pdf.js's own JpegImage about 1.4 s for a 1.4 MB,
//   200-dpi page on the build machine, against ~50 ms for a 5 MB scan; this walk reads the same
//   bytes in a few milliseconds. What it cannot catch — damaged Huffman codes inside a scan —
//   makes a picture with blotches, never a different kind of file. Nothing after EOI but padding.
import zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { sniffMime, type AttachmentMime } from './files';

export type ScanVerdict = { ok: true; mime: AttachmentMime } | { ok: false; mime: AttachmentMime | null; reason: string };

const KIND: Record<AttachmentMime, string> = { 'image/jpeg': 'JPG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

/** The Spanish sentence for a refused scan, naming what it claimed to be. */
export const refusalMessage = (v: Extract<ScanVerdict, { ok: false }>) =>
  v.mime
    ? `El archivo empieza como un ${KIND[v.mime]}, pero no lo es (${v.reason}): vuelva a escanearlo o a guardarlo como ${KIND[v.mime]}.`
    : 'Solo se admiten archivos JPG, PNG o PDF (se revisa el contenido, no el nombre).';

export async function inspectScan(data: Uint8Array): Promise<ScanVerdict> {
  const mime = sniffMime(data);
  if (!mime) return { ok: false, mime: null, reason: 'tipo desconocido' };
  const reason = mime === 'application/pdf' ? await pdfProblem(data) : mime === 'image/png' ? pngProblem(data) : jpegProblem(data);
  return reason === null ? { ok: true, mime } : { ok: false, mime, reason };
}

// --- PDF -------------------------------------------------------------------------------------

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
/** Loaded on first use (it is large); the legacy build is the one meant for Node. */
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
const MAX_PAGES = 500;

/** A one-page PDF, the smallest pdf.js opens: reading it loads the library and its worker code. */
const WARM_UP_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Loading pdf.js (and the worker code it runs in-process) takes seconds on a busy 2-core machine:
 * paid once in the background after the host starts, not by the first clerk who attaches a PDF
 * (counter/services.ts runs it).
 */
export async function warmUpScanInspection(): Promise<{ loaded: boolean }> {
  return { loaded: (await pdfProblem(WARM_UP_PDF)) === null };
}

async function pdfProblem(data: Uint8Array): Promise<string | null> {
  const tail = lastEofTail(data);
  if (tail === null) return 'no tiene el final de un PDF (%%EOF)';
  if (tail) return 'tiene datos añadidos después del final del PDF';
  const lib = await loadPdfJs();
  // pdf.js takes the buffer over (transfers it): it gets a copy.
  const task = lib.getDocument({ data: new Uint8Array(data), isEvalSupported: false, stopAtErrors: true, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) return 'no tiene páginas';
    if (doc.numPages > MAX_PAGES) return `tiene más de ${MAX_PAGES} páginas`;
    for (let i = 1; i <= doc.numPages; i++) await doc.getPage(i);
    return null;
  } catch (err) {
    return (err as { name?: string }).name === 'PasswordException' ? 'está protegido con contraseña' : 'su estructura no se puede leer';
  } finally {
    await task.destroy();
  }
}

/** Whether anything but white space follows the last `%%EOF`; null when there is none. */
function lastEofTail(data: Uint8Array): boolean | null {
  const at = Buffer.from(data.buffer, data.byteOffset, data.byteLength).lastIndexOf('%%EOF');
  if (at < 0) return null;
  for (let i = at + 5; i < data.length; i++) if (!isPadding(data[i]!)) return true;
  return false;
}

const isPadding = (b: number) => b === 0x00 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c;

// --- PNG -------------------------------------------------------------------------------------

function pngProblem(data: Uint8Array): string | null {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // Where the IEND chunk ends: the decoder stops there and would not see what follows.
  let at = 8;
  let end = -1;
  while (at + 12 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    at += 12 + length;
    if (type === 'IEND') {
      end = at;
      break;
    }
  }
  if (end < 0 || end > buf.length) return 'está incompleto';
  if (end < buf.length) return 'tiene datos añadidos después del final de la imagen';
  return pngContentProblem(buf);
}

/** Bits per pixel of each colour type (PNG spec §11.2.2: samples per pixel) and the depths it allows. */
const PNG_COLOR_TYPES: Record<number, { samples: number; depths: readonly number[] }> = {
  0: { samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { samples: 3, depths: [8, 16] },
  3: { samples: 1, depths: [1, 2, 4, 8] },
  4: { samples: 2, depths: [8, 16] },
  6: { samples: 4, depths: [8, 16] },
};

/** Adam7's passes: first column and row, and the steps between them (PNG spec §8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The same checks as a full decode with pngjs, without its pixel work in JavaScript (which took
 * ~200 ms for a 5 MB scan): every chunk's CRC, the header's values, the chunks pngjs refuses,
 * the compressed image data inflated by Node's zlib (its checksum included) to at least every
 * row the header promises, and each row's filter type. Undoing the filters and converting the
 * pixels cannot fail for these colour types, so skipping them refuses nothing pngjs would.
 * Palette images (a pixel may name a colour the palette lacks) are rare as scans and small:
 * they still go through pngjs whole.
 */
function pngContentProblem(buf: Buffer): string | null {
  const damaged = 'su contenido está dañado';
  let header: { width: number; height: number; depth: number; colorType: number; interlaced: boolean } | null = null;
  let paletteEntries = 0;
  const idat: Buffer[] = [];
  for (let at = 8; ; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + length);
    if (zlib.crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length)) return damaged;
    if (!header && type !== 'IHDR') return damaged;
    if (type === 'IHDR') {
      if (length < 13) return damaged;
      const colorType = body[9]!;
      const kind = PNG_COLOR_TYPES[colorType];
      if (!kind || !kind.depths.includes(body[8]!) || body[10] !== 0 || body[11] !== 0 || body[12]! > 1) return damaged;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colorType, interlaced: body[12] === 1 };
    } else if (type === 'PLTE') {
      paletteEntries = Math.floor(length / 3);
    } else if (type === 'tRNS') {
      if (header!.colorType === 3 && (paletteEntries === 0 || length > paletteEntries)) return damaged;
      if ((header!.colorType === 0 && length < 2) || (header!.colorType === 2 && length < 6)) return damaged;
    } else if (type === 'gAMA') {
      if (length < 4) return damaged;
    } else if (type === 'IDAT') {
      if (header!.colorType === 3 && paletteEntries === 0) return damaged;
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    } else if (!(buf[at + 4]! & 0x20)) {
      return damaged; // a critical chunk no decoder here knows
    }
    at += 12 + length;
  }
  const h = header!;
  if (h.width === 0 || h.height === 0) return 'no tiene imagen';
  if (h.colorType === 3) return pngjsProblem(buf);
  const bitsPerPixel = PNG_COLOR_TYPES[h.colorType]!.samples * h.depth;
  // Each row: its filter byte, then its pixels. Interlaced: the rows of each non-empty pass.
  const rows: { rows: number; bytes: number }[] = h.interlaced
    ? ADAM7.map(([x0, y0, dx, dy]) => ({ w: Math.ceil((h.width - x0) / dx), rows: Math.ceil((h.height - y0) / dy) }))
        .filter((p) => p.w > 0 && p.rows > 0)
        .map((p) => ({ rows: p.rows, bytes: 1 + Math.ceil((p.w * bitsPerPixel) / 8) }))
    : [{ rows: h.height, bytes: 1 + Math.ceil((h.width * bitsPerPixel) / 8) }];
  const expected = rows.reduce((n, p) => n + p.rows * p.bytes, 0);
  if (expected > MAX_PNG_PIXEL_BYTES) return 'tiene un tamaño de imagen no válido';
  let pixels: Buffer;
  try {
    // A little room past the rows (some writers flush a few bytes more); a stream that inflates
    // to far more than the header says is a bomb, not a scan.
    // Output in one piece when it is scan-sized (no joining of 16 KiB chunks: ~15 % faster);
    // bounded, so a header alone cannot make it reserve a gigabyte.
    const most = expected + 65_536;
    pixels = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: most, chunkSize: Math.min(most, 32 * 2 ** 20) });
  } catch {
    return damaged;
  }
  if (pixels.length < expected) return damaged;
  let at = 0;
  for (const pass of rows) {
    for (let r = 0; r < pass.rows; r++, at += pass.bytes) if (pixels[at]! > 4) return damaged;
  }
  return null;
}

/** 1 GiB of unpacked rows: far past any scan (an A3 page at 600 ppp in 16-bit RGBA is ~0.6 GiB). */
const MAX_PNG_PIXEL_BYTES = 2 ** 30;

function pngjsProblem(buf: Buffer): string | null {
  try {
    const png = PNG.sync.read(buf);
    return png.width > 0 && png.height > 0 ? null : 'no tiene imagen';
  } catch {
    return 'su contenido está dañado';
  }
}

// --- JPEG ------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DHT = 0xc4;
const DRI = 0xdd;
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== DHT && m !== 0xc8 && m !== 0xcc;
const isRst = (m: number) => m >= 0xd0 && m <= 0xd7;
const MAX_SIDE = 30_000;

/** Images a camera appends after the first one (MPF: depth maps, previews), each a whole JPEG. */
const MAX_APPENDED_IMAGES = 4;

function jpegProblem(d: Uint8Array, depth = 0): string | null {
  if (d[0] !== 0xff || d[1] !== SOI) return depth ? 'tiene datos añadidos después del final de la imagen' : 'no empieza como un JPG';
  const n = d.length;
  let i = 2;
  let frame = false;
  let scans = 0;
  for (;;) {
    if (i >= n || d[i] !== 0xff) return i >= n ? 'está incompleto' : 'su estructura no es la de un JPG';
    while (i < n && d[i] === 0xff) i++; // fill bytes
    if (i >= n) return 'está incompleto';
    const marker = d[i++]!;
    if (marker === EOI) break;
    if (marker === SOI || marker === 0x00 || isRst(marker)) return 'su estructura no es la de un JPG';
    if (i + 2 > n) return 'está incompleto';
    const length = (d[i]! << 8) | d[i + 1]!;
    if (length < 2 || i + length > n) return 'está incompleto';
    const seg = d.subarray(i + 2, i + length);
    const bad = segmentProblem(marker, seg, frame);
    if (bad) return bad;
    if (isSof(marker)) {
      if (frame) return 'tiene dos imágenes en un mismo archivo';
      frame = true;
    }
    i += length;
    if (marker === SOS) {
      scans++;
      i = afterEntropyData(d, i);
      if (i < 0) return 'está incompleto';
    }
  }
  if (!frame || scans === 0) return 'no tiene imagen';
  let j = i;
  while (j < n && d[j] === 0x00) j++; // padding some writers add
  if (j === n) return null;
  if (depth >= MAX_APPENDED_IMAGES) return 'tiene datos añadidos después del final de la imagen';
  return jpegProblem(d.subarray(j), depth + 1);
}

/** What a segment must hold; null when it does. */
function segmentProblem(marker: number, s: Uint8Array, frame: boolean): string | null {
  const broken = 'su estructura no es la de un JPG';
  if (isSof(marker)) {
    if (s.length < 6) return broken;
    const height = (s[1]! << 8) | s[2]!;
    const width = (s[3]! << 8) | s[4]!;
    const components = s[5]!;
    if (s.length !== 6 + 3 * components || components < 1 || components > 4 || (s[0] !== 8 && s[0] !== 12)) return broken;
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return 'tiene un tamaño de imagen no válido';
    return null;
  }
  if (marker === DHT) {
    for (let at = 0; at < s.length; ) {
      if (at + 17 > s.length) return broken;
      let codes = 0;
      for (let k = 1; k <= 16; k++) codes += s[at + k]!;
      if (codes > 256) return broken;
      at += 17 + codes;
      if (at > s.length) return broken;
    }
    return null;
  }
  if (marker === DQT) {
    for (let at = 0; at < s.length; ) {
      at += 1 + (s[at]! >> 4 ? 128 : 64);
      if (at > s.length) return broken;
    }
    return null;
  }
  if (marker === SOS) {
    const components = s[0]!;
    if (!frame || components < 1 || components > 4 || s.length !== 4 + 2 * components) return broken;
    return null;
  }
  if (marker === DRI) return s.length === 2 ? null : broken;
  return null; // APPn, COM and the rest: length-delimited, content is free
}

/** The index of the marker that ends a scan's entropy-coded data, or -1 if the file ends first. */
function afterEntropyData(d: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = d.indexOf(0xff, i);
    if (i < 0 || i + 1 >= d.length) return -1;
    const next = d[i + 1]!;
    // Inside a scan: 0xFF00 is a stuffed 0xFF, FFD0–FFD7 restart markers, FFFF fill.
    if (next === 0x00 || isRst(next) || next === 0xff) i += next === 0xff ? 1 : 2;
    else return i;
  }
}
