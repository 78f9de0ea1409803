// Someone with the data directory drops the audit log's append-only triggers and deletes every
// entry and the stored head. The trail must not pass as "íntegro: 0 entradas", nor may the next
// action start a clean new chain that hides it: the desk's secrets store still holds the keys
// that signed the erased entries, and central holds the head the desk last pushed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../db/open';
import { bindAuditKeys, verifyAuditChain } from '../../../electron/core/security/audit/chain';
import type { Auth } from '../../../electron/core/registry';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { fileSecretStore, SECRETS_FILE } from '../../../electron/hosts/common/secrets-file';
import { runBackup } from '../../../electron/core/ops/backup';
import { spawnCli } from '../../support/cli';
import { seededDesk, tempDir, type TestDesk } from '../../support/desk';
import { central, enrol, fabricateEvents, FAST, syncUntilClean, type Central } from '../sync/support';
import { syncOnce } from '../../../electron/core/sync/engine';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function deskWithTrail(): Promise<TestDesk> {
  const desk = await seededDesk({ requests: 5 });
  cleanups.push(() => fs.rmSync(desk.dataDir, { recursive: true, force: true }));
  await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
  for (let i = 0; i < 3; i++) await desk.core.call('requests.list', { limit: 5 }, CLERK);
  return desk;
}

/** The attack, with the desk closed: triggers dropped, every entry and the head deleted. */
function erase(dataDir: string): void {
  const raw = new Database(path.join(dataDir, DB_FILE_NAME));
  raw.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log; DELETE FROM settings WHERE key = 'auditHead';");
  raw.close();
}

function verify(dataDir: string) {
  const raw = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    bindAuditKeys(raw, fileSecretStore(dataDir));
    return verifyAuditChain(raw);
  } finally {
    raw.close();
  }
}
const cliVerify = (dataDir: string) => spawnCli('audit.verify', '--data-dir', dataDir);

/** The desk starts again and works: one audited call, which appends to the trail. */
async function workAgain(dataDir: string): Promise<void> {
  const opened = openDesk({ dataDir, host: 'cli' });
  try {
    expect((await opened.core.call('requests.list', { limit: 1 }, CLERK)).ok).toBe(true);
  } finally {
    opened.close();
  }
}

