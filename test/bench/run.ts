// npm run bench [-- --json] [--smoke] [--only supervisor,…] [--requests N]: every capability's
// metrics, with their targets. --only runs some sections (names below); --requests seeds another
// size than the 1,000,000 of the targets (for trying a change quickly; the figures then do not count).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { accountsMetrics } from './accounts';
import { domainMetrics } from './domain';
import { foundationMetrics, seedInto } from './foundation';
import { counterMetrics } from './counter';
import { formsMetrics } from './forms';
import { signatureMetrics } from './signatures';
import { keystrokeMetrics } from './keystrokes';
import { supervisorMetrics } from './supervisor';
import { syncMetrics } from './sync';
import { desksMetrics } from './desks';
import { meets, stableKey, type BenchOptions, type MeasuredMetric, type MetricFactory } from './harness';
import { concurrencyMetrics } from './concurrency';

export const SECTIONS: Record<string, MetricFactory> = {
  foundation: foundationMetrics,
  domain: domainMetrics,
  accounts: accountsMetrics,
  counter: counterMetrics,
  forms: formsMetrics,
  signatures: signatureMetrics,
  keystrokes: keystrokeMetrics,
  sync: syncMetrics,
  desks: desksMetrics,
  supervisor: supervisorMetrics,
  concurrency: concurrencyMetrics,
};
export const FACTORIES: MetricFactory[] = Object.values(SECTIONS);

export interface RunOptions extends Omit<BenchOptions, 'seeded' | 'requests'> {
  /** Section names (keys of SECTIONS); all when absent. */
  only?: string[];
  requests?: number;
}

export async function runBench({ only, requests: wanted, ...base }: RunOptions): Promise<MeasuredMetric[]> {
  const requests = wanted ?? (base.smoke ? 2_000 : 1_000_000);
  const unknown = (only ?? []).filter((name) => !(name in SECTIONS));
  if (unknown.length) throw new Error(`Secciones desconocidas: ${unknown.join(', ')}. Hay: ${Object.keys(SECTIONS).join(', ')}.`);
  const dataDir = path.join(base.workDir, 'agencia-demo');
  let seeding: ReturnType<BenchOptions['seeded']> | null = null;
  const opts: BenchOptions = { ...base, requests, seeded: () => (seeding ??= seedInto(dataDir, requests).then((seconds) => ({ dataDir, seconds, requests }))) };
  const results: MeasuredMetric[] = [];
  for (const section of only ?? Object.keys(SECTIONS)) {
    for (const metric of await SECTIONS[section]!(opts)) {
      const { value, detail } = await metric.run();
      const key = metric.key ?? stableKey(section, metric.name);
      results.push({ name: metric.name, key, unit: metric.unit, value, target: metric.target, met: meets(value, metric.target), ...(detail ? { detail } : {}) });
    }
  }
  return results;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'CPU desconocida';
  return `${cpu} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/** What the figures depend on besides the code: the machine is shared, so its load is part of the result. */
export function machineFacts(): { nproc: number; cpuModel: string; loadAverage: number[]; node: string; note: string } {
  return {
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'desconocida',
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    note: 'Equipo compartido: la carga de otros procesos (promedio de carga arriba) afecta las cifras.',
  };
}

function formatValue(v: number): string {
  return v >= 1000 ? Math.round(v).toLocaleString('es-EC') : v.toFixed(v < 10 ? 2 : 1);
}

export function table(results: MeasuredMetric[]): string {
  const rows = results.map((r) => [r.name, `${formatValue(r.value)} ${r.unit}`, `${r.target.op} ${formatValue(r.target.value)}`, r.met ? 'cumple' : 'NO CUMPLE', r.detail ?? '']);
  const header = ['métrica', 'valor', 'objetivo', '', 'detalle'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, smoke: { type: 'boolean' }, only: { type: 'string' }, requests: { type: 'string' } } });
  if (values.requests !== undefined && !/^[1-9]\d{0,7}$/.test(values.requests)) throw new Error('--requests debe ser un número entero entre 1 y 99999999.');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-bench-'));
  const before = machineFacts();
  try {
    const results = await runBench({
      smoke: values.smoke ?? false,
      workDir,
      ...(values.only ? { only: values.only.split(',').map((s) => s.trim()) } : {}),
      ...(values.requests ? { requests: Number(values.requests) } : {}),
    });
    const requests = values.requests && Number(values.requests) !== 1_000_000 ? Number(values.requests) : null;
    const after = machineFacts();
    const load = { loadAverageAtStart: before.loadAverage, loadAverageAtEnd: after.loadAverage };
    if (values.json) console.log(JSON.stringify({ machine: machine(), facts: { ...after, ...load }, smoke: values.smoke ?? false, ...(requests ? { requests } : {}), results }, null, 2));
    else
      console.log(
        `Equipo: ${machine()}\nnproc ${after.nproc}; carga (1, 5, 15 min) al empezar ${before.loadAverage.join(' / ')}, al terminar ${after.loadAverage.join(' / ')}. ${after.note}` +
          `${requests ? `\nSolicitudes sembradas: ${requests} (no son las del objetivo)` : ''}\n\n${table(results)}`,
      );
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
