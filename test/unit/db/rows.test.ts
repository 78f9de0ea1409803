// db/rows.ts: each table's row as a raw statement reads it, declared once from db/schema.ts.
// The type cases are checked by `npx tsc -p tsconfig.json`; the run-time case reads real rows of
// a database made by the real migrations, so a mode drizzle maps (boolean, json) is seen raw.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { SOURCE_MIGRATIONS_DIR } from '../../../db/paths';
import type { AttachmentTableRow, FormTemplateRow, UserRow } from '../../../db/rows';
import { get, run, sql, transaction } from '../../../db/sql';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

// A boolean-mode column arrives as 0/1, a json-mode one as its text; enums keep their union.
assertType<Equal<UserRow['disabled'], number>>();
assertType<Equal<UserRow['lockedUntil'], number | null>>();
assertType<Equal<UserRow['role'], 'ventanillero' | 'supervisor' | 'administrador'>>();
assertType<Equal<FormTemplateRow['paragraphs'], string>>();
assertType<Equal<AttachmentTableRow['mime'], 'image/jpeg' | 'image/png' | 'application/pdf'>>();
// @ts-expect-error -- keys are the schema's property names, not the column names
assertType<Equal<keyof UserRow, 'display_name'>>();

let dir: string;
let opened: OpenedDatabase;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-rows-'));
  opened = openDatabase({ dataDir: dir, migrationsDir: SOURCE_MIGRATIONS_DIR });
});
afterAll(() => {
  opened.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a table row read raw', () => {
  it('has the types db/rows.ts gives it', () => {
    transaction(opened.sqlite, (db) => {
      run(db, sql`INSERT INTO agencies (id, code, name, province_code, created_at) VALUES ('a', 'UIO', 'Quito', '17', 1)`);
      run(db, sql`INSERT INTO users (id, agency_id, username, display_name, role, password_hash, disabled, must_change_password, created_at, updated_at)
        VALUES ('u', 'a', 'ana', 'Ana', 'ventanillero', 'x', 1, 0, 1, 1)`);
    });
    const row = get<Pick<UserRow, 'disabled' | 'mustChangePassword' | 'lockedUntil' | 'role'>>(
      opened.sqlite,
      sql`SELECT disabled, must_change_password AS mustChangePassword, locked_until AS lockedUntil, role FROM users WHERE id = 'u'`,
    );
    expect(row).toEqual({ disabled: 1, mustChangePassword: 0, lockedUntil: null, role: 'ventanillero' });
  });
});
