// npm run dist [-- --linux | --win | --dir]: builds the installers with electron-builder.
//
// Needs, on the packaging machine:
//   - Electron itself: electron-builder downloads it, or ELECTRON_DIST=<folder of an unpacked
//     Electron of the version in package.json> (offline build farms);
//   - Electron's headers to rebuild better-sqlite3: downloaded by @electron/rebuild, or
//     VP_ELECTRON_HEADERS=<folder with Electron's node headers> (offline);
//   - python3, make and g++ (Linux) or the Visual Studio build tools (Windows). Build the
//     Windows installer on Windows: a native module cannot be cross-compiled.
//
// Steps: (1) build the renderer and the main/preload bundles; (2) stage release/app with a
// package.json that names only the modules main.cjs requires at run time, copying them (with
// their dependencies) from the project's node_modules, the versions the tests ran with;
// (3) rebuild better-sqlite3 for Electron in release/app — never in the project's
// node_modules, whose Node build the tests need (a failed Electron rebuild deletes it);
// (4) run electron-builder with build/electron-builder.yml.
//
// VP_SKIP_ELECTRON_REBUILD=1 skips (3): the package then holds a binary for Node, not
// Electron, and does NOT run. Only for checking the package's layout where Electron's headers
// cannot be had (our build machines). Without Electron at all, the configuration and the staging
// step are checked by test/unit/ops/electron-builder-config.test.ts; electron-builder itself
// is not run by the tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN_EXTERNALS } from './build-electron';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONFIG_FILE = path.join(ROOT, 'build', 'electron-builder.yml');
export const APP_DIR = path.join(ROOT, 'release', 'app');

interface PackageJson {
  name: string;
  version: string;
  productName?: string;
  description?: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** Node's lookup: <from>/node_modules/<name>, then each parent's, up to the project root. */
function resolvePackageDir(name: string, fromDir: string, root: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    // Candidates under ".../node_modules/node_modules" simply do not exist: no special case.
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.resolve(dir) === path.resolve(root) || path.dirname(dir) === dir) return null;
  }
}

