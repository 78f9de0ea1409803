// The browser host in a child process (test/support/web-host-child.ts) over a seeded data
// directory: for tests that must see whether a request ends the process.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { tempDir } from './desk';
import { placeDemoPki } from './seed-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface HostProcess {
  dataDir: string;
  staticDir: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** What the process wrote to stderr (its log lines). */
  stderr(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

/** Seeds a desk once (the demo agency, `requests` requests) and returns its data directory. */
export function seedDataDir(requests = 10): string {
  const dataDir = tempDir('vp-host-');
  placeDemoPki(dataDir);
  const r = spawnSync(TSX, ['db/seed/cli.ts', '--data-dir', dataDir, '--requests', String(requests)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
  return dataDir;
}

/** A static folder like dist/renderer: index.html and one asset. */
export function staticFolder(): string {
  const dir = tempDir('vp-static-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

export async function startHostProcess(dataDir: string, staticDir = staticFolder()): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/web-host-child.ts', '--data-dir', dataDir, '--static-dir', staticDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let exited = false;
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.on('exit', () => (exited = true));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out} ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[1]!));
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${err}`)));
  });
  return {
    dataDir,
    staticDir,
    port: Number(url.port),
    token: url.hash.replace('#launch=', ''),
    child,
    stderr: () => err,
    alive: () => !exited && child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Raw HTTP, so that paths and headers are sent exactly as written (no client normalisation). */
export function rawRequest(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
