// Adversarial review (second round) of sql/no-built-sql (build/eslint-sql.js): more ways to put
// caller-controlled text (`id`) into a statement's TEXT that `npm run lint` accepts. Each case
// here compiles under the project's tsconfig (no `any`, no cast unless said) and runs: the
// statement's text becomes whatever `id` holds. Each must be reported.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'sql/no-built-sql' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const head = "import type Database from 'better-sqlite3';\ndeclare const db: Database.Database;\ndeclare const id: string;\n";

const bypasses: [string, string][] = [
  // Sql's `strings` is a readonly property holding a mutable string[]: its text is rewritten
  // after the tag built it, with no cast, and every read/write helper of db/sql.ts runs it.
  ['rewriting a sql fragment’s strings[0]', "import { all, readable, sql } from '../../db/sql';\nconst q = sql`SELECT 1`;\nq.strings[0] = `SELECT * FROM requests WHERE id = '${id}'`;\nall(readable(db), q);"],
  ['strings.splice on a sql fragment', "import { all, readable, sql } from '../../db/sql';\nconst q = sql`SELECT 1`;\nq.strings.splice(0, 1, 'SELECT * FROM requests WHERE id = ' + id);\nall(readable(db), q);"],
  // The Sql class reached through an instance: `new Sql(…)` is refused by name only.
  ['new (fragment.constructor)(…)', "import { all, readable, sql, type Sql } from '../../db/sql';\nconst Ctor = sql``.constructor as new (s: string[], v: unknown[]) => Sql;\nall(readable(db), new Ctor([`SELECT * FROM requests WHERE id = '${id}'`], []));"],
  // A method key whose const initialiser is not a bare literal (`as const`): typed 'prepare', so it compiles.
  ["db[k] with const k = 'prepare' as const", "const k = 'prepare' as const;\ndb[k](`SELECT * FROM requests WHERE id = '${id}'`).get();"],
  // Destructuring never makes a MemberExpression named prepare/exec.
  ['destructured const { exec } = db', "const { exec } = db;\nexec.call(db, `DELETE FROM requests WHERE id = '${id}'`);"],
  ['destructured parameter ({ prepare })', "export const f = ({ prepare }: Database.Database, text: string) => prepare(text);\nf(db, `SELECT * FROM requests WHERE id = '${id}'`);"],
  ['Reflect.get(db, "exec")', "(Reflect.get(db, 'exec') as (s: string) => void).call(db, `DELETE FROM requests WHERE id = '${id}'`);"],
];

describe('SQL text spliced past sql/no-built-sql is reported (second adversarial round)', () => {
  it.each(bypasses)('%s', async (_name, code) => {
    expect(await errors('electron/core/planted.ts', `${head}${code}\nexport const planted = 1;\n`)).not.toEqual([]);
  });
});
