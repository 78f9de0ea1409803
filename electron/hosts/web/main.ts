// npm run start:web [-- --data-dir DIR] [--port P]: the browser host.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHostArgs, UsageError } from '../common/args';
import { fileLogger } from '../common/log';
import { PLAINTEXT_WARNING } from '../common/secrets-file';
import { openDesk } from '../common/open-desk';
import { startRetentionScheduler } from '../../core/security/retention/service';
import { startSyncLoop } from '../../core/sync';
import { startWebHost } from './server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RENDERER_DIST = path.join(ROOT, 'dist', 'renderer');

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
  const opened = openDesk({ dataDir: flags.dataDir, host: 'web', log });
  const host = await startWebHost({ core: opened.core, staticDir: RENDERER_DIST, port });
  // Idle until an administrator enrols the desk; then pushes and pulls in the background.
  const sync = startSyncLoop(opened.core.ctx);
  // The daily retention purge (LOPDP Art. 10), as in the desktop app.
  const retention = startRetentionScheduler(opened.core.ctx, { log });
  console.log(`Ventanilla Patronal (navegador) lista en: ${host.url}`);
  console.log(`Datos en: ${flags.dataDir}. Presione Ctrl+C para cerrar.`);
  console.log(PLAINTEXT_WARNING);
  const stop = () => {
    retention.stop();
    void Promise.all([host.close(), sync.stop()]).then(async () => {
      opened.close();
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
