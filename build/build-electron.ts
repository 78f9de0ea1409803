// npx tsx build/build-electron.ts: bundles the Electron main process and the preload to
// CommonJS in dist-electron/. Main keeps better-sqlite3 (native) and electron external;
// the sandboxed preload can require nothing but electron, so everything else is inlined.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'dist-electron');

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // In a CJS bundle import.meta is an empty object: a module that computes a path from
  // import.meta.url would silently get undefined at run time, so that is a build error.
  logOverride: { 'empty-import-meta': 'error' },
};

export async function buildElectron(): Promise<void> {
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(ROOT, 'electron', 'main.ts')],
      outfile: path.join(OUT_DIR, 'main.cjs'),
      target: 'node20', // a subset of Electron 41's Node
      external: ['electron', 'better-sqlite3'],
    }),
    build({
      ...common,
      entryPoints: [path.join(ROOT, 'electron', 'preload.ts')],
      outfile: path.join(OUT_DIR, 'preload.cjs'),
      target: 'chrome140',
      external: ['electron'],
    }),
  ]);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  buildElectron().then(
    () => console.log(`Proceso principal y preload compilados en ${path.relative(process.cwd(), OUT_DIR) || '.'}.`),
    (err: unknown) => {
      // esbuild has already printed the located errors.
      console.error(err instanceof Error ? err.message.split('\n')[0] : String(err));
      process.exit(1);
    },
  );
}
