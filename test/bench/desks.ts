// An agency of many desks against central over loopback. Central runs in its own process (as it
// would on its own server) and measures each push it serves; the desks, each with its own SQLite,
// push from this process with the real client (sync/push.ts, sync/pull.ts).
//   - 50 desks push 1,000 events each, all at once: events per second overall, and the push p95
//     at central (500 events per push);
//   - a desk back from a day offline pulls 10,000 events of the other desks: ≤ 2 s.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../db/seed/demo';
import type { OpenedCore } from '../../electron/core/open';
import { eventSigner } from '../../electron/core/sync/signing';
import type { Auth } from '../../electron/core/registry';
import { pullAll } from '../../electron/core/sync/pull';
import { pushAll } from '../../electron/core/sync/push';
import { readSyncState } from '../../electron/core/sync/state';
import { TOKEN_SECRET } from '../../electron/core/sync';
import { getSetting } from '../../electron/core/settings';
import { openDesk } from '../../electron/hosts/common/open-desk';
import { centralAdmin } from '../central/admin';
import { fabricateEvents } from '../integration/sync/support';
import { percentile, type MetricFactory } from './harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const TIMEOUT_MS = 120_000;
const BIG = 256 * 1_048_576;

interface RemoteCentral {
  url: string;
  stop(): Promise<void>;
}

/** `npm run central` in a child process; resolves once it listens. */
function startCentralProcess(dataDir: string): Promise<RemoteCentral> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.VP_CENTRAL_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.VP_CENTRAL_PROF] : []), '--import', 'tsx', path.join(ROOT, 'test/central/main.ts'), '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`central exited ${code}: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      const m = /en (http:\/\/127\.0\.0\.1:\d+)/.exec(d.toString());
      if (m) {
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** A seeded desk copied `count` times (seeding each would dominate), each opened and enrolled. */
async function agencyOfDesks(root: string, template: string, count: number, url: string, tag: string): Promise<OpenedCore[]> {
  const desks: OpenedCore[] = [];
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, `${tag}-${i}`);
    fs.cpSync(template, dir, { recursive: true });
    const d = openDesk({ dataDir: dir, host: 'cli' });
    const code = await centralAdmin(url).enrolmentCode('UIO');
    const r = await d.core.call('sync.enrol', { centralUrl: url, enrolmentCode: code, deviceName: `${tag} ${i + 1}` }, ADMIN);
    if (!r.ok) throw new Error(r.error.message);
    desks.push(d);
  }
  return desks;
}

const target = (d: OpenedCore) => ({ url: getSetting(d.core.ctx.db, 'centralUrl')!, token: d.core.ctx.secrets.get(TOKEN_SECRET)! });

