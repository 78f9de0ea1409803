// Backup and restore on a real desk: a backup taken while another process writes restores to a
// consistent database; a damaged backup or an open database is refused with nothing changed.
import { fileSecretStore } from '../../../electron/hosts/common/secrets-file';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../db/open';
import { bindAuditKeys, verifyAuditChain } from '../../../electron/core/security/audit/chain';
import { listBackups, runBackup, type BackupResult } from '../../../electron/core/ops/backup';
import { databaseInUse, restoreBackup, RestoreError } from '../../../electron/core/ops/restore';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { seededDesk, tempDir, type TestDesk } from '../../support/desk';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function desk(): Promise<TestDesk> {
  const d = await seededDesk({ requests: 2000 });
  cleanups.push(() => d.dispose());
  // Some files besides the database, as attachments and archived forms are.
  fs.mkdirSync(path.join(d.dataDir, 'adjuntos'), { recursive: true });
  fs.writeFileSync(path.join(d.dataDir, 'adjuntos', 'a1.pdf'), Buffer.alloc(200_000, 7));
  fs.mkdirSync(path.join(d.dataDir, 'formularios', 'req-1'), { recursive: true });
  fs.writeFileSync(path.join(d.dataDir, 'formularios', 'req-1', 'solicitud-abc.pdf'), '%PDF-1.7 formulario');
  return d;
}

function dir(): string {
  const d = tempDir('vp-backup-');
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
}

const backupOf = (d: TestDesk, destRoot: string, now = d.clock.now()) =>
  runBackup({ db: d.core.ctx.db, dataDir: d.dataDir, destRoot, now, appVersion: '0.1.0', schemaVersion: d.core.ctx.schemaVersion, agencyCode: 'UIO' });

const auditCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backup and restore', () => {
  it('restores a backup taken while another process writes, to a consistent database', async () => {
    const d = await desk();
    const dest = dir();
    const dbFile = path.join(d.dataDir, DB_FILE_NAME);
    const writer = spawn(TSX, [path.join(import.meta.dirname, 'writer.ts'), d.dataDir, '4000'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let written = '';
    writer.stdout.on('data', (c: Buffer) => (written += c.toString()));
    const exited = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    // Start once the writer is demonstrably writing.
    const before = auditCount(dbFile);
    while (auditCount(dbFile) < before + 50) await new Promise((r) => setTimeout(r, 20));
    const atStart = auditCount(dbFile);
    const backups: BackupResult[] = [];
    for (let i = 0; i < 3; i++) backups.push(await backupOf(d, dest, d.clock.now() + i * 1000));
    const atEnd = auditCount(dbFile);
    expect(atEnd).toBeGreaterThan(atStart); // the writes really overlapped the backups
    expect(await exited).toBe(0);
    const totalWrites = Number(written.trim());
    expect(totalWrites).toBeGreaterThan(50);

    for (const b of backups) {
      const target = tempDir('vp-restored-');
      cleanups.push(() => fs.rmSync(target, { recursive: true, force: true }));
      // A new machine: the backup's audit key is not there, so the trail is "no verificable" and accepted explicitly.
      const { report, previousDir } = await restoreBackup({ from: b.dir, dataDir: target, knownMigrations: d.core.ctx.schemaVersion, now: Date.now(), secrets: fileSecretStore(target), acceptUnverifiableAudit: true });
      expect(report.ok).toBe(true);
      expect(previousDir).toBeNull(); // empty target: nothing to keep aside
      const restored = new Database(path.join(target, DB_FILE_NAME), { readonly: true });
      try {
        expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
        bindAuditKeys(restored, d.core.ctx.secrets); // the desk's audit key (never in the backup)
        const chain = verifyAuditChain(restored);
        expect(chain.ok).toBe(true);
        // Entries and the counter were written in one transaction each: they must agree.
        const writes = (restored.prepare("SELECT count(*) AS n FROM audit_log WHERE call = 'test.write'").get() as { n: number }).n;
        const counter = restored.prepare("SELECT value FROM settings WHERE key = 'test.writes'").get() as { value: string } | undefined;
        expect(Number(counter?.value ?? 0)).toBe(writes);
        expect(writes).toBeGreaterThan(0);
        expect(writes).toBeLessThanOrEqual(totalWrites);
      } finally {
        restored.close();
      }
      expect(fs.readFileSync(path.join(target, 'adjuntos', 'a1.pdf')).length).toBe(200_000);
      // The restored desk opens with the real core.
      const opened = openDesk({ dataDir: target, host: 'cli' });
      opened.close();
    }
  }, 60_000);

  it('writes a manifest with the SHA-256 of every file and lists complete backups only', async () => {
    const d = await desk();
    const dest = dir();
    const b = await backupOf(d, dest);
    const manifest = JSON.parse(fs.readFileSync(path.join(b.dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(['adjuntos/a1.pdf', 'formularios/req-1/solicitud-abc.pdf', DB_FILE_NAME]);
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(fs.existsSync(path.join(b.dir, 'secretos.json'))).toBe(false);
    fs.mkdirSync(path.join(dest, 'respaldo-20990101T000000Z.parcial'));
    expect(listBackups(dest).map((x) => x.name)).toEqual([b.name]);
  });

  it('refuses a tampered backup before touching anything, and keeps the previous data aside on success', async () => {
    const d = await desk();
    const dest = dir();
    await d.login('supervisora', 'Super.Demo.2026'); // a session the backup carries
    const b = await backupOf(d, dest);
    const target = await desk();
    const targetDb = path.join(target.dataDir, DB_FILE_NAME);
    target.close(); // the app is closed for a restore
    const originalBytes = fs.readFileSync(targetDb);

    fs.appendFileSync(path.join(b.dir, 'adjuntos', 'a1.pdf'), 'x');
    const bad = await restoreBackup({ from: b.dir, dataDir: target.dataDir, knownMigrations: 99, now: Date.now(), secrets: fileSecretStore(target.dataDir) }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RestoreError);
    expect((bad as RestoreError).report?.checks.find((c) => !c.ok)?.detail).toMatch(/adjuntos\/a1\.pdf/);
    expect(fs.readFileSync(targetDb).equals(originalBytes)).toBe(true);
    expect(fs.readdirSync(target.dataDir).filter((n) => n.startsWith('anterior-') || n.startsWith('.restaurando-'))).toEqual([]);

    fs.writeFileSync(path.join(b.dir, 'adjuntos', 'a1.pdf'), Buffer.alloc(200_000, 7));
    // The target is another desk, which never had the backup's audit key: accepted as unverifiable.
    const { previousDir } = await restoreBackup({ from: b.dir, dataDir: target.dataDir, knownMigrations: 99, now: Date.now(), secrets: fileSecretStore(target.dataDir), acceptUnverifiableAudit: true });
    expect(previousDir).not.toBeNull();
    expect(fs.readFileSync(path.join(previousDir!, DB_FILE_NAME)).equals(originalBytes)).toBe(true);
    // Sessions the backup carried do not come back to life.
    const restored = new Database(targetDb, { readonly: true });
    expect(restored.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    restored.close();
  });

  it('refuses a backup whose audit chain was altered, and a newer schema', async () => {
    const d = await desk();
    for (let i = 0; i < 3; i++) await d.login('admin', 'Admin.Demo.2026'); // audited calls
    const dest = dir();
    const b = await backupOf(d, dest);
    const target = dir();
    // Restored on the same machine: the desk's secrets (the audit key) are there, as in its own data directory.
    fs.copyFileSync(path.join(d.dataDir, 'secretos.json'), path.join(target, 'secretos.json'));
    const tooOld = await restoreBackup({ from: b.dir, dataDir: target, knownMigrations: 1, now: Date.now(), secrets: fileSecretStore(target) }).catch((e: RestoreError) => e);
    expect((tooOld as RestoreError).report?.checks.find((c) => c.label === 'Versión del esquema')?.ok).toBe(false);

    // Alter an audit entry in the backup copy (triggers forbid it, so drop them first) and re-hash the manifest.
    const file = path.join(b.dir, DB_FILE_NAME);
    const db = new Database(file);
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string }[]) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare("UPDATE audit_log SET outcome = 'forbidden' WHERE seq = 2").run();
    db.close();
    const { sha256File } = await import('../../../electron/core/ops/backup');
    const m = JSON.parse(fs.readFileSync(path.join(b.dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    Object.assign(m.files.find((f) => f.path === DB_FILE_NAME)!, await sha256File(file));
    fs.writeFileSync(path.join(b.dir, 'manifest.json'), JSON.stringify(m));
    const altered = await restoreBackup({ from: b.dir, dataDir: target, knownMigrations: 99, now: Date.now(), secrets: fileSecretStore(target) }).catch((e: RestoreError) => e);
    expect((altered as RestoreError).report?.checks.find((c) => c.label === 'Cadena de auditoría')).toMatchObject({ ok: false, detail: expect.stringContaining('entrada 2') });
    expect(fs.existsSync(path.join(target, DB_FILE_NAME))).toBe(false);
  });

  it('refuses to restore over a database that is open', async () => {
    const d = await desk();
    const b = await backupOf(d, dir());
    expect(databaseInUse(d.dataDir)).toBe(true);
    await expect(restoreBackup({ from: b.dir, dataDir: d.dataDir, knownMigrations: 99, now: Date.now(), secrets: fileSecretStore(d.dataDir) })).rejects.toThrow(/cierre Ventanilla Patronal/);
  });
});
