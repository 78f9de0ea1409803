// Restore of a backup onto a desk, for the disk that failed or the machine that was replaced.
// Nothing of the current data is touched until the copy has passed every check: the backup's
// files are first copied into a staging folder inside the data directory (same disk, so the
// final step is a rename), hashed against the manifest, and the staged database must pass
// PRAGMA integrity_check, the audit chain and the schema-version check. Only then is the
// current data moved aside to "anterior-<fecha>" (kept, never deleted) and the staged data
// moved in. The app must be closed: an open database is detected and refused.
// (From the Operación screen, with the database open, the restore is staged instead and
// applied at the next start: ops/pending-restore.ts.)
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME, ensurePrivateDir, restrictFile } from '../../../db/open';
import { AGENCY_CONFIG_FILE, type BackupCheck, type BackupContents, type BackupInfo } from '../../../shared/contract/ops';
import { bindAuditKeys, verifyAuditChain } from '../security/audit/chain';
import type { SecretStore } from '../context';
import { BACKED_UP_DIRS, backupStamp, FORMS_DIR, MANIFEST_FILE, readManifest, sha256File, type BackupManifest } from './backup';
import { ATTACHMENTS_DIR } from '../counter/attachments/files';

export class RestoreError extends Error {
  constructor(
    message: string,
    readonly report: BackupCheck | null = null,
  ) {
    super(message);
  }
}

/** The items of a data directory a restore replaces; logs, secrets and Chromium's profile stay. */
export const REPLACED = [DB_FILE_NAME, `${DB_FILE_NAME}-wal`, `${DB_FILE_NAME}-shm`, ...BACKED_UP_DIRS, AGENCY_CONFIG_FILE];

/** A manifest path must name something a backup holds, and never climb out of the folder. */
function safeRelative(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes(':'))) return false;
  if (rel === DB_FILE_NAME || rel === AGENCY_CONFIG_FILE) return true;
  return parts.length > 1 && (BACKED_UP_DIRS as readonly string[]).includes(parts[0]!);
}

/** True when another connection (the app, the browser host) has the database open. */
export function databaseInUse(dataDir: string): boolean {
  const file = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file)) return false;
  const probe = new Database(file, { timeout: 0 });
  try {
    // In WAL mode an exclusive lock is only granted when no other connection is open.
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT;');
    return false;
  } catch {
    return true;
  } finally {
    probe.close();
  }
}

export interface VerifyOptions {
  /** The backup folder (the one holding manifest.json). */
  from: string;
  /** Empty folder where the copy is staged and checked. */
  stagingDir: string;
  /** How many migrations this app knows (CoreContext.schemaVersion): a newer backup is refused. */
  knownMigrations: number;
  /**
   * The desk's secrets store, which holds the audit trail's HMAC keys (they never travel in a
   * backup). Without them, e.g. on a replacement machine, only the chain's links are checked.
   */
  secrets?: SecretStore;
}

