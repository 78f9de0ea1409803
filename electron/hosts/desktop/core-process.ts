// The desktop app's core, in an Electron utility process (electron/hosts/common/core-worker.ts,
// bundled to dist-electron/core-worker.cjs): Electron's main process, which also runs every
// window's browser side, never runs SQL, renders a PDF or hashes a scan or a backup. A crash of
// the utility process is its own: the window keeps running, the call in flight is answered and
// the process is started again (core-client.ts).
//
// Two things stay in the main process because only it has them: safeStorage (the secrets are
// decrypted here and mirrored to the worker; a secret the core sets comes back to be encrypted
// and stored) and the updater (its state goes to the worker; the unsaved-work flag comes back).
import path from 'node:path';
import type { UtilityProcess } from 'electron';
import type { HostState, HostUpdateState, Logger, SecretStore } from '../../core/context';
import type { Core } from '../../core/registry';
import { startCoreClient, type CoreClient, type CoreProcess } from '../common/core-client';
import type { WorkerSpec } from '../common/core-protocol';
import { defaultReaders } from '../common/reader-pool';

export const CORE_WORKER_FILE = 'core-worker.cjs';

export interface DesktopCoreOptions {
  dataDir: string;
  migrationsDir: string;
  log: Logger;
  /** The safeStorage-backed store (secrets.ts): the one place secrets are decrypted and stored. */
  secrets: SecretStore;
  /** The main process's own state: the worker's flag lands in it, and a restarted worker starts from it. */
  hostState: HostState;
}

/** The core as the main process sees it. */
export interface DesktopCore extends Pick<Core, 'call'> {
  /** Rejects (CoreOpenError, a Spanish message) when the database cannot be opened. */
  ready: Promise<void>;
  updateUrl(): Promise<string | null>;
  /** The updater's report: kept in hostState and sent to the worker. */
  hostUpdate(state: HostUpdateState): void;
  /** The worker, for npm run test:desktop's "killed and recovered". */
  client: CoreClient;
  stop(): Promise<void>;
}

/** Every secret's plain value, for the worker; one that does not decrypt here is left out (as unreadable). */
function snapshot(secrets: SecretStore): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of secrets.list('')) {
    try {
      const value = secrets.get(name);
      if (value !== null) values[name] = value;
    } catch {
      // Encrypted on another machine or user: the core reports the key as unreadable.
    }
  }
  return values;
}

/** The core in a worker that `spawn` starts (the utility process; a worker thread in tests). */
export function startDesktopCore(spawn: () => CoreProcess, worker: WorkerSpec, o: DesktopCoreOptions): DesktopCore {
  const client = startCoreClient({
    spawn,
    init: () => ({
      dataDir: o.dataDir,
      migrationsDir: o.migrationsDir,
      host: 'electron',
      servicesPaused: false,
      secrets: { kind: 'mirror', encrypted: o.secrets.encrypted, values: snapshot(o.secrets) },
      applyAgencyConfig: true,
      readers: defaultReaders(),
      worker,
    }),
    log: o.log,
    onSecret: (name, value) => (value === null ? o.secrets.delete(name) : o.secrets.set(name, value)),
    hostState: o.hostState,
  });
  return {
    call: (name, input, auth, options) => client.call(name, input, auth, options),
    ready: client.ready,
    updateUrl: async () => ((await client.setting('ops.updateUrl')) as string | null) ?? null,
    hostUpdate: (state) => client.hostUpdate(state),
    client,
    stop: () => client.stop(),
  };
}

/** Adapts Electron's UtilityProcess to what the client drives. */
export function utilityCoreProcess(child: UtilityProcess): CoreProcess {
  return {
    post: (m) => child.postMessage(m),
    onMessage: (l) => void child.on('message', l),
    onExit: (l) => void child.once('exit', l),
    kill: () => void child.kill(),
  };
}

/** The production wiring: dist-electron/core-worker.cjs next to main.cjs, forked after 'ready'. */
export function startUtilityCore(utilityProcess: Pick<typeof import('electron').utilityProcess, 'fork'>, mainDir: string, o: DesktopCoreOptions): DesktopCore {
  const file = path.join(mainDir, CORE_WORKER_FILE);
  return startDesktopCore(() => utilityCoreProcess(utilityProcess.fork(file, [], { serviceName: 'Ventanilla Patronal (núcleo)', stdio: 'inherit' })), { kind: 'bundle', file }, o);
}
