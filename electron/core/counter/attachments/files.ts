// Scans kept inside the data directory under generated names, owner-only, with their SHA-256.
// The type is judged by the file's first bytes: a renamed .exe is not a "cédula.pdf".
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

export function attachmentPath(dataDir: string, id: string, mime: AttachmentMime): string {
  return path.join(dataDir, ATTACHMENTS_DIR, `${id}.${EXTENSION[mime]}`);
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Writes atomically (temporary file, fsync, rename) so a crash never leaves half a scan. */
export function storeAttachment(dataDir: string, id: string, mime: AttachmentMime, data: Uint8Array): string {
  const dir = path.join(dataDir, ATTACHMENTS_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = attachmentPath(dataDir, id, mime);
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
