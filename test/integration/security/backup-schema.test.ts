// A backup whose database is not what the app can open is refused at verification, in Spanish,
// instead of restoring "successfully" and leaving a desk that fails to start with raw SQL.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackup, sha256File } from '../../../electron/core/ops/backup';
import { restoreBackup, RestoreError } from '../../../electron/core/ops/restore';
import { fileSecretStore, SECRETS_FILE } from '../../../electron/hosts/common/secrets-file';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { seededDesk, tempDir } from '../../support/desk';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};

/** A backup whose database `edit` changed (manifest re-hashed), and an empty target with the desk's secrets. */
async function editedBackup(edit: (db: Database.Database) => void) {
  const d = await seededDesk({ requests: 5 });
  cleanups.push(() => d.dispose());
  await d.login('admin', 'Admin.Demo.2026');
  const b = await runBackup({ db: d.core.ctx.db, dataDir: d.dataDir, destRoot: dir('vp-respaldos-'), now: d.clock.now(), appVersion: '0.1.0', schemaVersion: d.core.ctx.schemaVersion, agencyCode: 'UIO' });
  const file = path.join(b.dir, 'ventanilla.db');
  const db = new Database(file);
  edit(db);
  db.close();
  const manifestFile = path.join(b.dir, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
  Object.assign(m.files.find((f) => f.path === 'ventanilla.db')!, await sha256File(file));
  fs.writeFileSync(manifestFile, JSON.stringify(m));
  const target = dir('vp-destino-');
  fs.copyFileSync(path.join(d.dataDir, SECRETS_FILE), path.join(target, SECRETS_FILE));
  return { d, backup: b.dir, target };
}

describe('a backup whose database the app could not open', () => {
  it('lacking the migrations table is refused at verification, and the target stays as it was', async () => {
    const { d, backup, target } = await editedBackup((db) => db.exec('DROP TABLE __drizzle_migrations'));
    const err = await restoreBackup({ from: backup, dataDir: target, knownMigrations: d.core.ctx.schemaVersion, now: Date.now(), secrets: fileSecretStore(target) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreError);
    expect((err as RestoreError).report?.checks.find((c) => c.label === 'Versión del esquema')).toEqual({
      label: 'Versión del esquema',
      ok: false,
      detail: expect.stringMatching(/^La base de datos del respaldo no tiene el registro de versiones del esquema/),
    });
    expect(fs.existsSync(path.join(target, 'ventanilla.db'))).toBe(false);
    // What the refusal prevents: this database cannot be opened by the app.
    const probe = dir('vp-prueba-');
    fs.copyFileSync(path.join(backup, 'ventanilla.db'), path.join(probe, 'ventanilla.db'));
    expect(() => openDesk({ dataDir: probe, host: 'cli' }).close()).toThrow();
  });

  it('with an empty migrations table, or missing a table the app needs, is refused too', async () => {
    for (const edit of ['DELETE FROM __drizzle_migrations', 'DROP TABLE sessions']) {
      const { d, backup, target } = await editedBackup((db) => db.exec(edit));
      const err = await restoreBackup({ from: backup, dataDir: target, knownMigrations: d.core.ctx.schemaVersion, now: Date.now(), secrets: fileSecretStore(target) }).catch((e: unknown) => e);
      expect(err, edit).toBeInstanceOf(RestoreError);
      expect((err as RestoreError).report?.checks.find((c) => c.label === 'Versión del esquema')?.ok, edit).toBe(false);
      expect(fs.existsSync(path.join(target, 'ventanilla.db'))).toBe(false);
    }
  });
});
