// Writes only through the one write path: reaching drizzle's raw connection (`$client`) anywhere
// in electron/ fails `npm run lint` (build/eslint-sql.js sql/no-raw-connection), in each spelling
// a cast past the types could use; db/, which opens connections, may.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function rawErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'sql/no-raw-connection').map((m) => m.message);
}

const head = "import type { Db } from '../../../db/open';\ndeclare const db: Db;\n";

describe('the raw connection is reached only in db/', () => {
  const violations: [string, string][] = [
    ['electron/core/counter/planted.ts', "db.$client.prepare('DELETE FROM requests').run();"],
    ['electron/core/counter/planted.ts', "(db as unknown as { $client: { exec(s: string): void } }).$client.exec('DELETE FROM requests');"],
    ['electron/core/supervisor/planted.ts', "export const c = db['$client'];"],
    ['electron/core/planted.ts', 'const { $client } = db;\nexport const c = $client;'],
    ['electron/core/planted.ts', "export const c = Reflect.get(db, '$client');"],
    ['electron/core/planted.ts', 'export const c = Reflect.get(db, `$client`);'],
    ['electron/hosts/web/planted.ts', 'export const c = db.$client;'],
    // Spellings the first rule let through (adversarial review): a key built from pieces,
    ['electron/core/counter/planted.ts', "const k = '$cli' + 'ent';\nexport const c = (db as unknown as Record<string, unknown>)[k];"],
    ['electron/core/counter/planted.ts', "export const c = (db as unknown as Record<string, unknown>)[`${'$'}client`];"],
    // drizzle's session holding the same connection,
    ['electron/core/counter/planted.ts', "(db as unknown as { session: { client: { exec(s: string): void } } }).session.client.exec('DELETE FROM requests');"],
    // and db/open.ts's connectionOf handed a handler's ReadDb cast to a whole Db.
    ['electron/core/counter/planted.ts', "import { connectionOf, type ReadDb } from '../../../db/open';\ndeclare const r: ReadDb;\nexport const c = connectionOf(r as unknown as Db);"],
  ];
  it.each(violations)('%s: %s', async (file, code) => {
    const errors = await rawErrors(file, `${head}${code}\nexport const planted = 1;\n`);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]).toMatch(/ctx\.write/);
  });

  const allowed: [string, string][] = [
    ['db/planted.ts', 'export const c = db.$client;'],
    ['electron/core/planted.ts', "import { connectionOf } from '../../db/open';\nexport const c = connectionOf(db);"],
    // A comment may name it.
    ['electron/core/planted.ts', '// db.$client is refused here\nexport const c = 1;'],
  ];
  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await rawErrors(file, `${head}${code}\nexport const planted = 1;\n`)).toEqual([]);
  });
});
