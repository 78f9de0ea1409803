// Restore from the Operación screen. The app cannot swap the database it has open, so the
// restore is staged: the backup is copied into <dataDir>/.restauracion-pendiente and checked
// exactly as the CLI's restore checks it (ops/restore.ts#stageAndVerify: manifest hashes,
// PRAGMA integrity_check, audit chain, schema not newer), and the next start applies it before
// the database opens (core/open.ts): the current data goes to "anterior-<fecha>" (kept, never
// deleted) and the staged data takes its place.
//
// Applying is resumable. The marker file (restauracion.json) is written last when staging, so
// a folder without it is an interrupted staging and is discarded; before the first move it
// records where the current data goes, and each step is decided from what is on disk (staged
// item still there, current item already set aside), so a crash at any point is finished by
// the next start. If a move fails, everything is put back as it was and the screen says why.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { connectionOf, DB_FILE_NAME, restrictFile, writeTransaction } from '../../../db/open';
import { run, sql } from '../../../db/sql';
import { BackupInfo, type BackupCheck, type LastRestore, type PendingRestore } from '../../../shared/contract/ops';
import { appendAudit, retireKeysNotInTrail } from '../security/audit/chain';
import type { CoreContext, Logger, SecretStore } from '../context';
import { backupStamp } from './backup';
import { databaseInUse, REPLACED, RestoreError, stageAndVerify } from './restore';
import { setSetting } from '../settings';
import { stagingTag } from './leftovers';

export const PENDING_RESTORE_DIR = '.restauracion-pendiente';
/** Named after the process that prepares it: a folder of a dead process is removed at start (ops/leftovers.ts). */
const preparing = () => `${PENDING_RESTORE_DIR}.preparando-${stagingTag()}`;
const MARKER_FILE = 'restauracion.json';

const Marker = z.object({
  format: z.literal('ventanilla-patronal-restauracion'),
  backup: BackupInfo,
  stagedAt: z.number(),
  stagedBy: z.string(),
  /** Top-level items of the data directory the backup holds (the database, adjuntos/...). */
  items: z.array(z.string()),
  /** The staged database as verified: checked again before it is moved in. */
  db: z.object({ sha256: z.string(), bytes: z.number() }),
  /** Set before the first move: the folder, inside the data directory, where the current data goes. */
  applying: z.object({ previousDir: z.string().regex(/^anterior-[0-9TZ-]+$/) }).nullable(),
  failure: z.object({ at: z.number(), message: z.string() }).nullable(),
  /** The administrator accepted that the backup's audit trail cannot be verified on this desk. */
  auditUnverifiable: z.boolean().optional(),
});
type Marker = z.infer<typeof Marker>;