describe('an erased audit log', () => {
  it('is reported as tampering, from the CLI too, and stays reported after the desk starts a new chain', { timeout: 120_000 }, async () => {
    const desk = await deskWithTrail();
    desk.close();
    erase(desk.dataDir);

    expect(verify(desk.dataDir)).toMatchObject({ ok: false, entries: 0, firstBroken: { seq: 1, reason: 'restart', message: expect.stringMatching(/^El registro de auditoría está vacío, pero este equipo ya firmó entradas/) } });
    const cli = cliVerify(desk.dataDir);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('REGISTRO DE AUDITORÍA ALTERADO');
    expect(cli.stdout).not.toContain('íntegro');

    await workAgain(desk.dataDir);
    await workAgain(desk.dataDir);
    expect(verify(desk.dataDir)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 1, reason: 'restart', message: expect.stringMatching(/fue eliminado o reemplazado y empezó de nuevo/) } });
  });

  it('central’s anchor reveals it even when the keys were also deleted from the secrets file', { timeout: 120_000 }, async () => {
    const c: Central = await central();
    cleanups.push(() => c.dispose());
    const desk = await deskWithTrail();
    const deviceId = await enrol(desk, c);
    fabricateEvents(desk.core.ctx.db.$client, 2);
    expect((await syncUntilClean(desk, FAST, 20)).failures).toEqual([]);
    desk.close();
    erase(desk.dataDir);
    // Local evidence gone too: only the sync token is left in the secrets file.
    const secretsFile = path.join(desk.dataDir, SECRETS_FILE);
    const secrets = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    for (const name of Object.keys(secrets)) if (name.startsWith('auditKey.')) delete secrets[name];
    fs.writeFileSync(secretsFile, JSON.stringify(secrets));
    expect(verify(desk.dataDir)).toMatchObject({ ok: true, entries: 0 }); // nothing left here to tell

    const reopened = openDesk({ dataDir: desk.dataDir, host: 'cli' });
    try {
      fabricateEvents(reopened.core.ctx.db.$client, 1, { prefix: 'POST' });
      // Central refuses the push of a trail that went back from the head it holds, and answers
      // with that head: the desk writes in its new trail that the entry is gone.
      const refused = await syncOnce(reopened.core.ctx, FAST);
      expect(refused).toMatchObject({ ok: false, kind: 'audit', error: expect.stringContaining('su registro de auditoría retrocedió') });
      await syncOnce(reopened.core.ctx, FAST); // a retry does not write it twice
      expect(reopened.core.ctx.db.$client.prepare("SELECT count(*) FROM audit_log WHERE call = 'audit.anchor'").pluck().get()).toBe(1);
      // The IESS operator looks into it and accepts the trail as it is now: the desk syncs again.
      expect(await c.admin.acceptAudit(deviceId)).toEqual({ accepted: true });
      expect((await syncUntilClean({ ...desk, core: reopened.core }, FAST, 20)).failures).toEqual([]);
      const report = verifyAuditChain(reopened.core.ctx.db.$client);
      expect(report).toMatchObject({ ok: false, firstBroken: { reason: 'restart', message: expect.stringContaining('el IESS tenía registrada la entrada') } });
      expect((await reopened.core.call('audit.verify', {}, ADMIN)) as { value: unknown }).toMatchObject({ ok: true, value: { ok: false, firstBroken: { reason: 'restart' } } });
    } finally {
      reopened.close();
    }
  });

  it('a trail that was never erased is not taken for one: a new desk, a lost key, a restore from another machine', { timeout: 120_000 }, async () => {
    // A lost secrets file: the old entries cannot be checked (said so), the new key signs on.
    const lost = await deskWithTrail();
    lost.close();
    fs.rmSync(path.join(lost.dataDir, SECRETS_FILE));
    await workAgain(lost.dataDir);
    expect(verify(lost.dataDir).firstBroken).toMatchObject({ reason: 'key', key: 'missing' });

    // A new desk: no entries and no keys yet.
    const fresh = tempDir('vp-nueva-');
    cleanups.push(() => fs.rmSync(fresh, { recursive: true, force: true }));
    openDesk({ dataDir: fresh, host: 'cli' }).close();
    expect(verify(fresh)).toEqual({ ok: true, entries: 0, firstBroken: null });

    // A backup of another machine restored here (accepted as unverifiable), then work goes on.
    const source = await deskWithTrail();
    const dest = tempDir('vp-respaldos-');
    cleanups.push(() => fs.rmSync(dest, { recursive: true, force: true }));
    const b = await runBackup({ db: source.core.ctx.db, dataDir: source.dataDir, destRoot: dest, now: source.clock.now(), appVersion: '0.1.0', schemaVersion: source.core.ctx.schemaVersion, agencyCode: 'UIO' });
    source.close();
    const here = await deskWithTrail(); // this machine has keys of its own
    expect((await here.core.call('backup.scheduleRestore', { source: { path: b.dir }, confirmation: 'RESTAURAR', acceptUnverifiableAudit: true }, ADMIN)).ok).toBe(true);
    here.close();
    await workAgain(here.dataDir); // the restore is applied at this start
    const report = verify(here.dataDir);
    expect(report.firstBroken?.reason).toBe('key'); // the other machine's entries cannot be checked here: said so, not "restarted"
  });

  it('a restore folder someone put in the data directory is not applied at start (only one this desk prepared)', { timeout: 120_000 }, async () => {
    // Another desk prepares a real restore of its own backup: its staging folder and marker.
    const other = await deskWithTrail();
    const dest = tempDir('vp-respaldos-');
    cleanups.push(() => fs.rmSync(dest, { recursive: true, force: true }));
    const b = await runBackup({ db: other.core.ctx.db, dataDir: other.dataDir, destRoot: dest, now: other.clock.now(), appVersion: '0.1.0', schemaVersion: other.core.ctx.schemaVersion, agencyCode: 'UIO' });
    expect((await other.core.call('backup.scheduleRestore', { source: { path: b.dir }, confirmation: 'RESTAURAR' }, ADMIN)).ok).toBe(true);
    other.close();
    // Dropped into this desk's data directory, it would replace the database (and its trail).
    const here = await deskWithTrail();
    here.close();
    fs.cpSync(path.join(other.dataDir, '.restauracion-pendiente'), path.join(here.dataDir, '.restauracion-pendiente'), { recursive: true });
    const before = verify(here.dataDir);
    expect(before.ok).toBe(true);
    await workAgain(here.dataDir);
    expect(fs.existsSync(path.join(here.dataDir, '.restauracion-pendiente'))).toBe(false);
    expect(fs.readdirSync(here.dataDir).filter((n) => n.startsWith('anterior-'))).toEqual([]);
    expect(verify(here.dataDir)).toEqual({ ok: true, entries: before.entries + 1, firstBroken: null });
  });
});
