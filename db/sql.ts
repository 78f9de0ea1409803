// The one way the app's code builds SQL and reaches the database's rows.
//
// `sql` is sql-template-tag's tagged template: every `${…}` becomes a `?` bound parameter unless
// it is itself an `Sql` fragment, so fragments compose (`join`, `empty`, a `cond ? sql`…` : empty`
// part) and a value can never be spliced into the statement's text. The only way to put text
// that is not written in a template into a statement is `ident()`, which quotes an identifier
// (SQLite's "…" quoting, so even a hostile name stays one identifier); sql-template-tag's own
// unrestricted `raw` is not re-exported, and the linter refuses importing the package elsewhere
// (eslint.config.js). Why sql-template-tag and not drizzle's `sql`: drizzle's needs a dialect to
// render, runs through drizzle's session (which prepares the statement again on every run) and
// its `sql.raw` takes any string; sql-template-tag's `{ sql, values }` goes straight to
// better-sqlite3's prepare/bind, so statements are cached here and hot paths stay prepared once.
//
// ReadableDB / WritableDB, as Signal Desktop's ts/sql/Interface.std.ts: branded handles over the
// better-sqlite3 connection (the same object at run time: no cost). A ReadableDB exposes nothing
// but the read helpers below, and they refuse a statement SQLite says writes (`Statement.readonly`),
// so a function given a ReadableDB cannot write, by type and at run time. A WritableDB is minted
// only by `transaction()` (and the registry's `ctx.write`, which is built on it), and the write
// helpers check the connection is in a transaction: a write helper cannot run outside one.
import type Database from 'better-sqlite3';
import sqlTag, { empty, join as joinParts, raw, type Sql } from 'sql-template-tag';

// The Sql class is exported as a type only: its constructor takes statement text, as raw() does.
export { empty };
export type { Sql };
export const sql = sqlTag;

/** The separators a list of fragments may be joined with: statement text, so never a value. */
const SEPARATORS = [',', ', ', ' AND ', ' OR ', ' UNION ALL '] as const;

/** Values (bound) or fragments joined by one of SEPARATORS (checked at run time too). */
export function join(values: readonly unknown[], separator: (typeof SEPARATORS)[number] = ','): Sql {
  if (!(SEPARATORS as readonly string[]).includes(separator)) throw new Error(`join(): separator not allowed: ${JSON.stringify(separator)}`);
  return joinParts(values, separator);
}

declare const READ: unique symbol;
declare const WRITE: unique symbol;
/** A connection to read through: only `all`, `get`, `pluck`, `value` take it. */
export type ReadableDB = { readonly [READ]: true };
/** A connection inside a write transaction: `run` and `exec` take it (and every read helper). */
export type WritableDB = ReadableDB & { readonly [WRITE]: true };

/**
 * What the read helpers take: a ReadableDB, or a raw connection held by the code that opened it
 * (it could write anyway; what the types keep from a read-only handler is the raw connection).
 */
export type Reader = ReadableDB | Database.Database;

/**
 * What the write helpers take: a WritableDB, or a raw connection held by the code that opened it
 * (a background service, the sync apply path, a test), as Reader for reads. A call's handler
 * holds no raw connection (its ctx.db is a ReadDb, db/open.ts), so the only Writer it can pass
 * is the one its ctx.write hands it. Either way the write helpers run only inside a transaction.
 */
export type Writer = WritableDB | Database.Database;

/**
 * The better-sqlite3 connection under a handle: a Db (db/open.ts) is drizzle's object over it,
 * typed ReadableDB too, and carries it as `$client`.
 */
function connection(db: Reader | Writer): Database.Database {
  return (db as unknown as { $client?: Database.Database }).$client ?? (db as unknown as Database.Database);
}

/**
 * The connection a handle stands for, as an opaque key (per-connection caches, e.g. the audit
 * key ring of electron/core/security/audit/chain.ts): it cannot be used to run anything.
 */
export function connectionKey(db: Reader): object {
  return connection(db);
}

/** Whether the connection under a handle is inside a transaction (batchAudit checks its caller's). */
export function inTransaction(db: Reader): boolean {
  return connection(db).inTransaction;
}

/** A read-only handle on a connection (reading needs no transaction). */
export function readable(sqlite: Database.Database): ReadableDB {
  return sqlite as unknown as ReadableDB;
}

