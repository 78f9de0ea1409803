// npm run cli -- <call-name> '<json input>' --data-dir DIR --as USER
// Runs one contract call against a data directory and prints the JSON result envelope. It goes
// through the same door as the screens: role check, input validation, Spanish errors.
import { SOURCE_MIGRATIONS_DIR } from '../db/paths';
import { CALL_NAMES, contract } from '../shared/contract';
import { parseHostArgs, UsageError } from './host/args';
import { consoleLogger } from './host/log';
import { verifyAuditChain } from './core/audit/chain';
import { openCore } from './core/open';

const USAGE = `Uso: npm run cli -- <operación> ['<datos JSON>'] [--data-dir DIR] [--as USUARIO]

  npm run cli -- audit.verify --data-dir DIR   verifica el registro de auditoría sin usuario (sale con 1 si está alterado)

Operaciones disponibles:
${CALL_NAMES.map((n) => `  ${n.padEnd(22)} ${contract[n].summary}`).join('\n')}`;

export async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  const flags = parseHostArgs(argv, { as: 'string', help: 'boolean' });
  const [name, json, ...rest] = flags.positionals;
  if (flags.values.help) return { code: 0, out: USAGE };
  if (!name) return { code: 2, out: USAGE };
  if (rest.length > 0) throw new UsageError('Sobran argumentos: pase los datos como un solo texto JSON entre comillas simples.');
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch {
      throw new UsageError('Los datos no son un JSON válido. Ejemplo: \'{"limit": 10}\'');
    }
  }
  const opened = openCore({ dataDir: flags.dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR, host: 'cli', log: consoleLogger('cli') });
  try {
    const username = flags.values.as as string | undefined;
    // Checking the audit chain needs no account: it must work when the accounts themselves are in doubt.
    if (name === 'audit.verify' && !username) {
      const report = verifyAuditChain(opened.core.ctx.db.$client);
      const out = report.ok
        ? `Registro de auditoría íntegro: ${report.entries} entradas verificadas.`
        : `REGISTRO DE AUDITORÍA ALTERADO. Primera entrada con problema: ${report.firstBroken!.seq}. ${report.firstBroken!.message}`;
      return { code: report.ok ? 0 : 1, out };
    }
    const auth = username ? ({ kind: 'cli', username } as const) : ({ kind: 'session', token: null } as const);
    const result = await opened.core.call(name, input, auth);
    return { code: result.ok ? 0 : 1, out: JSON.stringify(result, null, 2) };
  } finally {
    opened.close();
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  runCli(process.argv.slice(2)).then(
    ({ code, out }) => {
      console.log(out);
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = err instanceof UsageError ? 2 : 1;
    },
  );
}
