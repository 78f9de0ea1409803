// Every print and reprint is kept: <dataDir>/formularios/<requestId or guidance sheet id>/<kind>-<sha>.pdf.
// The name carries the content hash, so a byte-identical reprint lands on the same file and a
// changed one never overwrites the paper that was actually signed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PAPER_KINDS, type PaperKind } from './types';

export interface ArchivedPdf {
  /** Relative to dataDir, with '/' separators (stored in the database as is). */
  path: string;
  sha256: string;
}

const SAFE_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;
const HASH_PREFIX = 16;

function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and ignored for existing directories.
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
}

export function archivePdf(dataDir: string, requestId: string, kind: PaperKind, pdf: Buffer): ArchivedPdf {
  if (!SAFE_ID.test(requestId)) throw new Error(`Identificador de solicitud no válido para archivar: «${requestId}».`);
  if (!(PAPER_KINDS as readonly string[]).includes(kind)) throw new Error(`Tipo de formulario desconocido: «${String(kind)}».`);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const relative = path.posix.join('formularios', requestId, `${kind}-${sha256.slice(0, HASH_PREFIX)}.pdf`);
  const root = path.join(dataDir, 'formularios');
  const dir = path.join(root, requestId);
  ensurePrivateDir(root);
  ensurePrivateDir(dir);
  const target = path.join(dataDir, ...relative.split('/'));
  if (fs.existsSync(target) && createHash('sha256').update(fs.readFileSync(target)).digest('hex') === sha256) {
    return { path: relative, sha256 };
  }
  // Write then rename: a crash mid-write never leaves a truncated PDF under the final name.
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, pdf, { mode: 0o600 });
  fs.renameSync(temp, target);
  if (process.platform !== 'win32') fs.chmodSync(target, 0o600);
  return { path: relative, sha256 };
}
