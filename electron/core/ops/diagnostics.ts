// "Copiar diagnóstico": the text a clerk or an administrator pastes into a support ticket.
// Versions, the machine, counts and the last warnings and errors of the logs, all of it free of
// personal data (counts only; log lines masked again on the way out, in case an older file was
// written before masking existed or by hand).
import type { AgencyRow } from '../../../db/rows';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DB_FILE_NAME } from '../../../db/open';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { STATE_LABELS, type RequestState } from '../../../shared/domain/lifecycle';
import { verifyAuditChain } from '../security/audit/chain';
import type { ReadContext } from '../context';
import { all, get, pluck, sql, value, type Sql } from '../../../db/sql';
import { readAgencyConfigFile } from './agency-config';
import { maskText } from './mask';
import { getSetting } from '../settings';

export const LOGS_DIR = 'logs';
const LAST_ERRORS = 20;

const dateTime = (ms: number) => formatDateTimeEs(ms, { seconds: true });

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;

function count(ctx: Pick<ReadContext, 'db'>, q: Sql): number {
  try {
    return value<number>(ctx.db, q)!;
  } catch {
    // A table another release adds may not exist yet; the diagnostic must still come out.
    return -1;
  }
}

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(full).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

interface LogLine {
  time?: string;
  level?: string;
  host?: string;
  message?: string;
  [key: string]: unknown;
}

/** The newest warnings and errors across the hosts' current and previous log files. */
export function lastLogProblems(dataDir: string, max = LAST_ERRORS): string[] {
  const dir = path.join(dataDir, LOGS_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.log(\.1)?$/.test(n));
  } catch {
    return [];
  }
  const problems: { time: string; text: string }[] = [];
  for (const name of names) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    for (const raw of text.split('\n')) {
      if (!raw.includes('"warn"') && !raw.includes('"error"')) continue;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue;
      }
      if (line.level !== 'warn' && line.level !== 'error') continue;
      const { time = '', level, host, message, ...fields } = line;
      const extra = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
      problems.push({ time, text: maskText(`${time} ${level} [${host ?? '?'}] ${message ?? ''}${extra}`) });
    }
  }
  return problems
    .sort((a, b) => a.time.localeCompare(b.time))
    .slice(-max)
    .map((p) => p.text);
}

export function buildDiagnostics(ctx: Omit<ReadContext, 'actor' | 'audit' | 'history'>, now: number): string {
  const db = ctx.db;
  const lines: string[] = [];
  const add = (label: string, value: string | number) => lines.push(`${label}: ${value}`);

  lines.push('Ventanilla Patronal — diagnóstico para soporte (sin datos personales)');
  add('Generado', `${dateTime(now)} (hora de Ecuador)`);
  add('Versión de la aplicación', ctx.appVersion);
  add('Versión del esquema de base de datos', ctx.schemaVersion);
  add('Modo', ctx.host === 'electron' ? 'aplicación de escritorio' : ctx.host === 'web' ? 'versión de navegador' : 'línea de comandos');
  add('Sistema operativo', `${os.type()} ${os.release()} (${process.platform}/${process.arch})`);
  add('Node.js', process.versions.node + (process.versions.electron ? ` · Electron ${process.versions.electron}` : ''));
  add('Memoria del equipo', `${megabytes(os.totalmem())} (libre ${megabytes(os.freemem())})`);
  try {
    const fsStats = fs.statfsSync(ctx.dataDir);
    add('Espacio libre en el disco de datos', megabytes(fsStats.bavail * fsStats.bsize));
  } catch {
    add('Espacio libre en el disco de datos', 'no disponible');
  }

  const agency = get<Pick<AgencyRow, 'code' | 'name'>>(db, sql`SELECT code, name FROM agencies WHERE id = ${getSetting(ctx.db, 'agencyId')}`);
  add('Agencia', agency ? `${agency.code} · ${agency.name}` : 'sin configurar');
  const file = readAgencyConfigFile(ctx.dataDir);
  add('agencia.json', file.state === 'ausente' ? 'no existe' : file.state === 'valido' ? 'válido' : `con errores (${file.errors.length})`);

  lines.push('', 'Base de datos');
  let dbBytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      dbBytes += fs.statSync(path.join(ctx.dataDir, DB_FILE_NAME + suffix)).size;
    } catch {
      // no WAL file at this moment
    }
  }
  add('  Tamaño', megabytes(dbBytes));
  const quick = pluck<string>(db, sql`PRAGMA quick_check`);
  add('  Verificación rápida (quick_check)', quick.length === 1 && quick[0] === 'ok' ? 'ok' : `${quick.length} problema(s)`);
  const chain = verifyAuditChain(db);
  add(
    '  Registro de auditoría',
    chain.ok
      ? `íntegro, ${chain.entries} entradas`
      : chain.firstBroken?.reason === 'key'
        ? `sin verificar desde la entrada ${chain.firstBroken.seq}: falta su clave en este equipo`
        : `ALTERADO en la entrada ${chain.firstBroken?.seq}`,
  );

  lines.push('', 'Conteos');
  add('  Usuarios habilitados', count(ctx, sql`SELECT count(*) AS n FROM users WHERE disabled = 0`));
  const byState = all<{ state: RequestState; n: number }>(db, sql`SELECT state, count(*) AS n FROM requests GROUP BY state ORDER BY state`);
  add('  Solicitudes', byState.length ? byState.map((r) => `${STATE_LABELS[r.state] ?? r.state} ${r.n}`).join(' · ') : 'ninguna');
  add('  Pendientes de envío al IESS', count(ctx, sql`SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL`));
  const attachments = folderStats(path.join(ctx.dataDir, 'adjuntos'));
  const forms = folderStats(path.join(ctx.dataDir, 'formularios'));
  add('  Adjuntos', `${attachments.files} archivos, ${megabytes(attachments.bytes)}`);
  add('  Formularios archivados', `${forms.files} archivos, ${megabytes(forms.bytes)}`);

  lines.push('', 'Operación');
  const backup = getSetting(ctx.db, 'ops.backup');
  const last = getSetting(ctx.db, 'ops.lastBackup');
  add('  Respaldos', backup.dir ? `cada ${backup.everyHours} h, se conservan ${backup.keep}` : 'sin carpeta configurada');
  add('  Último respaldo', last ? `${dateTime(last.at)} · ${last.ok ? 'correcto' : `falló: ${last.error ?? ''}`} (${last.trigger})` : 'ninguno');
  const update = ctx.hostState.update();
  add('  Actualización', update ? `${update.state}${update.availableVersion ? ` (${update.availableVersion})` : ''}` : 'no aplica');
  add('  Registros', `carpeta "${LOGS_DIR}" del directorio de datos`);

  const problems = lastLogProblems(ctx.dataDir);
  lines.push('', `Últimos avisos y errores (${problems.length})`);
  lines.push(...(problems.length ? problems.map((p) => `  ${p}`) : ['  ninguno']));
  return lines.join('\n');
}
