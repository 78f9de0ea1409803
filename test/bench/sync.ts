// Sync metrics over loopback with the stand-in central: push and pull of 10,000 events (target
// ≤ 5 s each) and what a full outbox (100,000 unacknowledged items) adds to a local change
// (target ≤ 1 ms), measured on the real core calls.
import fs from 'node:fs';
import path from 'node:path';
import { ecuadorDate } from '../../shared/domain/dates';
import { seedDemo } from '../../db/seed/demo';
import { appendOutbox } from '../../electron/core/counter/store';
import { type OpenedCore } from '../../electron/core/open';
import { openDesk } from '../../electron/hosts/common/open-desk';
import type { Auth } from '../../electron/core/registry';
import { syncOnce } from '../../electron/core/sync';
import { centralAdmin } from '../central/admin';
import { startCentral, type CentralServer } from '../central/server';
import { fabricateEvents } from '../integration/sync/support';
import { percentile, type MetricFactory } from './harness';

const WARM_UP = 20;
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };

async function desk(dir: string): Promise<OpenedCore> {
  const opened = openDesk({ dataDir: dir, host: 'cli' });
  await seedDemo(opened.core.ctx.db.$client, { requests: 10, now: Date.now() });
  return opened;
}

async function enrol(d: OpenedCore, c: CentralServer): Promise<void> {
  const code = await centralAdmin(c.url).enrolmentCode('UIO');
  const r = await d.core.call('sync.enrol', { centralUrl: c.url, enrolmentCode: code, deviceName: 'bench' }, ADMIN);
  if (!r.ok) throw new Error(r.error.message);
}

async function timedSync(d: OpenedCore): Promise<number> {
  const t0 = performance.now();
  const r = await syncOnce(d.core.ctx);
  if (!r.ok) throw new Error(`sync failed: ${r.error}`);
  return (performance.now() - t0) / 1000;
}

export const syncMetrics: MetricFactory = ({ smoke, workDir }) => {
  const events = smoke ? 500 : 10_000;
  const backlog = smoke ? 2_000 : 100_000;
  const rounds = smoke ? 5 : 300;
  const label = smoke ? '(smoke)' : '';
  let loopback: Promise<{ push: number; pull: number }> | null = null;

  async function pushAndPull() {
    const root = path.join(workDir, 'sync-loopback');
    fs.mkdirSync(root, { recursive: true });
    const c = await startCentral({ dataDir: path.join(root, 'central') });
    await centralAdmin(c.url).options({ autoConfirm: false });
    const a = await desk(path.join(root, 'a'));
    const b = await desk(path.join(root, 'b'));
    try {
      await enrol(a, c);
      await enrol(b, c);
      fabricateEvents(a.core.ctx.db.$client, events / 5);
      // Push: desk A sends its events; nothing comes back to pull (its own are not echoed).
      const push = await timedSync(a);
      // Pull: desk B receives A's requests and their transitions, applied through the lifecycle.
      const pull = await timedSync(b);
      const mirrored = (b.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM sync_mirrors').get() as { n: number }).n;
      if (mirrored !== events / 5) throw new Error(`pull mirrored ${mirrored} requests, expected ${events / 5}`);
      return { push, pull };
    } finally {
      a.close();
      b.close();
      await c.close();
    }
  }

  async function localChange(): Promise<{ value: number; detail: string }> {
    const d = await desk(path.join(workDir, 'sync-backlog'));
    try {
      const sqlite = d.core.ctx.db.$client;
      const today = ecuadorDate(Date.now());
      const insert = sqlite.prepare("INSERT INTO appointments (id, agency_id, date, time, confirmation_code, cedula, names, status) VALUES (?, 'agency-uio', ?, '12:00', ?, '1714307103', 'Peña Muñoz Begoña', 'pendiente')");
      sqlite.transaction(() => {
        for (let i = 0; i < 2 * rounds + WARM_UP; i++) insert.run(`bench-${i}`, today, `SYNC${String(i).padStart(6, '0')}`);
      })();
      // A check-in creates a request and appends its outbox event in the same transaction.
      const checkIns = async (from: number, count = rounds) => {
        const samples: number[] = [];
        for (let i = from; i < from + count; i++) {
          const t0 = performance.now();
          const r = await d.core.call('appointments.checkIn', { query: `SYNC${String(i).padStart(6, '0')}` }, CLERK);
          samples.push(performance.now() - t0);
          if (!r.ok) throw new Error(r.error.message);
        }
        return samples.sort((x, y) => x - y);
      };
      await checkIns(2 * rounds, WARM_UP); // prepared statements and page cache warm
      sqlite.prepare('UPDATE outbox SET acked_at = 1').run();
      const before = await checkIns(0);
      const requestId = (sqlite.prepare('SELECT id FROM requests LIMIT 1').get() as { id: string }).id;
      sqlite.transaction(() => {
        for (let i = 0; i < backlog; i++) appendOutbox(sqlite, { agencyId: 'agency-uio', requestId, type: 'request.transition', payload: { event: 'aprobar', from: 'pendiente_revision', to: 'aprobada', at: i }, now: Date.now() });
      })();
      const after = await checkIns(rounds);
      const p50b = percentile(before, 50);
      const p50a = percentile(after, 50);
      return { value: Math.max(0, p50a - p50b), detail: `check-in p50 ${p50b.toFixed(2)} ms con outbox vacío → ${p50a.toFixed(2)} ms con ${backlog.toLocaleString('es-EC')} pendientes; p95 ${percentile(after, 95).toFixed(2)} ms` };
    } finally {
      d.close();
    }
  }

  return [
    { name: `sync: push de ${events.toLocaleString('es-EC')} eventos por loopback ${label}`.trim(), key: 'sync.push_loopback', unit: 's', target: { op: '<=', value: 5 }, run: async () => ({ value: (await (loopback ??= pushAndPull())).push }) },
    { name: `sync: pull de ${events.toLocaleString('es-EC')} eventos por loopback ${label}`.trim(), key: 'sync.pull_loopback', unit: 's', target: { op: '<=', value: 2 }, run: async () => ({ value: (await (loopback ??= pushAndPull())).pull }) },
    { name: `sync: latencia añadida a un cambio local con ${backlog.toLocaleString('es-EC')} en el outbox ${label}`.trim(), key: 'sync.local_change_latency', unit: 'ms', target: { op: '<=', value: 1 }, run: localChange },
  ];
};