function readMarker(dir: string): Marker | null {
  try {
    const parsed = Marker.safeParse(JSON.parse(fs.readFileSync(path.join(dir, MARKER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Atomic (temp file, fsync, rename): a crash leaves the old marker or the new one. */
function writeMarker(dir: string, marker: Marker): void {
  const file = path.join(dir, MARKER_FILE);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(marker, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * The staging of a restore leaves the digest of its marker in the secrets store: only a restore
 * prepared (and verified) by this desk is applied at start, never a folder and marker someone
 * put in the data directory (with a database whose trail would then replace this desk's).
 */
const PENDING_SECRET = 'restauracionPendiente';
const markerDigest = (m: Marker) =>
  createHash('sha256')
    .update(JSON.stringify([m.backup.name, m.backup.createdAt, m.stagedAt, m.stagedBy, m.items, m.db.sha256, m.db.bytes, m.auditUnverifiable === true]))
    .digest('hex');

const toPending = (m: Marker): PendingRestore => ({ backup: m.backup, stagedAt: m.stagedAt, stagedBy: m.stagedBy, failure: m.failure?.message ?? null });

/** The restore waiting for the next start, if any. */
export function pendingRestore(dataDir: string): PendingRestore | null {
  const marker = readMarker(path.join(dataDir, PENDING_RESTORE_DIR));
  return marker ? toPending(marker) : null;
}

export interface StageOptions {
  /** The backup folder (the one holding manifest.json). */
  from: string;
  dataDir: string;
  knownMigrations: number;
  now: number;
  stagedBy: string;
  /** The desk's secrets (the audit trail's keys), as for verifyBackup. */
  secrets: SecretStore;
  /** The administrator accepts a trail signed with a key this desk never had. */
  acceptUnverifiableAudit?: boolean;
}

/** One staging at a time per data directory (copying a backup takes a while). */
const staging = new Set<string>();

/**
 * Copies and verifies a backup into the data directory, ready for the next start. Replaces a
 * restore staged earlier. Throws RestoreError (with the report) when the backup fails a check;
 * nothing of the current data is touched either way.
 */
export async function stageRestore(opts: StageOptions): Promise<{ report: BackupCheck; pending: PendingRestore }> {
  const key = path.resolve(opts.dataDir);
  if (staging.has(key)) throw new RestoreError('Ya se está preparando una restauración en esta estación; espere a que termine.');
  staging.add(key);
  const work = path.join(opts.dataDir, preparing());
  try {
    await fsp.rm(work, { recursive: true, force: true });
    await fsp.mkdir(work, { mode: 0o700 });
    const { manifest, ...report } = await stageAndVerify({ from: opts.from, stagingDir: work, knownMigrations: opts.knownMigrations, secrets: opts.secrets, acceptUnverifiableAudit: opts.acceptUnverifiableAudit === true });
    const db = manifest?.files.find((f) => f.path === DB_FILE_NAME);
    if (!report.ok || !manifest || !report.backup || !db) throw new RestoreError('El respaldo no pasó la verificación: no se programó ninguna restauración.', report);
    const marker: Marker = {
      format: 'ventanilla-patronal-restauracion',
      backup: report.backup,
      stagedAt: opts.now,
      stagedBy: opts.stagedBy,
      items: [...new Set(manifest.files.map((f) => f.path.split('/')[0]!))],
      db: { sha256: db.sha256, bytes: db.bytes },
      applying: null,
      failure: null,
      ...(report.auditUnverifiable ? { auditUnverifiable: true } : {}),
    };
    writeMarker(work, marker);
    opts.secrets.set(PENDING_SECRET, markerDigest(marker));
    const target = path.join(opts.dataDir, PENDING_RESTORE_DIR);
    await fsp.rm(target, { recursive: true, force: true });
    await fsp.rename(work, target);
    return { report, pending: toPending(marker) };
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
    staging.delete(key);
  }
}

/** Discards the staged restore; false if there was none. */
export async function cancelPendingRestore(dataDir: string, secrets: SecretStore): Promise<boolean> {
  const dir = path.join(dataDir, PENDING_RESTORE_DIR);
  if (!fs.existsSync(dir)) return false;
  await fsp.rm(dir, { recursive: true, force: true });
  secrets.delete(PENDING_SECRET);
  return true;
}

function sha256FileSync(file: string): { sha256: string; bytes: number } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1 << 20);
    let bytes = 0;
    for (let n = fs.readSync(fd, chunk); n > 0; n = fs.readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, n));
      bytes += n;
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    fs.closeSync(fd);
  }
}

export type ApplyOutcome =
  | { outcome: 'ninguna' | 'en_uso' }
  | { outcome: 'fallo'; message: string }
  /** `finish` removes the staging folder once the restore is recorded in the restored database. */
  | { outcome: 'aplicada'; restore: LastRestore; finish(): void };

const exists = (p: string) => fs.existsSync(p);

/**
 * At start-up, before the database opens: applies the staged restore, if any. Throws only when
 * the data could not be put back after a failed move (the host then refuses to open it).
 */
export function applyPendingRestore(dataDir: string, now: number, log: Logger, secrets: SecretStore): ApplyOutcome {
  const dir = path.join(dataDir, PENDING_RESTORE_DIR);
  if (!exists(dir)) return { outcome: 'ninguna' };
  const marker = readMarker(dir);
  if (!marker) {
    log.warn('staged restore without its marker removed', {});
    fs.rmSync(dir, { recursive: true, force: true });
    return { outcome: 'ninguna' };
  }
  let digest: string | null;
  try {
    digest = secrets.get(PENDING_SECRET);
  } catch {
    return { outcome: 'en_uso' }; // a store this process cannot read (the desktop app's): the app applies it
  }
  if (digest !== markerDigest(marker)) {
    log.warn('staged restore not prepared by this desk removed', {});
    fs.rmSync(dir, { recursive: true, force: true });
    return { outcome: 'ninguna' };
  }
  // Another process (the CLI, a second host) has the database open: the next start applies it.
  if (databaseInUse(dataDir)) return { outcome: 'en_uso' };

  const fail = (message: string): ApplyOutcome => {
    writeMarker(dir, { ...marker, applying: null, failure: { at: now, message } });
    log.warn('staged restore not applied', { reason: message });
    return { outcome: 'fallo', message };
  };

  let previousName = marker.applying?.previousDir ?? null;
  if (previousName === null) {
    const got = sha256FileSync(path.join(dir, DB_FILE_NAME));
    if (!got || got.sha256 !== marker.db.sha256 || got.bytes !== marker.db.bytes) {
      return fail('La copia preparada de la base de datos está incompleta o cambió desde que se verificó: programe la restauración otra vez.');
    }
    previousName = `anterior-${backupStamp(now)}`;
    for (let n = 2; exists(path.join(dataDir, previousName)); n++) previousName = `anterior-${backupStamp(now)}-${n}`;
    writeMarker(dir, { ...marker, applying: { previousDir: previousName }, failure: null });
  }
  const previousDir = path.join(dataDir, previousName);
  const backupHas = (item: string) => marker.items.includes(item);

  try {
    fs.mkdirSync(previousDir, { recursive: true, mode: 0o700 });
    for (const item of REPLACED) {
      const current = path.join(dataDir, item);
      const staged = path.join(dir, item);
      const aside = path.join(previousDir, item);
      const inStage = exists(staged);
      // The current item goes aside when the backup replaces it, and also when the backup has
      // none (the old database's -wal must never meet the restored database).
      if (exists(current) && !exists(aside) && (inStage || !backupHas(item))) fs.renameSync(current, aside);
      if (inStage) fs.renameSync(staged, current);
    }
  } catch (err) {
    // Back as it was, whichever start moved what: a restored item is one the backup has and
    // the staging folder no longer holds.
    try {
      for (const item of [...REPLACED].reverse()) {
        const current = path.join(dataDir, item);
        const staged = path.join(dir, item);
        const aside = path.join(previousDir, item);
        if (backupHas(item) && !exists(staged) && exists(current)) fs.renameSync(current, staged);
        if (exists(aside) && !exists(current)) fs.renameSync(aside, current);
      }
      fs.rmSync(previousDir, { recursive: true, force: true });
    } catch {
      log.error('staged restore left half applied', { previousDir: previousName });
      throw new RestoreError(
        `La restauración programada quedó a medias y no se pudo deshacer. No abra la aplicación: avise a soporte técnico. Los datos anteriores están en ${previousDir} y los del respaldo en ${dir}.`,
      );
    }
    return fail(`No se pudieron reemplazar los datos (${(err as NodeJS.ErrnoException).code ?? 'error'}); se dejaron como estaban. Cierre otros programas que usen la carpeta de datos y vuelva a abrir la aplicación.`);
  }

  // Owner-only, whatever the backup drive held (the database is also restricted when it opens).
  restrictFile(path.join(dataDir, DB_FILE_NAME));
  const emptyAside = fs.readdirSync(previousDir).length === 0;
  if (emptyAside) fs.rmdirSync(previousDir);
  const restore: LastRestore = {
    at: now,
    backup: marker.backup,
    stagedBy: marker.stagedBy,
    previousDir: emptyAside ? null : previousName,
    ...(marker.auditUnverifiable ? { auditUnverifiable: true } : {}),
  };
  log.info('staged restore applied', { backup: marker.backup.name, previousDir: restore.previousDir });
  return {
    outcome: 'aplicada',
    restore,
    finish: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      secrets.delete(PENDING_SECRET);
    },
  };
}

/** In the restored database: what was restored, and the audit entry of the desk's own act. */
export function recordAppliedRestore(ctx: Pick<CoreContext, 'db' | 'secrets'>, restore: LastRestore): void {
  // The restored trail replaces this desk's: its keys the restored trail does not name are not
  // "lost entries" (security/audit/continuity.ts).
  retireKeysNotInTrail(connectionOf(ctx.db), ctx.secrets);
  writeTransaction(ctx.db, (db) => {
    setSetting(db, 'ops.lastRestore', restore);
    // Sessions saved in the backup would be valid again: after a restore, everyone signs in anew.
    run(db, sql`DELETE FROM sessions`);
    appendAudit(db, { at: restore.at, actorId: null, call: 'backup.restored', target: restoreTarget(restore.backup.name, restore.auditUnverifiable === true), outcome: 'ok' });
  });
}

/** The audit target of a restore: the backup, and whether its trail went in unverified. */
export const restoreTarget = (name: string, auditUnverifiable: boolean) => `backup:${name}${auditUnverifiable ? ';auditoria-no-verificable' : ''}`;