async function pushConcurrently(desks: OpenedCore[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(desks.map((d) => pushAll(d.core.ctx.db.$client, target(d), Date.now, { batchSize: 500, timeoutMs: TIMEOUT_MS, maxResponseBytes: BIG, dataDir: d.core.ctx.dataDir, sign: eventSigner(d.core.ctx.secrets) })));
  return (performance.now() - t0) / 1000;
}

/** Wall time of one desk's pull, and the CPU time it took here (central's is in its own process). */
async function timedPull(d: OpenedCore): Promise<{ wall: number; cpu: number }> {
  const sqlite = d.core.ctx.db.$client;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const agencyId = 'agency-uio';
  await pullAll(sqlite, target(d), { dataDir: d.core.ctx.dataDir, agencyId, deviceId: readSyncState(sqlite).deviceId!, stationCode: readSyncState(sqlite).stationCode }, { now: Date.now }, { pageSize: 1000, timeoutMs: TIMEOUT_MS, maxResponseBytes: BIG });
  const cpu = process.cpuUsage(cpu0);
  return { wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

interface Measured {
  eventsPerSecond: number;
  wallSeconds: number;
  pushP95: number;
  pushP50: number;
  pushes: number;
  pulls: number[];
  pullCpu: number[];
}

export const desksMetrics: MetricFactory = ({ smoke, workDir }) => {
  const deskCount = smoke ? 4 : 50;
  const perDesk = smoke ? 100 : 1_000;
  const pullEvents = smoke ? 500 : 10_000;
  const observers = smoke ? 1 : 3;
  let measured: Promise<Measured> | null = null;

  async function measure(): Promise<Measured> {
    const root = path.join(workDir, 'desks');
    const template = path.join(root, 'plantilla');
    fs.mkdirSync(template, { recursive: true });
    const seeded = openDesk({ dataDir: template, host: 'cli' });
    await seedDemo(seeded.core.ctx.db.$client, { requests: 0, now: Date.now() });
    seeded.close();
    const opened: OpenedCore[] = [];
    const centrals: RemoteCentral[] = [];
    try {
      // 1. Many desks push at once.
      const c1 = await startCentralProcess(path.join(root, 'central-1'));
      centrals.push(c1);
      await centralAdmin(c1.url).options({ autoConfirm: false });
      const desks = await agencyOfDesks(root, template, deskCount, c1.url, 'push');
      opened.push(...desks);
      desks.forEach((d, i) => fabricateEvents(d.core.ctx.db.$client, perDesk / 5, { prefix: `P${i}x` }));
      await fetch(`${c1.url}/admin/metrics/reset`, { method: 'POST' });
      const wall = await pushConcurrently(desks);
      const at = (await (await fetch(`${c1.url}/admin/metrics`)).json()) as { pushes: number; events: number; p50Ms: number; p95Ms: number };
      if (at.events !== deskCount * perDesk) throw new Error(`central received ${at.events} events, expected ${deskCount * perDesk}`);

      // 2. Desks back from a day offline pull what the others sent meanwhile.
      const c2 = await startCentralProcess(path.join(root, 'central-2'));
      centrals.push(c2);
      await centralAdmin(c2.url).options({ autoConfirm: false });
      const watchers = await agencyOfDesks(root, template, observers, c2.url, 'pull');
      const senders = await agencyOfDesks(root, template, pullEvents / 1000 || 1, c2.url, 'send');
      opened.push(...watchers, ...senders);
      senders.forEach((d, i) => fabricateEvents(d.core.ctx.db.$client, pullEvents / senders.length / 5, { prefix: `S${i}x` }));
      await pushConcurrently(senders);
      // One after the other: the figure is one desk's, not the machine shared by several.
      const timed: { wall: number; cpu: number }[] = [];
      for (const w of watchers) timed.push(await timedPull(w));
      const mirrored = watchers[0]!.core.ctx.db.$client.prepare('SELECT count(*) AS n FROM sync_mirrors').pluck().get() as number;
      if (mirrored !== pullEvents / 5) throw new Error(`pull mirrored ${mirrored} requests, expected ${pullEvents / 5}`);
      return { eventsPerSecond: (deskCount * perDesk) / wall, wallSeconds: wall, pushP95: at.p95Ms, pushP50: at.p50Ms, pushes: at.pushes, pulls: timed.map((t) => t.wall).sort((a, b) => a - b), pullCpu: timed.map((t) => t.cpu).sort((a, b) => a - b) };
    } finally {
      for (const d of opened) d.close();
      await Promise.all(centrals.map((c) => c.stop()));
    }
  }

  const label = smoke ? ' (smoke)' : '';
  const once = () => (measured ??= measure());
  return [
    {
      name: `desks: ${deskCount} estaciones envían ${perDesk.toLocaleString('es-EC')} eventos cada una, a la vez${label}`,
      unit: 'eventos/s',
      target: { op: '>=', value: 2_000 },
      run: async () => {
        const m = await once();
        return { value: m.eventsPerSecond, detail: `${(deskCount * perDesk).toLocaleString('es-EC')} eventos en ${m.wallSeconds.toFixed(1)} s; carga del equipo ${os.loadavg()[0]!.toFixed(1)}` };
      },
    },
    {
      name: `desks: p95 de un push en el servicio central (${deskCount} estaciones a la vez, 500 eventos por push)${label}`,
      unit: 'ms',
      target: { op: '<=', value: 2_000 },
      run: async () => {
        const m = await once();
        return { value: m.pushP95, detail: `p50 ${m.pushP50.toFixed(0)} ms en ${m.pushes} pushes` };
      },
    },
    {
      name: `desks: pull de ${pullEvents.toLocaleString('es-EC')} eventos por estación${label}`,
      unit: 's',
      target: { op: '<=', value: 2 },
      run: async () => {
        const m = await once();
        return { value: m.pulls.at(-1)!, detail: `${m.pulls.length} estaciones, mediana ${percentile(m.pulls, 50).toFixed(2)} s; CPU de la estación ${percentile(m.pullCpu, 50).toFixed(2)} s` };
      },
    },
  ];
};
