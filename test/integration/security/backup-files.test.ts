// A backup is a folder on a drive that anyone may have handled. Restoring copies only what its
// manifest names, and only plain files: a symbolic link (to /etc/passwd, to another folder) or a
// FIFO, a device, a folder where a file should be, is refused before anything is copied in.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackup, sha256File } from '../../../electron/core/ops/backup';
import { restoreBackup, RestoreError } from '../../../electron/core/ops/restore';
import { storeAttachment } from '../../../electron/core/counter/attachments/files';
import { fileSecretStore, SECRETS_FILE } from '../../../electron/hosts/common/secrets-file';
import { seededDesk, tempDir } from '../../support/desk';

const unix = process.platform !== 'win32';
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};
const SCAN_ID = '0198f3b2-7c1e-7a4b-9d2e-00000000b001';
const SENTINEL = 'SECRETO-DE-OTRA-CARPETA\n';

/** A backup of a desk with one scan, and an empty data directory with the desk's secrets (same machine). */
async function backupAndTarget() {
  const d = await seededDesk({ requests: 5 });
  cleanups.push(() => d.dispose());
  storeAttachment(d.dataDir, SCAN_ID, 'application/pdf', Buffer.from('%PDF-1.7 escaneo'));
  await d.login('admin', 'Admin.Demo.2026');
  const b = await runBackup({ db: d.core.ctx.db, dataDir: d.dataDir, destRoot: dir('vp-respaldos-'), now: d.clock.now(), appVersion: '0.1.0', schemaVersion: d.core.ctx.schemaVersion, agencyCode: 'UIO' });
  const target = dir('vp-destino-');
  fs.copyFileSync(path.join(d.dataDir, SECRETS_FILE), path.join(target, SECRETS_FILE));
  return { d, backup: b.dir, target };
}

/** Points the manifest's entry for `rel` at what the path now holds, as a forger would. */
async function rehash(backup: string, rel: string, real: string): Promise<void> {
  const file = path.join(backup, 'manifest.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
  Object.assign(m.files.find((f) => f.path === rel)!, await sha256File(real));
  fs.writeFileSync(file, JSON.stringify(m));
}

async function refused(backup: string, target: string, knownMigrations: number): Promise<RestoreError> {
  const err = await restoreBackup({ from: backup, dataDir: target, knownMigrations, now: Date.now(), secrets: fileSecretStore(target) }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(RestoreError);
  return err as RestoreError;
}

const copiedIn = (target: string) => (fs.readdirSync(target, { recursive: true }) as string[]).filter((f) => f !== SECRETS_FILE);

describe.runIf(unix)('a backup holding links or special files', () => {
  it('refuses a scan replaced by a symbolic link to a file outside the backup', async () => {
    const { d, backup, target } = await backupAndTarget();
    const secret = path.join(dir('vp-otra-'), 'secreto.txt');
    fs.writeFileSync(secret, SENTINEL);
    const rel = `adjuntos/${SCAN_ID}.pdf`;
    fs.rmSync(path.join(backup, rel));
    fs.symlinkSync(secret, path.join(backup, rel));
    await rehash(backup, rel, secret);

    const err = await refused(backup, target, d.core.ctx.schemaVersion);
    expect(err.report?.checks.find((c) => !c.ok)).toMatchObject({ label: 'Archivos (SHA-256)', detail: expect.stringContaining(`${rel} (no es un archivo común: enlace simbólico u otro tipo)`) });
    expect(copiedIn(target)).toEqual([]);
  });

  it('refuses a folder of the backup replaced by a link to another folder', async () => {
    const { d, backup, target } = await backupAndTarget();
    const elsewhere = dir('vp-otra-');
    fs.writeFileSync(path.join(elsewhere, `${SCAN_ID}.pdf`), SENTINEL);
    fs.rmSync(path.join(backup, 'adjuntos'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(backup, 'adjuntos'));
    await rehash(backup, `adjuntos/${SCAN_ID}.pdf`, path.join(elsewhere, `${SCAN_ID}.pdf`));

    const err = await refused(backup, target, d.core.ctx.schemaVersion);
    expect(err.report?.checks.find((c) => !c.ok)?.detail).toContain('no es un archivo común');
    expect(copiedIn(target)).toEqual([]);
  });

  it('refuses the database as a link, and a FIFO where a scan should be (never blocks reading it)', async () => {
    const { d, backup, target } = await backupAndTarget();
    const db = path.join(backup, 'ventanilla.db');
    const real = path.join(dir('vp-otra-'), 'ventanilla.db');
    fs.renameSync(db, real);
    fs.symlinkSync(real, db);
    const rel = `adjuntos/${SCAN_ID}.pdf`;
    fs.rmSync(path.join(backup, rel));
    expect(spawnSync('mkfifo', [path.join(backup, rel)]).status).toBe(0);

    const err = await refused(backup, target, d.core.ctx.schemaVersion);
    const detail = err.report?.checks.find((c) => !c.ok)?.detail ?? '';
    expect(detail).toContain('ventanilla.db (no es un archivo común');
    expect(detail).toContain(`${rel} (no es un archivo común`);
    expect(copiedIn(target)).toEqual([]);
  });
});
