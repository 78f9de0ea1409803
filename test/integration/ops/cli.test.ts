// IT's commands, without an account: back up, verify, restore, apply agencia.json.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/hosts/cli/main';
import { seededDesk, tempDir } from '../../support/desk';
import { GOOD } from '../../unit/ops/fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const dir = (prefix: string) => {
  const d = tempDir(prefix);
  cleanups.push(() => fs.rmSync(d, { recursive: true, force: true }));
  return d;
};

describe('CLI operations', () => {
  it('backs up a desk, verifies the backup and restores it on a new machine', async () => {
    const desk = await seededDesk({ requests: 30 });
    const dataDir = desk.dataDir;
    desk.close();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const dest = dir('vp-cli-respaldos-');
    const run = await runCli(['backup.run', '--data-dir', dataDir, '--to', dest]);
    expect(run).toMatchObject({ code: 0, out: expect.stringContaining('Respaldo creado') });
    const [name] = fs.readdirSync(dest);
    const from = path.join(dest, name!);
    expect(await runCli(['backup.verify', '--from', from, '--data-dir', dataDir])).toMatchObject({ code: 0, out: expect.stringContaining('OK    Cadena de auditoría') });
    const newMachine = dir('vp-cli-nueva-');
    // A new machine never had the desk's audit key: the administrator accepts the unverifiable trail.
    const restored = await runCli(['backup.restore', '--from', from, '--data-dir', newMachine, '--aceptar-auditoria-no-verificable']);
    expect(restored).toMatchObject({ code: 0, out: expect.stringContaining('vuelva a enrolarla') });
    expect(await runCli(['audit.verify', '--data-dir', newMachine])).toMatchObject({ code: 0 });
    // Again over existing data: the previous data is kept aside.
    const again = await runCli(['backup.restore', '--from', from, '--data-dir', newMachine, '--aceptar-auditoria-no-verificable']);
    expect(again.out).toMatch(/Los datos anteriores quedaron en .*anterior-/);
    // IT's commands leave their trace in <dataDir>/logs/cli.log, one JSON line each.
    const restores = fs.readFileSync(path.join(newMachine, 'logs', 'cli.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(restores.filter((l) => l.message === 'backup restored')).toEqual([
      expect.objectContaining({ host: 'cli', level: 'info', backup: name, previousDir: null }),
      expect.objectContaining({ backup: name, previousDir: expect.stringMatching(/^anterior-/) }),
    ]);
    expect(await runCli(['backup.restore', '--data-dir', newMachine]).catch((e: Error) => e.message)).toMatch(/--from/);
  });

  it('config.apply applies a good agencia.json once and refuses a bad one with the field named', async () => {
    const desk = await seededDesk({ requests: 5 });
    const dataDir = desk.dataDir;
    desk.close();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dataDir, 'agencia.json'), JSON.stringify({ ...GOOD, caps: { ...GOOD.caps, maxPendingReview: 0 } }));
    expect(await runCli(['config.apply', '--data-dir', dataDir])).toEqual({ code: 1, out: expect.stringContaining('Campo "caps.maxPendingReview"') });
    fs.writeFileSync(path.join(dataDir, 'agencia.json'), JSON.stringify(GOOD));
    expect(await runCli(['config.apply', '--data-dir', dataDir])).toEqual({ code: 0, out: 'agencia.json aplicado.' });
    expect(await runCli(['config.apply', '--data-dir', dataDir])).toEqual({ code: 0, out: 'agencia.json no cambió desde que se aplicó.' });
    // The CLI logged to <dataDir>/logs/cli.log.
    expect(fs.existsSync(path.join(dataDir, 'logs', 'cli.log'))).toBe(true);
    // Contract calls too (README: cli.log covers IT's commands), masked like the app's.
    expect(await runCli(['retention.purge', '--data-dir', dataDir, '--as', 'admin'])).toMatchObject({ code: 0 });
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'cli.log'), 'utf8')).toMatch(/"message":"retention purge done"/);
  });
});
