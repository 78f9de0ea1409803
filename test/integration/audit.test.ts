import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../db/open';
import { bindAuditKeys, verifyAuditChain } from '../../electron/core/security/audit/chain';
import { fileSecretStore } from '../../electron/hosts/common/secrets-file';
import type { Auth } from '../../electron/core/registry';
import { spawnCli } from '../support/cli';
import { seededDesk, type TestDesk } from '../support/desk';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
let desk: TestDesk;

afterAll(() => desk?.dispose());

/** A desk with a few dozen audit entries of every kind. */
beforeEach(async () => {
  desk?.dispose();
  desk = await seededDesk({ requests: 10 });
  await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
  await desk.core.call('session.login', { username: 'ventanilla1', password: 'mala' }, { kind: 'session', token: null });
  for (let i = 0; i < 5; i++) {
    await desk.core.call('requests.list', { limit: 5 }, CLERK);
    await desk.core.call('appointments.today', {}, CLERK);
  }
  await desk.core.call('settings.update', { idleLockMinutes: 7 }, ADMIN);
  desk.close(); // tampering happens with the desk closed, as an intruder would
});

function tamper(sql: string): void {
  const raw = new Database(path.join(desk.dataDir, DB_FILE_NAME));
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

const verify = () => {
  const raw = new Database(path.join(desk.dataDir, DB_FILE_NAME), { readonly: true });
  try {
    bindAuditKeys(raw, fileSecretStore(desk.dataDir)); // the desk's key, from its secrets store
    return verifyAuditChain(raw);
  } finally {
    raw.close();
  }
};
const cliVerify = () => spawnCli('audit.verify', '--data-dir', desk.dataDir);

describe('audit trail', () => {
  it('records every change and every read of personal data with actor, time, call, target and outcome', () => {
    const raw = new Database(path.join(desk.dataDir, DB_FILE_NAME), { readonly: true });
    const rows = raw.prepare('SELECT a.call, a.outcome, a.target, u.username FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ORDER BY seq').all();
    raw.close();
    expect(rows).toEqual(
      expect.arrayContaining([
        { call: 'session.login', outcome: 'ok', target: expect.stringMatching(/^user:/), username: 'ventanilla1' },
        { call: 'session.login', outcome: 'unauthenticated', target: expect.stringMatching(/^user:/), username: 'ventanilla1' },
        { call: 'requests.list', outcome: 'ok', target: null, username: 'ventanilla1' },
        { call: 'appointments.today', outcome: 'ok', target: null, username: 'ventanilla1' },
        { call: 'settings.update', outcome: 'ok', target: 'settings:security', username: 'admin' },
      ]),
    );
    expect(rows).toHaveLength(13);
  });

  it('is append-only: the database itself refuses UPDATE and DELETE', () => {
    const raw = new Database(path.join(desk.dataDir, DB_FILE_NAME));
    expect(() => raw.exec("UPDATE audit_log SET outcome = 'ok' WHERE seq = 2")).toThrow(/append-only/);
    expect(() => raw.exec('DELETE FROM audit_log WHERE seq = 2')).toThrow(/append-only/);
    raw.close();
  });

  it('verifies an intact chain, from the CLI too (exit 0)', () => {
    expect(verify()).toEqual({ ok: true, entries: 13, firstBroken: null });
    const r = cliVerify();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('íntegro: 13 entradas');
  });

  it('detects an edited entry and names it; the CLI exits non-zero', () => {
    tamper("UPDATE audit_log SET outcome = 'ok' WHERE seq = 2");
    expect(verify().firstBroken).toMatchObject({ seq: 2, reason: 'hash' });
    const r = cliVerify();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Primera entrada con problema: 2');
  });

  it('detects an edit whose hash was recomputed without the chain', () => {
    tamper("UPDATE audit_log SET actor_id = NULL, hash = prev_hash WHERE seq = 5");
    expect(verify().firstBroken?.seq).toBe(5);
  });

  it('detects a deleted entry in the middle', () => {
    tamper('DELETE FROM audit_log WHERE seq = 7');
    expect(verify().firstBroken).toMatchObject({ seq: 7, reason: 'sequence' });
  });

  it('detects reordered entries', () => {
    tamper('UPDATE audit_log SET seq = -4 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 9; UPDATE audit_log SET seq = 9 WHERE seq = -4;');
    expect(verify().firstBroken).toMatchObject({ seq: 4 });
  });

  it('detects entries cut off the end', () => {
    tamper('DELETE FROM audit_log WHERE seq >= 12');
    expect(verify().firstBroken).toMatchObject({ seq: 12, reason: 'head' });
  });
});
