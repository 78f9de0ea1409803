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
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { DB_FILE_NAME, ensurePrivateDir, restrictFile } from '../../../db/open';
import { sql, value, type Sql } from '../../../db/sql';
import { AGENCY_CONFIG_FILE, type BackupCheck, type BackupContents, type BackupInfo } from '../../../shared/contract/ops';
import { bindAuditKeys, retireKeysNotInTrail, verifyAuditChain, type ChainReport } from '../security/audit/chain';
import type { ReadSecrets, SecretStore } from '../context';
import { BACKED_UP_DIRS, backupStamp, FORMS_DIR, MANIFEST_FILE, readManifest, sha256File, type BackupManifest } from './backup';
import { ATTACHMENTS_DIR } from '../counter/attachments/files';
import { stagingTag } from './leftovers';

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

/**
 * Copies `rel` from the backup only if it and every folder above it inside the backup are plain
 * (no symbolic link, junction, FIFO, device...): a backup holds nothing else, and a link would
 * copy in whatever it points at (/etc/passwd, another desk's data). The file is opened without
 * following links and checked again on the open handle, so a swap after the check does not help;
 * a FIFO is never opened (reading one would block). False when something is not plain; throws
 * when something is missing.
 */
async function copyPlainFile(root: string, rel: string, dst: string): Promise<boolean> {
  const parts = rel.split('/');
  let at = root;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    if (!(await fsp.lstat(at)).isDirectory()) return false;
  }
  const src = path.join(at, parts.at(-1)!);
  const seen = await fsp.lstat(src);
  if (!seen.isFile()) return false;
  // O_NOFOLLOW and O_NONBLOCK do not exist on Windows (0 there); the lstat above still holds.
  const handle = await fsp.open(src, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== seen.ino || opened.dev !== seen.dev) return false;
    // Created owner-only: whatever the backup drive holds, the copy is readable by this user alone.
    await pipeline(handle.createReadStream({ autoClose: false }), fs.createWriteStream(dst, { mode: 0o600 }));
  } finally {
    await handle.close();
  }
  restrictFile(dst);
  return true;
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
   * backup). Required: every path that checks a backup (the screen, the CLI, a restore) checks
   * the signatures with the desk's own keys.
   */
  secrets: ReadSecrets;
  /** The administrator accepts a trail signed with a key this desk never had ("no verificable"). */
  acceptUnverifiableAudit?: boolean;
}

