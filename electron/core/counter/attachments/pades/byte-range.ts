// Integrity, first half: the /ByteRange must cover the file from its first byte to the end of a
// revision, leaving out exactly the /Contents hex string of this very signature dictionary
// (ISO 32000-1 §12.8.1). Anything else lets a signed range be pointed at other bytes.
import type { PDFRef } from 'pdf-lib';
import { isContentsHole, revisionEnds } from './pdf-parse';

export interface ByteRangeCheck {
  ok: boolean;
  /** Spanish reasons when not ok. */
  problems: string[];
  /** Where the signed bytes end (c + d), when the range is well formed. */
  signedEnd: number | null;
  /** The two signed pieces, for the digest. */
  pieces: Uint8Array[];
  /** The signature (the hole's hex, decoded). */
  contents: Uint8Array | null;
}

/**
 * `parsedContents` is /Contents as the parser saw it: the parser reads a copy whose holes are
 * emptied (pdf-parse.ts withoutSignatureContents), so the dictionary whose /Contents is the hole
 * has an empty one there; a non-empty one means the hole is some other string.
 */
export function checkByteRange(bytes: Uint8Array, range: number[] | null, parsedContents: Uint8Array | null, containerRef: PDFRef | null): ByteRangeCheck {
  const fail = (problem: string): ByteRangeCheck => ({ ok: false, problems: [problem], signedEnd: null, pieces: [], contents: null });
  if (!range || range.length !== 4 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) return fail('El rango firmado (/ByteRange) no es válido.');
  const [a, b, c, d] = range as [number, number, number, number];
  if (a !== 0) return fail('El rango firmado no empieza al inicio del archivo.');
  if (b <= 0 || c <= b + 1 || c + d > bytes.length) return fail('El rango firmado no corresponde al tamaño del archivo.');
  // The hole is exactly "<hex…>" after /Contents: no other byte of the file is left out.
  if (!isContentsHole(bytes, b, c)) return fail('El hueco del rango firmado no es exactamente la firma (/Contents).');
  if (parsedContents === null || parsedContents.length !== 0) return fail('El hueco del rango firmado no es la firma de este campo.');
  const hexLength = c - b - 2;
  if (hexLength === 0 || hexLength % 2 !== 0) return fail('La firma (/Contents) está vacía o incompleta.');
  const contents = Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset + b + 1, hexLength).toString('latin1'), 'hex');
  if (containerRef && !holeInsideObject(bytes, b, containerRef)) return fail('El hueco del rango firmado no está dentro del diccionario de esta firma.');
  const end = c + d;
  if (!revisionEnds(bytes).has(end)) return fail('El rango firmado no termina al final de una revisión del documento.');
  return { ok: true, problems: [], signedEnd: end, pieces: [bytes.subarray(0, b), bytes.subarray(c, end)], contents };
}

/**
 * The hole must sit inside the indirect object that holds the signature dictionary (the nearest
 * "n g obj" before it, with no "endobj" in between): otherwise the /Contents the range leaves
 * out could belong to another object than the dictionary that was parsed.
 */
function holeInsideObject(bytes: Uint8Array, holeStart: number, ref: PDFRef): boolean {
  const from = Math.max(0, holeStart - 65_536);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + from, holeStart - from).toString('latin1');
  const headers = [...text.matchAll(/(?:^|[^0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b/g)];
  const last = headers.at(-1);
  if (!last) return false;
  if (text.indexOf('endobj', last.index) !== -1) return false;
  return Number(last[1]) === ref.objectNumber && Number(last[2]) === ref.generationNumber;
}
