// Online backup of a desk: the SQLite database through SQLite's backup API (better-sqlite3's
// db.backup(), consistent while the app keeps writing), then the attachments, the archived
// forms and agencia.json, each with its SHA-256 in manifest.json. The backup is built in a
// "<name>.parcial" folder and renamed when complete, so a folder without that suffix always
// holds a whole backup. secretos.json is left out on purpose: a token on a USB drive is a
// token anyone can use; after a restore on another machine the desk is enrolled again.
//
// The database goes first and the files after: a file written during the backup is then at
// worst an extra file the restored database does not name, never a row whose file is missing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DB_FILE_NAME, restrictFile } from '../../../db/open';
import { connectionKey, onlineBackup, type Reader } from '../../../db/sql';
import { AGENCY_CONFIG_FILE, type BackupSummary } from '../../../shared/contract/ops';
import { ECUADOR_OFFSET_MS } from '../../../shared/domain/dates';
import { ATTACHMENTS_DIR } from '../counter/attachments/files';

export const FORMS_DIR = 'formularios';
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_PREFIX = 'respaldo-';
const PARTIAL_SUFFIX = '.parcial';

/** What a backup holds besides the database, relative to the data directory. */
export const BACKED_UP_DIRS = [ATTACHMENTS_DIR, FORMS_DIR] as const;
export const BACKED_UP_FILES = [AGENCY_CONFIG_FILE] as const;

