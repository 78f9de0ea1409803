// Files central keeps for the agency: the desks' scans and archived forms, by content (SHA-256),
// so a desk replacing a broken one recovers them (docs/protocol/README.md, «Archivos»).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Device } from './devices';

export const FILES_SCHEMA = `
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT NOT NULL, agency_code TEXT NOT NULL, size INTEGER NOT NULL, device_id TEXT NOT NULL, stored_at INTEGER NOT NULL,
  PRIMARY KEY (sha256, agency_code));
`;

const fileOf = (dataDir: string, sha256: string) => path.join(dataDir, 'files', sha256.slice(0, 2), sha256);

/** Keeps `data` as `sha256` for the device's agency; null when the content is not that hash. */
export function storeFile(db: Database.Database, dataDir: string, device: Device, sha256: string, data: Buffer, now: number): { sha256: string; size: number } | null {
  if (createHash('sha256').update(data).digest('hex') !== sha256) return null;
  const file = fileOf(dataDir, sha256);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  }
  db.prepare('INSERT OR IGNORE INTO files (sha256, agency_code, size, device_id, stored_at) VALUES (?, ?, ?, ?, ?)').run(sha256, device.agencyCode, data.byteLength, device.id, now);
  return { sha256, size: data.byteLength };
}

/** The content, if a desk of the device's agency uploaded it: agencies never read each other's files. */
export function readStoredFile(db: Database.Database, dataDir: string, device: Device, sha256: string): Buffer | null {
  if (!db.prepare('SELECT 1 FROM files WHERE sha256 = ? AND agency_code = ?').get(sha256, device.agencyCode)) return null;
  try {
    return fs.readFileSync(fileOf(dataDir, sha256));
  } catch {
    return null;
  }
}
