// npm run cli -- <call-name> '<json input>' --data-dir DIR --as USER
// npm run cli -- <call-name> --file DATOS.json --data-dir DIR --as USER
// Runs one contract call against a data directory and prints the JSON result envelope. It goes
// through the same door as the screens: role check, input validation, Spanish errors.
import { fileSecretStore } from '../common/secrets-file';
import { SOURCE_MIGRATIONS_DIR } from '../../../db/paths';
import { DatabaseVersionError, DB_FILE_NAME, writeTransaction } from '../../../db/open';
import { CALL_NAMES, contract, type CallName } from '../../../shared/contract';
import { parseJsonText } from '../../../shared/contract/forms';
import { parseHostArgs, UsageError } from '../common/args';
import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fileLogger } from '../common/log';
import { applyAgencyConfigFileIfChanged } from '../../core/ops/agency-config';
import { BackupError, runBackup } from '../../core/ops/backup';
import { restoreBackup, RestoreError, verifyBackup } from '../../core/ops/restore';
import { runRecordedBackup } from '../../core/ops/service';
import { verifyAuditChain } from '../../core/security/audit/chain';
import { openDesk } from '../common/open-desk';
import { unknownOperationMessage } from './suggest';
import { shownArg } from '../common/echo';
import { MAX_CALL_INPUT_BYTES } from '../common/limits';

const USAGE = `Uso: npm run cli -- <operación> ['<datos JSON>' | --file ARCHIVO.json] [--data-dir DIR] [--as USUARIO]

  npm run cli -- audit.verify --data-dir DIR   verifica el registro de auditoría sin usuario (sale con 1 si está alterado)
  npm run cli -- backup.run --data-dir DIR [--to CARPETA]       respalda ahora (sin --to: la carpeta de agencia.json)
  npm run cli -- backup.verify --from RESPALDO --data-dir DIR   verifica un respaldo sin restaurarlo
  npm run cli -- backup.restore --from RESPALDO --data-dir DIR  restaura un respaldo (con la aplicación cerrada)
      [--aceptar-auditoria-no-verificable]  acepta un respaldo de otro equipo cuyo registro de auditoría no puede verificarse aquí
  npm run cli -- config.apply --data-dir DIR   aplica agencia.json si cambió (sale con 1 si tiene errores)
  npm run cli -- forms.templates --data-dir DIR --as admin                         versiones de la redacción de los formularios
  npm run cli -- forms.publishTemplate --file plantilla.json --data-dir DIR --as admin   publica una nueva versión

Operaciones disponibles:
${CALL_NAMES.map((n) => `  ${n.padEnd(22)} ${contract[n].summary}`).join('\n')}`;

