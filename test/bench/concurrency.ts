// Concurrency: light calls timed while a heavy call loops, both through the core's worker as
// the hosts run it (electron/hosts/common/core-client.ts, reader workers for heavy reads). The
// target: a light call (the status bar's status.summary, a keystroke's requests.saveDraft) p99
// ≤ 20 ms whatever heavy work runs meanwhile (dashboard of a year, the end-of-day PDF, a backup
// check, PDF previews). Before the worker, a light call waited for the whole heavy call.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { silentLogger } from '../../electron/core/context';
import type { Auth } from '../../electron/core/registry';
import { startDeskWorker } from '../../electron/hosts/common/core-thread';
import type { CoreClient } from '../../electron/hosts/common/core-client';
import { DAY_MS, ecuadorDate } from '../../shared/domain/dates';
import { openReadOnly } from '../../db/open';
import { seedDemo } from '../../db/seed/demo';
import { openDesk } from '../../electron/hosts/common/open-desk';
import { syncOnce } from '../../electron/core/sync';
import { centralAdmin } from '../central/admin';
import { fabricateEvents } from '../integration/sync/support';
import { percentile, type Metric, type MetricFactory } from './harness';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
const days = (n: number) => ecuadorDate(Date.now() - n * DAY_MS);

type Heavy = { key: string; label: string; call: (core: CoreClient) => Promise<unknown> };

