// npx tsx build/build-electron.ts: bundles the Electron main process, the core's worker and the preload to
// CommonJS in dist-electron/. Main keeps electron, better-sqlite3 (native), pdf-to-printer
// (it runs the SumatraPDF.exe it ships, found next to its own files) and pdfjs-dist (an ES module
// that needs its own import.meta.url; the core reads scans with it) external; the sandboxed
// preload can require nothing but electron, so everything else is inlined.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'dist-electron');

/** Modules main.cjs requires at run time: the packaged app must ship them in node_modules. */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'pdf-to-printer', 'pdfkit', 'pdfjs-dist'] as const;

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
      entryPoints: [path.join(ROOT, 'electron', 'hosts', 'desktop', 'main.ts')],
      outfile: path.join(OUT_DIR, 'main.cjs'),
      target: 'node20', // a subset of Electron 41's Node
      // Native or shipping their own binaries: loaded from node_modules (unpacked from the
      // asar, see electron-builder.yml) instead of being inlined.
      external: [...MAIN_EXTERNALS],
    }),
    // The core's worker (an Electron utility process; its reader workers are worker threads of
    // the same file): electron/hosts/desktop/core-process.ts. Same externals as main.
    build({
      ...common,
      entryPoints: [path.join(ROOT, 'electron', 'hosts', 'common', 'core-worker.ts')],
      outfile: path.join(OUT_DIR, 'core-worker.cjs'),
      target: 'node20',
      external: [...MAIN_EXTERNALS],
    }),
    build({
      ...common,
      entryPoints: [path.join(ROOT, 'electron', 'hosts', 'desktop', 'preload.ts')],
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
