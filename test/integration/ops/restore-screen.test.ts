// Restore from the Operación screen, on real files: an administrator checks a backup, confirms,
// the restore is staged, and the next start (a new openCore on the same data directory, as a
// restarted app does) applies it before the database opens, keeping the current data aside.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../db/open';
import { verifyAuditChain } from '../../../electron/core/security/audit/chain';
import { storeAttachment } from '../../../electron/core/counter/attachments/files';
import { type OpenedCore } from '../../../electron/core/open';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { PENDING_RESTORE_DIR } from '../../../electron/core/ops/pending-restore';
import { getSetting } from '../../../electron/core/settings';
import type { Auth } from '../../../electron/core/registry';
import { manualClock, seededDesk, tempDir, type TestDesk } from '../../support/desk';
import { GOOD } from '../../unit/ops/fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const unix = process.platform !== 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** A desk with a backup folder configured, a scan on disk and one backup taken. */
async function deskWithBackup(): Promise<{ d: TestDesk; backups: string; name: string }> {
  const d = await seededDesk({ requests: 40 });
  cleanups.push(() => fs.rmSync(d.dataDir, { recursive: true, force: true }));
  cleanups.push(() => {
    try {
      d.close();
    } catch {
      // already closed by the test
    }
  });
  const backups = tempDir('vp-respaldos-');
  cleanups.push(() => fs.rmSync(backups, { recursive: true, force: true }));
  expect(await d.core.call('config.update', { ...GOOD, backup: { ...GOOD.backup, dir: backups } }, ADMIN)).toMatchObject({ ok: true });
  storeAttachment(d.dataDir, '0198f3b2-7c1e-7a4b-9d2e-00000000a001' /* scan before the backup */, 'application/pdf', Buffer.from('%PDF-1.7 escaneo del respaldo'));
  await d.login('supervisora', 'Super.Demo.2026'); // a session the backup carries
  const run = await d.core.call('backup.run', {}, ADMIN);
  if (!run.ok) throw new Error(run.error.message);
  return { d, backups, name: (run.value as { name: string }).name };
}

/** The next start of the app on the same data directory. */
function restart(d: TestDesk, at = d.clock.now() + 60_000): OpenedCore {
  d.close();
  const opened = openDesk({ dataDir: d.dataDir, host: 'electron', clock: manualClock(at) });
  cleanups.push(() => opened.close());
  return opened;
}

const usernames = (o: OpenedCore) => (o.core.ctx.db.$client.prepare('SELECT username FROM users ORDER BY username').pluck().all() as string[]);

