// @ts-check
// electron-builder's afterAllArtifactBuild hook (build/electron-builder.yml): signs the Linux
// packages. electron-builder signs Windows executables itself (signtool, certificate from
// CSC_LINK / WIN_CSC_LINK) but has nothing for an AppImage or a .deb, so each one gets a detached
// OpenPGP signature (<file>.asc) that IT checks with the IESS public key before installing
// (gpg --verify ventanilla-patronal-….AppImage.asc), and the .asc files are published with them.
//
// The key comes from the environment at build time, never from the repository:
//   VP_LINUX_SIGNING_KEY         the armoured secret key (or that text in base64);
//   VP_LINUX_SIGNING_PASSPHRASE  its passphrase, if it has one.
// It is imported into a throwaway GnuPG home that is deleted afterwards. Without a key the
// packages stay unsigned (a developer's build) with a warning; with VP_RELEASE=1 that is an error.
//
// Plain JavaScript (checked by TypeScript through @ts-check): electron-builder loads hooks with
// import(), which cannot load a .ts file.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';

const SIGNED = /\.(AppImage|deb)$/;

/**
 * @param {string[]} args
 * @param {{ home: string, input?: string }} opts
 */
function gpg(args, opts) {
  const r = spawnSync('gpg', ['--batch', '--yes', '--homedir', opts.home, ...args], { input: opts.input, encoding: 'utf8' });
  if (r.error) throw new Error(`No se pudo ejecutar gpg para firmar los paquetes de Linux: ${r.error.message}. Instale GnuPG (apt-get install gnupg).`);
  if (r.status !== 0) throw new Error(`gpg falló al firmar los paquetes de Linux: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}`);
  return r.stdout;
}

/**
 * The armoured key, whether the variable holds it as is or in base64 (CI secrets often are).
 * @param {string} value
 */
function armouredKey(value) {
  const text = value.includes('BEGIN PGP') ? value : Buffer.from(value, 'base64').toString('utf8');
  if (!text.includes('BEGIN PGP PRIVATE KEY BLOCK')) throw new Error('VP_LINUX_SIGNING_KEY no contiene una clave privada OpenPGP en formato armored (-----BEGIN PGP PRIVATE KEY BLOCK-----).');
  return text;
}

/**
 * Signs every .AppImage and .deb among the artifacts; answers the signature files, which
 * electron-builder then treats as artifacts too.
 * @param {{ artifactPaths: string[] }} buildResult
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<string[]>}
 */
export default async function signLinuxArtifacts(buildResult, env = process.env) {
  const files = buildResult.artifactPaths.filter((f) => SIGNED.test(f));
  if (files.length === 0) return [];
  const key = env.VP_LINUX_SIGNING_KEY;
  if (!key) {
    if (env.VP_RELEASE === '1') throw new Error('Compilación de entrega (VP_RELEASE=1) sin VP_LINUX_SIGNING_KEY: los paquetes de Linux no pueden publicarse sin firma.');
    process.stderr.write('AVISO: sin VP_LINUX_SIGNING_KEY, los paquetes de Linux quedan SIN FIRMA (solo para pruebas).\n');
    return [];
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-gpg-'));
  try {
    fs.chmodSync(home, 0o700);
    gpg(['--import'], { home, input: armouredKey(key) });
    const passphrase = env.VP_LINUX_SIGNING_PASSPHRASE ?? '';
    const signatures = [];
    for (const file of files) {
      const asc = `${file}.asc`;
      gpg(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--armor', '--detach-sign', '--output', asc, file], { home, input: `${passphrase}\n` });
      signatures.push(asc);
    }
    return signatures;
  } finally {
    // gpg started an agent for this home: stop it before its home goes.
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
    fs.rmSync(home, { recursive: true, force: true });
  }
}
