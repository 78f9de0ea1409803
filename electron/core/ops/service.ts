// Operations outside a contract call too: the scheduled backup (a background service), and the
// update status built from what the host reports (core/context.ts HostState).
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { agencies } from '../../../db/schema';
import type { LastBackup, UpdateStatus } from '../../../shared/contract/ops';
import { appendAudit } from '../security/audit/chain';
import { writeTransaction, type ReadDb, type WriteDb } from '../../../db/open';
import type { CoreContext } from '../context';
import type { BackgroundService } from '../scheduler';
import { BackupError, runBackup, type BackupResult } from './backup';
import { getSetting, setSetting } from '../settings';

const HOUR = 3_600_000;
/** After a failed scheduled backup (drive unplugged), wait this long before trying again. */
export const RETRY_AFTER_FAILURE_MS = HOUR;

export const NO_BACKUP_DIR = 'Configure primero la carpeta de respaldos (Operación › Configuración de la agencia, o "backup.dir" en agencia.json).';

/** Where a backup's outcome is recorded: a call's ctx.writeAttempt (it stands if the call fails), the schedule's own transaction. */
export type RecordWrite = <T>(fn: (db: WriteDb) => T) => T;

/** What a backup needs: the database to read (SQLite's backup API reads), and where things are. */
export type BackupContext = Pick<CoreContext, 'clock' | 'log' | 'dataDir' | 'appVersion' | 'schemaVersion'> & { db: ReadDb };

function agencyCode(ctx: BackupContext): string | null {
  return ctx.db.select({ code: agencies.code }).from(agencies).where(eq(agencies.id, getSetting(ctx.db, 'agencyId'))).get()?.code ?? null;
}

/** Runs a backup to the configured folder and records its outcome (never personal data). */
export async function runRecordedBackup(ctx: BackupContext, trigger: LastBackup['trigger'], write: RecordWrite): Promise<BackupResult> {
  const schedule = getSetting(ctx.db, 'ops.backup');
  if (!schedule.dir) throw new BackupError(NO_BACKUP_DIR);
  const at = ctx.clock.now();
  try {
    const result = await runBackup({
      db: ctx.db,
      dataDir: ctx.dataDir,
      destRoot: path.resolve(schedule.dir),
      now: at,
      appVersion: ctx.appVersion,
      schemaVersion: ctx.schemaVersion,
      agencyCode: agencyCode(ctx),
      keep: schedule.keep,
    });
    write((db) => {
      setSetting(db, 'ops.lastBackup', { at, ok: true, trigger, name: result.name, error: null });
      setSetting(db, 'ops.lastBackupOkAt', at);
    });
    ctx.log.info('backup done', { trigger, name: result.name, files: result.files, bytes: result.bytes, skipped: result.skipped });
    return result;
  } catch (err) {
    const message = err instanceof BackupError ? err.message : 'El respaldo falló; revise el espacio libre y los permisos de la carpeta de respaldos.';
    write((db) => setSetting(db, 'ops.lastBackup', { at, ok: false, trigger, name: null, error: message }));
    ctx.log.error('backup failed', { trigger, error: err instanceof Error ? `${err.name} ${(err as NodeJS.ErrnoException).code ?? ''}`.trim() : typeof err });
    throw err instanceof BackupError ? err : new BackupError(message);
  }
}

export type DueOutcome = { outcome: 'sin_carpeta' | 'no_corresponde' | 'en_espera' } | { outcome: 'hecho'; result: BackupResult } | { outcome: 'fallo'; error: string };

/** The schedule's rule: due when the last success is older than everyHours; after a failure, retried hourly. */
export function backupDue(ctx: CoreContext, now: number): DueOutcome['outcome'] | 'corresponde' {
  const schedule = getSetting(ctx.db, 'ops.backup');
  if (!schedule.dir) return 'sin_carpeta';
  const okAt = getSetting(ctx.db, 'ops.lastBackupOkAt');
  if (okAt !== null && now - okAt < schedule.everyHours * HOUR) return 'no_corresponde';
  const last = getSetting(ctx.db, 'ops.lastBackup');
  if (last && !last.ok && now - last.at < RETRY_AFTER_FAILURE_MS) return 'en_espera';
  return 'corresponde';
}

/** The backup service's run. Records the scheduled backup in the audit trail as the desk's own act. */
export async function backupIfDue(ctx: CoreContext): Promise<DueOutcome> {
  const due = backupDue(ctx, ctx.clock.now());
  if (due !== 'corresponde') return { outcome: due } as DueOutcome;
  const audit = (outcome: string) => writeTransaction(ctx.db, (db) => appendAudit(db, { at: ctx.clock.now(), actorId: null, call: 'backup.scheduled', target: 'backup', outcome }));
  try {
    const result = await runRecordedBackup(ctx, 'programado', (fn) => writeTransaction(ctx.db, fn));
    audit('ok');
    return { outcome: 'hecho', result };
  } catch (err) {
    audit('failed');
    return { outcome: 'fallo', error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The backup schedule as a background service (core/scheduler.ts runs it, in every host): asks
 * every ten minutes whether a backup is due (the schedule itself is in hours); the first look
 * shortly after start-up, so a desk opened each morning backs up then. SQLite's backup API copies
 * the database online while the clerks keep working.
 */
export const backupService: BackgroundService = {
  name: 'backup',
  firstRunAfterMs: 2 * 60_000,
  everyMs: 10 * 60_000,
  run: async (ctx) => {
    const r = await backupIfDue(ctx);
    if (r.outcome === 'hecho') ctx.log.info('scheduled backup done', { name: r.result.name });
    else if (r.outcome === 'fallo') ctx.log.warn('scheduled backup failed', { error: r.error });
    return r;
  },
};

/** What the status bar shows. Only the desktop app has an updater; elsewhere it says so. */
export function updateStatus(ctx: Pick<CoreContext, 'host' | 'hostState' | 'appVersion'>): UpdateStatus {
  const base = ctx.hostState.update() ?? {
    state: 'no_disponible',
    availableVersion: null,
    percent: null,
    checkedAt: null,
    message: ctx.host === 'electron' ? null : 'Las actualizaciones automáticas funcionan en la aplicación de escritorio instalada.',
  };
  return { currentVersion: ctx.appVersion, ...base, unsavedWork: ctx.hostState.unsavedWork() };
}