describe('restore from the Operación screen', () => {
  it('checks a backup, is confirmed by typing RESTAURAR, and the next start applies it keeping the current data aside', async () => {
    const { d, name } = await deskWithBackup();
    // Work done after the backup: a user and a scan the restore takes back.
    const created = await d.core.call('users.create', { username: 'despues.respaldo', displayName: 'Creado Después', role: 'ventanillero', password: 'Temporal.Uio.2026' }, ADMIN);
    expect(created.ok).toBe(true);
    storeAttachment(d.dataDir, '0198f3b2-7c1e-7a4b-9d2e-00000000a002', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const check = await d.core.call('backup.verify', { name }, ADMIN);
    expect(check).toMatchObject({
      ok: true,
      value: {
        ok: true,
        backup: { name, agencyCode: 'UIO', appVersion: d.core.ctx.appVersion, schemaVersion: d.core.ctx.schemaVersion },
        contents: { requests: 40, attachments: 1, forms: 0, users: expect.any(Number), auditEntries: expect.any(Number), lastActivityAt: expect.any(Number) },
      },
    });

    // Without the word, nothing is staged.
    const unconfirmed = await d.core.call('backup.scheduleRestore', { source: { name }, confirmation: 'si' }, ADMIN);
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Para confirmar, escriba RESTAURAR.' } });
    expect(fs.existsSync(path.join(d.dataDir, PENDING_RESTORE_DIR))).toBe(false);

    const scheduled = await d.core.call('backup.scheduleRestore', { source: { name }, confirmation: 'restaurar' }, ADMIN);
    expect(scheduled).toMatchObject({ ok: true, value: { report: { ok: true }, pending: { backup: { name }, stagedBy: 'admin', failure: null } } });
    expect(await d.core.call('backup.list', {}, ADMIN)).toMatchObject({ ok: true, value: { pendingRestore: { backup: { name } }, lastRestore: null } });
    // The running desk is untouched until it restarts.
    expect(fs.existsSync(path.join(d.dataDir, 'adjuntos', '0198f3b2-7c1e-7a4b-9d2e-00000000a002.png'))).toBe(true);
    const audited = d.core.ctx.db.$client.prepare("SELECT outcome, target FROM audit_log WHERE call = 'backup.scheduleRestore' ORDER BY seq").all();
    expect(audited).toEqual([
      { outcome: 'invalid_input', target: null },
      { outcome: 'ok', target: `backup:${name}` },
    ]);

    const after = restart(d);
    expect(usernames(after)).not.toContain('despues.respaldo');
    expect(fs.readdirSync(path.join(d.dataDir, 'adjuntos'))).toEqual(['0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf']);
    expect(fs.existsSync(path.join(d.dataDir, PENDING_RESTORE_DIR))).toBe(false);
    const last = getSetting(after.core.ctx.db, 'ops.lastRestore');
    expect(last).toMatchObject({ backup: { name }, stagedBy: 'admin', previousDir: expect.stringMatching(/^anterior-/) });
    // The data that was replaced is kept, whole: it still has the user created after the backup.
    const previous = path.join(d.dataDir, last!.previousDir!);
    expect(fs.readdirSync(path.join(previous, 'adjuntos')).sort()).toEqual(['0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf', '0198f3b2-7c1e-7a4b-9d2e-00000000a002.png']);
    const old = openDesk({ dataDir: previous, host: 'cli' });
    expect(usernames(old)).toContain('despues.respaldo');
    old.close();
    // The restored database: its chain verifies and records the restore as the desk's own act.
    const sqlite = after.core.ctx.db.$client;
    expect(verifyAuditChain(sqlite).ok).toBe(true);
    expect(sqlite.prepare("SELECT actor_id AS actor, target, outcome FROM audit_log WHERE call = 'backup.restored'").all()).toEqual([{ actor: null, target: `backup:${name}`, outcome: 'ok' }]);
    expect(await after.core.call('backup.list', {}, ADMIN)).toMatchObject({ ok: true, value: { pendingRestore: null, lastRestore: { backup: { name } } } });
    // Sessions the backup carried do not come back to life: everyone signs in again.
    expect(sqlite.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    if (unix) {
      expect(mode(path.join(d.dataDir, DB_FILE_NAME))).toBe(0o600);
      expect(mode(path.join(d.dataDir, 'adjuntos'))).toBe(0o700);
      expect(mode(path.join(d.dataDir, 'adjuntos', '0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf'))).toBe(0o600);
      expect(mode(previous)).toBe(0o700);
    }
  });

  it('takes a backup folder by its full path, refuses a damaged one, and a staged restore can be cancelled', async () => {
    const { d, backups, name } = await deskWithBackup();
    const folder = path.join(backups, name);
    expect(await d.core.call('backup.verify', { path: 'respaldos/otro' }, ADMIN)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('ruta completa') } });
    expect(await d.core.call('backup.verify', { path: path.join(backups, 'no-existe') }, ADMIN)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await d.core.call('backup.verify', { name, path: folder }, ADMIN)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    fs.appendFileSync(path.join(folder, 'adjuntos', '0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf'), 'alterado');
    const bad = await d.core.call('backup.scheduleRestore', { source: { path: folder }, confirmation: 'RESTAURAR' }, ADMIN);
    expect(bad).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('adjuntos/0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf') } });
    expect(fs.readdirSync(d.dataDir).filter((n) => n.startsWith('.restauracion'))).toEqual([]);

    fs.writeFileSync(path.join(folder, 'adjuntos', '0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf'), '%PDF-1.7 escaneo del respaldo');
    expect(await d.core.call('backup.scheduleRestore', { source: { path: folder }, confirmation: 'RESTAURAR' }, ADMIN)).toMatchObject({ ok: true });
    expect(await d.core.call('backup.cancelRestore', {}, ADMIN)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await d.core.call('backup.list', {}, ADMIN)).toMatchObject({ ok: true, value: { pendingRestore: null } });
    const after = restart(d);
    expect(fs.readdirSync(d.dataDir).filter((n) => n.startsWith('anterior-') || n.startsWith('.restauracion'))).toEqual([]);
    expect(getSetting(after.core.ctx.db, 'ops.lastRestore')).toBeNull();
  });

  it('a start interrupted while applying is finished by the next one', async () => {
    const { d, name } = await deskWithBackup();
    await d.core.call('users.create', { username: 'despues.respaldo', displayName: 'Creado Después', role: 'ventanillero', password: 'Temporal.Uio.2026' }, ADMIN);
    expect(await d.core.call('backup.scheduleRestore', { source: { name }, confirmation: 'RESTAURAR' }, ADMIN)).toMatchObject({ ok: true });
    d.close();
    // What a crash leaves after the first moves: the marker names the folder for the current
    // data, the current database is in it and the staged one in place; adjuntos/ not yet moved.
    const staged = path.join(d.dataDir, PENDING_RESTORE_DIR);
    const markerFile = path.join(staged, 'restauracion.json');
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(markerFile, JSON.stringify({ ...marker, applying: { previousDir: 'anterior-20261120T140000Z' } }));
    const previous = path.join(d.dataDir, 'anterior-20261120T140000Z');
    fs.mkdirSync(previous);
    fs.renameSync(path.join(d.dataDir, DB_FILE_NAME), path.join(previous, DB_FILE_NAME));
    fs.renameSync(path.join(staged, DB_FILE_NAME), path.join(d.dataDir, DB_FILE_NAME));

    const after = openDesk({ dataDir: d.dataDir, host: 'electron' });
    cleanups.push(() => after.close());
    expect(usernames(after)).not.toContain('despues.respaldo');
    expect(fs.existsSync(staged)).toBe(false);
    expect(fs.readdirSync(previous).sort()).toEqual(['adjuntos', 'agencia.json', DB_FILE_NAME]);
    expect(getSetting(after.core.ctx.db, 'ops.lastRestore')).toMatchObject({ previousDir: 'anterior-20261120T140000Z' });
  });

  it('a move that fails puts everything back, opens the current data and says why on the screen', async () => {
    const { d, name } = await deskWithBackup();
    await d.core.call('users.create', { username: 'despues.respaldo', displayName: 'Creado Después', role: 'ventanillero', password: 'Temporal.Uio.2026' }, ADMIN);
    expect(await d.core.call('backup.scheduleRestore', { source: { name }, confirmation: 'RESTAURAR' }, ADMIN)).toMatchObject({ ok: true });
    d.close();
    // Something in the way: where the current adjuntos/ would be set aside there is already a
    // file, so adjuntos/ stays, and moving the backup's adjuntos/ onto it fails (not empty).
    const staged = path.join(d.dataDir, PENDING_RESTORE_DIR);
    const markerFile = path.join(staged, 'restauracion.json');
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(markerFile, JSON.stringify({ ...marker, applying: { previousDir: 'anterior-20261120T140000Z' } }));
    const previous = path.join(d.dataDir, 'anterior-20261120T140000Z');
    fs.mkdirSync(previous);
    fs.writeFileSync(path.join(previous, 'adjuntos'), 'en el camino');
    const dbBefore = fs.readFileSync(path.join(d.dataDir, DB_FILE_NAME));

    const after = openDesk({ dataDir: d.dataDir, host: 'electron' });
    cleanups.push(() => after.close());
    // The current data, as it was; the staged copy still there for another try.
    expect(usernames(after)).toContain('despues.respaldo');
    expect(fs.readdirSync(path.join(d.dataDir, 'adjuntos'))).toEqual(['0198f3b2-7c1e-7a4b-9d2e-00000000a001.pdf']);
    expect(fs.existsSync(path.join(staged, DB_FILE_NAME))).toBe(true);
    expect(fs.existsSync(previous)).toBe(false);
    expect(dbBefore.length).toBeGreaterThan(0);
    const list = await after.core.call('backup.list', {}, ADMIN);
    expect(list).toMatchObject({ ok: true, value: { pendingRestore: { failure: expect.stringContaining('se dejaron como estaban') }, lastRestore: null } });
  });
});
