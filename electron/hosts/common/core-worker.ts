// The core, off the window's thread: the entry of the worker every host runs it in (a worker
// thread in the browser host, an Electron utility process in the desktop app: the host side is
// core-client.ts). The same file is the entry of the core's reader workers (role 'reader',
// reader-pool.ts), which run heavy reads on read-only connections, and of its checkpointer
// (role 'checkpointer', checkpointer.ts), which copies the write-ahead log off the writer's thread.
//
// The core inside is the one of core/open.ts, unchanged: registry, roles, audit and services.
// What the host keeps (safeStorage, the updater's state) comes in as messages, and what the core
// changes of it (a secret, the unsaved-work flag) goes back out.
import { parentPort as threadPort, workerData } from 'node:worker_threads';
import { connectionOf, DatabaseVersionError, openReadOnly } from '../../../db/open';
import type { CallName } from '../../../shared/contract';
import { bindAuditKeys } from '../../core/security/audit/chain';
import { systemClock, type CoreContext, type HostUpdateState, type Logger, type SecretStore } from '../../core/context';
import { handlers } from '../../core/handlers';
import { runHeavyRead } from '../../core/heavy';
import { openCore, type OpenedCore } from '../../core/open';
import { applyAgencyConfigAtStart } from '../../core/ops/agency-config';
import type { Offload } from '../../core/registry';
import { getSetting } from '../../core/settings';
import pkg from '../../../package.json';
import type { CoreInit, FromCore, ToCore } from './core-protocol';
import { memoryHostState } from './host-state';
import { runCheckpointer, startCheckpointer, type Checkpointer } from './checkpointer';
import { createReaderPool, type FromReader, type ReaderInit, type ReaderPool, type ToReader } from './reader-pool';
import { fileSecretStore } from './secrets-file';

interface Port {
  post(message: unknown): void;
  on(listener: (message: unknown) => void): void;
}

/** Electron's utility process has process.parentPort; a worker thread has worker_threads.parentPort. */
function parentPort(): Port {
  const electronPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) return { post: (m) => electronPort.postMessage(m), on: (l) => electronPort.on('message', (e) => l(e.data)) };
  const thread = threadPort;
  if (thread) return { post: (m) => thread.postMessage(m), on: (l) => thread.on('message', l) };
  throw new Error('core-worker.ts runs only as a worker (utility process or worker thread)');
}

type LogLine = { t: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };

function forwardingLogger(post: (m: LogLine) => void): Logger {
  const send = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
    try {
      post({ t: 'log', level, message, ...(fields ? { fields } : {}) });
    } catch {
      // A field that cannot cross (a function, a socket): the line without its fields.
      post({ t: 'log', level, message });
    }
  };
  return { info: send('info'), warn: send('warn'), error: send('error') };
}

/** Secrets kept by the host: reads from the values it sent, writes sent back for it to store. */
function mirrorSecretStore(encrypted: boolean, values: Record<string, string>, changed: (name: string, value: string | null) => void): SecretStore {
  const map = new Map(Object.entries(values));
  return {
    encrypted,
    get: (name) => map.get(name) ?? null,
    set: (name, value) => {
      map.set(name, value);
      changed(name, value);
    },
    delete: (name) => {
      map.delete(name);
      changed(name, null);
    },
    list: (prefix) => [...map.keys()].filter((n) => n.startsWith(prefix)),
  };
}

