// Proves the benchmark harness runs end to end at tiny sizes. It asserts that every metric
// produced a real measurement, never how fast: speed goals live in `npm run bench`.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/desk';
import { percentile, meets } from './harness';
import { runBench, table } from './run';

const workDir = tempDir('vp-bench-smoke-');
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('benchmark harness', () => {
  it('runs every metric and prints a table with its target', async () => {
    const results = await runBench({ smoke: true, workDir });
    expect(results.length).toBeGreaterThanOrEqual(6);
    for (const r of results) {
      expect(Number.isFinite(r.value), r.name).toBe(true);
      // A difference of two measurements may be 0 on a busy machine; anything else measured something.
      if (r.difference) expect(r.value, r.name).toBeGreaterThanOrEqual(0);
      else expect(r.value, r.name).toBeGreaterThan(0);
      expect(r.met).toBe(meets(r.value, r.target));
    }
    // Where Linux tells each thread's CPU time, the intake calls report the core thread's own.
    if (fs.existsSync('/proc/self/task')) {
      const checkIn = results.find((r) => r.key === 'counter.appointments.checkin_crea_la_solicitud');
      expect(checkIn?.detail).toMatch(/CPU del hilo del núcleo p50 \d+\.\d\d ms, p95 \d+\.\d\d ms/);
    }
    const printed = table(results);
    for (const r of results) expect(printed).toContain(r.name);
  }, 240_000); // every section once, signatures (RSA keys) included, on a shared machine

  it('computes nearest-rank percentiles and target checks', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(meets(3, { op: '<=', value: 3 })).toBe(true);
    expect(meets(2, { op: '>=', value: 3 })).toBe(false);
  });
});