export async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  const flags = parseHostArgs(argv, { as: 'string', help: 'boolean', from: 'string', to: 'string', file: 'string', [ACCEPT_UNVERIFIABLE]: 'boolean' });
  const [name, json, ...rest] = flags.positionals;
  if (flags.values.help) return { code: 0, out: USAGE };
  if (!name) return { code: 2, out: USAGE };
  // A misspelt operation is incorrect use (exit 2, README), caught before opening the data directory.
  const known = [...CALL_NAMES, ...[...LOCAL_COMMANDS].filter((n) => !(CALL_NAMES as readonly string[]).includes(n))];
  if (!known.includes(name)) throw new UsageError(unknownOperationMessage(name, known));
  if (rest.length > 0) throw new UsageError('Sobran argumentos: pase los datos como un solo texto JSON entre comillas simples.');
  let input: unknown = {};
  const file = flags.values.file as string | undefined;
  if (file !== undefined) {
    if (json !== undefined) throw new UsageError('Pase los datos como texto JSON o con --file, no de las dos formas.');
    let bytes: Buffer;
    try {
      // Sized before it is read: a file no call could take is not loaded whole into memory.
      if (fs.statSync(path.resolve(file)).size > MAX_CALL_INPUT_BYTES) {
        throw new UsageError(`El archivo ${shownArg(file)} pasa de ${MAX_CALL_INPUT_BYTES / 1024 / 1024} MB, más de lo que acepta cualquier operación.`);
      }
      bytes = fs.readFileSync(path.resolve(file));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`No se pudo leer el archivo ${shownArg(file)}.`);
    }
    let text: string;
    try {
      // Strict: a file saved as Latin-1 («ANSI» in Windows' Notepad) would otherwise turn ñ and
      // accents into «�» and be stored so.
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new UsageError(`El archivo ${shownArg(file)} no está en UTF-8: guárdelo con la codificación UTF-8 (en el Bloc de notas: Guardar como → Codificación: UTF-8).`);
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok) throw new UsageError(`${shownArg(file)}: ${parsed.message}`);
    input = parsed.value;
  } else if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch {
      throw new UsageError('Los datos no son un JSON válido. Ejemplo: \'{"limit": 10}\'');
    }
  }
  const username = flags.values.as as string | undefined;
  // Local operations for IT: no account needed (whoever runs the CLI can read the data
  // directory anyway), and they must work when the accounts or the app are what failed.
  if (!username && LOCAL_COMMANDS.has(name)) {
    return runLocal(name, flags.dataDir, flags.values.from as string | undefined, flags.values.to as string | undefined, flags.values[ACCEPT_UNVERIFIABLE] === true);
  }
  // A call on a directory holding no agency would create an empty database there and then answer
  // «el usuario no existe»: a mistyped --data-dir must be named as such and leave nothing behind.
  const isPublic = (CALL_NAMES as readonly string[]).includes(name) && contract[name as CallName].access === 'public';
  if (!isPublic && !fs.existsSync(path.join(flags.dataDir, DB_FILE_NAME))) {
    throw new UsageError(
      `No hay datos de Ventanilla Patronal en ${shownArg(flags.dataDir)}: revise --data-dir${flags.values['data-dir'] === undefined ? ' (sin --data-dir se usa la carpeta de datos de este usuario del sistema)' : ''}.`,
    );
  }
  // Who does it: the screens' «su sesión no está activa» would not tell IT what to add.
  if (!username && !isPublic && name !== 'audit.verify') {
    throw new UsageError(`Indique con --as USUARIO quién hace la operación ${name}.`);
  }
  // Logged like the app's own calls: <dataDir>/logs/cli.log, masked and rotated.
  const log = fileLogger({ dataDir: flags.dataDir, host: 'cli' });
  const opened = await openForCli(flags.dataDir, log);
  try {
    // Checking the audit chain needs no account: it must work when the accounts themselves are in doubt.
    if (name === 'audit.verify' && !username) {
      const report = verifyAuditChain(opened.core.ctx.db);
      const out = report.ok
        ? `Registro de auditoría íntegro: ${report.entries} entradas verificadas.`
        : report.firstBroken!.reason === 'key'
          ? `No se pudo verificar el registro de auditoría desde la entrada ${report.firstBroken!.seq}: ${report.firstBroken!.message}`
          : `REGISTRO DE AUDITORÍA ALTERADO. Primera entrada con problema: ${report.firstBroken!.seq}. ${report.firstBroken!.message}`;
      return { code: report.ok ? 0 : 1, out };
    }
    const auth = username ? ({ kind: 'cli', username } as const) : ({ kind: 'session', token: null } as const);
    const result = await opened.core.call(name, input, auth);
    return { code: result.ok ? 0 : 1, out: JSON.stringify(result, null, 2) };
  } finally {
    opened.close();
    await log.close();
  }
}

/**
 * The desk, or a Spanish message for IT (exit 1) when its database cannot be opened: SQLite's own
 * «file is not a database» names neither the folder nor what to do. As the app's host says it
 * (hosts/common/core-worker.ts); a database of a newer version keeps its own message.
 */
async function openForCli(dataDir: string, log: ReturnType<typeof fileLogger>): Promise<ReturnType<typeof openDesk>> {
  try {
    return openDesk({ dataDir, host: 'cli', log });
  } catch (err) {
    await log.close();
    if (err instanceof DatabaseVersionError) throw err;
    throw new Error(
      `No se pudo abrir la base de datos en ${shownArg(dataDir)}: ${DB_FILE_NAME} está dañado, no es una base de datos de Ventanilla Patronal o no se puede leer. No se modificó. Revise --data-dir o restaure un respaldo (backup.restore).`,
      { cause: err },
    );
  }
}

const LOCAL_COMMANDS = new Set(['backup.run', 'backup.verify', 'backup.restore', 'config.apply']);

