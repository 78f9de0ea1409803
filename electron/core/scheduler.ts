// The one scheduler of the core's background services (core/services.ts lists them; each
// capability defines its own next to its code). A host only starts and stops them; tests pause
// them and run them one step at a time, so nothing happens behind a test's back.
//
// Each service is a periodic check ("is a backup due?", "is there anything to push?"): a run,
// then the next one `everyMs` after it ends, so two runs of one service never overlap. Timers
// never keep a process alive (the host decides when to exit), and a run that throws is logged,
// never fatal. Written here because the rules (no overlap, pause and step for tests, a bounded
// wait on shutdown) are few and specific; a job-queue library would bring persistence and
// workers this desk does not need.
import type { CoreContext, Logger } from './context';

export interface BackgroundService {
  /** Unique among the services: what a test steps by name. */
  readonly name: string;
  /** The first run, this long after the host starts the services. */
  readonly firstRunAfterMs: number;
  /** Then again, this long after each run ends. */
  readonly everyMs: number;
  /** Once when the services start, before any run (e.g. sync's recovery after a crash). */
  onStart?(ctx: CoreContext): void;
  /** One check; it decides itself whether there is work. Its result is what step() returns. */
  run(ctx: CoreContext): unknown;
}

export interface ServiceStatus {
  name: string;
  paused: boolean;
  running: boolean;
  /** Runs finished (timed or stepped). */
  runs: number;
}

export interface Services {
  /** Prepares every service and arms its timer; with `paused`, only a step runs them. */
  start(options?: { paused?: boolean }): void;
  /** Disarms the timer of one service (or all); resolves once no run of it is in flight. */
  pause(name?: string): Promise<void>;
  /** Arms the timer again: the first run's delay if the service has not run yet, else the period. */
  resume(name?: string): void;
  /** One run now, after any run in flight, paused or not; resolves with the run's result. */
  step(name: string): Promise<unknown>;
  /** For good: timers off, then waits up to `graceMs` for runs in flight (a sync call ends by its own timeout). */
  stop(): Promise<void>;
  status(): ServiceStatus[];
}

type Timers = Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;

export interface SchedulerOptions {
  log?: Logger;
  timers?: Timers;
  graceMs?: number;
}

interface Slot {
  service: BackgroundService;
  paused: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<unknown> | null;
  runs: number;
}

export function createScheduler(ctx: CoreContext, services: readonly BackgroundService[], o: SchedulerOptions = {}): Services {
  const timers = o.timers ?? globalThis;
  const log = o.log ?? ctx.log;
  const slots = new Map<string, Slot>();
  for (const service of services) {
    if (slots.has(service.name)) throw new Error(`Service registered twice: ${service.name}`);
    slots.set(service.name, { service, paused: false, timer: null, running: null, runs: 0 });
  }
  let started = false;
  let stopped = false;

  const slot = (name: string): Slot => {
    const s = slots.get(name);
    if (!s) throw new Error(`Unknown service: ${name}`);
    return s;
  };
  const chosen = (name?: string): Slot[] => (name === undefined ? [...slots.values()] : [slot(name)]);

  const disarm = (s: Slot) => {
    if (s.timer !== null) timers.clearTimeout(s.timer);
    s.timer = null;
  };
  const arm = (s: Slot, ms: number) => {
    disarm(s);
    if (!started || stopped || s.paused) return;
    const timer = timers.setTimeout(() => {
      s.timer = null;
      void runOnce(s)
        .catch((err: unknown) => log.error('background service failed', { service: s.service.name, error: err instanceof Error ? err.name : typeof err }))
        .finally(() => arm(s, s.service.everyMs));
    }, ms);
    (timer as { unref?: () => void }).unref?.();
    s.timer = timer;
  };

  async function runOnce(s: Slot): Promise<unknown> {
    while (s.running) await s.running.catch(() => undefined);
    const run = Promise.resolve().then(() => s.service.run(ctx));
    s.running = run;
    try {
      return await run;
    } finally {
      s.running = null;
      s.runs += 1;
    }
  }

  return {
    start(options = {}) {
      if (started || stopped) return;
      started = true;
      for (const s of slots.values()) {
        s.paused = options.paused ?? false;
        try {
          s.service.onStart?.(ctx);
        } catch (err) {
          log.error('background service failed to start', { service: s.service.name, error: err instanceof Error ? err.name : typeof err });
        }
        arm(s, s.service.firstRunAfterMs);
      }
    },
    async pause(name) {
      const targets = chosen(name);
      for (const s of targets) {
        s.paused = true;
        disarm(s);
      }
      await Promise.all(targets.map((s) => s.running?.catch(() => undefined)));
    },
    resume(name) {
      for (const s of chosen(name)) {
        s.paused = false;
        if (s.timer === null) arm(s, s.runs === 0 ? s.service.firstRunAfterMs : s.service.everyMs);
      }
    },
    step: async (name) => runOnce(slot(name)),
    async stop() {
      stopped = true;
      for (const s of slots.values()) disarm(s);
      const inFlight = [...slots.values()].flatMap((s) => (s.running ? [s.running.catch(() => undefined)] : []));
      if (inFlight.length === 0) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = timers.setTimeout(resolve, o.graceMs ?? 2_000);
        (timer as { unref?: () => void }).unref?.();
      });
      await Promise.race([Promise.all(inFlight), grace]);
      if (timer !== undefined) timers.clearTimeout(timer);
    },
    status: () => [...slots.values()].map((s) => ({ name: s.service.name, paused: s.paused, running: s.running !== null, runs: s.runs })),
  };
}
