// npm run seed:demo -- --data-dir DIR [--requests N]
import { openDatabase } from '../open';
import { SOURCE_MIGRATIONS_DIR } from '../paths';
import { parseHostArgs, UsageError } from '../../electron/hosts/common/args';
import { seedDemo } from './demo';
import { seedVirtualScans } from './scans';
import { REQUEST_TYPE_CODES, REQUEST_TYPE_LABELS, type RequestType } from '../../shared/domain/request-types';

async function main(): Promise<number> {
  const flags = parseHostArgs(process.argv.slice(2), { requests: 'string' });
  const raw = (flags.values.requests as string | undefined) ?? '200';
  const requests = Number(raw);
  if (!/^\d+$/.test(raw) || requests > 20_000_000) throw new UsageError('--requests debe ser un número entero entre 0 y 20000000.');
  const started = performance.now();
  const opened = openDatabase({ dataDir: flags.dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
  try {
    opened.sqlite.pragma('synchronous = OFF');
    const now = Date.now();
    const summary = await seedDemo(opened.sqlite, { requests, now });
    // The newest virtual requests get their applicant's scans, so a supervisor can verify them.
    const scans = await seedVirtualScans(opened.sqlite, flags.dataDir, { limit: 12, now });
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.pragma('optimize');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Datos de demostración creados en ${flags.dataDir} (${seconds} s):`);
    console.log(`  usuarios: ${summary.users}, turnos de hoy: ${summary.appointments}, solicitudes: ${summary.requests}`);
    const count = (type: RequestType) => Object.values(summary.byType[type]).reduce((a, b) => a + b, 0);
    console.log(`    por trámite: ${REQUEST_TYPE_CODES.map((t) => `${REQUEST_TYPE_LABELS[t].toLowerCase()} ${count(t)}`).join(', ')}`);
    console.log(`  solicitudes de la Ventanilla Virtual con escaneos para verificar: ${scans.count}`);
    if (scans.approvable.length > 0) console.log(`    con firmas electrónicas válidas (se pueden aprobar): ${scans.approvable.join(', ')}`);
    if (scans.refused.length > 0) console.log(`    con una firma que no es válida (se ve el rechazo): ${scans.refused.join(', ')}`);
    return 0;
  } finally {
    opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
