// npm run start:web [-- --data-dir DIR] [--port P]: the browser host.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../core/context';
import { parseHostArgs, UsageError } from '../common/args';
import { fileLogger } from '../common/log';
import { PLAINTEXT_WARNING } from '../common/secrets-file';
import { openDesk } from '../common/open-desk';
import { startRetentionScheduler } from '../../core/security/retention/service';
import { startSyncLoop } from '../../core/sync';
import { startWebHost } from './server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIST = path.join(ROOT, 'dist', 'renderer');

export interface ServeDeskOptions {
  dataDir: string;
  /** The built renderer (RENDERER_DIST; tests pass a folder of their own). */
  staticDir: string;
  port: number;
  log: Logger;
}

export interface ServedDesk {
  url: string;
  port: number;
  /** Stops the services and the server, then closes the database. */
  stop(): Promise<void>;
}

/** The browser host over one data directory: the core, its HTTP door and its background work. */
export async function serveDesk(o: ServeDeskOptions): Promise<ServedDesk> {
  const opened = openDesk({ dataDir: o.dataDir, host: 'web', log: o.log });
  const host = await startWebHost({ core: opened.core, staticDir: o.staticDir, port: o.port, log: o.log });
  // Idle until an administrator enrols the desk; then pushes and pulls in the background.
  const sync = startSyncLoop(opened.core.ctx);
  // The daily retention purge (LOPDP Art. 10), as in the desktop app.
  const retention = startRetentionScheduler(opened.core.ctx, { log: o.log });
  return {
    url: host.url,
    port: host.port,
    async stop() {
      retention.stop();
      await Promise.all([host.close(), sync.stop()]);
      opened.close();
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  const flags = parseHostArgs(argv, { port: 'string' });
  const rawPort = (flags.values.port as string | undefined) ?? '0';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw new UsageError('--port debe ser un número entre 0 y 65535.');
  if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html'))) {
    throw new UsageError('Falta la interfaz compilada: ejecute "npm run build:renderer" (npm run start:web lo hace por usted).');
  }
  // Logs go to <dataDir>/logs/web.log (masked, rotated) and to this terminal.
  const log = fileLogger({ dataDir: flags.dataDir, host: 'web', stderr: true });
  const desk = await serveDesk({ dataDir: flags.dataDir, staticDir: RENDERER_DIST, port, log });
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
