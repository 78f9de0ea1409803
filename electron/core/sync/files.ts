// The content of the desk's files at central: every scan taken at this desk and every archived
// form goes up once, by SHA-256 (PUT is idempotent: a lost answer is simply sent again), before the
// first event whose record lists it (a scan added after a request's last event waits for its next
// one); a desk replacing a broken one of its station fetches them back. Each file
// is checked against its SHA-256 on arrival and written atomically, so a half-received or altered
// file never takes a scan's place.
import type { SyncDownloadRow } from '../../../db/rows';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { API_PREFIX, FileStored, MAX_FILE_BYTES } from '../../../shared/sync/protocol';
import { sha256 } from '../counter/attachments/files';
import { exchange, exchangeBytes, SyncError } from './http';

export interface FileOptions {
  timeoutMs: number;
}

interface Target {
  url: string;
  token: string;
}

/** A file an event's record lists (record.ts): where this desk keeps it, and its SHA-256. */
export interface ListedFile {
  sha256: string;
  path: string;
}

/**
 * Uploads the listed files central does not hold yet; throws SyncError at the first failure (the
 * batch that lists them waits for the next cycle). A file not on this disk (the copy of another
 * desk's print, a purged scan) or not matching its SHA-256 is never sent.
 */
export async function uploadListed(sqlite: Database.Database, dataDir: string, files: ListedFile[], target: Target, now: () => number, opts: FileOptions): Promise<number> {
  const known = sqlite.prepare('SELECT 1 FROM sync_uploads WHERE sha256 = ? UNION ALL SELECT 1 FROM sync_downloads WHERE sha256 = ?');
  const done = sqlite.prepare('INSERT INTO sync_uploads (sha256, uploaded_at) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING');
  const seen = new Set<string>();
  let uploaded = 0;
  for (const file of files) {
    if (seen.has(file.sha256) || known.get(file.sha256, file.sha256)) continue;
    seen.add(file.sha256);
    let data: Buffer;
    try {
      data = fs.readFileSync(path.join(dataDir, ...file.path.split('/')));
    } catch {
      continue; // not here: another desk's print (central has it from there) or purged by retention
    }
    if (sha256(data) !== file.sha256 || data.byteLength > MAX_FILE_BYTES) continue;
    await exchange(FileStored, { method: 'PUT', url: `${target.url}${API_PREFIX}/files/${file.sha256}`, token: target.token, bytes: data, timeoutMs: opts.timeoutMs, maxBytes: 64 * 1024, now: now() });
    done.run(file.sha256, now());
    uploaded++;
  }
  return uploaded;
}

export interface DownloadTally {
  fetched: number;
  failed: number;
}

/**
 * Fetches the files queued by a recovery (record.ts recoverFiles). A file central does not have,
 * or whose content does not match, stays queued with its error (visible, retried next cycle).
 */
export async function downloadPending(sqlite: Database.Database, dataDir: string, target: Target, now: () => number, opts: FileOptions): Promise<DownloadTally> {
  const pending = sqlite.prepare('SELECT path, sha256 FROM sync_downloads ORDER BY rowid').all() as Pick<SyncDownloadRow, 'path' | 'sha256'>[];
  const done = sqlite.prepare('DELETE FROM sync_downloads WHERE path = ?');
  const fail = sqlite.prepare('UPDATE sync_downloads SET attempts = attempts + 1, last_error = ? WHERE path = ?');
  const tally: DownloadTally = { fetched: 0, failed: 0 };
  for (const file of pending) {
    const target_ = path.join(dataDir, ...file.path.split('/'));
    if (!path.resolve(target_).startsWith(path.resolve(dataDir) + path.sep)) {
      done.run(file.path); // never written outside the data directory
      continue;
    }
    let data: Buffer;
    try {
      data = await exchangeBytes({ method: 'GET', url: `${target.url}${API_PREFIX}/files/${file.sha256}`, token: target.token, timeoutMs: opts.timeoutMs, maxBytes: MAX_FILE_BYTES, now: now() });
    } catch (err) {
      if (err instanceof SyncError && err.status === 404) {
        fail.run('El IESS no tiene una copia de este archivo.', file.path);
        tally.failed++;
        continue;
      }
      throw err;
    }
    if (sha256(data) !== file.sha256) {
      fail.run('El archivo recibido del IESS no corresponde a su SHA-256.', file.path);
      tally.failed++;
      continue;
    }
    writeAtomically(target_, data);
    done.run(file.path);
    // Central has it: it came from there.
    sqlite.prepare('INSERT INTO sync_uploads (sha256, uploaded_at) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING').run(file.sha256, now());
    tally.fetched++;
  }
  return tally;
}

function writeAtomically(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
