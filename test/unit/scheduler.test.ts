// The one scheduler of the core's background services (electron/core/scheduler.ts): timed runs
// that never overlap, pause and step for tests, failures logged and never thrown at the timer,
// a bounded wait on stop. Driven by vitest's fake timers: no test waits on the wall clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreContext, Logger } from '../../electron/core/context';
import { createScheduler, type BackgroundService } from '../../electron/core/scheduler';
import { services } from '../../electron/core/services';

const ctx = {} as CoreContext;

function recordingLog() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (message, fields) => void lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => void lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => void lines.push({ level: 'error', message, fields }),
  };
  return { log, lines };
}

/** A service whose runs the test finishes by hand. */
function manualService(name = 'manual', first = 1_000, every = 5_000) {
  const pending: (() => void)[] = [];
  let runs = 0;
  const service: BackgroundService = {
    name,
    firstRunAfterMs: first,
    everyMs: every,
    onStart: vi.fn(),
    run: () => {
      runs += 1;
      const n = runs;
      return new Promise<number>((resolve) => pending.push(() => resolve(n)));
    },
  };
  return { service, pending, runs: () => runs, finish: () => pending.shift()?.() };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('background services scheduler', () => {
  it('the core registers sync, retention, backups, the scan check warm-up and the search index merging once each', () => {
    expect(services.map((s) => s.name)).toEqual(['sync', 'retention', 'backup', 'scans', 'search-index']);
    expect(() => createScheduler(ctx, [...services, services[0]!])).toThrow(/registered twice: sync/);
  });

  it('nothing runs before start; the first run after firstRunAfterMs, the next everyMs after it ends', async () => {
    const m = manualService();
    const s = createScheduler(ctx, [m.service]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(m.runs()).toBe(0);
    s.start();
    expect(m.service.onStart).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(999);
    expect(m.runs()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(m.runs()).toBe(1);
    // A slow run: no second run while it lasts, however long.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.runs()).toBe(1);
    m.finish();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(m.runs()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(m.runs()).toBe(2);
    m.finish();
    await s.stop();
  });

  it('started paused, a service runs only when stepped, and step resolves with its result', async () => {
    const m = manualService();
    const s = createScheduler(ctx, [m.service]);
    s.start({ paused: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.runs()).toBe(0);
    const step = s.step('manual');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.status()).toEqual([{ name: 'manual', paused: true, running: true, runs: 0 }]);
    m.finish();
    expect(await step).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.runs()).toBe(1);
    expect(s.status()).toEqual([{ name: 'manual', paused: true, running: false, runs: 1 }]);
  });

  it('started paused then resumed, a service runs as if it had just started', async () => {
    const m = manualService();
    const s = createScheduler(ctx, [m.service]);
    s.start({ paused: true });
    await vi.advanceTimersByTimeAsync(60_000);
    s.resume();
    await vi.advanceTimersByTimeAsync(999);
    expect(m.runs()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(m.runs()).toBe(1);
    m.finish();
    await s.stop();
  });

  it('a step during a timed run waits for it: runs never overlap', async () => {
    const m = manualService();
    const s = createScheduler(ctx, [m.service]);
    s.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(m.runs()).toBe(1);
    const step = s.step('manual');
    await vi.advanceTimersByTimeAsync(0);
    expect(m.runs()).toBe(1);
    m.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.runs()).toBe(2);
    m.finish();
    expect(await step).toBe(2);
    await s.stop();
  });

  it('pause waits for the run in flight and stops the timer; resume arms it again', async () => {
    const m = manualService();
    const s = createScheduler(ctx, [m.service]);
    s.start();
    await vi.advanceTimersByTimeAsync(1_000);
    let paused = false;
    const pausing = s.pause('manual').then(() => (paused = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(paused).toBe(false);
    m.finish();
    await pausing;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.runs()).toBe(1);
    s.resume('manual');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(m.runs()).toBe(2);
    m.finish();
    await s.stop();
  });

  it('a run that throws is logged by name and the service keeps its schedule; a step gets the error', async () => {
    const { log, lines } = recordingLog();
    let calls = 0;
    const failing: BackgroundService = {
      name: 'falla',
      firstRunAfterMs: 0,
      everyMs: 1_000,
      run: () => {
        calls += 1;
        throw new RangeError('datos de una persona: 1710034065');
      },
    };
    const s = createScheduler(ctx, [failing], { log });
    s.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(3);
    expect(lines[0]).toEqual({ level: 'error', message: 'background service failed', fields: { service: 'falla', error: 'RangeError' } });
    await expect(s.step('falla')).rejects.toThrow(RangeError);
    await expect(s.step('nada')).rejects.toThrow(/Unknown service: nada/);
    await s.stop();
  });

  it('stop disarms every timer and waits for runs in flight at most the grace period', async () => {
    const m = manualService();
    const s = createScheduler(ctx, [m.service], { graceMs: 2_000 });
    s.start();
    await vi.advanceTimersByTimeAsync(1_000);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    m.finish();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.runs()).toBe(1);
    // Started again after stop: nothing (a stopped scheduler is done).
    s.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(m.runs()).toBe(1);
  });
});
