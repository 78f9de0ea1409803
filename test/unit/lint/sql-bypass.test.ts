// Ways to put caller-controlled text (`id`) into a statement's TEXT past sql/no-built-sql
// (build/eslint-sql.js), found by an adversarial review: each must be reported. The rule accepts
// only SQL written whole in the source (or a `sql` fragment for sync's prepared()), so none of
// these needed a case of its own in it.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'sql/no-built-sql' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const head = "import type Database from 'better-sqlite3';\ndeclare const db: Database.Database;\ndeclare const id: string;\ndeclare const parts: string[];\n";

const bypasses: [string, string][] = [
  ['as string', "db.prepare(`SELECT * FROM requests WHERE id = '${id}'` as string).get();"],
  ['non-null !', "db.prepare((`SELECT * FROM requests WHERE id = '${id}'`)!).get();"],
  ['String.raw', "db.prepare(String.raw`SELECT * FROM requests WHERE id = '${id}'`).get();"],
  ['Array#join', "db.prepare(['SELECT * FROM requests WHERE id = ', id].join('')).get();"],
  ['String#concat', "db.prepare('SELECT * FROM requests WHERE id = '.concat(id)).get();"],
  ['logical ||', 'db.prepare(id || `SELECT ${id}`).get();'],
  ['let +=', "let q = 'SELECT * FROM requests WHERE id = ';\nq += id;\ndb.prepare(q).get();"],
  ['let reassigned', "let q = 'SELECT 1';\nq = `SELECT * FROM requests WHERE id = '${id}'`;\ndb.prepare(q).get();"],
  ['a parameter', 'export const f = (text: string) => db.prepare(text).get();'],
  ["db['prepare']", "db['prepare'](`SELECT * FROM requests WHERE id = '${id}'`).get();"],
  ['db[const name]', "const m = 'exec';\ndb[m](`DELETE FROM requests WHERE id = '${id}'`);"],
  ['prepare.call', "db.prepare.call(db, `SELECT * FROM requests WHERE id = '${id}'`).get();"],
  ['exec.apply', "db.exec.apply(db, [`DELETE FROM requests WHERE id = '${id}'`]);"],
  ['bound alias', "const p = db.prepare.bind(db);\np(`SELECT * FROM requests WHERE id = '${id}'`).get();"],
  ['pragma from a table', "db.pragma(['secure_delete = OFF', id][1]!);"],
  ['drizzle sql.raw', "import { sql } from 'drizzle-orm';\ndeclare const d: { all(q: unknown): unknown };\nd.all(sql.raw(`SELECT * FROM requests WHERE id = '${id}'`));"],
  ['drizzle sql.raw, namespace import', "import * as orm from 'drizzle-orm';\ndeclare const d: { all(q: unknown): unknown };\nd.all(orm.sql.raw(`SELECT * FROM requests WHERE id = '${id}'`));"],
  ['new Sql', "import { all, readable } from '../../db/sql';\ndeclare class Sql { constructor(s: string[], v: unknown[]) }\nall(readable(db), new Sql([`SELECT * FROM requests WHERE id = '${id}'`], []) as never);"],
  ['join() separator', "import { all, join, readable, sql } from '../../db/sql';\nall(readable(db), sql`SELECT * FROM requests WHERE ${join([sql`id = ${1}`, sql`id = ${2}`], id as ',')}`);"],
  ['sync prepared() with a built text', "declare function prepared(db: Database.Database, text: string): Database.Statement;\nprepared(db, ['UPDATE requests SET ', id, ' = 1'].join(''));"],
];

describe('SQL text spliced past sql/no-built-sql is reported', () => {
  it.each(bypasses)('%s', async (_name, code) => {
    expect(await errors('electron/core/planted.ts', `${head}${code}\nexport const planted = 1;\n`)).not.toEqual([]);
  });
});

const allowed: [string, string][] = [
  ['a const holding a literal', "const Q = 'SELECT * FROM requests WHERE id = ?';\ndb.prepare(Q).get(id);"],
  ['a plain template', 'db.exec(`CREATE TABLE t (a)`);'],
  ["db['prepare'] with a literal", "db['prepare']('SELECT 1').get();"],
  ['RegExp#exec on a const regex', 'const RE = /^(\\d+)$/;\nexport const m = RE.exec(id);'],
  ['RegExp#exec on new RegExp', "export const m = new RegExp('^a').exec(id);"],
  ['indexing a record by a computed key', 'declare const handlers: Record<string, () => void>;\nhandlers[id]!();'],
  ['sync prepared() with a sql fragment', "import { sql } from '../../db/sql';\ndeclare function prepared(db: Database.Database, text: unknown): Database.Statement;\nconst PART = sql`SELECT 1`;\nprepared(db, sql`${PART} WHERE id = ?`).get(id);"],
  ['join() with a listed separator', "import { all, join, readable, sql } from '../../db/sql';\nall(readable(db), sql`SELECT * FROM requests WHERE ${join([sql`id = ${1}`, sql`id = ${2}`], ' OR ')}`);"],
];

describe('SQL written in the source passes', () => {
  it.each(allowed)('%s', async (_name, code) => {
    expect(await errors('electron/core/planted.ts', `${head}${code}\nexport const planted = 1;\n`)).toEqual([]);
  });

  it("drizzle's sql is allowed where its query builders need it, and its sql.raw nowhere", async () => {
    const drizzleSql = "import { sql } from 'drizzle-orm';\nexport const lower = sql`lower(username)`;\n";
    expect(await errors('electron/core/accounts/users.ts', drizzleSql)).toEqual([]);
    expect(await errors('electron/core/counter/planted.ts', drizzleSql)).not.toEqual([]);
    expect(await errors('electron/core/accounts/users.ts', `${drizzleSql}export const r = sql.raw('x');\n`)).not.toEqual([]);
  });
});
