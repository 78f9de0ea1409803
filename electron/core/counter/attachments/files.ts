// Scans kept inside the data directory under generated names, owner-only, with their SHA-256.
// The type is judged by the file's first bytes: a renamed .exe is not a "cédula.pdf".
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validate as isUuid } from 'uuid';

export type AttachmentMime = 'image/jpeg' | 'image/png' | 'application/pdf';

const SIGNATURES: { mime: AttachmentMime; bytes: number[] }[] = [
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

export function sniffMime(data: Uint8Array): AttachmentMime | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b))?.mime ?? null;
}

export const ATTACHMENTS_DIR = 'adjuntos';
const EXTENSION: Record<AttachmentMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/**
 * Attachment ids are generated: a UUID (counter scans, uuidv7) or a virtual request's UUID with
 * the scan's index (`<uuid>-a0`, sync/apply.ts). Anything else, from a hostile central or an
 * edited database, never becomes part of a path.
 */
export function isAttachmentId(id: string): boolean {
  const m = /^(.{36})(-a\d{1,2})?$/.exec(id);
  return m !== null && isUuid(m[1]!);
}

export class UnsafeIdError extends Error {}

export function attachmentPath(dataDir: string, id: string, mime: AttachmentMime): string {
  if (!isAttachmentId(id) || !(mime in EXTENSION)) throw new UnsafeIdError('Identificador de adjunto no válido: no se usa como nombre de archivo.');
  const dir = path.resolve(dataDir, ATTACHMENTS_DIR);
  const file = path.resolve(dir, `${id}.${EXTENSION[mime]}`);
  // Belt and braces: whatever the id check lets through, the file stays directly in adjuntos/.
  if (path.dirname(file) !== dir) throw new UnsafeIdError('Identificador de adjunto no válido: no se usa como nombre de archivo.');
  return file;
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Writes atomically (temporary file, fsync, rename) so a crash never leaves half a scan. */
export function storeAttachment(dataDir: string, id: string, mime: AttachmentMime, data: Uint8Array): string {
  const file = attachmentPath(dataDir, id, mime);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return file;
}

export function removeAttachmentFile(dataDir: string, id: string, mime: AttachmentMime): void {
  fs.rmSync(attachmentPath(dataDir, id, mime), { force: true });
}
