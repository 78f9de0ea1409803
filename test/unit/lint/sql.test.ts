// SQL text is never spliced: a planted template literal with `${…}` or a concatenation handed to
// `.prepare()`/`.exec()` in electron/ or db/ fails `npm run lint` (build/eslint-sql.js), and so does
// importing sql-template-tag (whose `raw` takes any string) past db/sql.ts; the `sql` tag passes.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function sqlErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'sql/no-built-sql' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const head = "import type Database from 'better-sqlite3';\ndeclare const db: Database.Database;\ndeclare const id: string;\ndeclare const table: string;\n";

describe('SQL built by splicing is refused', () => {
  const violations: [string, string][] = [
    ['electron/core/counter/planted.ts', "db.prepare(`SELECT * FROM requests WHERE id = '${id}'`).get();"],
    ['electron/core/planted.ts', "db.prepare('SELECT * FROM requests WHERE id = ' + id).get();"],
    ['electron/core/planted.ts', 'db.exec(`DROP TABLE ${table}`);'],
    ['electron/core/planted.ts', 'const q = `SELECT * FROM ${table}`;\ndb.prepare(q).all();'],
    ['electron/core/planted.ts', "db.prepare(id ? `SELECT * FROM requests WHERE id = ${id}` : 'SELECT 1').all();"],
    ['db/seed/planted.ts', 'db.exec(`DROP INDEX "${table}"`);'],
    ['db/planted.ts', "db.prepare(`SELECT ${table}`).all();"],
    ['electron/core/planted.ts', 'db.pragma(`secure_delete = ${id}`);'],
    ['electron/core/sync/planted.ts', "declare function prepared(db: Database.Database, text: string): Database.Statement;\nprepared(db, `UPDATE requests SET ${table} = ?`).run(id);"],
    ['electron/core/planted.ts', "import { raw } from 'sql-template-tag';\nexport const r = raw(id);"],
  ];
  it.each(violations)('%s: %s', async (file, code) => {
    const errors = await sqlErrors(file, `${head}${code}\nexport const planted = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/sql tag|db\/sql\.ts/);
  });

  const allowed: [string, string][] = [
    ['electron/core/planted.ts', "db.prepare('SELECT * FROM requests WHERE id = ?').get(id);"],
    ['electron/core/planted.ts', 'db.prepare(`SELECT *\n  FROM requests WHERE id = ?`).get(id);'],
    ['electron/core/planted.ts', "import { all, readable, sql } from '../../db/sql';\nexport const rows = all(readable(db), sql`SELECT * FROM requests WHERE id = ${id}`);"],
    ['electron/core/planted.ts', 'export const m = /^(\\d+)$/.exec(`${id}`);'],
  ];
  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await sqlErrors(file, `${head}${code}\nexport const planted = 1;\n`)).toEqual([]);
  });
});
