// Foundation metrics: seeding the demo agency, opening a big database, a call's round trip
// through the browser host. They share one seeded data directory, built by the first metric.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/open';
import { SOURCE_MIGRATIONS_DIR } from '../../db/paths';
import { seedDemo } from '../../db/seed/demo';
import { openDesk } from '../../electron/hosts/common/open-desk';
import { startWebHost } from '../../electron/hosts/web/server';
import { percentile, type MetricFactory } from './harness';

export const foundationMetrics: MetricFactory = ({ smoke, workDir, seeded }) => {
  const cli = { kind: 'cli', username: 'ventanilla1' } as const;
  const label = smoke ? '2000 (smoke)' : '1M';

  return [
    {
      name: `seed:demo ${label} solicitudes`,
      key: 'foundation.seed_demo',
      unit: 's',
      target: { op: '<=', value: 60 },
      run: async () => ({ value: (await seeded()).seconds }),
    },
    {
      name: `abrir BD + migrar + primera página (${label})`,
      key: 'foundation.open_migrate_first_page_worst_of_7',
      unit: 'ms',
      target: { op: '<=', value: 50 },
      run: async () => {
        const { dataDir } = await seeded();
        const samples: number[] = [];
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          const opened = openDesk({ dataDir, host: 'cli' });
          const r = await opened.core.call('requests.list', { limit: 50 }, cli);
          samples.push(performance.now() - t0);
          opened.close();
          if (!r.ok || (r.value as { items: unknown[] }).items.length !== 50) throw new Error('first page failed');
        }
        samples.sort((a, b) => a - b);
        return { value: samples.at(-1)!, detail: `mediana ${percentile(samples, 50).toFixed(1)} ms, peor de 7` };
      },
    },
    {
      name: `ida y vuelta por el host de navegador, requests.list (${label})`,
      unit: 'ms p95',
      target: { op: '<=', value: 20 },
      run: async () => {
        const { dataDir } = await seeded();
        const opened = openDesk({ dataDir, host: 'web' });
        const staticDir = path.join(workDir, 'static');
        fs.mkdirSync(staticDir, { recursive: true });
        const host = await startWebHost({ core: opened.core, staticDir });
        try {
          const base = `http://127.0.0.1:${host.port}/api/call`;
          const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` };
          const post = (body: unknown) => fetch(base, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ ok: boolean; value: { token: string } }>);
          const login = await post({ call: 'session.login', input: { username: 'ventanilla1', password: 'Ventanilla.Demo.2026' }, session: null });
          const envelope = { call: 'requests.list', input: { limit: 50 }, session: login.value.token };
          const samples: number[] = [];
          const n = smoke ? 30 : 500;
          for (let i = 0; i < n + 20; i++) {
            const t0 = performance.now();
            const r = await post(envelope);
            if (i >= 20) samples.push(performance.now() - t0); // first 20 warm the JIT
            if (!r.ok) throw new Error('call failed');
          }
          samples.sort((a, b) => a - b);
          return { value: percentile(samples, 95), detail: `p50 ${percentile(samples, 50).toFixed(2)} ms, ${n} llamadas` };
        } finally {
          await host.close();
          opened.close();
        }
      },
    },
  ];
};

/** Seeds the demo agency into `dataDir` the way `npm run seed:demo` does; returns seconds. */
export async function seedInto(dataDir: string, requests: number): Promise<number> {
  const opened = openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
  const started = performance.now();
  try {
    opened.sqlite.pragma('synchronous = OFF');
    await seedDemo(opened.sqlite, { requests, now: Date.now() });
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.pragma('optimize');
  } finally {
    opened.close();
  }
  return (performance.now() - started) / 1000;
}
