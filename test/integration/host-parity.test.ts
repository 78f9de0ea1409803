// Both hosts carry the same envelope to the core and serve the renderer the same way: one
// schema, one MIME table, one set of headers (electron/hosts/common/). The browser host over
// real HTTP and the desktop app's IPC and app:// handlers (Electron itself cannot run here) are
// asked the same things and must answer the same.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/context';
import type { Core } from '../../electron/core/registry';
import { createCallHandler, type SenderEvent } from '../../electron/hosts/desktop/ipc';
import { createAppProtocolHandler } from '../../electron/hosts/desktop/protocol';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { FakeWebContents } from '../unit/electron/fake-electron';
import { seededDesk, tempDir, type TestDesk } from '../support/desk';

let desk: TestDesk;
let web: WebHost;
let staticDir: string;
const FILES = ['index.html', 'assets/app.js', 'assets/app.mjs', 'assets/app.css', 'assets/app.js.map', 'manifest.json', 'logo.svg', 'logo.png', 'foto.jpg', 'foto.webp', 'favicon.ico', 'roboto.woff', 'roboto.woff2', 'roboto.ttf', 'licencias.txt', 'datos.bin'];

beforeAll(async () => {
  desk = await seededDesk({ requests: 5 });
  staticDir = tempDir('vp-static-');
  for (const f of FILES) {
    fs.mkdirSync(path.dirname(path.join(staticDir, f)), { recursive: true });
    fs.writeFileSync(path.join(staticDir, f), `contenido de ${f}`);
  }
  web = await startWebHost({ core: desk.core, staticDir });
});
afterAll(async () => {
  await web.close();
  desk.dispose();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

function get(p: string, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: web.port, path: p, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const postCall = async (envelope: unknown) => {
  const res = await fetch(`http://127.0.0.1:${web.port}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${web.token}` },
    body: JSON.stringify(envelope),
  });
  return res.json();
};

function ipc(core: Pick<Core, 'call'>) {
  const ours = new FakeWebContents('app://ventanilla/index.html');
  const handler = createCallHandler({ core, trusted: () => ours as never, log: silentLogger });
  return (raw: unknown) => handler({ sender: ours, senderFrame: ours.mainFrame } as unknown as SenderEvent, raw);
}

describe('one envelope for both hosts', () => {
  it.each([
    ['well formed, before login', { call: 'system.status', input: {}, session: null }],
    ['an unknown call', { call: 'nada.existe', input: {}, session: null }],
    ['a stale session', { call: 'requests.list', input: {}, session: 'x'.repeat(43) }],
    ['session missing', { call: 'system.status', input: {} }],
    ['session a number', { call: 'system.status', input: {}, session: 7 }],
    ['an extra key', { call: 'system.status', input: {}, session: null, channel: 'otro' }],
    ['an over-long call name', { call: 'x'.repeat(101), input: {}, session: null }],
    ['an array', [1, 2]],
    ['null', null],
  ])('%s: the same answer over HTTP and over IPC', async (_name, envelope) => {
    const overIpc = await ipc(desk.core)(envelope);
    expect(await postCall(envelope)).toEqual(overIpc);
  });

  it('a core that throws is answered as an internal error by both, never thrown', async () => {
    const broken: Pick<Core, 'call'> = { call: () => Promise.reject(new TypeError('defecto')) };
    const host = await startWebHost({ core: broken, staticDir });
    try {
      const res = await fetch(`http://127.0.0.1:${host.port}/api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
        body: JSON.stringify({ call: 'system.status', input: {}, session: null }),
      });
      const overHttp = await res.json();
      expect(overHttp).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(await ipc(broken)({ call: 'system.status', input: {}, session: null })).toEqual(overHttp);
    } finally {
      await host.close();
    }
  });
});

describe('one static-file handler for both hosts', () => {
  const app = (r: { url: string; method: string }) => createAppProtocolHandler(staticDir)(r);
  it.each([...FILES.map((f) => `/${f}`), '/', '/solicitudes/123', '/assets/falta.js', '/../secreto.txt', '/%E0%A4%A', '/index.html%00.js'])(
    '%s: same status, type, headers and body',
    async (p) => {
      const overHttp = await get(p);
      const overApp = await app({ url: `app://ventanilla${p}`, method: 'GET' });
      expect(overApp.status).toBe(overHttp.status);
      expect(await overApp.text()).toBe(overHttp.body);
      for (const name of ['content-type', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'cache-control']) {
        expect(overApp.headers.get(name), name).toBe(overHttp.headers[name]);
      }
    },
  );

  it('types every file of the build', async () => {
    const types = Object.fromEntries(await Promise.all(FILES.map(async (f) => [f, (await get(`/${f}`)).headers['content-type']])));
    expect(types).toEqual({
      'index.html': 'text/html; charset=utf-8',
      'assets/app.js': 'text/javascript; charset=utf-8',
      'assets/app.mjs': 'text/javascript; charset=utf-8',
      'assets/app.css': 'text/css; charset=utf-8',
      'assets/app.js.map': 'application/json; charset=utf-8',
      'manifest.json': 'application/json; charset=utf-8',
      'logo.svg': 'image/svg+xml',
      'logo.png': 'image/png',
      'foto.jpg': 'image/jpeg',
      'foto.webp': 'image/webp',
      'favicon.ico': 'image/x-icon',
      'roboto.woff': 'font/woff',
      'roboto.woff2': 'font/woff2',
      'roboto.ttf': 'font/ttf',
      'licencias.txt': 'text/plain; charset=utf-8',
      'datos.bin': 'application/octet-stream',
    });
  });
});
