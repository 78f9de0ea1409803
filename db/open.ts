// Opens the desk's SQLite database and brings it to the current schema.
// drizzle-orm's migrator applies all pending migrations in one transaction; what it does not do
// is refuse a database written by a newer version of the app, so that check is ours.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema';
import { transaction, type ReadableDB, type WritableDB } from './sql';

/** The connection with drizzle over it; it reads, so it is a ReadableDB too (db/sql.ts reaches `$client`). */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database } & ReadableDB;

/**
 * What a read-only call's handler gets (electron/core/context.ts ReadContext): drizzle's query
 * builders that only read, and db/sql.ts's read helpers. No `$client`, `insert`, `update`,
 * `delete`, `run` nor `transaction`: a write from it does not compile.
 */
export type ReadDb = Pick<Db, 'select' | 'selectDistinct' | 'query' | '$count'> & ReadableDB;

/**
 * The only writable handle a call's handler can hold: what `ctx.write(fn)` hands `fn`
 * (electron/core/registry.ts), inside the call's one transaction with its audit entry. Drizzle's
 * builders, reading and writing, and the WritableDB brand db/sql.ts's write helpers take; no
 * `$client` and no `transaction`, so a write cannot escape the call's transaction.
 */
export type WriteDb = Pick<Db, 'select' | 'selectDistinct' | 'query' | '$count' | 'insert' | 'update' | 'delete'> & WritableDB;

/**
 * What a function that writes with drizzle's builders takes (the settings store, the agency
 * configuration): a WriteDb in a call, or the whole Db a background service or start-up holds.
 * A ReadDb has no insert/update/delete.
 */
export type DrizzleWriter = Pick<Db, 'select' | 'selectDistinct' | 'query' | '$count' | 'insert' | 'update' | 'delete'> & ReadableDB;

/**
 * Runs `fn` in one IMMEDIATE transaction (nested: a savepoint) on `db`'s connection, handing it
 * the connection as a WriteDb: the registry's ctx.write, and any background service that writes
 * with drizzle's builders too.
 */
export function writeTransaction<T>(db: Db, fn: (w: WriteDb) => T): T {
  return transaction(db.$client, () => fn(db as unknown as WriteDb));
}

/**
 * The raw connection under a Db, for what SQLite's API does beyond statements (the online backup,
 * a connection PRAGMA) and the background services' transaction() calls. It takes the whole Db a
 * host opened (CoreContext), never a handler's ReadDb: a handler cannot reach it.
 */
export function connectionOf(db: Db): Database.Database {
  return db.$client;
}

export const DB_FILE_NAME = 'ventanilla.db';

/**
 * The writer's automatic WAL checkpoint: SQLite's default of 1,000 pages, or, while another
 * thread checkpoints (electron/hosts/common/checkpointer.ts), only a backstop ~40 MB of log
 * behind.
 */
export const AUTOCHECKPOINT_PAGES = { default: 1000, backstop: 10_000 } as const;
export type AutocheckpointMode = keyof typeof AUTOCHECKPOINT_PAGES;

export function setAutocheckpoint(sqlite: Database.Database, mode: AutocheckpointMode): void {
  if (mode === 'backstop') sqlite.pragma('wal_autocheckpoint = 10000');
  else sqlite.pragma('wal_autocheckpoint = 1000');
}

export function autocheckpointMode(sqlite: Database.Database): AutocheckpointMode {
  return Number(sqlite.pragma('wal_autocheckpoint', { simple: true })) === AUTOCHECKPOINT_PAGES.backstop ? 'backstop' : 'default';
}

export class DatabaseVersionError extends Error {
  constructor(
    readonly dbMigrations: number,
    readonly knownMigrations: number,
  ) {
    super(
      'La base de datos fue creada por una versión más reciente de Ventanilla Patronal. ' +
        'Actualice la aplicación antes de abrirla; no se modificó ningún dato.',
    );
  }
}

export interface OpenOptions {
  dataDir: string;
  migrationsDir: string;
}

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  schemaVersion: number;
  close(): void;
}

/** Creates the data directory readable by the owner only (LOPDP Art. 37). */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
}

export function openDatabase(opts: OpenOptions): OpenedDatabase {
  ensurePrivateDir(opts.dataDir);
  const file = path.join(opts.dataDir, DB_FILE_NAME);
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  // Owner-only on every open, not just on create: a database copied in by hand, restored, or
  // left by an older version may carry the umask's 0644. SQLite gives the -wal and -shm it
  // creates the database file's mode; existing ones are restricted here and after migrating.
  for (const f of [file, `${file}-wal`, `${file}-shm`]) restrictFile(f);
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const migrations = readMigrationFiles({ migrationsFolder: opts.migrationsDir });
    refuseNewerDatabase(sqlite, migrations);
    const db = drizzle(sqlite, { schema }) as Db;
    migrate(db, { migrationsFolder: opts.migrationsDir });
    // The writer's savepoints and statement journals in memory. SQLite spills a sub-journal past
    // 64 KiB to a temporary file, and a pull applies each change in its own savepoint touching
    // more pages than that: a write() per page into a file thrown away, a third of a
    // 10,000-change pull's CPU (test/bench/sync.ts). Set after the migrations (an index built
    // over a large table keeps its disk-backed sort) and before any temp object exists (a change
    // of temp_store drops them). Heavy reads run on the reader connections (openReadOnly).
    sqlite.pragma('temp_store = MEMORY');
    for (const suffix of ['-wal', '-shm']) restrictFile(file + suffix);
    return { db, sqlite, schemaVersion: migrations.length, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

/** chmod 0600 when the file exists (no-op on Windows, where modes do not apply). */
export function restrictFile(file: string): void {
  if (process.platform !== 'win32' && fs.existsSync(file)) fs.chmodSync(file, 0o600);
}

function refuseNewerDatabase(sqlite: Database.Database, migrations: { folderMillis: number }[]): void {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return;
  const row = sqlite
    .prepare('SELECT count(*) AS n, max(created_at) AS newest FROM __drizzle_migrations')
    .get() as { n: number; newest: number | null };
  const newestKnown = migrations.at(-1)?.folderMillis ?? 0;
  if (row.n > migrations.length || Number(row.newest ?? 0) > newestKnown) {
    throw new DatabaseVersionError(row.n, migrations.length);
  }
}

/**
 * A read-only connection to a database another connection (the writer) has opened and migrated:
 * a reader worker's (electron/hosts/common/reader-pool.ts). WAL lets it read while the writer
 * commits; `query_only` makes any write a SQLite error, never a silent second writer.
 */
export function openReadOnly(dataDir: string): { db: Db; sqlite: Database.Database; close(): void } {
  const sqlite = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('query_only = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  return { db, sqlite, close: () => sqlite.close() };
}
