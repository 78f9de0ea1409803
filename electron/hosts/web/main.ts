// npm run start:web [-- --data-dir DIR] [--port P]: the browser host.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../core/context';
import { parseHostArgs, UsageError } from '../common/args';
import { fileLogger } from '../common/log';
import { PLAINTEXT_WARNING } from '../common/secrets-file';
import type { CoreClient, RemoteServices } from '../common/core-client';
import { startDeskWorker } from '../common/core-thread';
import { startWebHost } from './server';
import { attachTestControl, TEST_CONTROL_FLAG, type ControlChannel } from './test-control';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIST = path.join(ROOT, 'dist', 'renderer');

export interface ServeDeskOptions {
  dataDir: string;
  /** The built renderer (RENDERER_DIST; tests pass a folder of their own). */
  staticDir: string;
  port: number;
  log: Logger;
  /** Tests only: the services start paused and only run when a test steps them. */
  servicesPaused?: boolean;
  /** Reader workers for heavy reads (default: one per spare core, at least one). */
  readers?: number;
}

export interface ServedDesk {
  url: string;
  port: number;
  services: RemoteServices;
  /** The core's worker (tests end it to see the host answer and recover). */
  core: CoreClient;
  /** Stops the services and the server, then closes the database. */
  stop(): Promise<void>;
}

/**
 * The browser host over one data directory: the core in a worker thread (with its background
 * services: sync, the daily retention purge, the backup schedule, as in the desktop app), and
 * the HTTP door on this thread, which only carries messages.
 */
export async function serveDesk(o: ServeDeskOptions): Promise<ServedDesk> {
  const core = startDeskWorker({ dataDir: o.dataDir, host: 'web', log: o.log, servicesPaused: o.servicesPaused ?? false, ...(o.readers !== undefined ? { readers: o.readers } : {}) });
  await core.ready;
  const host = await startWebHost({ core, staticDir: o.staticDir, port: o.port, log: o.log });
  return {
    url: host.url,
    port: host.port,
    services: core.services,
    core,
    async stop() {
      await host.close();
      await core.stop();
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  const flags = parseHostArgs(argv, { port: 'string', [TEST_CONTROL_FLAG]: 'boolean' });
  const rawPort = (flags.values.port as string | undefined) ?? '0';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new UsageError('--port debe ser un número entre 0 y 65535.');
  const testControl = flags.values[TEST_CONTROL_FLAG] === true;
  if (testControl && !process.send) {
    throw new UsageError('--test-control es solo para las pruebas automáticas: las lanza con un canal IPC (no se usa a mano).');
  }
  if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
    throw new UsageError('Falta la interfaz compilada: ejecute "npm run build:renderer" (npm run start:web lo hace por usted).');
  }
  // Logs go to <dataDir>/logs/web.log (masked, rotated) and to this terminal.
  const log = fileLogger({ dataDir: flags.dataDir, host: 'web', stderr: true });
  const desk = await serveDesk({ dataDir: flags.dataDir, staticDir: RENDERER_DIST, port, log, servicesPaused: testControl });
  if (testControl) {
    attachTestControl(desk.services, process as unknown as ControlChannel);
    // The test that launched us is gone (crashed, timed out): a host of its own must not outlive it.
    process.on('disconnect', () => void desk.stop().then(() => process.exit(0)));
  }
  console.log(`Ventanilla Patronal (navegador) lista en: ${desk.url}`);
  console.log(`Datos en: ${flags.dataDir}. Presione Ctrl+C para cerrar.`);
  console.log(PLAINTEXT_WARNING);
  const stop = () => {
    void desk.stop().then(async () => {
      await log.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
