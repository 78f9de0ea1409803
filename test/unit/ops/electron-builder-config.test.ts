// Checks build/electron-builder.yml and the staging step without downloading Electron
// (electron-builder itself is not run here: it needs an Electron download or ELECTRON_DIST).
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { MAIN_EXTERNALS } from '../../../build/build-electron';
import { CONFIG_FILE, ROOT, runtimeClosure } from '../../../build/dist';

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { app: string; output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  publish: { provider: string; url: string }[];
  win: { target: { target: string }[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: { target: string }[]; icon: string; maintainer: string; executableName: string };
}

const config = yaml.load(fs.readFileSync(CONFIG_FILE, 'utf8')) as BuilderConfig;

/** electron-builder's globs are minimatch; these tests only need '**' and '*'. */
const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .split(/(\*\*\/|\*\*|\*)/)
      .map((part) => (part === '**/' ? '(?:.*/)?' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
const unpacked = (file: string) => config.asarUnpack.some((g) => globToRegExp(g).test(file));

describe('electron-builder configuration', () => {
  it('names the app in Spanish, with its id and a 512×512 icon', () => {
    expect(config.appId).toBe('ec.gob.iess.ventanillapatronal');
    expect(config.productName).toBe('Ventanilla Patronal');
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { productName: string };
    expect(pkg.productName).toBe(config.productName); // the data folder is named after it
    for (const icon of [config.win.icon, config.linux.icon]) {
      const png = PNG.sync.read(fs.readFileSync(path.join(ROOT, icon)));
      expect([png.width, png.height]).toEqual([512, 512]);
    }
  });

  it('builds an NSIS installer for Windows and AppImage + deb for Linux', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.nsis).toMatchObject({ oneClick: false, deleteAppDataOnUninstall: false, installerLanguages: ['es_ES'] });
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // required by the .deb
  });

  it('never rebuilds native modules during install: dist.ts does it in the staging folder', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.directories.app).toBe('release/app');
    expect(fs.readFileSync(path.join(ROOT, 'build', 'dist.ts'), 'utf8')).toMatch(/rebuild\(\{ buildPath: appDir/);
  });

  it('packs the bundles and the renderer, and no sources or source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist/renderer/**/*']));
    expect(config.files).toContain('!**/*.{map,md,ts,cc,h,gyp,gypi}');
    expect(config.asar).toBe(true);
  });

  it('unpacks every native module and pdf-to-printer (SumatraPDF.exe) from the asar', () => {
    const closure = runtimeClosure();
    for (const mod of ['better-sqlite3', 'bindings', 'file-uri-to-path', 'pdf-to-printer']) {
      expect(closure).toContain(`node_modules/${mod}`);
      expect(unpacked(`node_modules/${mod}/package.json`)).toBe(true);
    }
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/pdf-to-printer/dist/SumatraPDF-3.4.6-32.exe')).toBe(true);
    expect(unpacked('dist-electron/main.cjs')).toBe(false);
    // Every module main.cjs requires at run time is staged (electron is the runtime itself).
    for (const ext of MAIN_EXTERNALS.filter((e) => e !== 'electron')) expect(closure).toContain(`node_modules/${ext}`);
    // Every folder in the closure with a .node file is unpacked.
    for (const rel of closure) {
      const nodeFiles = fs.readdirSync(path.join(ROOT, rel), { recursive: true }).map(String).filter((f) => f.endsWith('.node'));
      for (const f of nodeFiles) expect(unpacked(`${rel}/${f.split(path.sep).join('/')}`), `${rel}/${f}`).toBe(true);
    }
  });

  it('ships the migrations and the fonts as real files in resources/', () => {
    const byTarget = Object.fromEntries(config.extraResources.map((r) => [r.to, r]));
    expect(byTarget.migrations?.from).toBe('db/migrations');
    expect(byTarget.fonts?.from).toBe('build/fonts');
    const sql = fs.readdirSync(path.join(ROOT, 'db/migrations')).filter((f) => f.endsWith('.sql'));
    expect(sql.length).toBeGreaterThan(0);
    expect(byTarget.migrations?.filter).toEqual(expect.arrayContaining(['**/*.sql', 'meta/*.json']));
    expect(fs.readdirSync(path.join(ROOT, 'build/fonts')).filter((f) => f.endsWith('.ttf')).length).toBeGreaterThanOrEqual(2);
    // Where the packaged app looks for them.
    expect(fs.readFileSync(path.join(ROOT, 'electron/hosts/desktop/paths.ts'), 'utf8')).toMatch(/resourcesPath, 'migrations'/);
    expect(fs.readFileSync(path.join(ROOT, 'electron/core/forms/fonts.ts'), 'utf8')).toMatch(/'fonts'/);
  });

  it('generates update metadata for a generic provider; the real https feed comes from agencia.json', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\/.+\.invalid\//) }]);
  });
});
