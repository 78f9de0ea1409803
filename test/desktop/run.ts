// npm run test:desktop: the desktop app tested as a desktop app (Playwright's Electron support
// driving the real build: test/desktop/desktop.spec.ts). It needs the Electron binary, which our
// build machines cannot download (ELECTRON_SKIP_BINARY_DOWNLOAD): there it stops at once with
// one sentence. Run it on an IT workstation or a release build (README, «Pruebas»).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path; it throws when the binary was never downloaded.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

if (!electronBinary()) {
  console.error(
    'No hay Electron en este equipo (se instaló con ELECTRON_SKIP_BINARY_DOWNLOAD): ejecute npm run test:desktop en una estación de TI o en la compilación de una versión. / No Electron binary here: run npm run test:desktop on an IT workstation or a release build.',
  );
  process.exit(1);
}
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const built = run('npm', ['run', 'build']);
if (built !== 0) process.exit(built);
process.exit(run('npx', ['playwright', 'test', '-c', 'test/desktop/playwright.config.ts', ...process.argv.slice(2)]));