/** Copies the backup into stagingDir and checks the copy. Never throws for a bad backup. */
export async function stageAndVerify(opts: VerifyOptions): Promise<BackupCheck & { manifest: BackupManifest | null }> {
  const checks: BackupCheck['checks'] = [];
  let contents: BackupContents | null = null;
  let auditUnverifiableSeen = false;
  const done = (manifest: BackupManifest | null) => ({
    ok: checks.every((c) => c.ok),
    checks,
    // Only worth asking the administrator when nothing else failed.
    auditUnverifiable: auditUnverifiableSeen && checks.every((c) => c.ok || c.unverifiable === true),
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
    const dst = path.join(opts.stagingDir, ...f.path.split('/'));
    try {
      await fsp.mkdir(path.dirname(dst), { recursive: true, mode: 0o700 });
      if (!(await copyPlainFile(opts.from, f.path, dst))) {
        bad.push(`${f.path} (no es un archivo común: enlace simbólico u otro tipo)`);
        continue;
      }
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
  if (bad.some((b) => b.startsWith(`${DB_FILE_NAME} (`) && !b.endsWith('(contenido distinto)'))) return done(manifest);

  let db: Database.Database | null = null;
  try {
    db = new Database(path.join(opts.stagingDir, DB_FILE_NAME), { fileMustExist: true });
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    const fine = integrity.length === 1 && integrity[0]?.integrity_check === 'ok';
    checks.push({ label: 'Integridad de SQLite', ok: fine, detail: fine ? 'PRAGMA integrity_check: ok.' : `PRAGMA integrity_check informa ${integrity.length} problema(s).` });
    const schema = fine ? schemaCheck(db, opts.knownMigrations) : null;
    if (schema) checks.push(schema);
    let auditEntries: number | null = null;
    if (fine && schema?.ok) {
      bindAuditKeys(db, opts.secrets);
      const chain = verifyAuditChain(db, { copy: true });
      const audit = auditCheck(chain, opts.acceptUnverifiableAudit === true);
      checks.push(audit);
      if (audit.unverifiable) auditUnverifiableSeen = true;
      // Entries linked correctly count, verified or (accepted as) unverifiable.
      if (chain.ok || audit.unverifiable) auditEntries = chain.entries;
    }
    if (fine) contents = countContents(db, manifest, auditEntries);
  } catch {
    checks.push({ label: 'Integridad de SQLite', ok: false, detail: 'La base de datos del respaldo no se puede abrir: está dañada o no es SQLite.' });
  } finally {
    db?.close();
  }
  return done(manifest);
}

export interface CheckOptions {
  from: string;
  /** The desk's data directory: the copy is staged and checked inside it (same disk, owner-only). */
  dataDir: string;
  knownMigrations: number;
  secrets: ReadSecrets;
}

/**
 * Checks a backup without restoring it: the one verification the Operación screen and the CLI
 * share with the restore itself (stageAndVerify), staged in a folder of the data directory that
 * is removed after.
 */
export async function verifyBackup(opts: CheckOptions): Promise<BackupCheck> {
  ensurePrivateDir(opts.dataDir);
  const stagingDir = await fsp.mkdtemp(path.join(opts.dataDir, `.verificando-${stagingTag()}-`));
  try {
    const { manifest: _manifest, ...report } = await stageAndVerify({ from: opts.from, stagingDir, knownMigrations: opts.knownMigrations, secrets: opts.secrets });
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
  /** The administrator accepts a trail this desk cannot verify (CLI: --aceptar-auditoria-no-verificable). */
  acceptUnverifiableAudit?: boolean;
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
  const stagingDir = path.join(opts.dataDir, `.restaurando-${stamp}-${stagingTag()}`);
  await fsp.rm(stagingDir, { recursive: true, force: true });
  await fsp.mkdir(stagingDir, { mode: 0o700 });
  try {
    const verified = await stageAndVerify({
      from: opts.from,
      stagingDir,
      knownMigrations: opts.knownMigrations,
      secrets: opts.secrets,
      acceptUnverifiableAudit: opts.acceptUnverifiableAudit === true,
    });
    const report = { ok: verified.ok, checks: verified.checks, auditUnverifiable: verified.auditUnverifiable };
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
      // The restored trail replaces this desk's: its keys that trail does not name are not "lost entries".
      retireKeysNotInTrail(restored, opts.secrets);
    } finally {
      restored.close();
    }
    return { report, previousDir };
  } finally {
    await fsp.rm(stagingDir, { recursive: true, force: true });
  }
}

const UNSIGNED =
  'Las entradas del registro de auditoría del respaldo no están firmadas con clave: la aplicación firma cada entrada desde la primera, así que su cabecera fue alterada (se quitaron sus claves) y el registro fue alterado. No se puede restaurar.';

/**
 * The audit trail of the staged copy, checked with this desk's keys. Only a key this desk never
 * had (the backup was made on another machine) leaves it "no verificable", which the
 * administrator may accept explicitly; anything else that cannot be checked is refused.
 */
function auditCheck(chain: ChainReport, accept: boolean): BackupCheck['checks'][number] {
  const label = 'Cadena de auditoría';
  if (chain.ok) return { label, ok: true, detail: `${chain.entries} entradas verificadas.` };
  const b = chain.firstBroken!;
  if (b.reason !== 'key') return { label, ok: false, detail: b.message };
  if (b.key === 'unsigned') return { label, ok: false, detail: UNSIGNED };
  if (b.key !== 'missing') return { label, ok: false, detail: `${b.message} No se puede restaurar desde aquí.` };
  const detail =
    `No verificable: ${chain.entries === 1 ? 'su única entrada está enlazada' : `${chain.entries} entradas enlazadas`} correctamente, pero sus firmas no pueden comprobarse en este equipo. ${b.message} ` +
    'Si el respaldo viene de otro equipo de la agencia, es lo esperado; si no, no lo restaure. ';
  return accept
    ? { label, ok: true, unverifiable: true, detail: `${detail}El administrador aceptó restaurarlo sin esa comprobación.` }
    : { label, ok: false, unverifiable: true, detail: `${detail}Para restaurarlo, acepte expresamente que su registro de auditoría no se puede verificar.` };
}

/** Tables every version of the app has had since its first migrations (db/migrations/0000, 0001). */
const FOUNDATION_TABLES = ['agencies', 'requests', 'users', 'sessions', 'settings', 'audit_log'];

/**
 * The database must be one the app can open: its record of applied migrations is there (without
 * it the app would run every migration again over existing tables and fail with raw SQL), it is
 * not newer than this version, and the tables every version has are there.
 */
function schemaCheck(db: Database.Database, known: number): BackupCheck['checks'][number] {
  const label = 'Versión del esquema';
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const applied = tables.has('__drizzle_migrations') ? (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
  if (applied === 0) {
    return {
      label,
      ok: false,
      detail:
        'La base de datos del respaldo no tiene el registro de versiones del esquema (o está vacío): no es una base de Ventanilla Patronal o fue alterada. No se puede restaurar.',
    };
  }
  if (applied > known) {
    return { label, ok: false, detail: `El respaldo es de una versión más reciente de la aplicación (esquema ${applied}, esta conoce ${known}): actualice antes de restaurar.` };
  }
  const missing = FOUNDATION_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    return { label, ok: false, detail: `A la base de datos del respaldo le faltan tablas (${missing.join(', ')}): está incompleta o fue alterada. No se puede restaurar.` };
  }
  return { label, ok: true, detail: `Esquema ${applied} (esta versión conoce ${known}; las migraciones pendientes se aplican al abrir).` };
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
  const count = (q: Sql): number | null => {
    try {
      return value<number | null>(db, q) ?? null;
    } catch {
      return null;
    }
  };
  const under = (dir: string) => m.files.filter((f) => f.path.startsWith(`${dir}/`)).length;
  return {
    requests: count(sql`SELECT count(*) AS n FROM requests`),
    users: count(sql`SELECT count(*) AS n FROM users`),
    attachments: under(ATTACHMENTS_DIR),
    forms: under(FORMS_DIR),
    auditEntries,
    lastActivityAt: count(sql`SELECT max(at) AS n FROM audit_log`),
  };
}
