// Benchmark harness: each capability contributes named metrics with a target.
// `npm run bench` runs them all at full scale; the smoke test runs them with `smoke: true`
// (tiny sizes) only to prove the harness itself works. Timings never gate `npm test`.
import fs from 'node:fs';

export interface Target {
  /** '<=' for latencies and durations, '>=' for throughputs. */
  op: '<=' | '>=';
  value: number;
}

export interface MetricResult {
  value: number;
  /** Extra figures worth printing (e.g. "p95 1.2 ms"). */
  detail?: string;
}

export interface Metric {
  name: string;
  /**
   * Stable identifier in --json output ('section.metric'), the same whatever the seeded size or
   * the wording of `name`, so runs can be compared; derived from the name when absent.
   */
  key?: string;
  unit: string;
  target: Target;
  /**
   * The value is the difference of two measurements, clamped at 0 (e.g. latency added by a
   * backlog): 0 is a real result, "no measurable difference", not a metric that did not run.
   */
  difference?: boolean;
  run(): Promise<MetricResult> | MetricResult;
}

export interface BenchOptions {
  /** Tiny sizes: proves the harness runs, measures nothing meaningful. */
  smoke: boolean;
  /** Scratch directory the metric may write into (deleted afterwards). */
  workDir: string;
  /**
   * The demo agency seeded once per run (1M requests, or 2,000 in smoke) and shared by the
   * metrics that need a big database; resolves with its directory and how long seeding took.
   */
  seeded(): Promise<{ dataDir: string; seconds: number; requests: number }>;
  /** How many requests seeded() holds (1,000,000 unless `npm run bench -- --requests N`). */
  requests: number;
}

export type MetricFactory = (opts: BenchOptions) => Metric[] | Promise<Metric[]>;

export interface MeasuredMetric {
  name: string;
  key: string;
  unit: string;
  value: number;
  target: Target;
  met: boolean;
  /** See Metric.difference. */
  difference?: boolean;
  detail?: string;
}

export function meets(value: number, target: Target): boolean {
  return target.op === '<=' ? value <= target.value : value >= target.value;
}

/** Percentile of already-sorted ascending samples (nearest-rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Runs `fn` repeatedly for at least `minMs` and returns operations per second. */
export function throughput(fn: (i: number) => void, minMs: number): number {
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1000; i++) fn(ops + i);
    ops += 1000;
    elapsed = performance.now() - start;
  }
  return (ops / elapsed) * 1000;
}

/** A metric's stable key: its section and its name without the seeded-size label, as an identifier. */
export function stableKey(section: string, name: string): string {
  const base = name
    .replace(/\s*\((smoke|1M|[\d.,\s]+)\)\s*/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${section}.${base}`;
}

/**
 * CPU time, in ms, one thread of this process has run (Linux: /proc/self/task/TID/schedstat, in
 * ns), or null where there is none. On a shared machine a call's wall time includes the waits for
 * a core; its thread's CPU time does not, which tells a slow call from a crowded machine.
 */
export function threadCpuMs(tid: string): number | null {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/** The thread of this process (not the main one) that ran most while `work` ran: e.g. the core's worker. */
export async function busiestThread(work: () => Promise<unknown>): Promise<string | null> {
  const read = () => {
    const m = new Map<string, number>();
    let tasks: string[];
    try {
      tasks = fs.readdirSync('/proc/self/task');
    } catch {
      return m;
    }
    for (const tid of tasks) {
      if (tid === String(process.pid)) continue;
      const ms = threadCpuMs(tid);
      if (ms !== null) m.set(tid, ms);
    }
    return m;
  };
  const before = read();
  await work();
  let busiest: string | null = null;
  let most = 0;
  for (const [tid, ms] of read()) {
    const ran = ms - (before.get(tid) ?? ms);
    if (ran > most) [busiest, most] = [tid, ran];
  }
  return busiest;
}

/** CPU time, in ms, all threads of process `pid` have run (Linux /proc/PID/stat: utime + stime), or null. */
function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms (USER_HZ)
  } catch {
    return null;
  }
}

/**
 * Waits until process `pid` has finished starting: its CPU over the last `windowMs` under
 * `busyShare` of one core, at most `maxMs`. A host just started loads its modules and workers on
 * both cores for seconds (the browser host through tsx: ~10 s of CPU); a metric of a running
 * app's screens measured during that measures the start instead. Returns the ms waited; on a
 * system without /proc, waits `windowMs` once.
 */
export async function processSettled(pid: number, { windowMs = 1_000, busyShare = 0.1, maxMs = 30_000 } = {}): Promise<number> {
  const t0 = performance.now();
  let before = processCpuMs(pid);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = processCpuMs(pid);
    if (before === null || now === null) return performance.now() - t0;
    if (now - before <= busyShare * windowMs || performance.now() - t0 >= maxMs) return performance.now() - t0;
    before = now;
  }
}
