// Supervisor metrics on the big demo database: the queues and the search must stay instant as
// the agency's history grows (OpenCRVS #11703: queues that slowed to 30 s).
import { SOURCE_MIGRATIONS_DIR } from '../../db/paths';
import { openCore } from '../../electron/core/open';
import type { Auth } from '../../electron/core/registry';
import { percentile, type MetricFactory } from './harness';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };

export const supervisorMetrics: MetricFactory = ({ smoke, seeded }) => {
  const label = smoke ? '(smoke)' : '(1M)';
  const timed = (name: string, call: string, inputs: unknown[], target: number) => ({
    name: `${name} ${label}`,
    unit: 'ms p95',
    target: { op: '<=' as const, value: target },
    run: async () => {
      const { dataDir } = await seeded();
      const { core, close } = openCore({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR, host: 'cli' });
      const samples: number[] = [];
      try {
        for (let round = 0; round < (smoke ? 2 : 10); round++) {
          for (const input of inputs) {
            const t0 = performance.now();
            const r = await core.call(call, input, SUPERVISOR);
            samples.push(performance.now() - t0);
            if (!r.ok) throw new Error(`${call}: ${r.error.message}`);
          }
        }
      } finally {
        close();
      }
      samples.sort((a, b) => a - b);
      return { value: percentile(samples, 95), detail: `p50 ${percentile(samples, 50).toFixed(1)} ms, ${samples.length} llamadas` };
    },
  });
  const today = new Date(Date.now() - 5 * 3_600_000).toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 5 * 3_600_000 - 29 * 86_400_000).toISOString().slice(0, 10);
  return [
    timed('queues.summary (7 colas con conteo)', 'queues.summary', [{}], 100),
    timed('queues.list primera página', 'queues.list', [{ queue: 'por_revisar' }, { queue: 'devueltas' }, { queue: 'clave_emitida_hoy' }], 50),
    timed('search.requests por nombres sin tildes', 'search.requests', [{ text: 'munoz' }, { text: 'pena begona' }, { text: 'castaneda maria jose' }], 200),
    timed('search.requests por RUC o número', 'search.requests', [{ text: '1792060346001' }, { text: 'CAU-UIO-2026-000123' }], 20),
    timed('dashboard.stats de 30 días', 'dashboard.stats', [{ from: monthAgo, to: today }], 1000),
  ];
};
