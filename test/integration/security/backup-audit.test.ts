// A backup's audit trail is checked with the keys of the desk that restores it. A trail that
// cannot be checked is never passed silently:
// - a forged trail whose head had its key list emptied (every entry "unsigned") is refused;
// - a key this desk has but cannot read is refused (check from the desktop app);
// - a key this desk never had (the backup comes from another machine) makes the trail
//   "no verificable": restored only when the administrator accepts it explicitly, on the screen
//   or with the CLI's --aceptar-auditoria-no-verificable, and the restore says so.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackup, sha256File } from '../../../electron/core/ops/backup';
import { restoreBackup, RestoreError } from '../../../electron/core/ops/restore';
import { getSetting } from '../../../electron/core/settings';
import type { Auth } from '../../../electron/core/registry';
import { runCli } from '../../../electron/hosts/cli/main';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { fileSecretStore, SECRETS_FILE } from '../../../electron/hosts/common/secrets-file';
import { seededDesk, tempDir, type TestDesk } from '../../support/desk';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};

async function deskWithBackup(): Promise<{ d: TestDesk; backup: string }> {
  const d = await seededDesk({ requests: 5 });
  cleanups.push(() => {
    try {
      d.dispose();
    } catch {
      fs.rmSync(d.dataDir, { recursive: true, force: true });
    }
  });
  for (let i = 0; i < 4; i++) await d.login('admin', 'Admin.Demo.2026');
  const b = await runBackup({ db: d.core.ctx.db, dataDir: d.dataDir, destRoot: dir('vp-respaldos-'), now: d.clock.now(), appVersion: '0.1.0', schemaVersion: d.core.ctx.schemaVersion, agencyCode: 'UIO' });
  return { d, backup: b.dir };
}