/**
 * Runs `fn` in one IMMEDIATE transaction (nested: a savepoint), handing it the connection as a
 * WritableDB. The only place a WritableDB is made. Given a Writer already in a transaction (a
 * helper that writes several statements, called from ctx.write), it is a savepoint of that one.
 */
export function transaction<T>(db: Writer, fn: (db: WritableDB) => T): T {
  const sqlite = connection(db);
  return sqlite.transaction(() => fn(sqlite as unknown as WritableDB)).immediate();
}

/**
 * A quoted identifier (table, column, index), for the names a statement cannot bind. Quoting
 * makes any text one identifier: `ident('a"; DROP TABLE x; --')` is a (missing) name, not SQL.
 * Dotted parts are quoted each: ident('temp', 'requests_fts_terms') → "temp"."requests_fts_terms".
 */
export function ident(...parts: [string, ...string[]]): Sql {
  return raw(parts.map((p) => `"${p.replace(/"/g, '""')}"`).join('.'));
}

/** A schema object's DDL as SQLite keeps it (sqlite_master.sql), to drop it and make it again. */
export interface StoredDdl {
  type: string;
  name: string;
  /** The text the migrations wrote, read back from the database: never text from elsewhere. */
  ddl: Sql;
}

/**
 * The stored DDL of the schema objects `where` selects (a condition on sqlite_master's columns).
 * The one other place, with ident(), where a statement's text is not written in a template:
 * it is the database's own schema, as the migrations created it (db/seed/demo.ts re-creates the
 * indexes and triggers it dropped for a bulk load).
 */
export function storedDdl(db: Reader, where: Sql): StoredDdl[] {
  return all<{ type: string; name: string; sql: string }>(db, sql`SELECT type, name, sql FROM sqlite_master WHERE (${where}) AND sql IS NOT NULL`).map((r) => ({
    type: r.type,
    name: r.name,
    ddl: raw(r.sql),
  }));
}

/** Most distinct statement texts kept prepared per connection (search builds a few shapes). */
const CACHE_SIZE = 500;
const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Reader | Writer, text: string): Database.Statement {
  const sqlite = connection(db);
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let stmt = statements.get(text);
  if (!stmt) {
    stmt = sqlite.prepare(text);
    if (statements.size >= CACHE_SIZE) statements.delete(statements.keys().next().value!);
    statements.set(text, stmt);
  }
  return stmt;
}

/** The connection of a Writer, refusing one outside a transaction (a cast ReadableDB). */
function writer(db: Writer): Database.Database {
  const sqlite = connection(db);
  if (!sqlite.inTransaction) throw new Error('A write helper ran outside a transaction: write through transaction() or ctx.write.');
  return sqlite;
}

/** The statement's text after its leading blanks and comments (`-- …` lines, `/* … *\/` blocks). */
function withoutLeadingComments(text: string): string {
  let rest = text;
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      rest = end < 0 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      rest = end < 0 ? '' : trimmed.slice(end + 2);
    } else {
      return trimmed;
    }
  }
}

/**
 * The PRAGMAs a read helper may run: ones that only report. Any other (one that sets, even
 * without "=", e.g. `optimize`, which writes sqlite_stat tables) changes the connection or the
 * file, and SQLite applies some while merely preparing them: refused before preparing.
 */
const REPORTING_PRAGMAS = new Set(['secure_delete', 'quick_check', 'integrity_check', 'foreign_key_check', 'user_version', 'schema_version', 'page_count', 'page_size', 'freelist_count', 'journal_mode', 'data_version']);

function refuseConnectionChanges(text: string): void {
  const start = withoutLeadingComments(text);
  if (!/^PRAGMA\b/i.test(start)) return;
  const plain = /^PRAGMA\s+(?:"?main"?\.)?"?(\w+)"?\s*;?\s*$/i.exec(start);
  if (!plain || !REPORTING_PRAGMAS.has(plain[1]!.toLowerCase())) {
    throw new Error('A read helper was given a PRAGMA that is not a plain report: set it where the connection is opened.');
  }
}

function reader(db: Reader, q: Sql, pluck: boolean): Database.Statement {
  // A PRAGMA that sets (secure_delete = 0, busy_timeout = 0) is "readonly" to SQLite and returns
  // a row; it changes the connection all the same. Settings belong to the code that opens it.
  refuseConnectionChanges(q.sql);
  const stmt = statement(db, q.sql);
  if (!stmt.readonly) throw new Error('A read helper was given a statement that writes: use run() inside a transaction.');
  return stmt.pluck(pluck);
}