/** Copies the backup into stagingDir and checks the copy. Never throws for a bad backup. */
export async function stageAndVerify(opts: VerifyOptions): Promise<BackupCheck & { manifest: BackupManifest | null }> {
  const checks: BackupCheck['checks'] = [];
  let contents: BackupContents | null = null;
  const done = (manifest: BackupManifest | null) => ({
    ok: checks.every((c) => c.ok),
    checks,
    manifest,
    backup: manifest ? describeBackup(opts.from, manifest) : null,
    contents,
  });

  const manifest = readManifest(opts.from);
  if (!manifest) {
    checks.push({ label: 'Manifiesto', ok: false, detail: `Falta ${MANIFEST_FILE} o no es válido: la carpeta no es un respaldo completo de Ventanilla Patronal.` });
    return done(null);
  }
  const unsafe = manifest.files.find((f) => !safeRelative(f.path));
  if (unsafe || !manifest.files.some((f) => f.path === DB_FILE_NAME)) {
    checks.push({ label: 'Manifiesto', ok: false, detail: unsafe ? `El manifiesto nombra un archivo no permitido: ${unsafe.path}.` : 'El manifiesto no incluye la base de datos.' });
    return done(manifest);
  }
  checks.push({ label: 'Manifiesto', ok: true, detail: `${manifest.files.length} archivos, creado por la versión ${manifest.appVersion}.` });

  const bad: string[] = [];
  for (const f of manifest.files) {
    const src = path.join(opts.from, ...f.path.split('/'));
    const dst = path.join(opts.stagingDir, ...f.path.split('/'));
    try {
      await fsp.mkdir(path.dirname(dst), { recursive: true, mode: 0o700 });
      await fsp.copyFile(src, dst);
      // copyFile keeps the source's mode; whatever the backup drive holds, the copy is owner-only.
      restrictFile(dst);
      // The staged copy is what gets used, so that is what is hashed.
      const got = await sha256File(dst);
      if (got.sha256 !== f.sha256 || got.bytes !== f.bytes) bad.push(`${f.path} (contenido distinto)`);
    } catch {
      bad.push(`${f.path} (falta)`);
    }
  }
  checks.push(
    bad.length === 0
      ? { label: 'Archivos (SHA-256)', ok: true, detail: `Los ${manifest.files.length} archivos coinciden con el manifiesto.` }
      : { label: 'Archivos (SHA-256)', ok: false, detail: `${bad.length} archivo(s) no coinciden: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? '…' : ''}.` },
  );
  if (bad.includes(`${DB_FILE_NAME} (falta)`)) return done(manifest);

  let db: Database.Database | null = null;
  try {
    db = new Database(path.join(opts.stagingDir, DB_FILE_NAME), { fileMustExist: true });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const fine = integrity.length === 1 && integrity[0]?.integrity_check === 'ok';
    checks.push({ label: 'Integridad de SQLite', ok: fine, detail: fine ? 'PRAGMA integrity_check: ok.' : `PRAGMA integrity_check informa ${integrity.length} problema(s).` });
    if (fine) {
      bindAuditKeys(db, opts.secrets ?? null);
      const chain = verifyAuditChain(db);
      // A key this machine does not hold is no proof of tampering: the links held, say so and go on.
      const keyOnly = chain.firstBroken?.reason === 'key';
      checks.push({
        label: 'Cadena de auditoría',
        ok: chain.ok || keyOnly,
        detail: chain.ok
          ? `${chain.entries} entradas verificadas.`
          : keyOnly
            ? `${chain.entries} entradas enlazadas correctamente, sin poder comprobar sus firmas: ${chain.firstBroken!.message}`
            : (chain.firstBroken?.message ?? 'La cadena no verifica.'),
      });
      const applied = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() as { n: number }).n
        ? (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
        : 0;
      const known = opts.knownMigrations;
      checks.push(
        applied <= known
          ? { label: 'Versión del esquema', ok: true, detail: `Esquema ${applied} (esta versión conoce ${known}; las migraciones pendientes se aplican al abrir).` }
          : { label: 'Versión del esquema', ok: false, detail: `El respaldo es de una versión más reciente de la aplicación (esquema ${applied}, esta conoce ${known}): actualice antes de restaurar.` },
      );
      contents = countContents(db, manifest, chain.ok ? chain.entries : null);
    }
  } catch {
    checks.push({ label: 'Integridad de SQLite', ok: false, detail: 'La base de datos del respaldo no se puede abrir: está dañada o no es SQLite.' });
  } finally {
    db?.close();
  }
  return done(manifest);
}

/** Checks a backup without restoring: staged in a temporary folder that is removed after. */
export async function verifyBackup(from: string, knownMigrations: number, tmpRoot: string, secrets?: SecretStore): Promise<BackupCheck> {
  const stagingDir = await fsp.mkdtemp(path.join(tmpRoot, '.verificando-'));
  try {
    const { manifest: _manifest, ...report } = await stageAndVerify({ from, stagingDir, knownMigrations, secrets });
    return report;
  } finally {
    await fsp.rm(stagingDir, { recursive: true, force: true });
  }
}

export interface RestoreOptions {
  from: string;
  dataDir: string;
  knownMigrations: number;
  now: number;
  /** The desk's secrets store (a port from the host): its audit keys verify the backup's trail. */
  secrets: SecretStore;
}

