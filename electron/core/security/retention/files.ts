// The files of purged requests: scans of identity documents (adjuntos/<id>.<ext>) and the
// archived PDF forms (formularios/<requestId>/), which print names, cédula, e-mail and address.
// They are removed after the purge's transaction commits; the purge leaves its stamp in
// 'retention.pendingFiles' in that same transaction, and the stamp is cleared only once every
// file of its requests is gone, so a crash (or a file Windows keeps locked) in between is
// finished by the next run.
import type { AttachmentTableRow } from '../../../../db/rows';
import fs from 'node:fs';
import path from 'node:path';
import type { ReadDb, WriteDb } from '../../../../db/open';
import { all, pluck, sql } from '../../../../db/sql';
import { attachmentPath, isAttachmentId } from '../../counter/attachments/files';
import type { Logger } from '../../context';
import { FORMS_DIR } from '../../ops/backup';
import { getSetting, setSetting } from '../../settings';

/** Request ids are generated (UUIDs); anything else never becomes a path to delete. */
const SAFE_ID = /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/;

export interface FileSweep {
  /** Files removed (scans and PDFs; a file already absent is not counted). */
  removed: number;
  /** Stamps still pending because a file could not be removed (retried next run). */
  pending: number;
}

function removeFile(file: string): boolean {
  try {
    fs.rmSync(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

function removeTree(dir: string): number {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return entries.length;
}

/** Removes the files of the requests purged at one stamp; throws if one cannot be removed. */
function removeFilesOf(db: ReadDb, dataDir: string, stamp: number): number {
  let removed = 0;
  const scans = all<Pick<AttachmentTableRow, 'id' | 'mime'>>(db, sql`SELECT a.id, a.mime FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.personal_data_purged_at = ${stamp}`);
  for (const scan of scans) {
    if (!isAttachmentId(scan.id)) continue;
    const file = attachmentPath(dataDir, scan.id, scan.mime);
    if (removeFile(file)) removed++;
    removeFile(`${file}.tmp`); // a write interrupted by a crash
  }
  const ids = pluck<string>(db, sql`SELECT id FROM requests WHERE personal_data_purged_at = ${stamp}`);
  // Every print and reprint lives in the request's own folder, with or without a form_prints row.
  for (const id of ids) if (SAFE_ID.test(id)) removed += removeTree(path.join(dataDir, FORMS_DIR, id));
  // A guidance sheet's prints live in the sheet's folder (forms/guidance.ts).
  const sheets = pluck<string>(db, sql`SELECT id FROM guidance_sheets WHERE personal_data_purged_at = ${stamp}`);
  for (const id of sheets) if (SAFE_ID.test(id)) removed += removeTree(path.join(dataDir, FORMS_DIR, id));
  return removed;
}

/** Removes the files of every purge still pending; what fails stays pending for the next run. */
export function sweepPurgedFiles(db: ReadDb, dataDir: string, log: Logger, write: <T>(fn: (db: WriteDb) => T) => T): FileSweep {
  const stamps = getSetting(db, 'retention.pendingFiles');
  if (stamps.length === 0) return { removed: 0, pending: 0 };
  let removed = 0;
  const failed: number[] = [];
  for (const stamp of stamps) {
    try {
      removed += removeFilesOf(db, dataDir, stamp);
    } catch (err) {
      failed.push(stamp);
      log.warn('retention: purged files not removed yet', { error: (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.name : typeof err) });
    }
  }
  write((w) => {
    // Another purge may have added a stamp meanwhile: remove only the ones handled here.
    const done = new Set(stamps.filter((s) => !failed.includes(s)));
    setSetting(w, 'retention.pendingFiles', getSetting(w, 'retention.pendingFiles').filter((s) => !done.has(s)));
  });
  return { removed, pending: failed.length };
}

