// No input to the browser host may end its process: a request that makes a handler throw is
// answered and logged, and the next request is served as usual.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, seedDataDir, startHostProcess, type HostProcess } from '../support/web-host';

let host: HostProcess;

beforeAll(async () => {
  host = await startHostProcess(seedDataDir());
}, 120_000);
afterAll(async () => {
  await host?.stop();
  for (const dir of [host?.dataDir, host?.staticDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the browser host survives what it is sent', () => {
  it.each(['/%00', '/index.html%00.js', '/assets/%00/app.js', '/%00%00', '//', '//x:y'])('GET %s is refused and the host keeps serving', async (path) => {
    const r = await rawRequest(host.port, { path });
    expect([400, 404]).toContain(r.status);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(host.alive()).toBe(true);
    const index = await rawRequest(host.port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>app</title>');
  });
});