async function must(core: CoreClient, name: string, input: unknown, auth: Auth): Promise<unknown> {
  const r = await core.call(name, input, auth);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

export const concurrencyMetrics: MetricFactory = ({ smoke, seeded, workDir }) => {
  // Smoke: a handful of light calls around one heavy call; the real run times 5 s per loop.
  const windowMs = smoke ? 0 : 5_000;
  const minLight = smoke ? 5 : 100;
  let shared: Promise<{ core: CoreClient; draft: { id: string; version: number; intake: unknown } | null; backup: string }> | null = null;
  const open = () =>
    (shared ??= (async () => {
      const { dataDir } = await seeded();
      const core = startDeskWorker({ dataDir, host: 'cli', log: silentLogger, servicesPaused: true });
      await core.ready;
      // A backup to check, in a folder of this run.
      const dir = path.join(workDir, 'respaldos');
      fs.mkdirSync(dir, { recursive: true });
      const config = (await must(core, 'config.get', {}, ADMIN)) as { config: Record<string, unknown> & { backup: Record<string, unknown> } };
      await must(core, 'config.update', { ...config.config, backup: { ...config.config.backup, dir } }, ADMIN);
      await must(core, 'backup.run', {}, ADMIN);
      const backup = fs.readdirSync(dir).find((n) => n.startsWith('respaldo-'))!;
      // A draft of the clerk's to save, as the intake does every half second.
      const open = (await must(core, 'requests.myOpen', {}, CLERK)) as { items: { id: string }[] };
      let draft: { id: string; version: number; intake: unknown } | null = null;
      for (const item of open.items) {
        const detail = (await must(core, 'requests.get', { id: item.id }, CLERK)) as { state: string; version: number; intake: unknown };
        if (detail.state === 'borrador') {
          draft = { id: item.id, version: detail.version, intake: detail.intake };
          break;
        }
      }
      return { core, draft, backup };
    })());

  const heavies: Heavy[] = [
    { key: 'dashboard_1y', label: 'dashboard.stats de un año', call: (core) => must(core, 'dashboard.stats', { from: days(364), to: days(0) }, SUPERVISOR) },
    { key: 'end_of_day_pdf', label: 'PDF del cierre del día', call: (core) => must(core, 'reports.endOfDayFile', { date: days(0), format: 'pdf' }, SUPERVISOR) },
    {
      key: 'backup_verify',
      label: 'verificación de un respaldo',
      call: async (core) => must(core, 'backup.verify', { name: (await open()).backup }, ADMIN),
    },
    {
      key: 'form_previews',
      label: 'vista previa de formularios (PDF)',
      call: (core) => must(core, 'forms.checkTemplate', { kind: 'acuerdo', title: 'ACUERDO DE RESPONSABILIDAD (prueba)', paragraphs: ['Texto de prueba {{employer.legalName}}.', '[tercero] Tercero {{thirdParty.names}}.', '[sin-tercero] Sin tercero.'] }, ADMIN),
    },
  ];

  const metrics: Metric[] = heavies.map((h) => ({
    name: `llamada liviana p99 durante ${h.label}`,
    key: `concurrency.light_p99.${h.key}`,
    unit: 'ms p99',
    target: { op: '<=' as const, value: 20 },
    run: async () => {
      const { core, draft } = await open();
      let stop = false;
      let heavyDone = 0;
      let heavyFailed: unknown = null;
      const loop = (async () => {
        while (!stop) {
          try {
            await h.call(core);
            heavyDone += 1;
          } catch (err) {
            heavyFailed = err;
            return;
          }
        }
      })();
      const samples: number[] = [];
      const start = performance.now();
      let version = draft?.version ?? 0;
      // Light calls one after another, as a screen makes them, until the window has passed and
      // at least one heavy call finished (a backup check can outlast the window).
      while ((performance.now() - start < windowMs || samples.length < minLight || heavyDone === 0) && !heavyFailed) {
        version = await lightCalls(core, draft, version, samples);
      }
      stop = true;
      await loop;
      if (heavyFailed) throw heavyFailed;
      samples.sort((a, b) => a - b);
      return { value: percentile(samples, 99), detail: `p95 ${percentile(samples, 95).toFixed(1)} ms, ${samples.length} llamadas livianas, ${heavyDone} pesadas` };
    },
  }));

  // The pull of a day's worth of another desk's work (10,000 events), applied by the same worker
  // in slices (electron/core/sync/pull.ts): the light calls interleave with its transactions. The
  // stand-in central runs in its own process, as central does, so its work does not sit on this
  // process's event loop where the light calls' answers arrive.
  const events = smoke ? 500 : 10_000;
  metrics.push({
    name: `llamada liviana p99 durante un pull de ${events.toLocaleString('es-EC')} eventos`,
    key: 'concurrency.light_p99.sync_pull',
    unit: 'ms p99',
    target: { op: '<=' as const, value: 20 },
    run: async () => {
      const { core, draft } = await open();
      const root = path.join(workDir, 'concurrency-pull');
      fs.mkdirSync(root, { recursive: true });
      const central = await startCentralProcess(path.join(root, 'central'));
      try {
        // Another desk of the agency pushes its requests and their transitions to central.
        const producer = openDesk({ dataDir: path.join(root, 'otra'), host: 'cli' });
        try {
          await seedDemo(producer.core.ctx.db.$client, { requests: 10, now: Date.now() });
          await enrolDesk((name, input) => producer.core.call(name, input, ADMIN), central.url);
          fabricateEvents(producer.core.ctx.db.$client, events / 5, { prefix: 'CON' });
          const pushed = await syncOnce(producer.core.ctx);
          if (!pushed.ok) throw new Error(`push: ${pushed.error}`);
        } finally {
          producer.close();
        }
        const { dataDir } = await seeded();
        const before = mirrors(dataDir);
        await enrolDesk((name, input) => core.call(name, input, ADMIN), central.url);
        const samples: number[] = [];
        let version = draft?.version ?? 0;
        let done = false;
        let failed: unknown = null;
        const pull = core.services.step('sync').then(
          () => void (done = true),
          (err: unknown) => void ((failed = err), (done = true)),
        );
        while (!done) {
          version = await lightCalls(core, draft, version, samples);
        }
        await pull;
        if (failed) throw failed;
        const mirrored = mirrors(dataDir) - before;
        if (mirrored !== events / 5) throw new Error(`the pull brought ${mirrored} requests, expected ${events / 5}`);
        await core.call('sync.unenrol', {}, ADMIN);
        samples.sort((a, b) => a - b);
        return { value: percentile(samples, 99), detail: `p95 ${percentile(samples, 95).toFixed(1)} ms, ${samples.length} llamadas livianas durante el pull` };
      } finally {
        central.stop();
        // The last metric: the worker and its readers are stopped before anything else opens the database.
        await core.stop();
        shared = null;
      }
    },
  });
  return metrics;
};

/**
 * One round of the light calls a screen makes (the status bar's summary, a keystroke's save),
 * each timed into `samples`; answers the draft's version after the save.
 */
async function lightCalls(core: CoreClient, draft: { id: string; intake: unknown } | null, version: number, samples: number[]): Promise<number> {
  const t0 = performance.now();
  const r = await core.call('status.summary', {}, CLERK);
  samples.push(performance.now() - t0);
  if (!r.ok) throw new Error(r.error.message);
  if (!draft) return version;
  const t1 = performance.now();
  const saved = await core.call('requests.saveDraft', { id: draft.id, version, intake: draft.intake }, CLERK);
  samples.push(performance.now() - t1);
  return saved.ok ? (saved.value as { version: number }).version : version;
}

/** Requests of other desks this desk holds (what a pull brings). */
function mirrors(dataDir: string): number {
  const db = openReadOnly(dataDir);
  try {
    return (db.sqlite.prepare('SELECT count(*) AS n FROM sync_mirrors').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function enrolDesk(call: (name: string, input: unknown) => Promise<{ ok: boolean; error?: { message: string } }>, url: string): Promise<void> {
  const code = await centralAdmin(url).enrolmentCode('UIO');
  const r = await call('sync.enrol', { centralUrl: url, enrolmentCode: code, deviceName: 'bench' });
  if (!r.ok) throw new Error(`sync.enrol: ${r.error?.message}`);
}

/** `npm run central` in a child process on a free port; resolves with its address. */
async function startCentralProcess(dataDir: string): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../central/main.ts'), '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the stand-in central exited (${code}) before listening`)));
  });
  return { url, stop: () => void child.kill('SIGTERM') };
}
