// The core off the host's thread (electron/hosts/common/core-worker.ts, core-client.ts,
// reader-pool.ts): a real seeded data directory, the real worker threads. A reader is held on a
// shared flag, as a long scan would hold it, so that "a light call is answered while a heavy one
// is in progress" is shown by the order of events, never by timing.
import Database from 'better-sqlite3';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../db/open';
import { silentLogger } from '../../electron/core/context';
import { CORE_RESTARTED_MESSAGE, type CoreClient } from '../../electron/hosts/common/core-client';
import { startDeskWorker } from '../../electron/hosts/common/core-thread';
import { READ_CANCELLED_MESSAGE } from '../../electron/hosts/common/reader-pool';
import type { Auth } from '../../electron/core/registry';
import { seededDesk } from '../support/desk';

let dataDir: string;
let hold: Int32Array;
let client: CoreClient;

beforeAll(async () => {
  const desk = await seededDesk({ requests: 60 });
  dataDir = desk.dataDir;
  desk.close();
  const buffer = new SharedArrayBuffer(4);
  hold = new Int32Array(buffer);
  release();
  client = startDeskWorker({ dataDir, host: 'web', log: silentLogger, servicesPaused: true, readers: 1, holdReaders: buffer });
  await client.ready;
}, 60_000);

afterAll(async () => {
  await client?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function holdReaders(): void {
  Atomics.store(hold, 0, 0);
}
function release(): void {
  Atomics.store(hold, 0, 1);
  Atomics.notify(hold, 0);
}

async function login(username: string, password: string): Promise<Auth> {
  const r = await client.call('session.login', { username, password }, { kind: 'session', token: null });
  if (!r.ok) throw new Error(r.error.message);
  return { kind: 'session', token: (r.value as { token: string }).token };
}

const YEAR = { from: '2025-11-21', to: '2026-11-20' };

describe('the core in a worker', () => {
  it('answers a light call and a save while a heavy read is in progress in a reader', async () => {
    const supervisor = await login('supervisora', 'Super.Demo.2026');
    const clerk = await login('ventanilla1', 'Ventanilla.Demo.2026');
    holdReaders();
    const order: string[] = [];
    const heavy = client.call('dashboard.stats', YEAR, supervisor).then((r) => (order.push('heavy'), r));
    const light = await client.call('status.summary', {}, clerk);
    order.push('light');
    const open = await client.call('requests.myOpen', {}, clerk);
    order.push('light');
    expect(light.ok && open.ok).toBe(true);
    // Both light calls were answered while the heavy one was still held in its reader.
    expect(order).toEqual(['light', 'light']);
    release();
    const stats = await heavy;
    expect(stats).toMatchObject({ ok: true, value: { perDay: expect.any(Array) } });
    expect(order).toEqual(['light', 'light', 'heavy']);
  });

  it('renders form previews in a reader: a save is answered while the previews are held there', async () => {
    const admin = await login('admin', 'Admin.Demo.2026');
    const clerk = await login('ventanilla1', 'Ventanilla.Demo.2026');
    holdReaders();
    const order: string[] = [];
    const previews = client
      .call('forms.checkTemplate', { kind: 'acuerdo', title: 'ACUERDO DE RESPONSABILIDAD (prueba)', paragraphs: ['Texto de prueba {{employer.legalName}}.', '[tercero] Tercero {{thirdParty.names}}.', '[sin-tercero] Sin tercero.'] }, admin)
      .then((r) => (order.push('previews'), r));
    const light = await client.call('status.summary', {}, clerk);
    order.push('light');
    expect(light.ok).toBe(true);
    expect(order).toEqual(['light']);
    release();
    const checked = await previews;
    expect(checked).toMatchObject({ ok: true, value: { kind: 'acuerdo', previews: [{ pdfBase64: expect.stringMatching(/^JVBERi0/) }, { pdfBase64: expect.stringMatching(/^JVBERi0/) }] } });
    expect(order).toEqual(['light', 'previews']);
  });

  it('keeps roles and audit at the one door: a clerk is refused, a heavy read is audited by the writer', async () => {
    const clerk = await login('ventanilla1', 'Ventanilla.Demo.2026');
    expect(await client.call('dashboard.stats', YEAR, clerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const supervisor = await login('supervisora', 'Super.Demo.2026');
    const file = await client.call('reports.endOfDayFile', { date: '2026-11-20', format: 'csv' }, supervisor);
    expect(file).toMatchObject({ ok: true, value: { mime: expect.stringContaining('csv') } });
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    const rows = db.prepare("SELECT call, target, outcome FROM audit_log WHERE call IN ('reports.endOfDayFile', 'dashboard.stats') ORDER BY seq").all();
    db.close();
    expect(rows).toEqual([{ call: 'reports.endOfDayFile', target: 'report:end-of-day:2026-11-20', outcome: 'ok' }]);
  });

  it('cancels a heavy read whose screen is gone, and the next one runs on a fresh reader', async () => {
    const supervisor = await login('supervisora', 'Super.Demo.2026');
    holdReaders();
    const gone = new AbortController();
    const heavy = client.call('dashboard.stats', YEAR, supervisor, { signal: gone.signal });
    // A light call answered proves the heavy one reached its reader first (messages keep their order).
    await client.call('status.summary', {}, supervisor);
    gone.abort();
    expect(await heavy).toEqual({ ok: false, error: { code: 'unavailable', message: READ_CANCELLED_MESSAGE } });
    release();
    expect(await client.call('dashboard.stats', YEAR, supervisor)).toMatchObject({ ok: true });
  });

  it('answers the calls in flight when the worker dies, restarts it, and the session still works', async () => {
    const supervisor = await login('supervisora', 'Super.Demo.2026');
    const before = client.restarts();
    holdReaders();
    const heavy = client.call('dashboard.stats', YEAR, supervisor);
    await client.call('status.summary', {}, supervisor);
    client.crash();
    expect(await heavy).toEqual({ ok: false, error: { code: 'unavailable', message: CORE_RESTARTED_MESSAGE } });
    release();
    // The next call waits for the new worker, on the same database: the session is still there.
    expect(await client.call('status.summary', {}, supervisor)).toMatchObject({ ok: true, value: { user: { username: 'supervisora' } } });
    expect(client.restarts()).toBe(before + 1);
    expect(await client.call('dashboard.stats', YEAR, supervisor)).toMatchObject({ ok: true });
    // A new worker loads (and, from source, compiles) the whole core again: slow on a busy machine.
  }, 120_000);
});