export const BackupManifest = z.object({
  format: z.literal('ventanilla-patronal-respaldo'),
  version: z.literal(1),
  createdAt: z.number(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  agencyCode: z.string().nullable(),
  files: z.array(
    z.object({
      /** Relative, '/'-separated. */
      path: z.string().min(1),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export class BackupError extends Error {}

export interface BackupOptions {
  /** The database to copy: a ReadDb is enough (SQLite's backup API reads). */
  db: Reader;
  dataDir: string;
  destRoot: string;
  now: number;
  appVersion: string;
  schemaVersion: number;
  agencyCode: string | null;
  /** Complete backups kept in destRoot (older ones are removed after a success). */
  keep?: number;
}

export interface BackupResult extends BackupSummary {
  dir: string;
  /** Files that disappeared between listing and copying (e.g. a purge ran meanwhile). */
  skipped: number;
}

/**
 * Ecuador time, as the people who pick a backup read the clock; sortable (Ecuador keeps one
 * offset all year) and valid in a Windows folder name: 20261120T090000-0500. Folders written
 * by earlier versions carry UTC (…T140000Z) and are still recognised.
 */
export const backupStamp = (ms: number) => `${new Date(ms - ECUADOR_OFFSET_MS).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, '')}-0500`;

export const isBackupName = (name: string) => /^respaldo-\d{8}T\d{6}(Z|-0500)(-\d+)?$/.test(name);

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(path.join(root, rel), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries) {
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFiles(root, child)));
    // Temp files of an attachment being written are not part of the desk's state.
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(child);
  }
  return out;
}

/** One backup at a time per database: the scheduler and the button share this. */
const running = new WeakMap<object, Promise<BackupResult>>();

export function runBackup(opts: BackupOptions): Promise<BackupResult> {
  const key = connectionKey(opts.db);
  if (running.has(key)) throw new BackupError('Ya hay un respaldo en curso; espere a que termine.');
  const job = doBackup(opts).finally(() => running.delete(key));
  running.set(key, job);
  return job;
}

async function doBackup(opts: BackupOptions): Promise<BackupResult> {
  try {
    await fsp.mkdir(opts.destRoot, { recursive: true, mode: 0o700 });
    await fsp.access(opts.destRoot, fs.constants.W_OK);
  } catch {
    throw new BackupError('No se puede escribir en la carpeta de respaldos: verifique que exista (disco conectado) y tenga permisos.');
  }
  let name = `${BACKUP_PREFIX}${backupStamp(opts.now)}`;
  for (let n = 2; fs.existsSync(path.join(opts.destRoot, name)); n++) name = `${BACKUP_PREFIX}${backupStamp(opts.now)}-${n}`;
  const work = path.join(opts.destRoot, name + PARTIAL_SUFFIX);
  await fsp.rm(work, { recursive: true, force: true });
  await fsp.mkdir(work, { mode: 0o700 });
  try {
    const files: BackupManifest['files'] = [];
    // SQLite restarts a stepped backup whenever another connection writes to the source, so
    // under steady writes small steps may never finish: after the first step the rest is
    // copied in one, inside one read transaction (in WAL mode writers are not blocked).
    // Created owner-only first: SQLite keeps an existing file's mode (a new one gets the umask's).
    const dbCopy = path.join(work, DB_FILE_NAME);
    await fsp.writeFile(dbCopy, '', { mode: 0o600 });
    await onlineBackup(opts.db, dbCopy, { progress: () => 0x7fffffff });
    restrictFile(dbCopy);
    files.push({ path: DB_FILE_NAME, ...(await sha256File(path.join(work, DB_FILE_NAME))) });

    let skipped = 0;
    const rels = [...(await Promise.all(BACKED_UP_DIRS.map((d) => listFiles(opts.dataDir, d)))).flat(), ...BACKED_UP_FILES];
    for (const rel of rels) {
      const from = path.join(opts.dataDir, ...rel.split('/'));
      const to = path.join(work, ...rel.split('/'));
      let data: Buffer;
      try {
        data = await fsp.readFile(from);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        if (!(BACKED_UP_FILES as readonly string[]).includes(rel)) skipped++;
        continue;
      }
      await fsp.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
      await fsp.writeFile(to, data, { mode: 0o600 });
      files.push({ path: rel, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    }
    const manifest: BackupManifest = {
      format: 'ventanilla-patronal-respaldo',
      version: 1,
      createdAt: opts.now,
      appVersion: opts.appVersion,
      schemaVersion: opts.schemaVersion,
      agencyCode: opts.agencyCode,
      files,
    };
    await fsp.writeFile(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const dir = path.join(opts.destRoot, name);
    await fsp.rename(work, dir);
    if (opts.keep) await pruneBackups(opts.destRoot, opts.keep);
    return { dir, skipped, ...summarize(name, manifest) };
  } catch (err) {
    await fsp.rm(work, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
}

function summarize(name: string, m: BackupManifest): BackupSummary {
  return {
    name,
    createdAt: m.createdAt,
    files: m.files.length,
    bytes: m.files.reduce((n, f) => n + f.bytes, 0),
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
  };
}

export function readManifest(dir: string): BackupManifest | null {
  try {
    const parsed = BackupManifest.safeParse(JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Complete backups in a folder, newest first. */
export function listBackups(destRoot: string): BackupSummary[] {
  let names: string[];
  try {
    names = fs.readdirSync(destRoot);
  } catch {
    return [];
  }
  const out: BackupSummary[] = [];
  for (const name of names.filter(isBackupName)) {
    const m = readManifest(path.join(destRoot, name));
    if (m) out.push(summarize(name, m));
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** Removes complete backups beyond the newest `keep`, and partial ones left by a crash. */
export async function pruneBackups(destRoot: string, keep: number): Promise<string[]> {
  const removed: string[] = [];
  for (const b of listBackups(destRoot).slice(keep)) {
    await fsp.rm(path.join(destRoot, b.name), { recursive: true, force: true });
    removed.push(b.name);
  }
  // A partial folder younger than a day may belong to a backup still running in another
  // process (the CLI while the app is open); an older one is debris of a crash.
  for (const name of fs.readdirSync(destRoot)) {
    if (!name.startsWith(BACKUP_PREFIX) || !name.endsWith(PARTIAL_SUFFIX)) continue;
    const full = path.join(destRoot, name);
    if (Date.now() - fs.statSync(full).mtimeMs > 86_400_000) {
      await fsp.rm(full, { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
