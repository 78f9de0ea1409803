// The audit chain is keyed with an HMAC whose key lives in the secrets store, not in the
// database: someone who can write the database file cannot delete or edit an entry and then
// recompute the chain and its head so that verification passes. A missing key never passes.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../db/open';
import { bindAuditKeys, verifyAuditChain } from '../../electron/core/security/audit/chain';
import type { SecretStore } from '../../electron/core/context';
import { openDesk } from '../../electron/hosts/common/open-desk';
import type { Auth } from '../../electron/core/registry';
import { safeStorageSecretStore } from '../../electron/hosts/desktop/secrets';
import { fileSecretStore, SECRETS_FILE } from '../../electron/hosts/common/secrets-file';
import { silentLogger } from '../../electron/core/context';
import { seedDemo } from '../../db/seed/demo';
import { spawnCli } from '../support/cli';
import { seededDesk, tempDir, type TestDesk } from '../support/desk';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
let desk: TestDesk;

beforeEach(async () => {
  desk = await seededDesk({ requests: 5 });
  await desk.login('ventanilla1', 'Ventanilla.Demo.2026');
  for (let i = 0; i < 4; i++) await desk.core.call('requests.list', { limit: 5 }, CLERK);
  await desk.core.call('settings.update', { idleLockMinutes: 7 }, ADMIN);
  desk.close(); // tampering happens with the desk closed, as an intruder would
});
afterEach(() => desk?.dispose());

const dbFile = () => path.join(desk.dataDir, DB_FILE_NAME);

function verify(secrets: SecretStore | null = fileSecretStore(desk.dataDir), opts: { copy?: boolean } = {}) {
  const raw = new Database(dbFile(), { readonly: true });
  try {
    bindAuditKeys(raw, secrets);
    return verifyAuditChain(raw, opts);
  } finally {
    raw.close();
  }
}

const cliVerify = () => spawnCli('audit.verify', '--data-dir', desk.dataDir);

/** Reopens the desk with the real core and makes one audited call (an append). */
async function appendOne(): Promise<void> {
  const opened = openDesk({ dataDir: desk.dataDir, host: 'cli' });
  try {
    expect((await opened.core.call('requests.list', { limit: 1 }, CLERK)).ok).toBe(true);
  } finally {
    opened.close();
  }
}

interface Row {
  seq: number;
  at: number;
  actorId: string | null;
  call: string;
  target: string | null;
  outcome: string;
  prevHash: string;
  hash: string;
}
type Head = { seq: number; hash: string; [k: string]: unknown };

/**
 * What an intruder with write access to the database file does: drops the append-only triggers,
 * lets `edit` change the rows, recomputes the hashes with `hashOf` from the first change on, and
 * points the head at the new last entry (`editHead` may change the rest of the head).
 */
