// The core's reader workers: heavy reads (core/heavy.ts) run here, each worker on its own
// read-only connection to the same database (WAL lets readers run while the writer commits),
// so the writer's thread stays free for light calls. Jobs queue when every reader is busy: a
// heavy call waits for a heavy call, never a light one for a heavy one.
//
// Cancellation: a job still queued is dropped; a running one cannot be interrupted inside
// SQLite (better-sqlite3 has no interrupt), so its worker is terminated and a fresh one takes
// its place. A reader that dies answers its job 'unavailable' and is replaced the same way.
//
// A reader that dies before it has opened (a missing or unreadable database file) would die
// again at once, and so would one that opens and dies soon after (a corrupt page its first query
// hits, a native crash, a worker memory limit): either is a failed start. It is started again
// after a growing pause, and after a few failed starts in a row the pool stops trying, so a
// reader that keeps dying cannot take the writer's core on a 2-core counter PC. A reader that
// stayed open for a while (ReaderRestarts.stableMs) and then died is a one-off: it is replaced
// at once and the count starts again. Its queued and later heavy reads then fail with READERS_DOWN_MESSAGE
// (the error is logged, so "Copiar diagnóstico" shows it: core/ops/diagnostics.ts).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CallName } from '../../../shared/contract';
import type { Actor, Logger } from '../../core/context';
import { CallFailure } from '../../core/errors';
import { isHeavyRead, type ReadAnswer } from '../../core/heavy';
import type { Offload } from '../../core/registry';
import type { WorkerSpec } from './core-protocol';

export const READ_CANCELLED_MESSAGE = 'La consulta se canceló porque la pantalla que la pidió se cerró.';
export const READER_FAILED_MESSAGE = 'La consulta se interrumpió por un error del proceso de lectura. Intente nuevamente.';
export const READERS_DOWN_MESSAGE =
  'Las consultas de tablero, reportes y verificaciones no están disponibles: el proceso de lectura de la base de datos no pudo iniciarse. Cierre y vuelva a abrir la aplicación; si persiste, comuníquese con soporte técnico.';

/** Failed starts in a row allowed, and the pause before each new one. */
export interface ReaderRestarts {
  max: number;
  /** Milliseconds before the n-th new start (1-based) after a failed start. */
  delay(n: number): number;
  /**
   * A reader that dies less than this long after opening counts as a failed start (default
   * DEFAULT_STABLE_MS); one that lived longer is replaced at once and resets the count.
   */
  stableMs?: number;
}

/** A minute open: long past the first queries a corrupt page or a broken driver would crash on. */
export const DEFAULT_STABLE_MS = 60_000;

export const DEFAULT_READER_RESTARTS: ReaderRestarts = { max: 5, delay: (n) => Math.min(8_000, 250 * 2 ** (n - 1)) };

/** What a reader needs to open: sent once, as its first message. */
export interface ReaderInit {
  dataDir: string;
  host: import('../../core/context').HostKind;
  schemaVersion: number;
  secrets: { kind: 'file' } | { kind: 'mirror'; encrypted: boolean; values: Record<string, string> };
  /**
   * Tests only: before each job the reader's thread blocks until element 0 of this buffer is
   * non-zero, as a long SQLite scan would block it. Lets a test hold a heavy call in progress
   * and prove by order of events, not by timing, that light calls are answered meanwhile.
   */
  hold?: SharedArrayBuffer;
}

export type ToReader = { t: 'init'; init: ReaderInit } | { t: 'run'; id: number; name: CallName; input: unknown; actor: Actor } | { t: 'secret'; name: string; value: string | null };
export type FromReader =
  | { t: 'ready' }
  | { t: 'answer'; id: number; answer: ReadAnswer }
  | { t: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };

