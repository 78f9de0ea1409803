// The desktop host's only flag is --data-dir. Electron and Chromium put their own arguments in
// process.argv (the executable, the app folder, switches such as --no-sandbox), so unknown
// arguments are ignored here rather than refused as the browser host does.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../common/args';

export function parseDesktopArgs(argv: readonly string[], cwd: string): { dataDir: string | null } {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'data-dir': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dir = values['data-dir'];
  if (dir === undefined) return { dataDir: null };
  // A bare "--data-dir" must not silently fall back to the real data of this desk.
  if (typeof dir !== 'string' || dir === '') throw new UsageError('La opción --data-dir requiere una carpeta.');
  return { dataDir: path.resolve(cwd, dir) };
}