function rewriteChain(edit: (rows: Row[]) => Row[], hashOf: (seq: number, r: Row, prev: string) => string, editHead: (h: Head) => Head = (h) => h): void {
  const raw = new Database(dbFile());
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  const rows = raw.prepare('SELECT seq, at, actor_id AS actorId, call, target, outcome, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq').all() as Row[];
  const edited = edit(rows);
  let prev = '0'.repeat(64);
  let changed = false;
  const out = edited.map((r, i) => {
    const seq = i + 1;
    changed ||= r.seq !== seq || r.prevHash !== prev;
    const hash = changed ? hashOf(seq, r, prev) : r.hash;
    const row = { ...r, seq, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  raw.transaction(() => {
    raw.exec('DELETE FROM audit_log');
    const ins = raw.prepare('INSERT INTO audit_log (seq, at, actor_id, call, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const r of out) ins.run(r.seq, r.at, r.actorId, r.call, r.target, r.outcome, r.prevHash, r.hash);
    const head = JSON.parse((raw.prepare("SELECT value FROM settings WHERE key = 'auditHead'").get() as { value: string }).value) as Head;
    const last = out.at(-1)!;
    raw.prepare("UPDATE settings SET value = ? WHERE key = 'auditHead'").run(JSON.stringify(editHead({ ...head, seq: last.seq, hash: last.hash })));
  })();
  raw.close();
}

const payload = (seq: number, r: Row, prev: string) => JSON.stringify([seq, r.at, r.actorId, r.call, r.target, r.outcome, prev]);
const plainSha = (seq: number, r: Row, prev: string) => createHash('sha256').update(payload(seq, r, prev)).digest('hex');
const wrongKey = randomBytes(32);
const wrongHmac = (seq: number, r: Row, prev: string) => createHmac('sha256', wrongKey).update(payload(seq, r, prev)).digest('hex');
const deleteThird = (rows: Row[]) => rows.filter((r) => r.seq !== 3);

describe('keyed audit chain', () => {
  it('a correct chain verifies, also after the desk restarts and keeps appending with the same key', async () => {
    expect(verify()).toEqual({ ok: true, entries: 6, firstBroken: null });
    await appendOne();
    await appendOne();
    expect(verify()).toEqual({ ok: true, entries: 8, firstBroken: null });
    expect(cliVerify().status).toBe(0);
  });

  it('first start: the key is created in the secrets store (owner-only), never in the database', () => {
    const secrets = JSON.parse(fs.readFileSync(path.join(desk.dataDir, SECRETS_FILE), 'utf8')) as Record<string, string>;
    const names = Object.keys(secrets).filter((n) => n.startsWith('auditKey.'));
    expect(names).toHaveLength(1);
    const key = secrets[names[0]!]!;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(desk.dataDir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
    const dbBytes = Buffer.concat([DB_FILE_NAME, `${DB_FILE_NAME}-wal`].filter((f) => fs.existsSync(path.join(desk.dataDir, f))).map((f) => fs.readFileSync(path.join(desk.dataDir, f))));
    expect(dbBytes.includes(Buffer.from(key))).toBe(false);
    expect(dbBytes.includes(Buffer.from(key, 'base64'))).toBe(false);
  });

  it("detects the reviewer's attack: entry 3 deleted, later hashes recomputed with plain SHA-256, head updated", () => {
    rewriteChain(deleteThird, plainSha);
    const report = verify();
    expect(report).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash' } });
    expect(report.firstBroken!.message).toMatch(/La entrada 3 fue modificada o recalculada sin la clave/);
    const r = cliVerify();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Primera entrada con problema: 3');
  });

  it('detects the same attack with the hashes recomputed as HMACs under a wrong key', () => {
    rewriteChain(deleteThird, wrongHmac);
    expect(verify()).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash' } });
  });

  it('detects it when the head is also rewritten: stripped to the old unkeyed form, or naming a key of its own', () => {
    // The desk's own key is no longer named by the head: the trail was replaced (security/audit/continuity.ts).
    rewriteChain(deleteThird, plainSha, ({ seq, hash }) => ({ seq, hash }));
    expect(verify()).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'restart', message: expect.stringContaining('fue eliminado o reemplazado') } });
    // Read as a backup's copy (no witness of this desk's keys), it cannot pass either.
    expect(verify(fileSecretStore(desk.dataDir), { copy: true })).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'key', message: expect.stringContaining('no están firmadas') } });

    const attackerId = createHmac('sha256', wrongKey).update('x').digest('hex').slice(0, 16);
    rewriteChain(
      (rows) => rows,
      wrongHmac,
      ({ seq, hash }) => {
        const keys = [{ from: 1, id: attackerId }];
        const mac = createHmac('sha256', wrongKey).update(JSON.stringify(['head', seq, hash, [[1, attackerId]], null])).digest('hex');
        return { seq, hash, keys, brokenAt: null, mac };
      },
    );
    expect(verify()).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'restart' } });
    expect(verify(fileSecretStore(desk.dataDir), { copy: true })).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'key', message: expect.stringContaining('Falta la clave') } });
  });

  it('detects entries cut off the end with the head pointed at the new last entry, and later appends do not hide it', async () => {
    const raw = new Database(dbFile());
    raw.exec('DROP TRIGGER audit_log_no_delete;');
    const kept = raw.prepare('SELECT seq, hash FROM audit_log WHERE seq = 4').get() as { seq: number; hash: string };
    raw.prepare('DELETE FROM audit_log WHERE seq > 4').run();
    const head = JSON.parse((raw.prepare("SELECT value FROM settings WHERE key = 'auditHead'").get() as { value: string }).value) as Head;
    raw.prepare("UPDATE settings SET value = ? WHERE key = 'auditHead'").run(JSON.stringify({ ...head, seq: kept.seq, hash: kept.hash }));
    raw.close();
    expect(verify()).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: 'head' } });

    // The desk goes on working; its next append notices the head does not hold and never re-signs it.
    await appendOne();
    await appendOne();
    const report = verify();
    expect(report).toMatchObject({ ok: false, entries: 6, firstBroken: { seq: 5, reason: 'head' } });
    expect(report.firstBroken!.message).toMatch(/Al escribir la entrada 5 el registro de auditoría no coincidía con su cabecera firmada/);
  });

  it('a missing key is reported in Spanish, never passes, and stays reported after a new key takes over', async () => {
    fs.rmSync(path.join(desk.dataDir, SECRETS_FILE));
    const report = verify();
    expect(report).toMatchObject({ ok: false, entries: 6, firstBroken: { seq: 1, reason: 'key' } });
    expect(report.firstBroken!.message).toMatch(/^Falta la clave del registro de auditoría que firmó las entradas 1 a 6\./);
    const r = cliVerify();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Falta la clave');

    // The desk keeps working: a new key signs from entry 7 on; 1–6 remain unverifiable.
    await appendOne();
    expect(verify()).toMatchObject({ ok: false, entries: 7, firstBroken: { seq: 1, reason: 'key', message: expect.stringContaining('entradas 1 a 6') } });
    // Unbound (no secrets store at all): the same, never a pass.
    expect(verify(null)).toMatchObject({ ok: false, firstBroken: { reason: 'key' } });
  });

  it('desktop: the key is kept encrypted through safeStorage; a reader that cannot decrypt it says so', async () => {
    const keychain = {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
      decryptString: (data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
    };
    const dataDir = tempDir('vp-audit-desktop-');
    try {
      const secrets = safeStorageSecretStore(keychain, dataDir, silentLogger);
      const opened = openDesk({ dataDir, host: 'electron', secrets });
      try {
        await seedDemo(opened.core.ctx.db.$client, { requests: 0, now: Date.now() });
        for (let i = 0; i < 3; i++) expect((await opened.core.call('requests.list', { limit: 1 }, CLERK)).ok).toBe(true);
        expect(verifyAuditChain(opened.core.ctx.db.$client)).toEqual({ ok: true, entries: 3, firstBroken: null });
      } finally {
        opened.close();
      }
      const stored = JSON.parse(fs.readFileSync(path.join(dataDir, SECRETS_FILE), 'utf8')) as Record<string, string>;
      const name = Object.keys(stored).find((n) => n.startsWith('auditKey.'))!;
      expect(Buffer.from(keychain.decryptString(Buffer.from(stored[name]!, 'base64')), 'base64')).toHaveLength(32);
      expect(Buffer.from(stored[name]!, 'base64')).not.toHaveLength(32); // what is on disk is not the key

      // The CLI runs in plain Node: it cannot decrypt the key, and says so instead of passing.
      const raw = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
      try {
        bindAuditKeys(raw, fileSecretStore(dataDir));
        expect(verifyAuditChain(raw)).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'key', message: expect.stringContaining('existe pero no puede leerse aquí') } });
      } finally {
        raw.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
