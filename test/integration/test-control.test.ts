// The browser host's test control (electron/hosts/web/test-control.ts) exists only for a parent
// process holding an IPC channel to it: launched by hand with the flag, the host refuses to start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScheduler, type BackgroundService } from '../../electron/core/scheduler';
import type { CoreContext } from '../../electron/core/context';
import { attachTestControl, type ControlReply } from '../../electron/hosts/web/test-control';
import { tempDir } from '../support/desk';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('test control of the browser host', () => {
  it('launched by hand (no IPC channel from a parent), --test-control is refused and nothing starts', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/hosts/web/main.ts', '--data-dir', dataDir, '--test-control'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--test-control es solo para las pruebas automáticas');
    expect(r.stdout).not.toContain('http://');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('answers pause, resume, step and status by id, and ignores anything else', async () => {
    let runs = 0;
    const counter: BackgroundService = { name: 'cuenta', firstRunAfterMs: 60_000, everyMs: 60_000, run: () => ++runs };
    const services = createScheduler({} as CoreContext, [counter]);
    services.start({ paused: true });
    const replies: ControlReply[] = [];
    let listener: (m: unknown) => void = () => {};
    attachTestControl(services, { send: (r) => replies.push(r), on: (_e, l) => (listener = l) });
    const ask = async (m: unknown) => {
      const before = replies.length;
      listener(m);
      await new Promise((r) => setTimeout(r, 10));
      return replies.slice(before);
    };
    expect(await ask({ id: 1, op: 'step', service: 'cuenta' })).toEqual([{ id: 1, ok: true, value: 1 }]);
    expect(await ask({ id: 2, op: 'status' })).toEqual([{ id: 2, ok: true, value: [{ name: 'cuenta', paused: true, running: false, runs: 1 }] }]);
    expect(await ask({ id: 3, op: 'step', service: 'otra' })).toEqual([{ id: 3, ok: false, error: 'Error: Unknown service: otra' }]);
    for (const bad of [null, 'step', { op: 'step', service: 'cuenta' }, { id: 4, op: 'exec', service: 'cuenta' }, { id: 5, op: 'step', service: 'cuenta', extra: 1 }]) {
      expect(await ask(bad)).toEqual([]);
    }
    expect(runs).toBe(1);
    await services.stop();
  });
});
