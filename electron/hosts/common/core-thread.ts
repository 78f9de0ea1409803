// The core in a worker thread, started from source: the browser host, tests and the benchmark.
// (The desktop app runs the bundled worker in an Electron utility process instead:
// electron/hosts/desktop/core-process.ts.)
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SOURCE_MIGRATIONS_DIR } from '../../../db/paths';
import type { HostKind, Logger } from '../../core/context';
import { startCoreClient, type CoreClient, type CoreProcess } from './core-client';
import type { WorkerSpec } from './core-protocol';
import { defaultReaders, spawnWorker } from './reader-pool';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const SOURCE_WORKER: WorkerSpec = {
  kind: 'source',
  boot: path.join(HERE, 'worker-boot.mjs'),
  entry: pathToFileURL(path.join(HERE, 'core-worker.ts')).href,
};

export function workerThreadProcess(spec: WorkerSpec, log: Logger): CoreProcess {
  const worker = spawnWorker(spec, 'core');
  // Unlistened, a worker's uncaught exception would be thrown here, in the host: it ends the
  // worker, and its 'exit' is answered by the client.
  worker.on('error', (err) => log.error('core worker failed', { error: err.name }));
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (l) => void worker.on('message', l),
    onExit: (l) => void worker.once('exit', l),
    kill: () => void worker.terminate(),
  };
}

export interface DeskWorkerOptions {
  dataDir: string;
  host: HostKind;
  log: Logger;
  servicesPaused?: boolean;
  readers?: number;
  migrationsDir?: string;
  /** Tests only: CoreInit.holdReaders. */
  holdReaders?: SharedArrayBuffer;
}

export function startDeskWorker(o: DeskWorkerOptions): CoreClient {
  return startCoreClient({
    spawn: () => workerThreadProcess(SOURCE_WORKER, o.log),
    init: () => ({
      dataDir: o.dataDir,
      migrationsDir: o.migrationsDir ?? SOURCE_MIGRATIONS_DIR,
      host: o.host,
      servicesPaused: o.servicesPaused ?? false,
      secrets: { kind: 'file' },
      applyAgencyConfig: false,
      readers: o.readers ?? defaultReaders(),
      worker: SOURCE_WORKER,
      ...(o.holdReaders ? { holdReaders: o.holdReaders } : {}),
    }),
    log: o.log,
  });
}
