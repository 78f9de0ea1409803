// npm start: opens the desktop app when the Electron binary is installed, the browser host
// otherwise (e.g. a machine where Electron's download was skipped). Expects `npm run build`
// to have produced dist/renderer and dist-electron.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './common/args';

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const NO_ELECTRON_MESSAGE =
  'El entorno de escritorio Electron no está instalado en este equipo; se abre la versión de navegador: ' +
  'abra en Chrome, Edge o Firefox la dirección completa que aparece abajo en «lista en:» (con su #launch=…).';

/**
 * The Electron executable, or null. `require('electron')` returns its path from outside
 * Electron, and throws "Electron failed to install correctly" when the download was skipped.
 */
export function findElectronBinary(
  requireFn: (id: string) => unknown = createRequire(import.meta.url),
  exists: (file: string) => boolean = fs.existsSync,
): string | null {
  let resolved: unknown;
  try {
    resolved = requireFn('electron');
  } catch {
    return null;
  }
  return typeof resolved === 'string' && exists(resolved) ? resolved : null;
}

export interface LaunchDeps {
  findElectron(): string | null;
  spawn(command: string, args: string[], options: SpawnOptions): ChildProcess;
  startBrowserHost(argv: string[]): Promise<void>;
  print(message: string): void;
  exit(code: number): void;
  appDir: string;
  env: NodeJS.ProcessEnv;
}

const defaultDeps: LaunchDeps = {
  findElectron: () => findElectronBinary(),
  spawn,
  // Imported lazily: the desktop path never loads the web host.
  startBrowserHost: async (argv) => (await import('./web/main')).main(argv),
  print: (message) => console.log(message),
  exit: (code) => process.exit(code),
  appDir: APP_DIR,
  env: process.env,
};

export async function launch(argv: string[], overrides: Partial<LaunchDeps> = {}): Promise<'electron' | 'browser'> {
  const deps = { ...defaultDeps, ...overrides };
  const electron = deps.findElectron();
  if (!electron) {
    deps.print(NO_ELECTRON_MESSAGE);
    await deps.startBrowserHost(argv);
    return 'browser';
  }
  if (!fs.existsSync(path.join(deps.appDir, 'dist-electron', 'main.cjs'))) {
    throw new UsageError('Falta la aplicación de escritorio compilada: ejecute "npm run build" antes de "npm start".');
  }
  // Set by some tools (e.g. an editor's task runner): it would make Electron run as plain Node.
  const env = { ...deps.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = deps.spawn(electron, [deps.appDir, ...argv], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => deps.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`No se pudo iniciar Electron: ${err.message}`);
    deps.exit(1);
  });
  return 'electron';
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  launch(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
