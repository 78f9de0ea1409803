// Owner-only files (LOPDP Art. 37; docs/security.md): the database, its -wal and -shm, backups and
// restored data are 0600 and their folders 0700, whatever the umask and whatever the modes of
// the files a backup drive brings. Modes do not apply on Windows.
import { fileSecretStore } from '../../../electron/hosts/common/secrets-file';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../db/open';
import { storeAttachment } from '../../../electron/core/counter/attachments/files';
import { archivePdf } from '../../../electron/core/forms/archive';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { runBackup } from '../../../electron/core/ops/backup';
import { restoreBackup } from '../../../electron/core/ops/restore';
import { tempDir } from '../../support/desk';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every file and folder under root (root included), with its mode. */
function modes(root: string): { files: Record<string, number>; dirs: Record<string, number> } {
  const files: Record<string, number> = {};
  const dirs: Record<string, number> = { '.': mode(root) };
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        dirs[child] = mode(path.join(root, child));
        walk(child);
      } else files[child] = mode(path.join(root, child));
    }
  };
  walk('');
  return { files, dirs };
}
const all = (m: Record<string, number>, value: number) => Object.fromEntries(Object.keys(m).map((k) => [k, value]));

describe.skipIf(process.platform === 'win32')('owner-only files', () => {
  let umask: number;
  const dirs: string[] = [];
  const dir = (prefix: string) => {
    const d = tempDir(prefix);
    dirs.push(d);
    return d;
  };
  beforeAll(() => {
    // The usual desktop umask: without the explicit modes, files would come out 0644.
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the database, its -wal and -shm are 0600 and the data folder 0700, also when they were not', () => {
    const dataDir = dir('vp-modos-');
    openDesk({ dataDir, host: 'cli' }).close();
    const db = path.join(dataDir, DB_FILE_NAME);
    // As a database copied in by hand, or left by an older version, would be.
    fs.chmodSync(db, 0o644);
    fs.chmodSync(dataDir, 0o755);
    const opened = openDesk({ dataDir, host: 'cli' });
    try {
      opened.core.ctx.db.$client.exec("INSERT INTO settings (key, value) VALUES ('test.modo', '1')");
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(db)).toBe(0o600);
      expect(mode(`${db}-wal`)).toBe(0o600);
      expect(mode(`${db}-shm`)).toBe(0o600);
    } finally {
      opened.close();
    }
  });

  it('a backup is 0700 with every file 0600, and a restore makes 0644 files from a backup drive owner-only', async () => {
    const dataDir = dir('vp-modos-');
    const opened = openDesk({ dataDir, host: 'cli' });
    storeAttachment(dataDir, '0198f3b2-7c1e-7a4b-9d2e-00000000e5c0', 'application/pdf', Buffer.from('%PDF-1.7 escaneo'));
    archivePdf(dataDir, 'solicitud1', 'solicitud', Buffer.from('%PDF-1.7 formulario'));
    fs.writeFileSync(path.join(dataDir, 'agencia.json'), '{}', { mode: 0o600 });
    const dest = dir('vp-modos-respaldos-');
    const b = await runBackup({ db: opened.core.ctx.db, dataDir, destRoot: dest, now: Date.now(), appVersion: '0.1.0', schemaVersion: opened.core.ctx.schemaVersion, agencyCode: 'UIO' });
    opened.close();
    const backup = modes(b.dir);
    expect(Object.keys(backup.files).sort()).toEqual(['adjuntos/0198f3b2-7c1e-7a4b-9d2e-00000000e5c0.pdf', 'agencia.json', 'formularios/solicitud1/solicitud-' + Object.keys(backup.files).find((f) => f.startsWith('formularios/'))!.split('-').pop(), 'manifest.json', DB_FILE_NAME].sort());
    expect(backup.files).toEqual(all(backup.files, 0o600));
    expect(backup.dirs).toEqual(all(backup.dirs, 0o700));

    // A backup copied around (a USB drive, a network share) comes back 0644 / 0755.
    for (const f of Object.keys(backup.files)) fs.chmodSync(path.join(b.dir, f), 0o644);
    for (const d of Object.keys(backup.dirs)) fs.chmodSync(path.join(b.dir, d), 0o755);
    const target = dir('vp-modos-restaurado-');
    fs.chmodSync(target, 0o755);
    await restoreBackup({ from: b.dir, dataDir: target, knownMigrations: 99, now: Date.now(), secrets: fileSecretStore(target) });
    const restored = modes(target);
    expect(Object.keys(restored.files)).toContain(DB_FILE_NAME);
    expect(restored.files).toEqual(all(restored.files, 0o600));
    expect(restored.dirs).toEqual(all(restored.dirs, 0o700));
  });
});
