import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME, DatabaseVersionError, openDatabase } from '../../db/open';
import { SOURCE_MIGRATIONS_DIR } from '../../db/paths';
import { tempDir } from '../support/desk';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return path.join(d, 'datos');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('openDatabase', () => {
  it('creates the schema through the shipped migrations, with WAL, foreign keys and a busy timeout', () => {
    const dataDir = fresh();
    const opened = openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
    try {
      expect(tables(opened.sqlite)).toEqual(
        expect.arrayContaining(['agencies', 'users', 'sessions', 'appointments', 'requests', 'request_counters', 'outbox', 'settings']),
      );
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(opened.schemaVersion).toBe(fs.readdirSync(SOURCE_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
      expect(() =>
        opened.sqlite.prepare("INSERT INTO users (id, agency_id, username, display_name, role, password_hash, created_at, updated_at) VALUES ('u', 'no-such-agency', 'x', 'x', 'ventanillero', 'h', 0, 0)").run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      opened.close();
    }
  });

  it.skipIf(process.platform === 'win32')('keeps the data directory and database readable by the owner only', () => {
    const dataDir = fresh();
    openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR }).close();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, DB_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('opens an existing database again without re-running migrations or losing data', () => {
    const dataDir = fresh();
    const first = openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
    first.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('centralUrl', '\"https://x\"')").run();
    first.close();
    const second = openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
    try {
      expect(second.sqlite.prepare("SELECT value FROM settings WHERE key = 'centralUrl'").get()).toEqual({ value: '"https://x"' });
      expect(second.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: second.schemaVersion });
    } finally {
      second.close();
    }
  });

  it('refuses a database written by a newer version, with a Spanish message, and changes nothing', () => {
    const dataDir = fresh();
    openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR }).close();
    const file = path.join(dataDir, DB_FILE_NAME);
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.UTC(2099, 0, 1));
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR })).toThrow(DatabaseVersionError);
    expect(() => openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR })).toThrow(/versión más reciente/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('applies all pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const migrations = tempDir('vp-mig-');
    dirs.push(migrations);
    fs.cpSync(SOURCE_MIGRATIONS_DIR, migrations, { recursive: true });
    const journalFile = path.join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[] };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_broken' });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(path.join(migrations, '9999_broken.sql'), 'CREATE TABLE extra (id integer);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    const dataDir = fresh();
    expect(() => openDatabase({ dataDir, migrationsDir: migrations })).toThrow();
    const raw = new Database(path.join(dataDir, DB_FILE_NAME));
    try {
      expect(tables(raw)).not.toContain('users');
      expect(tables(raw)).not.toContain('extra');
    } finally {
      raw.close();
    }
  });

  // SQLite names its temporary files etilqs_* and unlinks them at once; /proc shows them open.
  const openTempFiles = () =>
    fs.readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
        return target.includes('etilqs_') ? [target] : [];
      } catch {
        return []; // closed meanwhile (the readdir's own descriptor)
      }
    });

  it.skipIf(process.platform !== 'linux')('keeps a savepoint of many pages in memory: no temporary file is written (a pull applies each change in one)', () => {
    const opened = openDatabase({ dataDir: fresh(), migrationsDir: SOURCE_MIGRATIONS_DIR });
    try {
      const sqlite = opened.sqlite;
      const insert = sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
      const seen: string[][] = [];
      sqlite.transaction(() => {
        for (let i = 0; i < 1_000; i++) insert.run(`bulk-${i}`, JSON.stringify('x'.repeat(300)));
        // A savepoint rewriting every one of those pages: its sub-journal is far past SQLite's 64 KiB spill size.
        sqlite.transaction(() => {
          sqlite.prepare("UPDATE settings SET value = json_quote(value || 'y') WHERE key LIKE 'bulk-%'").run();
          seen.push(openTempFiles());
        })();
      })();
      expect(seen).toEqual([[]]);
      expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
    } finally {
      opened.close();
    }
  });
});