interface Job {
  id: number;
  name: CallName;
  input: unknown;
  actor: Actor;
  resolve(v: { value: unknown; target: string | null }): void;
  reject(err: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** Set when we end it on purpose (cancel, close): its exit is not a crash. */
  ending: boolean;
  /** When it opened its connection ('ready'); null until then. */
  openedAt: number | null;
}

export interface ReaderPool extends Offload {
  /** A secret changed in the writer (a new audit key): readers see it too. */
  secretChanged(name: string, value: string | null): void;
  /** Jobs running and queued (tests and the benchmark look). */
  stats(): { running: number; queued: number; started: number; down: boolean };
  close(): Promise<void>;
}

/** One reader on a 2-core machine, at most two: the writer's thread needs a core too. */
export const defaultReaders = () => Math.max(1, Math.min(2, os.availableParallelism() - 1));

export function spawnWorker(spec: WorkerSpec, role: string): Worker {
  return spec.kind === 'bundle'
    ? new Worker(spec.file, { workerData: { role, spec } })
    : new Worker(spec.boot, { workerData: { role, spec, entry: spec.entry } });
}

export function createReaderPool(o: { spec: WorkerSpec; size: number; init: () => ReaderInit; log: Logger; restarts?: ReaderRestarts }): ReaderPool {
  const restarts = o.restarts ?? DEFAULT_READER_RESTARTS;
  let nextId = 1;
  let started = 0;
  let closed = false;
  /** Failed starts in a row (died before opening or soon after); a reader that stays open resets it. */
  let failedStarts = 0;
  const stableMs = restarts.stableMs ?? DEFAULT_STABLE_MS;
  /** Past restarts.max: no reader runs, heavy reads fail with READERS_DOWN_MESSAGE. */
  let down = false;
  const timers = new Set<NodeJS.Timeout>();
  const queue: Job[] = [];
  const slots: Slot[] = [];

  /** No reader left and none coming: the queue is answered now, later reads at once. */
  const giveUp = (opened: boolean) => {
    if (!down) {
      const said = opened ? 'reader workers keep failing after opening' : 'reader workers cannot open the database';
      o.log.error(`${said}: heavy reads are refused until the app restarts`, { starts: failedStarts });
    }
    down = true;
    for (const job of queue.splice(0)) {
      job.signal?.removeEventListener('abort', job.onAbort);
      job.reject(new CallFailure('unavailable', READERS_DOWN_MESSAGE));
    }
  };

  const finishJob = (slot: Slot): Job | null => {
    const job = slot.job;
    slot.job = null;
    job?.signal?.removeEventListener('abort', job.onAbort);
    return job;
  };

  const spawn = (): Slot => {
    const worker = spawnWorker(o.spec, 'reader');
    started += 1;
    const slot: Slot = { worker, job: null, ending: false, openedAt: null };
    worker.on('message', (msg: FromReader) => {
      if (msg.t === 'log') return o.log[msg.level](msg.message, msg.fields);
      // Opening does not reset failedStarts: a reader that opens and dies at once is a failed start too.
      if (msg.t === 'ready') {
        slot.openedAt = Date.now();
        return;
      }
      if (msg.t !== 'answer' || slot.job?.id !== msg.id) return;
      const job = finishJob(slot)!;
      const a = msg.answer;
      if (a.ok) job.resolve({ value: a.value, target: a.target });
      else job.reject(a.failure ? new CallFailure(a.failure.code, a.failure.message, a.failure.fields) : new Error('heavy read failed in a reader'));
      pump();
    });
    // An exception that escapes a reader ends it: its 'exit' below answers the job.
    worker.on('error', (err) => o.log.error('reader worker failed', { error: err.name }));
    worker.on('exit', () => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      const job = finishJob(slot);
      const opened = slot.openedAt !== null;
      if (!slot.ending) o.log.warn('reader worker ended unexpectedly', { opened });
      if (closed) {
        if (job && !slot.ending) job.reject(new CallFailure('unavailable', READER_FAILED_MESSAGE));
        return;
      }
      // Its job was running (or cancelled): answered. The job may be what crashed it, so it is not run again.
      if (opened && job && !slot.ending) job.reject(new CallFailure('unavailable', READER_FAILED_MESSAGE));
      const stable = opened && Date.now() - slot.openedAt! >= stableMs;
      if (slot.ending || stable) {
        // Ended on purpose, or it served for a while: a new reader takes its place at once.
        if (stable) failedStarts = 0;
        slots.push(spawn());
        pump();
        return;
      }
      // Died before opening: its job never ran and waits for the next reader, if any comes.
      if (job && !opened) {
        job.signal?.addEventListener('abort', job.onAbort, { once: true });
        queue.unshift(job);
      }
      failedStarts += 1;
      if (failedStarts > restarts.max) {
        // No new reader for this slot. Readers still running serve the queue (the job put back
        // above included); with none left, the pool is down and the queue is answered.
        if (slots.length === 0) giveUp(opened);
        else pump();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (closed || down) return;
        slots.push(spawn());
        pump();
      }, restarts.delay(failedStarts));
      timers.add(timer);
    });
    worker.postMessage({ t: 'init', init: o.init() } satisfies ToReader);
    return slot;
  };

  const pump = () => {
    for (const slot of slots) {
      if (slot.job || slot.ending) continue;
      const job = queue.shift();
      if (!job) return;
      slot.job = job;
      slot.worker.postMessage({ t: 'run', id: job.id, name: job.name, input: job.input, actor: job.actor } satisfies ToReader);
    }
  };

  for (let i = 0; i < Math.max(1, o.size); i += 1) slots.push(spawn());

  return {
    handles: (name) => !closed && isHeavyRead(name),
    run(name, input, actor, signal) {
      return new Promise((resolve, reject) => {
        if (down) return reject(new CallFailure('unavailable', READERS_DOWN_MESSAGE));
        if (signal?.aborted) return reject(new CallFailure('unavailable', READ_CANCELLED_MESSAGE));
        const job: Job = { id: nextId++, name, input, actor, resolve, reject, signal, onAbort: () => {} };
        job.onAbort = () => {
          const queued = queue.indexOf(job);
          if (queued >= 0) {
            queue.splice(queued, 1);
          } else {
            const slot = slots.find((s) => s.job === job);
            if (!slot) return;
            finishJob(slot);
            slot.ending = true;
            // Replaced on exit (above); the query it was running dies with it.
            void slot.worker.terminate();
          }
          reject(new CallFailure('unavailable', READ_CANCELLED_MESSAGE));
        };
        signal?.addEventListener('abort', job.onAbort, { once: true });
        queue.push(job);
        pump();
      });
    },
    secretChanged(name, value) {
      for (const s of slots) s.worker.postMessage({ t: 'secret', name, value } satisfies ToReader);
    },
    stats: () => ({ running: slots.filter((s) => s.job).length, queued: queue.length, started, down }),
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const job of queue.splice(0)) job.reject(new CallFailure('unavailable'));
      await Promise.all(
        slots.map((s) => {
          s.ending = true;
          const job = finishJob(s);
          job?.reject(new CallFailure('unavailable'));
          return s.worker.terminate();
        }),
      );
    },
  };
}
