// Accounts metrics: the cost of a login (the scrypt parameters are a trade-off between an
// attacker's cost and the clerk's wait) and of verifying the audit chain.
import path from 'node:path';
import { seedDemo } from '../../db/seed/demo';
import { CURRENT_PARAMS } from '../../electron/core/accounts/password';
import { appendAudit, verifyAuditChain } from '../../electron/core/security/audit/chain';
import { openDesk } from '../../electron/hosts/common/open-desk';
import { percentile, type MetricFactory } from './harness';

export const accountsMetrics: MetricFactory = async ({ smoke, workDir }) => {
  const opened = openDesk({ dataDir: path.join(workDir, 'accounts'), host: 'cli' });
  await seedDemo(opened.core.ctx.db.$client, { requests: 0, now: Date.now() });
  const entries = smoke ? 1_000 : 100_000;
  const { N, r, p } = CURRENT_PARAMS;
  return [
    {
      name: `inicio de sesión (scrypt N=2^${Math.log2(N)}, r=${r}, p=${p})`,
      unit: 'ms mediana',
      target: { op: '<=', value: 250 },
      run: async () => {
        const samples: number[] = [];
        for (let i = 0; i < (smoke ? 2 : 15); i++) {
          const t0 = performance.now();
          const res = await opened.core.call('session.login', { username: 'ventanilla1', password: 'Ventanilla.Demo.2026' }, { kind: 'session', token: null });
          samples.push(performance.now() - t0);
          if (!res.ok) throw new Error('login failed');
        }
        samples.sort((a, b) => a - b);
        return { value: percentile(samples, 50), detail: `p95 ${percentile(samples, 95).toFixed(0)} ms, ${128 * N * r / 2 ** 20} MiB por intento` };
      },
    },
    {
      name: `verificar cadena de auditoría (${entries.toLocaleString('es-EC')} entradas)`,
      unit: 'entradas/s',
      target: { op: '>=', value: 100_000 },
      run: () => {
        const sqlite = opened.core.ctx.db.$client;
        sqlite.transaction(() => {
          for (let i = 0; i < entries; i++) appendAudit(sqlite, { at: Date.now(), actorId: null, call: 'requests.list', target: null, outcome: 'ok' });
        })();
        const t0 = performance.now();
        const report = verifyAuditChain(sqlite);
        const seconds = (performance.now() - t0) / 1000;
        opened.close();
        if (!report.ok) throw new Error('chain broken');
        return { value: report.entries / seconds };
      },
    },
  ];
};
