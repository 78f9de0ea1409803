// The core worker's restart (electron/hosts/common/core-client.ts, core-worker.ts) keeps the
// host's state: what the updater reported (hostUpdate) and what the screen reported
// (app.setUnsavedWork) are kept on the host's side and given to the worker started after a
// crash (CoreInit.hostState). The screen still has the clerk's unfinished attention, so the
// guard of app.installUpdate ("no update while there is unsaved work") holds across a restart.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger, type HostUpdateState } from '../../electron/core/context';
import type { Auth } from '../../electron/core/registry';
import type { CoreClient } from '../../electron/hosts/common/core-client';
import { startDeskWorker } from '../../electron/hosts/common/core-thread';
import { seededDesk } from '../support/desk';

let dataDir: string;
let client: CoreClient;

beforeAll(async () => {
  const desk = await seededDesk({ requests: 20 });
  dataDir = desk.dataDir;
  desk.close();
  client = startDeskWorker({ dataDir, host: 'electron', log: silentLogger, servicesPaused: true, readers: 0 });
  await client.ready;
}, 60_000);

afterAll(async () => {
  await client?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const DOWNLOADED: HostUpdateState = { state: 'lista', availableVersion: '99.0.0', percent: 100, checkedAt: Date.UTC(2026, 10, 20, 14), message: null };
const WINDOW: Auth = { kind: 'session', token: null };

async function login(): Promise<Auth> {
  const r = await client.call('session.login', { username: 'ventanilla1', password: 'Ventanilla.Demo.2026' }, WINDOW);
  if (!r.ok) throw new Error(r.error.message);
  return { kind: 'session', token: (r.value as { token: string }).token };
}

it('after a core restart, app.installUpdate still refuses while the screen has unsaved work', async () => {
  const clerk = await login();
  client.hostUpdate(DOWNLOADED);
  expect(await client.call('app.setUnsavedWork', { unsaved: true }, WINDOW)).toEqual({ ok: true, value: {} });
  const before = await client.call('app.updateStatus', {}, clerk);
  expect(before).toMatchObject({ ok: true, value: { state: 'lista', unsavedWork: true } });
  expect(await client.call('app.installUpdate', {}, clerk)).toMatchObject({ ok: false, error: { code: 'conflict' } });

  const restarts = client.restarts();
  client.crash();
  // A call posted while the old worker is ending is answered 'unavailable' (as one in flight);
  // the screen reads again, as it does, until the new worker answers.
  let after = await client.call('app.updateStatus', {}, clerk);
  while (!after.ok && after.error.code === 'unavailable') after = await client.call('app.updateStatus', {}, clerk);
  expect(client.restarts()).toBe(restarts + 1);
  // The window did not change: it still has the unfinished attention and the host the download.
  expect.soft(after).toEqual(before);

  // Even once the updater reports again (its next check), the install must wait for the screen.
  client.hostUpdate(DOWNLOADED);
  expect(await client.call('app.installUpdate', {}, clerk)).toMatchObject({ ok: false, error: { code: 'conflict' } });
}, 120_000);
