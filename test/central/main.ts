// npm run central -- --port P --data-dir D [--enrolment-code CODE]: the stand-in central.
import { parseArgs } from 'node:util';
import { startCentral } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, 'data-dir': { type: 'string' }, 'enrolment-code': { type: 'string' } } });
  if (!values['data-dir']) {
    console.error('Uso: npm run central -- --port P --data-dir DIR [--enrolment-code CÓDIGO]');
    process.exit(2);
  }
  const central = await startCentral({ port: Number(values.port), dataDir: values['data-dir'] });
  const code = central.store.issueEnrolmentCode('UIO', values['enrolment-code']);
  console.log(`Servicios centrales de prueba (protocolo v1) en ${central.url}`);
  console.log(`Código de enrolamiento para la agencia UIO: ${code}`);
  console.log('Administración: POST /admin/decisions, /admin/virtual, /admin/turnos, /admin/catalogs, /admin/faults; GET /admin/stats');
  const stop = () => void central.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