/** The administrator's explicit acceptance of a backup whose audit trail cannot be verified here. */
const ACCEPT_UNVERIFIABLE = 'aceptar-auditoria-no-verificable';

const checkLines = (report: { checks: { label: string; ok: boolean; detail: string; unverifiable?: boolean }[] }) =>
  report.checks.map((c) => `  ${c.unverifiable ? 'NO VERIF.' : c.ok ? 'OK   ' : 'FALLA'} ${c.label}: ${c.detail}`).join('\n');

async function runLocal(name: string, dataDir: string, from: string | undefined, to: string | undefined, acceptUnverifiableAudit: boolean): Promise<{ code: number; out: string }> {
  const knownMigrations = readMigrationFiles({ migrationsFolder: SOURCE_MIGRATIONS_DIR }).length;
  if (name === 'backup.verify' || name === 'backup.restore') {
    if (!from) throw new UsageError(`Indique la carpeta del respaldo: npm run cli -- ${name} --from CARPETA --data-dir DIR`);
    if (name === 'backup.verify') {
      const report = await verifyBackup({ from: path.resolve(from), dataDir, knownMigrations, secrets: fileSecretStore(dataDir) });
      return { code: report.ok ? 0 : 1, out: `${report.ok ? 'Respaldo verificado.' : 'EL RESPALDO NO PASÓ LA VERIFICACIÓN.'}\n${checkLines(report)}` };
    }
    const log = fileLogger({ dataDir, host: 'cli' });
    try {
      const { report, previousDir } = await restoreBackup({ from: path.resolve(from), dataDir, knownMigrations, now: Date.now(), secrets: fileSecretStore(dataDir), acceptUnverifiableAudit });
      log.info('backup restored', { backup: path.basename(from), previousDir: previousDir ? path.basename(previousDir) : null, auditUnverifiable: report.auditUnverifiable === true });
      const aside = previousDir ? `\nLos datos anteriores quedaron en ${previousDir} (no se borraron).` : '';
      const unverified = report.auditUnverifiable ? '\nSe restauró sin poder verificar su registro de auditoría, como lo aceptó el administrador.' : '';
      return { code: 0, out: `Respaldo restaurado en ${dataDir}.${aside}${unverified}\n${checkLines(report)}\nSi la estación cambió de equipo, vuelva a enrolarla con los servicios centrales.` };
    } catch (err) {
      if (!(err instanceof RestoreError)) throw err;
      log.warn('backup restore refused', { backup: path.basename(from), reason: err.message });
      const ask = err.report?.auditUnverifiable
        ? `\nSi el respaldo viene de otro equipo y acepta restaurarlo sin verificar su registro de auditoría, repita la orden con --${ACCEPT_UNVERIFIABLE}.`
        : '';
      return { code: 1, out: `${err.message}${err.report ? `\n${checkLines(err.report)}` : ''}${ask}` };
    } finally {
      await log.close();
    }
  }
  const log = fileLogger({ dataDir, host: 'cli' });
  const opened = await openForCli(dataDir, log);
  try {
    const ctx = opened.core.ctx;
    if (name === 'config.apply') {
      const r = applyAgencyConfigFileIfChanged(ctx.db, dataDir, Date.now());
      if ('errors' in r) return { code: 1, out: `agencia.json no se aplicó; no se cambió nada:\n${r.errors.map((e) => `  ${e}`).join('\n')}` };
      const said = { ausente: 'No existe agencia.json en el directorio de datos.', sin_cambios: 'agencia.json no cambió desde que se aplicó.', aplicado: 'agencia.json aplicado.' };
      return { code: 0, out: said[r.outcome] };
    }
    // backup.run
    if (to) {
      const r = await runBackup({ db: ctx.db, dataDir, destRoot: path.resolve(to), now: Date.now(), appVersion: ctx.appVersion, schemaVersion: ctx.schemaVersion, agencyCode: null });
      return { code: 0, out: `Respaldo creado: ${r.dir} (${r.files} archivos).` };
    }
    try {
      const r = await runRecordedBackup(ctx, 'manual', (fn) => writeTransaction(ctx.db, fn));
      return { code: 0, out: `Respaldo creado: ${r.dir} (${r.files} archivos).` };
    } catch (err) {
      if (err instanceof BackupError) return { code: 1, out: err.message };
      throw err;
    }
  } finally {
    opened.close();
    await log.close();
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