export interface RestoreResult {
  report: BackupCheck;
  /** Where the data that was replaced now sits (null when the data directory was empty). */
  previousDir: string | null;
}

const IN_USE = 'La base de datos está abierta: cierre Ventanilla Patronal (y el host de navegador o la CLI) en esta estación antes de restaurar.';

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  ensurePrivateDir(opts.dataDir);
  if (databaseInUse(opts.dataDir)) throw new RestoreError(IN_USE);
  const stamp = backupStamp(opts.now);
  const stagingDir = path.join(opts.dataDir, `.restaurando-${stamp}`);
  await fsp.rm(stagingDir, { recursive: true, force: true });
  await fsp.mkdir(stagingDir, { mode: 0o700 });
  try {
    const verified = await stageAndVerify({ from: opts.from, stagingDir, knownMigrations: opts.knownMigrations, secrets: opts.secrets });
    const report = { ok: verified.ok, checks: verified.checks };
    if (!verified.ok) throw new RestoreError('El respaldo no pasó la verificación: no se cambió nada en esta estación.', report);
    // Checked again: the app could have been opened while the copy was verified.
    if (databaseInUse(opts.dataDir)) throw new RestoreError(IN_USE, report);

    const present = REPLACED.filter((item) => fs.existsSync(path.join(opts.dataDir, item)));
    const previousDir = present.length ? path.join(opts.dataDir, `anterior-${stamp}`) : null;
    const movedAside: string[] = [];
    const movedIn: string[] = [];
    try {
      if (previousDir) await fsp.mkdir(previousDir, { mode: 0o700 });
      for (const item of present) {
        await fsp.rename(path.join(opts.dataDir, item), path.join(previousDir!, item));
        movedAside.push(item);
      }
      for (const item of REPLACED) {
        if (!fs.existsSync(path.join(stagingDir, item))) continue;
        await fsp.rename(path.join(stagingDir, item), path.join(opts.dataDir, item));
        movedIn.push(item);
      }
    } catch (err) {
      // Put everything back as it was before saying no.
      for (const item of movedIn) await fsp.rm(path.join(opts.dataDir, item), { recursive: true, force: true }).catch(() => {});
      for (const item of movedAside) await fsp.rename(path.join(previousDir!, item), path.join(opts.dataDir, item)).catch(() => {});
      throw new RestoreError(`No se pudieron reemplazar los datos (${(err as NodeJS.ErrnoException).code ?? 'error'}); se dejaron como estaban.`, report);
    }
    // Sessions saved in the backup would be valid again: after a restore, everyone signs in anew.
    const restored = new Database(path.join(opts.dataDir, DB_FILE_NAME), { fileMustExist: true });
    try {
      restored.prepare('DELETE FROM sessions').run();
    } finally {
      restored.close();
    }
    return { report, previousDir };
  } finally {
    await fsp.rm(stagingDir, { recursive: true, force: true });
  }
}

/** What the screen shows of a backup before restoring it. */
function describeBackup(from: string, m: BackupManifest): BackupInfo {
  return {
    name: path.basename(from),
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    agencyCode: m.agencyCode,
    files: m.files.length,
    bytes: m.files.reduce((n, f) => n + f.bytes, 0),
  };
}

/** Counts in the staged database (a table an older schema lacks counts as null). */
function countContents(db: Database.Database, m: BackupManifest, auditEntries: number | null): BackupContents {
  const count = (sql: string): number | null => {
    try {
      return (db.prepare(sql).get() as { n: number | null }).n;
    } catch {
      return null;
    }
  };
  const under = (dir: string) => m.files.filter((f) => f.path.startsWith(`${dir}/`)).length;
  return {
    requests: count('SELECT count(*) AS n FROM requests'),
    users: count('SELECT count(*) AS n FROM users'),
    attachments: under(ATTACHMENTS_DIR),
    forms: under(FORMS_DIR),
    auditEntries,
    lastActivityAt: count('SELECT max(at) AS n FROM audit_log'),
  };
}
