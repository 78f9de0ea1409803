// The host's side of the core worker (core-worker.ts): `call` as the registry's, carried by
// messages. The host's thread (Electron's main process, the browser host's HTTP loop) only
// passes messages: no SQL, PDF or hashing runs on it.
//
// A worker that dies is answered, never waited on: every call in flight gets 'unavailable' with
// a Spanish message the screen shows (and a read retries), and a new worker starts on the same
// data directory; calls that arrive meanwhile wait for it. Whether a write in flight committed is
// in SQLite: the screen reads again.
//
// A worker that dies before it is ready, or soon after (stableMs), would die again: each such
// start counts, every new start after the first waits a growing pause (each one re-opens and
// re-migrates the database on a 2-core PC), and past maxRestarts in a row the client gives up:
// every call is answered 'unavailable' with CORE_UNAVAILABLE_MESSAGE and the error is logged for
// "Copiar diagnóstico" (core/ops/diagnostics.ts). A worker that served for a while and then died
// is a one-off: it is started again at once and the count starts again.
//
// The host's state (the updater's last report, the screen's unsaved-work flag) is kept here, on
// the host's side, and given to every worker at its start: it belongs to the window and the
// updater, which outlive a worker.
import { DEFAULT_MESSAGES, fail, type Result } from '../../../shared/contract/result';
import type { HostState, HostUpdateState, Logger } from '../../core/context';
import type { Auth, CallOptions, Core } from '../../core/registry';
import type { ServiceStatus } from '../../core/scheduler';
import { FromCore, type CoreInit, type ServiceOp, type ToCore } from './core-protocol';
import { memoryHostState } from './host-state';

export const CORE_RESTARTED_MESSAGE =
  'El núcleo de Ventanilla Patronal se detuvo de forma inesperada y se reinició. Lo que se estaba guardando puede no haberse guardado: revise y vuelva a intentarlo.';
export const CORE_UNAVAILABLE_MESSAGE =
  'El servicio local de Ventanilla Patronal no pudo iniciarse. Cierre y vuelva a abrir la aplicación; si persiste, comuníquese con soporte técnico.';

