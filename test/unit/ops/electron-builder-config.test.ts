// Checks build/electron-builder.yml and the staging step without downloading Electron
// (electron-builder itself is not run here: it needs an Electron download or ELECTRON_DIST).
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import yaml from 'js-yaml';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAIN_EXTERNALS } from '../../../build/build-electron';
import { CONFIG_FILE, ROOT, releaseSigningProblems, runtimeClosure } from '../../../build/dist';
import signLinuxArtifacts from '../../../build/sign-linux.mjs';

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
  win: { target: { target: string }[]; icon: string; signtoolOptions: Record<string, unknown>; verifyUpdateCodeSignature: boolean };
  electronFuses: Record<string, boolean>;
  afterAllArtifactBuild: string;
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
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist-electron/main.cjs', 'dist-electron/core-worker.cjs', 'dist-electron/preload.cjs', 'dist/renderer/**/*']));
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

// electron-builder's own code, as the packaging step runs it (app-builder-lib is its engine).
const requireBuilder = createRequire(path.join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
const { validateConfiguration } = requireBuilder('./out/util/config/config') as { validateConfiguration(c: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = requireBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { PlatformPackager } = requireBuilder('./out/index') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
};
const { flipFuses } = requireBuilder('@electron/fuses') as typeof import('@electron/fuses');

/** A fuse's byte in the wire (@electron/fuses FuseState): '1' on, '0' off. */
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 } as const;

describe('hardening of the packaged app', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-pack-'));
  afterAll(() => {
    spawnSync('gpgconf', ['--homedir', path.join(scratch, 'gnupg'), '--kill', 'gpg-agent']);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('is a configuration electron-builder accepts (its own schema)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses in the packaged Electron binary: no RunAsNode, NODE_OPTIONS or --inspect; encrypted cookies; the app only from a checked app.asar', async () => {
    // A stand-in for the Electron binary: the fuse wire as Electron 41 ships it (sentinel, wire
    // version 1, length, one byte per fuse: '1' on, '0' off), between arbitrary bytes.
    const binary = path.join(scratch, 'ventanilla-patronal');
    const shipped = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on ? FuseState.ENABLE : FuseState.DISABLE));
    fs.writeFileSync(binary, Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, shipped.length, ...shipped]), Buffer.alloc(4096, 0x90)]));
    // What electron-builder does after packing (platformPackager.ts doAddElectronFuses).
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);
    await flipFuses(binary, fuseConfig as Parameters<typeof flipFuses>[1]);
    const wire = await getCurrentFuseWire(binary);
    const state = (fuse: FuseV1Options) => wire[fuse];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    // The app never forks itself as Node (the RunAsNode fuse would break that); the core's
    // utility process (utilityProcess.fork) is launched by Chromium and needs no RunAsNode.
    const desktop = fs.readdirSync(path.join(ROOT, 'electron/hosts/desktop')).map((f) => fs.readFileSync(path.join(ROOT, 'electron/hosts/desktop', f), 'utf8')).join('\n');
    expect(desktop).not.toMatch(/child_process|(?<!utilityProcess)\.fork\(|ELECTRON_RUN_AS_NODE/);
    expect(desktop).toMatch(/utilityProcess\.fork\(/);
  });

  it('signs Windows with a certificate from the environment, never from the repository', () => {
    expect(config.win.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'], rfc3161TimeStampServer: expect.stringMatching(/^https?:\/\//), publisherName: 'Instituto Ecuatoriano de Seguridad Social' });
    for (const key of ['certificateFile', 'certificatePassword', 'certificateSha1', 'certificateSubjectName']) expect(config.win.signtoolOptions).not.toHaveProperty(key);
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
    // No certificate or private key is committed.
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
    expect(tracked.filter((f) => /\.(pfx|p12|pem|key|cer|crt|asc|gpg)$/i.test(f))).toEqual([]);
    // A release build refuses to start without what it signs with; a developer's build may go unsigned.
    expect(releaseSigningProblems(['--win'], { VP_RELEASE: '1' })).toEqual([expect.stringContaining('CSC_LINK')]);
    expect(releaseSigningProblems([], { VP_RELEASE: '1', CSC_LINK: 'C:/cert.pfx' })).toEqual([expect.stringContaining('VP_LINUX_SIGNING_KEY')]);
    expect(releaseSigningProblems(['--win', '--linux'], { VP_RELEASE: '1', WIN_CSC_LINK: 'x', VP_LINUX_SIGNING_KEY: 'y' })).toEqual([]);
    expect(releaseSigningProblems(['--win'], {})).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, 'build', 'dist.ts'), 'utf8')).toContain("'-c.forceCodeSigning=true'");
  });

  it('signs the Linux packages with a key from the environment: gpg verifies each signature', async () => {
    expect(config.afterAllArtifactBuild).toBe('./build/sign-linux.mjs');
    // A throwaway key, as a CI secret would hold it (base64 of the armoured key).
    const home = path.join(scratch, 'gnupg');
    fs.mkdirSync(home, { mode: 0o700 });
    const gpg = (...args: string[]) => execFileSync('gpg', ['--batch', '--homedir', home, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    gpg('--passphrase', 'clave de prueba', '--pinentry-mode', 'loopback', '--quick-gen-key', 'Firma de prueba <firma@example.invalid>', 'ed25519', 'sign', 'never');
    const key = Buffer.from(gpg('--passphrase', 'clave de prueba', '--pinentry-mode', 'loopback', '--armor', '--export-secret-keys')).toString('base64');
    const appImage = path.join(scratch, 'ventanilla-patronal-0.1.0-x86_64.AppImage');
    const deb = path.join(scratch, 'ventanilla-patronal-0.1.0-amd64.deb');
    fs.writeFileSync(appImage, 'imagen');
    fs.writeFileSync(deb, 'paquete');
    const signatures = await signLinuxArtifacts({ artifactPaths: [appImage, deb, path.join(scratch, 'latest-linux.yml')] }, { VP_LINUX_SIGNING_KEY: key, VP_LINUX_SIGNING_PASSPHRASE: 'clave de prueba' });
    expect(signatures).toEqual([`${appImage}.asc`, `${deb}.asc`]);
    for (const file of [appImage, deb]) expect(spawnSync('gpg', ['--batch', '--homedir', home, '--verify', `${file}.asc`, file]).status).toBe(0);
    // A package changed after signing fails the check.
    fs.appendFileSync(deb, 'x');
    expect(spawnSync('gpg', ['--batch', '--homedir', home, '--verify', `${deb}.asc`, deb]).status).not.toBe(0);
    // Without a key: a developer's build stays unsigned; a release refuses.
    expect(await signLinuxArtifacts({ artifactPaths: [appImage] }, {})).toEqual([]);
    await expect(signLinuxArtifacts({ artifactPaths: [appImage] }, { VP_RELEASE: '1' })).rejects.toThrow(/VP_LINUX_SIGNING_KEY/);
  }, 120_000); // two gpg agents start, each taking seconds here
});
