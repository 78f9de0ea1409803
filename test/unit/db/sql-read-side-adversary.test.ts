// Adversarial review (second round) of db/sql.ts's read side: a ReadableDB that writes the
// database file or changes its connection's settings, past reader()'s PRAGMA check and
// Statement.readonly. Each test failed before its fix.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemp, value, readable, sql } from '../../../db/sql';

let dir: string;
let sqlite: Database.Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-adv2-'));
  const setup = new Database(path.join(dir, 'x.db'));
  setup.exec('CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX ta ON t (a); CREATE INDEX tb ON t (b);');
  const ins = setup.prepare('INSERT INTO t VALUES (?, ?)');
  setup.transaction(() => {
    for (let i = 0; i < 2000; i++) ins.run(i % 10, i);
  })();
  setup.close();
  sqlite = new Database(path.join(dir, 'x.db'));
});
afterEach(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const master = () => sqlite.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all();

describe('a ReadableDB cannot write', () => {
  it('PRAGMA optimize (no "=" nor "(", readonly to SQLite) run by a read helper writes no sqlite_stat tables', () => {
    const before = master();
    const db = readable(sqlite);
    value(db, sql`SELECT count(*) FROM t WHERE a = ${3} AND b > ${5}`);
    try {
      value(db, sql`PRAGMA optimize`);
    } catch {
      // Refusing it is the fix.
    }
    expect(master()).toEqual(before);
  });

  it.each([
    ['a block comment', sql`/* */ PRAGMA foreign_keys = OFF`],
    ['a line comment', sql`-- x
PRAGMA foreign_keys = OFF`],
  ])('a PRAGMA that sets, behind %s, is refused by the read helpers', (_name, q) => {
    sqlite.pragma('foreign_keys = ON');
    expect(() => value(readable(sqlite), q)).toThrow();
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  // SQLite applies a flag PRAGMA while preparing it: the statement need not even run.
  it('PRAGMA writable_schema = ON behind a comment leaves writable_schema off', () => {
    try {
      value(readable(sqlite), sql`/**/PRAGMA writable_schema = ON`);
    } catch {
      // Refused (or pluck() on a statement with no rows): either way it must not have applied.
    }
    expect(sqlite.pragma('writable_schema', { simple: true })).toBe(0);
  });

  it('createTemp refuses a temp object named like a main table (it would shadow it for every later unqualified read)', () => {
    expect(() => createTemp(readable(sqlite), sql`CREATE VIEW IF NOT EXISTS "temp"."t" AS SELECT 99 AS a, 99 AS b`)).toThrow();
    expect(value(readable(sqlite), sql`SELECT count(*) FROM t`)).toBe(2000);
  });
});