/** A running worker, whatever runs it (worker_threads.Worker, Electron's UtilityProcess). */
export interface CoreProcess {
  post(message: ToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when it has ended for any reason. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** The services of the core, at a distance: every answer is a promise. */
export interface RemoteServices {
  pause(name?: string): Promise<void>;
  resume(name?: string): void | Promise<void>;
  step(name: string): Promise<unknown>;
  status(): ServiceStatus[] | Promise<ServiceStatus[]>;
}

export interface CoreClientOptions {
  spawn(): CoreProcess;
  /** Called at every start: a restarted worker gets the secrets as they are now. */
  init(): Omit<CoreInit, 'hostState'>;
  log: Logger;
  onSecret?(name: string, value: string | null): void;
  /**
   * Where the host keeps its state (the desktop main process's, which its updater reads);
   * without one the client keeps its own. Every worker starts with it as it is then.
   */
  hostState?: HostState;
  /** Failed starts in a row (died before ready or within stableMs of it) before giving up. */
  maxRestarts?: number;
  /** A worker that dies less than this long after 'ready' counts as a failed start (default a minute). */
  stableMs?: number;
  /** Milliseconds before the new start after the n-th failed start in a row (1-based). */
  restartDelay?(n: number): number;
}

/** The first restart is at once (a one-off crash); then the pause grows, as the reader pool's does. */
export const defaultCoreRestartDelay = (n: number) => (n <= 1 ? 0 : Math.min(8_000, 250 * 2 ** (n - 2)));

export interface CoreClient extends Pick<Core, 'call'> {
  /** The first start: resolves when the core is open; rejects with its Spanish message when it cannot open. */
  ready: Promise<void>;
  services: RemoteServices;
  setting(key: 'ops.updateUrl'): Promise<unknown>;
  /** The updater's state: kept by the host (hostState) and sent to the worker. */
  hostUpdate(state: HostUpdateState): void;
  /** How many times the worker was started again after it died. */
  restarts(): number;
  /** Ends the worker as a crash would (tests, npm run test:desktop): it is answered and replaced. */
  crash(): void;
  stop(): Promise<void>;
}

export class CoreOpenError extends Error {
  constructor(
    message: string,
    readonly versionError: boolean,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(value: unknown): void;
}

export function startCoreClient(o: CoreClientOptions): CoreClient {
  let proc: CoreProcess | null = null;
  let ready = false;
  let stopping = false;
  let stopped: (() => void) | null = null;
  let restarts = 0;
  /** Failed starts in a row; a worker that stays up past stableMs resets it. */
  let failedStarts = 0;
  /** When the running worker said 'ready'; null before. */
  let readyAt: number | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  const hostState = o.hostState ?? memoryHostState();
  const calls = new Map<number, Pending>();
  const replies = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  /** Messages waiting for a worker that is (re)starting. */
  let waiting: ToCore[] = [];
  let firstStart: { resolve(): void; reject(e: Error): void } | null = null;
  const readyPromise = new Promise<void>((resolve, reject) => (firstStart = { resolve, reject }));
  // Whoever awaits `ready` gets the rejection; nobody awaiting it is no unhandled rejection.
  readyPromise.catch(() => {});

  const send = (m: ToCore) => {
    if (ready && proc) proc.post(m);
    else waiting.push(m);
  };

  const answerAll = (message: string) => {
    for (const [id, p] of calls) {
      calls.delete(id);
      p.resolve(fail('unavailable', message));
    }
    for (const [id, r] of replies) {
      replies.delete(id);
      r.reject(new Error(message));
    }
    // Calls that waited for this start: nothing runs them now.
    waiting = waiting.filter((m) => m.t === 'init');
  };

  function start(): void {
    ready = false;
    readyAt = null;
    const p = o.spawn();
    proc = p;
    p.onMessage((raw) => {
      const parsed = FromCore.safeParse(raw);
      if (!parsed.success) return o.log.error('core worker sent an unknown message', {});
      const m = parsed.data;
      switch (m.t) {
        case 'ready': {
          // Being ready does not reset failedStarts: a worker that opens and dies at once failed too.
          ready = true;
          readyAt = Date.now();
          const queued = waiting;
          waiting = [];
          for (const q of queued) p.post(q);
          firstStart?.resolve();
          firstStart = null;
          return;
        }
        case 'failed':
          // Opening failed (a newer database, no permissions): the same again would fail again.
          o.log.error('core worker could not open the database', { versionError: m.versionError });
          firstStart?.reject(new CoreOpenError(m.message, m.versionError));
          firstStart = null;
          stopping = true;
          answerAll(m.message);
          p.kill();
          return;
        case 'result':
          calls.get(m.id)?.resolve(m.result);
          calls.delete(m.id);
          return;
        case 'reply': {
          const r = replies.get(m.id);
          replies.delete(m.id);
          if (m.ok) r?.resolve(m.value);
          else r?.reject(new Error(m.error ?? 'error'));
          return;
        }
        case 'log':
          return o.log[m.level](m.message, m.fields);
        case 'secret':
          return o.onSecret?.(m.name, m.value);
        case 'unsaved':
          return hostState.setUnsavedWork(m.value);
        case 'stopped':
          stopped?.();
          return;
      }
    });
    p.onExit((code) => {
      if (proc !== p) return;
      proc = null;
      ready = false;
      if (stopping) {
        stopped?.();
        return;
      }
      o.log.error('core worker ended unexpectedly', { code });
      if (readyAt !== null && Date.now() - readyAt >= (o.stableMs ?? 60_000)) failedStarts = 0;
      failedStarts += 1;
      if (failedStarts > (o.maxRestarts ?? 5)) {
        o.log.error('core worker keeps failing: not restarted', { starts: failedStarts });
        stopping = true;
        answerAll(CORE_UNAVAILABLE_MESSAGE);
        firstStart?.reject(new CoreOpenError(CORE_UNAVAILABLE_MESSAGE, false));
        firstStart = null;
        return;
      }
      answerAll(CORE_RESTARTED_MESSAGE);
      restarts += 1;
      const pause = (o.restartDelay ?? defaultCoreRestartDelay)(failedStarts);
      if (pause <= 0) return start();
      // Calls that arrive during the pause wait for the new worker, as they wait for its opening.
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (!stopping) start();
      }, pause);
    });
    p.post({ t: 'init', init: { ...o.init(), hostState: { update: hostState.update(), unsavedWork: hostState.unsavedWork() } } });
  }

  const request = (m: (id: number) => ToCore): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (stopping) return reject(new Error(CORE_UNAVAILABLE_MESSAGE));
      const id = nextId++;
      replies.set(id, { resolve, reject });
      send(m(id));
    });

  start();

  return {
    ready: readyPromise,
    call(name: string, input: unknown, auth: Auth, options: CallOptions = {}): Promise<Result<unknown>> {
      if (stopping) return Promise.resolve(fail('unavailable', CORE_UNAVAILABLE_MESSAGE));
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        calls.set(id, { resolve: resolve as (v: unknown) => void });
        send({ t: 'call', id, name, input, auth });
        options.signal?.addEventListener('abort', () => calls.has(id) && send({ t: 'cancel', id }), { once: true });
      }).then((r) => (r && typeof r === 'object' && 'ok' in r ? r : fail('internal', DEFAULT_MESSAGES.internal)));
    },
    services: {
      pause: async (name) => void (await request((id) => ({ t: 'services', id, op: 'pause' as ServiceOp, ...(name ? { service: name } : {}) }))),
      resume: async (name) => void (await request((id) => ({ t: 'services', id, op: 'resume' as ServiceOp, ...(name ? { service: name } : {}) }))),
      step: (name) => request((id) => ({ t: 'services', id, op: 'step', service: name })),
      status: async () => (await request((id) => ({ t: 'services', id, op: 'status' }))) as ServiceStatus[],
    },
    setting: (key) => request((id) => ({ t: 'setting', id, key })),
    hostUpdate: (state) => {
      hostState.reportUpdate(state);
      send({ t: 'hostUpdate', state });
    },
    restarts: () => restarts,
    crash: () => proc?.kill(),
    async stop() {
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      if (stopping && !proc) return;
      stopping = true;
      const p = proc;
      if (!p) {
        // Stopped during a restart's pause before any worker opened: `ready` must not wait forever.
        firstStart?.reject(new CoreOpenError(CORE_UNAVAILABLE_MESSAGE, false));
        firstStart = null;
        return answerAll(CORE_UNAVAILABLE_MESSAGE);
      }
      const done = new Promise<void>((resolve) => (stopped = resolve));
      p.post({ t: 'stop' });
      // A worker that does not answer in time is ended: quitting must not hang on it.
      const timer = setTimeout(() => p.kill(), 10_000);
      await done;
      clearTimeout(timer);
      answerAll(CORE_UNAVAILABLE_MESSAGE);
      p.kill();
    },
  };
}
