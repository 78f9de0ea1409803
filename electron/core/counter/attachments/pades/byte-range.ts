// Integrity, first half: the /ByteRange must cover the file from its first byte to the end of a
// revision, leaving out exactly the /Contents hex string of this very signature dictionary
// (ISO 32000-1 §12.8.1). Anything else lets a signed range be pointed at other bytes.
import type { PDFRef } from 'pdf-lib';
import { revisionEnds } from './pdf-parse';

export interface ByteRangeCheck {
  ok: boolean;
  /** Spanish reasons when not ok. */
  problems: string[];
  /** Where the signed bytes end (c + d), when the range is well formed. */
  signedEnd: number | null;
  /** The two signed pieces, for the digest. */
  pieces: Uint8Array[];
}

const isHex = (b: number) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

export function checkByteRange(bytes: Uint8Array, range: number[] | null, contents: Uint8Array | null, containerRef: PDFRef | null): ByteRangeCheck {
  const fail = (problem: string): ByteRangeCheck => ({ ok: false, problems: [problem], signedEnd: null, pieces: [] });
  if (!range || range.length !== 4 || !range.every((n) => Number.isSafeInteger(n) && n >= 0)) return fail('El rango firmado (/ByteRange) no es válido.');
  const [a, b, c, d] = range as [number, number, number, number];
  if (a !== 0) return fail('El rango firmado no empieza al inicio del archivo.');
  if (b <= 0 || c <= b + 1 || c + d > bytes.length) return fail('El rango firmado no corresponde al tamaño del archivo.');
  if (!contents) return fail('La firma no tiene contenido (/Contents).');
  // The hole is exactly "<hex…>": no other byte of the file is left out of the signature.
  if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e) return fail('El hueco del rango firmado no es exactamente la firma (/Contents).');
  const hexLength = c - b - 2;
  if (hexLength % 2 !== 0 || hexLength / 2 !== contents.length) return fail('El hueco del rango firmado no coincide con la firma (/Contents).');
  for (let i = b + 1; i < c - 1; i++) if (!isHex(bytes[i]!)) return fail('El hueco del rango firmado contiene algo más que la firma.');
  const hole = Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset + b + 1, hexLength).toString('latin1'), 'hex');
  if (!hole.equals(Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength))) return fail('El hueco del rango firmado no es la firma de este campo.');
  if (containerRef && !holeInsideObject(bytes, b, containerRef)) return fail('El hueco del rango firmado no está dentro del diccionario de esta firma.');
  const end = c + d;
  if (!revisionEnds(bytes).has(end)) return fail('El rango firmado no termina al final de una revisión del documento.');
  return { ok: true, problems: [], signedEnd: end, pieces: [bytes.subarray(0, b), bytes.subarray(c, end)] };
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
