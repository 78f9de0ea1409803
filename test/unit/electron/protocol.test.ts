import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, resolveAppFile } from '../../../electron/hosts/desktop/protocol';

// <tmp>/renderer is served; <tmp>/secret.txt sits right next to it and must stay unreachable.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-protocol-'));
const root = path.join(tmp, 'renderer');

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Ventanilla</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'app-1a2b.css'), 'body{}');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'SECRETO');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)({ url, method });

describe('app:// protocol handler', () => {
  it('serves index.html for the root, with its MIME type and the CSP', async () => {
    const res = await get('app://ventanilla/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Ventanilla</title>');
  });

  it('serves assets with their MIME type', async () => {
    const js = await get('app://ventanilla/assets/app-1a2b.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('app://ventanilla/assets/app-1a2b.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to the app for client-side routes, not for missing assets', async () => {
    const route = await get('app://ventanilla/solicitudes/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>');
    expect((await get('app://ventanilla/assets/missing.js')).status).toBe(404);
  });

  it.each([
    'app://ventanilla/../secret.txt',
    'app://ventanilla/%2e%2e/secret.txt',
    'app://ventanilla/..%2fsecret.txt',
    'app://ventanilla/%2e%2e%2fsecret.txt',
    'app://ventanilla/assets/..%2f..%2fsecret.txt',
    'app://ventanilla/..%5csecret.txt',
    `app://ventanilla/${encodeURIComponent(path.join(tmp, 'secret.txt'))}`,
    'app://ventanilla/../../etc/passwd',
    'app://ventanilla/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://ventanilla/index.html%00.js',
    'app://ventanilla/%E0%A4%A',
  ])('never reads outside the renderer folder: %s', async (url) => {
    const readFile = vi.fn((file: string) => fs.promises.readFile(file));
    const res = await createAppProtocolHandler(root, readFile)({ url, method: 'GET' });
    const body = await res.text();
    expect(body).not.toContain('SECRETO');
    for (const [file] of readFile.mock.calls) expect(file.startsWith(root + path.sep), file).toBe(true);
  });

  it('answers the encoded-separator escape with 404', async () => {
    expect((await get('app://ventanilla/..%2fsecret.txt')).status).toBe(404);
    expect(resolveAppFile(root, 'app://ventanilla/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(root, 'app://ventanilla/assets/app-1a2b.js')).toBe(path.join(root, 'assets', 'app-1a2b.js'));
  });

  it('serves nothing for another host or a look-alike origin', async () => {
    for (const url of ['app://ventanilla.evil/index.html', 'app://ventanilla@evil/index.html', 'app://evil/index.html']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get('app://ventanilla/', 'POST')).status).toBe(405);
    const head = await get('app://ventanilla/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
