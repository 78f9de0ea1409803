import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from '../../electron/hosts/web/server';
import { seededDesk, tempDir, type TestDesk } from '../support/desk';

let desk: TestDesk;
let host: WebHost;
let staticDir: string;

beforeAll(async () => {
  desk = await seededDesk({ requests: 10 });
  staticDir = tempDir('vp-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, 'assets', 'index-D9h7fg_q.js'), 'console.log(2)');
  host = await startWebHost({ core: desk.core, staticDir });
});
afterAll(async () => {
  await host.close();
  desk.dispose();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** Raw HTTP so that the Host header and paths are sent exactly as written. */
function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const callHeaders = (token = host.token) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });
const apiCall = (envelope: unknown, headers = callHeaders()) =>
  request({ path: '/api/call', method: 'POST', headers, body: JSON.stringify(envelope) });

describe('browser host', () => {
  it('listens on the loopback address only and prints a URL carrying the launch token in the fragment', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#launch=[\\w-]{43}$`));
  });

  it('runs a contract call for the holder of the launch token', async () => {
    const r = await apiCall({ call: 'system.info', input: {}, session: null });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { agency: { code: 'UIO' } } });
  });

  it('refuses a call without the launch token or with a wrong one', async () => {
    for (const token of ['', 'x'.repeat(43)]) {
      const r = await apiCall({ call: 'system.info', input: {}, session: null }, callHeaders(token));
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    const r = await request({ path: '/api/call', method: 'POST', headers: { ...callHeaders(), Host: 'evil.example:80' }, body: '{}' });
    expect(r.status).toBe(421);
  });

  it('answers malformed bodies with Spanish messages', async () => {
    const notJson = await request({ path: '/api/call', method: 'POST', headers: callHeaders(), body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toBe('Los datos enviados no son un JSON válido.');
    const wrongShape = await apiCall({ name: 'system.info' });
    expect(wrongShape.status).toBe(400);
    const text = await request({ path: '/api/call', method: 'POST', headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
  });

  it('carries the session token to the core', async () => {
    const login = JSON.parse((await apiCall({ call: 'session.login', input: { username: 'ventanilla1', password: 'Ventanilla.Demo.2026' }, session: null })).body);
    const current = await apiCall({ call: 'session.current', input: {}, session: login.value.token });
    expect(JSON.parse(current.body)).toMatchObject({ ok: true, value: { user: { username: 'ventanilla1' } } });
  });

  it('serves the app with a strict CSP and never a file outside its folder', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe/);
    expect((await request({ path: '/assets/app.js' })).headers['content-type']).toContain('text/javascript');
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc%2fpasswd.js']) {
      const r = await request({ path: p });
      expect(r.body, p).not.toContain('root:');
    }
    expect((await request({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it('lets the browser keep only the files the build names by their content; the page and every answer are no-store', async () => {
    const hashed = await request({ path: '/assets/index-D9h7fg_q.js' });
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers['content-security-policy']).toContain("script-src 'self'");
    for (const p of ['/', '/index.html', '/solicitudes/123', '/assets/app.js', '/assets/index-D9h7fg_q.js.map', '/assets/falta-D9h7fg_q.js']) {
      expect((await request({ path: p })).headers['cache-control'], p).toBe('no-store');
    }
    const answer = await apiCall({ call: 'system.info', input: {}, session: null });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('answers a body over the limit with 413 and its Spanish message, not a reset connection', async () => {
    const envelope = JSON.stringify({ call: 'system.info', input: { pad: 'x'.repeat(MAX_BODY_BYTES) }, session: null });
    const raw = await request({ path: '/api/call', method: 'POST', headers: callHeaders(), body: envelope });
    expect(raw.status).toBe(413);
    expect(JSON.parse(raw.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: 'Los datos enviados superan el tamaño máximo permitido.' } });
    // As the renderer sends it (fetch), without a declared length up front.
    const streamed = await fetch(`http://127.0.0.1:${host.port}/api/call`, {
      method: 'POST',
      headers: callHeaders(),
      body: new Blob([envelope]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { message: string } }).error.message).toBe('Los datos enviados superan el tamaño máximo permitido.');
    // The host still answers.
    expect((await apiCall({ call: 'system.info', input: {}, session: null })).status).toBe(200);
  });
});