function runCore(port: Port): void {
  const post = (m: FromCore) => port.post(m);
  const log = forwardingLogger(post);
  let opened: OpenedCore | null = null;
  let pool: ReaderPool | null = null;
  let checkpointer: Checkpointer | null = null;
  const inFlight = new Map<number, AbortController>();
  const hostState = memoryHostState();
  const offload: Offload = {
    handles: (name) => pool?.handles(name) ?? false,
    run: (name, input, actor, signal) => pool!.run(name, input, actor, signal),
  };

  function init(i: CoreInit): void {
    const secretValues: Record<string, string> = i.secrets.kind === 'mirror' ? { ...i.secrets.values } : {};
    const secrets =
      i.secrets.kind === 'mirror'
        ? mirrorSecretStore(i.secrets.encrypted, secretValues, (name, value) => {
            if (value === null) delete secretValues[name];
            else secretValues[name] = value;
            post({ t: 'secret', name, value });
            pool?.secretChanged(name, value);
          })
        : fileSecretStore(i.dataDir);
    // The host's state as the host kept it: a worker started after a crash goes on from it.
    if (i.hostState.update) hostState.reportUpdate(i.hostState.update);
    hostState.setUnsavedWork(i.hostState.unsavedWork);
    const state = {
      ...hostState,
      setUnsavedWork: (value: boolean) => {
        hostState.setUnsavedWork(value);
        post({ t: 'unsaved', value });
      },
    };
    try {
      opened = openCore({ dataDir: i.dataDir, migrationsDir: i.migrationsDir, host: i.host, log, secrets, hostState: state, ...(i.readers > 0 ? { offload } : {}) });
    } catch (err) {
      log.error('core failed to open', { error: err instanceof Error ? err.name : typeof err });
      const versionError = err instanceof DatabaseVersionError;
      post({
        t: 'failed',
        versionError,
        message: versionError
          ? err.message
          : `No se pudo abrir la base de datos en ${i.dataDir}. Verifique que la carpeta exista y tenga permisos, y vuelva a abrir la aplicación.`,
      });
      return;
    }
    const ctx = opened.core.ctx;
    if (i.applyAgencyConfig) applyAgencyConfigAtStart(ctx, log);
    if (i.readers > 0) {
      const readerInit = (): ReaderInit => ({
        dataDir: i.dataDir,
        host: i.host,
        schemaVersion: ctx.schemaVersion,
        secrets: i.secrets.kind === 'mirror' ? { kind: 'mirror', encrypted: i.secrets.encrypted, values: { ...secretValues } } : { kind: 'file' },
        ...(i.holdReaders ? { hold: i.holdReaders } : {}),
      });
      pool = createReaderPool({ spec: i.worker, size: i.readers, init: readerInit, log });
    }
    checkpointer = startCheckpointer({ spec: i.worker, dataDir: i.dataDir, writer: connectionOf(ctx.db), log });
    opened.services.start({ paused: i.servicesPaused });
    post({ t: 'ready' });
  }

  port.on((raw) => {
    const m = raw as ToCore;
    if (m.t === 'init') return init(m.init);
    if (m.t === 'cancel') return void inFlight.get(m.id)?.abort();
    if (m.t === 'hostUpdate') return hostState.reportUpdate(m.state as HostUpdateState);
    if (m.t === 'stop') return void stop();
    if (!opened) return;
    const core = opened;
    if (m.t === 'call') {
      const controller = new AbortController();
      inFlight.set(m.id, controller);
      void core.core.call(m.name, m.input, m.auth, { signal: controller.signal }).then((result) => {
        inFlight.delete(m.id);
        post({ t: 'result', id: m.id, result });
      });
      return;
    }
    if (m.t === 'setting') return post({ t: 'reply', id: m.id, ok: true, value: getSetting(core.core.ctx.db, m.key) });
    if (m.t === 'services') {
      const s = core.services;
      const op = async (): Promise<unknown> => {
        if (m.op === 'pause') return s.pause(m.service);
        if (m.op === 'resume') return s.resume(m.service);
        if (m.op === 'step') return s.step(m.service ?? '');
        return s.status();
      };
      op().then(
        (value) => post({ t: 'reply', id: m.id, ok: true, value: value ?? null }),
        (err: unknown) => post({ t: 'reply', id: m.id, ok: false, value: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
      );
    }
  });

  async function stop(): Promise<void> {
    // Services first (a sync call in flight ends by its timeout), then readers, then the database.
    await opened?.services.stop();
    await pool?.close();
    // Before the writer: the last connection to close checkpoints the log and removes it.
    await checkpointer?.close();
    opened?.close();
    opened = null;
    post({ t: 'stopped' });
  }
}

function runReader(port: Port): void {
  const post = (m: FromReader) => port.post(m);
  const log = forwardingLogger(post);
  let ctx: CoreContext | null = null;
  let mirror: Map<string, string> | null = null;
  let hold: Int32Array | null = null;
  port.on((raw) => {
    const m = raw as ToReader;
    if (m.t === 'init') {
      const i = m.init;
      const { db, sqlite } = openReadOnly(i.dataDir);
      let secrets: SecretStore;
      if (i.secrets.kind === 'mirror') {
        const values = new Map(Object.entries(i.secrets.values));
        mirror = values;
        const readOnly = () => {
          throw new Error('a reader does not change secrets');
        };
        secrets = { encrypted: i.secrets.encrypted, get: (n) => values.get(n) ?? null, set: readOnly, delete: readOnly, list: (p) => [...values.keys()].filter((n) => n.startsWith(p)) };
      } else {
        const file = fileSecretStore(i.dataDir);
        secrets = { ...file, set: () => {}, delete: () => {} };
      }
      bindAuditKeys(sqlite, secrets);
      if (i.hold) hold = new Int32Array(i.hold);
      ctx = { db, clock: systemClock, log, dataDir: i.dataDir, appVersion: pkg.version, schemaVersion: i.schemaVersion, host: i.host, secrets, hostState: memoryHostState() };
      // Opened: a reader that dies from now on is not one that cannot open (reader-pool.ts).
      post({ t: 'ready' });
      return;
    }
    if (m.t === 'secret') {
      if (m.value === null) mirror?.delete(m.name);
      else mirror?.set(m.name, m.value);
      return;
    }
    if (m.t === 'run' && ctx) {
      if (hold) Atomics.wait(hold, 0, 0);
      void runHeavyRead(ctx, handlers, m.name as CallName, m.input, m.actor).then((answer) => post({ t: 'answer', id: m.id, answer }));
    }
  });
}

const role = (workerData as { role?: string } | null)?.role ?? 'core';
if (role === 'reader') runReader(parentPort());
else if (role === 'checkpointer') runCheckpointer(parentPort());
else runCore(parentPort());