/** Every row of a query. */
export function all<T>(db: Reader, q: Sql): T[] {
  return reader(db, q, false).all(...q.values) as T[];
}

/** The first row of a query, or undefined. */
export function get<T>(db: Reader, q: Sql): T | undefined {
  return reader(db, q, false).get(...q.values) as T | undefined;
}

/** The first column of every row. */
export function pluck<T>(db: Reader, q: Sql): T[] {
  return reader(db, q, true).all(...q.values) as T[];
}

/** The first column of the first row, or undefined. */
export function value<T>(db: Reader, q: Sql): T | undefined {
  return reader(db, q, true).get(...q.values) as T | undefined;
}

/** Runs a statement that writes (or a read with side effects, e.g. INSERT … RETURNING via `all`). */
export function run(db: Writer, q: Sql): Database.RunResult {
  writer(db);
  return statement(db, q.sql).run(...q.values);
}

/** Rows a writing statement returns (INSERT/UPDATE … RETURNING). */
export function returning<T>(db: Writer, q: Sql): T[] {
  writer(db);
  return statement(db, q.sql).pluck(false).all(...q.values) as T[];
}

/**
 * Runs statements that take no values (DDL), e.g. with an `ident()` in them. A value in `q`
 * is refused: exec cannot bind it.
 */
export function exec(db: Writer, q: Sql): void {
  if (q.values.length > 0) throw new Error('exec() binds no values: use run().');
  writer(db).exec(q.sql);
}

/**
 * Makes a connection-local object in the temp schema (the search's fts5vocab view over its
 * index): nothing stored, so a read-only handler may make it. Only `CREATE … IF NOT EXISTS
 * "temp".…` and one statement; anything else is refused.
 */
export function createTemp(db: Reader, q: Sql): void {
  const made = /^\s*CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|VIEW)\s+IF\s+NOT\s+EXISTS\s+"temp"\."([^"]+)"/i.exec(q.sql);
  if (q.values.length > 0 || q.sql.includes(';') || q.sql.includes('--') || q.sql.includes('/*') || !made) {
    throw new Error('createTemp() makes only temp-schema objects: CREATE … IF NOT EXISTS "temp"."name" …');
  }
  // SQLite resolves an unqualified name in temp first: a temp object named like one of the
  // database's would stand in for it in every later read on this connection (a forged `users`).
  const sqlite = connection(db);
  const taken = sqlite.prepare('SELECT 1 FROM main.sqlite_master WHERE name = ? COLLATE NOCASE').pluck().get(made[1]);
  if (taken !== undefined) throw new Error(`createTemp(): "${made[1]}" is a name of the database itself.`);
  sqlite.exec(q.sql);
}

/**
 * SQLite's online backup of the connection's database into `file` (better-sqlite3's backup()):
 * it reads the database, so a ReadableDB may run it (ops/backup.ts, from a call or the schedule).
 */
export function onlineBackup(db: Reader, file: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata> {
  return connection(db).backup(file, options);
}

/** A statement prepared once, to read: no `run`, and one that writes is refused. */
export type ReadStatement = Pick<Database.Statement, 'get' | 'all' | 'iterate'>;

/**
 * A statement prepared once per connection, for loops that run it thousands of times (the
 * search's term walk) or keep across calls: the text is fixed, the values bound at each run through its own `?` or
 * `@name` placeholders, so `q` holds no values.
 */
export function preparedRead(db: Reader, q: Sql, opts: { pluck?: boolean; raw?: boolean } = {}): ReadStatement {
  if (q.values.length > 0) throw new Error('preparedRead() statements bind their values when run.');
  refuseConnectionChanges(q.sql);
  // Not from the cache: the caller keeps it, and its pluck mode must not change under it.
  const stmt = connection(db).prepare(q.sql);
  if (!stmt.readonly) throw new Error('A read helper was given a statement that writes: use run() inside a transaction.');
  // raw: rows as arrays, for walks that must stay fast (the audit chain's verification).
  return opts.raw ? stmt.raw(true) : stmt.pluck(opts.pluck ?? false);
}

/** The same for writes (sync apply): only inside a transaction. */
export function preparedWrite(db: Writer, q: Sql): Database.Statement {
  if (q.values.length > 0) throw new Error('preparedWrite() statements bind their values when run.');
  writer(db);
  return statement(db, q.sql);
}