/** The reviewer's forgery: entry 2 deleted, the rest re-linked with plain SHA-256, the head's key list emptied (or naming a key of the forger's). */
async function forge(backup: string, keys: { from: number; id: string }[]): Promise<void> {
  const file = path.join(backup, 'ventanilla.db');
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  const rows = db.prepare('SELECT at, actor_id AS actorId, call, target, outcome FROM audit_log WHERE seq != 2 ORDER BY seq').all() as { at: number; actorId: string | null; call: string; target: string | null; outcome: string }[];
  db.exec('DELETE FROM audit_log');
  let prev = '0'.repeat(64);
  const ins = db.prepare('INSERT INTO audit_log (seq, at, actor_id, call, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  rows.forEach((r, i) => {
    const hash = createHash('sha256').update(JSON.stringify([i + 1, r.at, r.actorId, r.call, r.target, r.outcome, prev])).digest('hex');
    ins.run(i + 1, r.at, r.actorId, r.call, r.target, r.outcome, prev, hash);
    prev = hash;
  });
  db.prepare("UPDATE settings SET value = ? WHERE key = 'auditHead'").run(JSON.stringify({ seq: rows.length, hash: prev, keys, brokenAt: null, mac: '0'.repeat(64) }));
  db.close();
  const m = JSON.parse(fs.readFileSync(path.join(backup, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
  Object.assign(m.files.find((f) => f.path === 'ventanilla.db')!, await sha256File(file));
  fs.writeFileSync(path.join(backup, 'manifest.json'), JSON.stringify(m));
}

const restore = (from: string, dataDir: string, known: number, acceptUnverifiableAudit = false) =>
  restoreBackup({ from, dataDir, knownMigrations: known, now: Date.now(), secrets: fileSecretStore(dataDir), acceptUnverifiableAudit }).catch((e: unknown) => e as RestoreError);
const auditCheck = (r: { report: { checks: { label: string; ok: boolean; detail: string; unverifiable?: boolean }[] } | null } | RestoreError) =>
  (r instanceof RestoreError ? r.report : r.report)?.checks.find((c) => c.label === 'Cadena de auditoría');

describe('restoring a backup whose audit trail cannot be checked', () => {
  it('refuses the forged trail with an emptied key list, on the same machine and on a new one, even when asked to accept', async () => {
    const { d, backup } = await deskWithBackup();
    await forge(backup, []);
    const sameMachine = dir('vp-mismo-equipo-');
    fs.copyFileSync(path.join(d.dataDir, SECRETS_FILE), path.join(sameMachine, SECRETS_FILE));
    for (const [target, accept] of [[sameMachine, false], [sameMachine, true], [dir('vp-equipo-nuevo-'), true]] as const) {
      const r = await restore(backup, target, d.core.ctx.schemaVersion, accept);
      expect(r, target).toBeInstanceOf(RestoreError);
      expect(auditCheck(r)).toMatchObject({ ok: false, detail: expect.stringMatching(/no están firmadas con clave.*fue alterado/) });
      expect(fs.existsSync(path.join(target, 'ventanilla.db'))).toBe(false);
    }
  });

  it('a trail signed with a key this desk never had is "no verificable": refused unless accepted explicitly', async () => {
    const { d, backup } = await deskWithBackup();
    const newMachine = dir('vp-equipo-nuevo-');
    const refused = await restore(backup, newMachine, d.core.ctx.schemaVersion);
    expect(refused).toBeInstanceOf(RestoreError);
    expect((refused as RestoreError).report?.auditUnverifiable).toBe(true);
    expect(auditCheck(refused)).toMatchObject({ ok: false, unverifiable: true, detail: expect.stringMatching(/^No verificable: .*Falta la clave del registro de auditoría.*acepte expresamente/) });
    expect(fs.existsSync(path.join(newMachine, 'ventanilla.db'))).toBe(false);

    const accepted = await restore(backup, newMachine, d.core.ctx.schemaVersion, true);
    expect(accepted).not.toBeInstanceOf(RestoreError);
    expect(auditCheck(accepted)).toMatchObject({ ok: true, unverifiable: true, detail: expect.stringContaining('El administrador aceptó restaurarlo sin esa comprobación.') });
    expect(fs.existsSync(path.join(newMachine, 'ventanilla.db'))).toBe(true);
  });

  it('the CLI refuses it without --aceptar-auditoria-no-verificable, and restores it with the flag', async () => {
    const { d, backup } = await deskWithBackup();
    const newMachine = dir('vp-equipo-nuevo-');
    const refused = await runCli(['backup.restore', '--from', backup, '--data-dir', newMachine]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('NO VERIF. Cadena de auditoría: No verificable:');
    expect(refused.out).toContain('--aceptar-auditoria-no-verificable');
    const accepted = await runCli(['backup.restore', '--from', backup, '--data-dir', newMachine, '--aceptar-auditoria-no-verificable']);
    expect(accepted).toMatchObject({ code: 0, out: expect.stringContaining('Respaldo restaurado') });
    expect(accepted.out).toContain('sin poder verificar su registro de auditoría');
    expect(d.core.ctx.schemaVersion).toBeGreaterThan(0);
  });

  it('from the screen: verify says "no verificable", scheduling needs the acceptance, and the applied restore records it', async () => {
    const { backup } = await deskWithBackup();
    const other = await seededDesk({ requests: 3 }); // another desk, with keys of its own
    cleanups.push(() => fs.rmSync(other.dataDir, { recursive: true, force: true }));
    await other.login('admin', 'Admin.Demo.2026');
    const check = await other.core.call('backup.verify', { path: backup }, ADMIN);
    expect(check).toMatchObject({ ok: true, value: { ok: false, auditUnverifiable: true } });

    const plain = await other.core.call('backup.scheduleRestore', { source: { path: backup }, confirmation: 'RESTAURAR' }, ADMIN);
    expect(plain).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('No verificable') } });
    const accepted = await other.core.call('backup.scheduleRestore', { source: { path: backup }, confirmation: 'RESTAURAR', acceptUnverifiableAudit: true }, ADMIN);
    expect(accepted).toMatchObject({ ok: true, value: { report: { ok: true, auditUnverifiable: true } } });
    const audited = other.core.ctx.db.$client.prepare("SELECT target FROM audit_log WHERE call = 'backup.scheduleRestore' AND outcome = 'ok'").pluck().all();
    expect(audited).toEqual([`backup:${path.basename(backup)};auditoria-no-verificable`]);

    other.close();
    const after = openDesk({ dataDir: other.dataDir, host: 'cli' });
    try {
      expect(getSetting(after.core.ctx.db, 'ops.lastRestore')).toMatchObject({ auditUnverifiable: true });
      const entry = after.core.ctx.db.$client.prepare("SELECT target FROM audit_log WHERE call = 'backup.restored'").pluck().get();
      expect(entry).toBe(`backup:${path.basename(backup)};auditoria-no-verificable`);
    } finally {
      after.close();
    }
  });
});