/** The runtime modules (MAIN_EXTERNALS but electron) and everything they require, as paths relative to root. */
export function runtimeClosure(root = ROOT, names: readonly string[] = MAIN_EXTERNALS.filter((n) => n !== 'electron')): string[] {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = resolvePackageDir(name, fromDir, root);
    if (!dir) {
      if (optional) return;
      throw new Error(`Falta el módulo ${name} en node_modules: ejecute "npm ci" antes de empaquetar.`);
    }
    const rel = path.relative(root, dir).split(path.sep).join('/');
    if (seen.has(rel)) return;
    seen.add(rel);
    const pkg = readJson<PackageJson>(path.join(dir, 'package.json'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of names) visit(name, root, false);
  return [...seen].sort();
}

/** release/app: what electron-builder packs (see "files" in electron-builder.yml). */
export function stageApp(root = ROOT, appDir = APP_DIR): PackageJson {
  const pkg = readJson<PackageJson>(path.join(root, 'package.json'));
  for (const built of ['dist-electron/main.cjs', 'dist-electron/core-worker.cjs', 'dist-electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!fs.existsSync(path.join(root, built))) throw new Error(`Falta ${built}: ejecute "npm run build" primero (npm run dist lo hace).`);
  }
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(appDir, { recursive: true });
  const runtime = MAIN_EXTERNALS.filter((n) => n !== 'electron');
  const staged: PackageJson = {
    name: pkg.name,
    version: pkg.version,
    productName: pkg.productName,
    description: pkg.description,
    main: 'dist-electron/main.cjs',
    // Exact versions: the ones in node_modules, that the tests ran with.
    dependencies: Object.fromEntries(runtime.map((n) => [n, readJson<PackageJson>(path.join(root, 'node_modules', n, 'package.json')).version])),
  };
  fs.writeFileSync(path.join(appDir, 'package.json'), `${JSON.stringify({ ...staged, author: 'Instituto Ecuatoriano de Seguridad Social' }, null, 2)}\n`);
  for (const rel of ['dist-electron/main.cjs', 'dist-electron/core-worker.cjs', 'dist-electron/preload.cjs']) fs.cpSync(path.join(root, rel), path.join(appDir, rel));
  fs.cpSync(path.join(root, 'dist', 'renderer'), path.join(appDir, 'dist', 'renderer'), { recursive: true });
  for (const rel of runtimeClosure(root)) {
    fs.cpSync(path.join(root, rel), path.join(appDir, rel), {
      recursive: true,
      // The compiler's intermediate files stay behind; the Node binary is copied and then
      // replaced by the Electron rebuild (forced), so a skipped rebuild is visible as such.
      filter: (src) => !/[\\/]better-sqlite3[\\/]build[\\/](Release[\\/](obj|obj\.target|\.deps|test_extension)|deps)/.test(src) && !src.includes(`${path.sep}.bin`),
    });
  }
  return staged;
}

export function electronVersion(root = ROOT): string {
  return readJson<PackageJson>(path.join(root, 'node_modules', 'electron', 'package.json')).version;
}

async function rebuildForElectron(appDir: string, version: string): Promise<void> {
  const { rebuild } = await import('@electron/rebuild');
  const headers = process.env.VP_ELECTRON_HEADERS;
  if (headers) process.env.npm_config_nodedir = headers;
  await rebuild({ buildPath: appDir, electronVersion: version, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
}

function run(cmd: string, args: string[], cwd = ROOT): void {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`Falló: ${cmd} ${args.join(' ')}`);
}

/**
 * What a release build (VP_RELEASE=1) lacks to sign what it builds: the Windows certificate
 * (read by electron-builder from CSC_LINK/WIN_CSC_LINK) and the Linux signing key (read by
 * build/sign-linux.mjs). Empty for a developer's build, which may stay unsigned.
 */
export function releaseSigningProblems(targets: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.VP_RELEASE !== '1' || targets.includes('--dir')) return [];
  const all = targets.length === 0;
  const problems: string[] = [];
  if ((all || targets.includes('--win')) && !(env.WIN_CSC_LINK ?? env.CSC_LINK)) {
    problems.push('Falta el certificado de firma de Windows: defina CSC_LINK (o WIN_CSC_LINK) y CSC_KEY_PASSWORD en el entorno de compilación.');
  }
  if ((all || targets.includes('--linux')) && !env.VP_LINUX_SIGNING_KEY) {
    problems.push('Falta la clave de firma de los paquetes de Linux: defina VP_LINUX_SIGNING_KEY (y VP_LINUX_SIGNING_PASSPHRASE) en el entorno de compilación.');
  }
  return problems;
}

/**
 * Packaging needs a newer Node than developing: @electron/rebuild (the Electron build of
 * better-sqlite3) declares its own minimum in its package.json ("engines"), which is read here so
 * the message follows the installed version. Null when this Node will do.
 */
export function distNodeProblem(nodeVersion = process.versions.node, root = ROOT): string | null {
  const engines = readJson<{ engines?: { node?: string } }>(path.join(root, 'node_modules', '@electron', 'rebuild', 'package.json')).engines?.node ?? '';
  const wanted = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(engines);
  if (!wanted) return null;
  const [need, have] = [wanted.slice(1, 4), nodeVersion.split('.')].map((v) => v.map((n) => Number(n ?? 0)));
  const older = need!.findIndex((n, i) => (have![i] ?? 0) !== n);
  if (older === -1 || (have![older] ?? 0) > need![older]!) return null;
  const minimum = wanted.slice(1, 4).filter(Boolean).join('.');
  return `npm run dist necesita Node.js ${minimum} o superior (lo exige @electron/rebuild, que compila better-sqlite3 para Electron); este equipo tiene Node.js ${nodeVersion}. Para desarrollar y probar basta Node.js 20.19.`;
}

export async function dist(argv: string[]): Promise<void> {
  const oldNode = distNodeProblem();
  if (oldNode) throw new Error(oldNode);
  const targets = argv.filter((a) => ['--linux', '--win', '--dir'].includes(a));
  const unsigned = releaseSigningProblems(targets);
  if (unsigned.length > 0) throw new Error(`Compilación de entrega (VP_RELEASE=1) sin firma:\n${unsigned.join('\n')}`);
  run('npm', ['run', 'build']);
  stageApp();
  const version = electronVersion();
  if (process.env.VP_SKIP_ELECTRON_REBUILD === '1') {
    console.warn('AVISO: VP_SKIP_ELECTRON_REBUILD=1: better-sqlite3 NO se recompiló para Electron; el paquete sirve solo para revisar su contenido.');
  } else {
    try {
      await rebuildForElectron(APP_DIR, version);
    } catch (err) {
      throw new Error(
        `No se pudo compilar better-sqlite3 para Electron ${version} (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). ` +
          'Se necesitan los encabezados de Electron (conexión a internet o VP_ELECTRON_HEADERS) y python3, make y g++. ' +
          'El node_modules del proyecto no se tocó: las pruebas siguen funcionando.',
        { cause: err },
      );
    }
  }
  const args = ['electron-builder', '--config', CONFIG_FILE, '--publish', 'never', ...targets];
  // A release never ships an unsigned Windows binary (electron-builder then fails instead of warning).
  if (process.env.VP_RELEASE === '1') args.push('-c.forceCodeSigning=true');
  if (process.env.ELECTRON_DIST) args.push(`-c.electronDist=${path.resolve(process.env.ELECTRON_DIST)}`);
  run('npx', args);
  console.log(`Instaladores en ${path.relative(process.cwd(), path.join(ROOT, 'release', 'dist'))}.`);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  dist(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
