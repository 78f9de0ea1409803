// One verification path for a backup, whoever asks: the CLI's `backup.verify` checks the audit
// trail's signatures with the desk's keys exactly as the Operación screen and the restore do, so
// a backup whose trail was edited never verifies from the command line.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runBackup, sha256File } from '../../../electron/core/ops/backup';
import { runCli } from '../../../electron/hosts/cli/main';
import type { Auth } from '../../../electron/core/registry';
import { seededDesk, tempDir } from '../../support/desk';

const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

describe('backup.verify from the CLI', () => {
  it('refuses a backup whose audit entry was edited, as the screen does', async () => {
    const d = await seededDesk({ requests: 5 });
    cleanups.push(() => d.dispose());
    for (let i = 0; i < 3; i++) await d.login('admin', 'Admin.Demo.2026');
    const dest = tempDir('vp-respaldos-');
    cleanups.push(() => fs.rmSync(dest, { recursive: true, force: true }));
    const b = await runBackup({ db: d.core.ctx.db, dataDir: d.dataDir, destRoot: dest, now: d.clock.now(), appVersion: '0.1.0', schemaVersion: d.core.ctx.schemaVersion, agencyCode: 'UIO' });
    expect(await runCli(['backup.verify', '--from', b.dir, '--data-dir', d.dataDir])).toMatchObject({ code: 0, out: expect.stringContaining('OK    Cadena de auditoría: 3 entradas verificadas.') });

    // Entry 2 edited in the backup (a failed login made to look successful), manifest re-hashed.
    const file = path.join(b.dir, 'ventanilla.db');
    const db = new Database(file);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET outcome = 'forbidden' WHERE seq = 2").run();
    db.close();
    const m = JSON.parse(fs.readFileSync(path.join(b.dir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
    Object.assign(m.files.find((f) => f.path === 'ventanilla.db')!, await sha256File(file));
    fs.writeFileSync(path.join(b.dir, 'manifest.json'), JSON.stringify(m));

    const cli = await runCli(['backup.verify', '--from', b.dir, '--data-dir', d.dataDir]);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('EL RESPALDO NO PASÓ LA VERIFICACIÓN.');
    expect(cli.out).toContain('FALLA Cadena de auditoría: La entrada 2 fue modificada o recalculada sin la clave del registro.');
    // The screen's answer for the same folder is the same check, word for word.
    const screen = await d.core.call('backup.verify', { path: b.dir }, ADMIN);
    expect(screen).toMatchObject({ ok: true, value: { ok: false } });
    const audit = (screen as { value: { checks: { label: string; ok: boolean; detail: string }[] } }).value.checks.find((c) => c.label === 'Cadena de auditoría');
    expect(cli.out).toContain(`FALLA Cadena de auditoría: ${audit!.detail}`);
    // Nothing staged for the check is left behind, in the data directory or the temp folder.
    expect(fs.readdirSync(d.dataDir).filter((n) => n.startsWith('.verificando'))).toEqual([]);
  });
});
