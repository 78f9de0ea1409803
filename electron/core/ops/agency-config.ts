// The agency configuration: one JSON file, <dataDir>/agencia.json, that IT can deploy with the
// installer or edit, and the administrator's screen, which writes the same file. The database
// holds the applied copy (the settings the rest of the core reads). A file is applied as a
// whole or not at all: a bad file leaves every setting as it was and says, in Spanish, which
// field is wrong.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeTransaction, type Db, type DrizzleWriter, type ReadDb } from '../../../db/open';
import { agencies } from '../../../db/schema';
import { AGENCY_CONFIG_FILE, AgencyConfig } from '../../../shared/contract/ops';
import type { FieldIssue } from '../../../shared/contract';
import { appendAudit } from '../security/audit/chain';
import { loadTrustAnchors } from '../counter/attachments/pades/anchors';
import type { CoreContext, Logger } from '../context';
import { CallFailure } from '../errors';
import { clearSetting, getSetting, setSetting } from '../settings';

const MB = 1_048_576;
const spanish = z.locales.es().localeError;

export const agencyConfigPath = (dataDir: string) => path.join(dataDir, AGENCY_CONFIG_FILE);

export type ConfigFileRead =
  | { state: 'ausente' }
  | { state: 'invalido'; errors: FieldIssue[]; hash: string }
  | { state: 'valido'; config: AgencyConfig; hash: string };

/** "Campo agency.code: …": the JSON path is what IT edits in the file. */
export function describeIssue(issue: FieldIssue): string {
  return issue.path ? `Campo "${issue.path}": ${issue.message}` : issue.message;
}

/** Validates a parsed config; the backup folder is checked here because shared/ cannot. */
export function validateAgencyConfig(raw: unknown, dataDir: string): { ok: true; config: AgencyConfig } | { ok: false; errors: FieldIssue[] } {
  const parsed = AgencyConfig.safeParse(raw, { error: spanish });
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
  }
  const dir = parsed.data.backup.dir;
  if (dir !== null && dir !== '') {
    if (!path.isAbsolute(dir)) {
      return { ok: false, errors: [{ path: 'backup.dir', message: 'Carpeta de respaldos: indique la ruta completa, por ejemplo D:\\Respaldos\\Ventanilla o /media/respaldos.' }] };
    }
    const rel = path.relative(path.resolve(dataDir), path.resolve(dir));
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
      return { ok: false, errors: [{ path: 'backup.dir', message: 'Carpeta de respaldos: no puede estar dentro del directorio de datos (un disco dañado se llevaría ambos).' }] };
    }
  }
  // Each trust anchor must be a certificate IT actually installed: a typo would otherwise turn
  // every valid signature into «Emisor no reconocido» with nobody told why.
  const anchorErrors = parsed.data.signatures.trustAnchors.flatMap((file, i) =>
    loadTrustAnchors([file], dataDir).problems.map((message) => ({ path: `signatures.trustAnchors.${i}`, message })),
  );
  if (anchorErrors.length > 0) return { ok: false, errors: anchorErrors };
  return { ok: true, config: { ...parsed.data, backup: { ...parsed.data.backup, dir: dir === '' ? null : dir } } };
}

export function readAgencyConfigFile(dataDir: string): ConfigFileRead {
  let text: string;
  try {
    text = fs.readFileSync(agencyConfigPath(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'ausente' };
    return { state: 'invalido', hash: '', errors: [{ path: '', message: `No se pudo leer ${AGENCY_CONFIG_FILE}: verifique sus permisos.` }] };
  }
  const hash = createHash('sha256').update(text).digest('hex');
  let raw: unknown;
  try {
    // Notepad on Windows may save UTF-8 with a byte-order mark.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const where = /position (\d+)/.exec((err as Error).message);
    const line = where ? text.slice(0, Number(where[1])).split('\n').length : null;
    return {
      state: 'invalido',
      hash,
      errors: [{ path: '', message: `${AGENCY_CONFIG_FILE} no es un JSON válido${line ? ` (revise la línea ${line})` : ''}: verifique comas, comillas y llaves.` }],
    };
  }
  const valid = validateAgencyConfig(raw, dataDir);
  return valid.ok ? { state: 'valido', config: valid.config, hash } : { state: 'invalido', errors: valid.errors, hash };
}

/** Writes the file atomically (temp file + rename): a crash never leaves half a file. */
export function writeAgencyConfigFile(dataDir: string, config: AgencyConfig): string {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const file = agencyConfigPath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return createHash('sha256').update(text).digest('hex');
}

/** What the desk runs with now, read back from the database. */
export function currentAgencyConfig(db: ReadDb): AgencyConfig {
  const agencyId = getSetting(db, 'agencyId');
  const agency = db.select({ code: agencies.code, name: agencies.name, provinceCode: agencies.provinceCode }).from(agencies).where(eq(agencies.id, agencyId)).get();
  return {
    agency: agency ?? { code: '', name: '', provinceCode: '' },
    centralUrl: getSetting(db, 'centralUrl'),
    updateUrl: getSetting(db, 'ops.updateUrl'),
    sla: { warnMinutes: getSetting(db, 'slaWarnMinutes'), breachMinutes: getSetting(db, 'slaBreachMinutes'), byState: getSetting(db, 'slaMinutesByState') },
    caps: { maxPendingReview: getSetting(db, 'maxPendingReview'), attachmentMaxMB: Math.round((getSetting(db, 'counterAttachmentMaxBytes') / MB) * 100) / 100 },
    idleLockMinutes: getSetting(db, 'idleLockMinutes'),
    backup: getSetting(db, 'ops.backup'),
    foreignerCodePattern: getSetting(db, 'ops.foreignerCodePattern'),
    signatures: getSetting(db, 'ops.signatures'),
    virtual: getSetting(db, 'ops.virtual'),
    openingHours: getSetting(db, 'ops.openingHours'),
  };
}

/**
 * The Ventanilla Virtual provinces this agency attends (docs/seeds/004_…:45): agencia.json's
 * `virtual`, or by default those of its own province.
 */
export function virtualRouting(db: Db): { attends: boolean; provinces: string[] } {
  const configured = getSetting(db, 'ops.virtual');
  if (configured) return { attends: configured.attends, provinces: [...new Set(configured.provinces)].sort() };
  const agencyId = getSetting(db, 'agencyId');
  const agency = db.select({ provinceCode: agencies.provinceCode }).from(agencies).where(eq(agencies.id, agencyId)).get();
  return { attends: true, provinces: agency ? [agency.provinceCode] : [] };
}

/** The configured format of the foreigner code, for checkIntake (undefined: the domain's default). */
export function foreignerCodePattern(db: ReadDb): string | undefined {
  return getSetting(db, 'ops.foreignerCodePattern') ?? undefined;
}

/**
 * Writes a validated config to the settings and the agency row. Call inside a transaction.
 * Throws CallFailure (nothing written) when the agency code belongs to another agency.
 */
export function applyAgencyConfig(db: DrizzleWriter, config: AgencyConfig): void {
  const agencyId = getSetting(db, 'agencyId');
  if (!agencyId) {
    throw new CallFailure('conflict', 'La estación aún no tiene agencia: complete primero la configuración inicial (primer administrador).');
  }
  const clash = db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, config.agency.code)).get();
  if (clash && clash.id !== agencyId) {
    throw new CallFailure('conflict', `Código de agencia: "${config.agency.code}" ya pertenece a otra agencia registrada en esta estación.`, [
      { path: 'agency.code', message: 'Este código ya pertenece a otra agencia registrada en esta estación.' },
    ]);
  }
  db.update(agencies).set(config.agency).where(eq(agencies.id, agencyId)).run();
  // Only a change is written: the enrolment with central may have set its own URL since.
  if (config.centralUrl !== getSetting(db, 'centralUrl')) {
    if (config.centralUrl === null) clearSetting(db, 'centralUrl');
    else setSetting(db, 'centralUrl', config.centralUrl);
  }
  setSetting(db, 'slaWarnMinutes', config.sla.warnMinutes);
  setSetting(db, 'slaBreachMinutes', config.sla.breachMinutes);
  setSetting(db, 'slaMinutesByState', config.sla.byState);
  setSetting(db, 'maxPendingReview', config.caps.maxPendingReview);
  setSetting(db, 'counterAttachmentMaxBytes', Math.round(config.caps.attachmentMaxMB * MB));
  setSetting(db, 'idleLockMinutes', config.idleLockMinutes);
  setSetting(db, 'ops.updateUrl', config.updateUrl);
  setSetting(db, 'ops.backup', config.backup);
  setSetting(db, 'ops.foreignerCodePattern', config.foreignerCodePattern);
  setSetting(db, 'ops.signatures', config.signatures);
  if (config.virtual === null) clearSetting(db, 'ops.virtual');
  else setSetting(db, 'ops.virtual', config.virtual);
  setSetting(db, 'ops.openingHours', config.openingHours);
}

export type FileApplyResult =
  | { outcome: 'ausente' | 'sin_cambios' | 'aplicado' }
  | { outcome: 'invalido' | 'rechazado'; errors: string[] };

/**
 * At start-up (desktop app, CLI config.apply): applies agencia.json when its content changed
 * since it was last applied, recorded in the audit trail as the desk's own act.
 */
export function applyAgencyConfigFileIfChanged(db: Db, dataDir: string, now: number): FileApplyResult {
  const read = readAgencyConfigFile(dataDir);
  if (read.state === 'ausente') return { outcome: 'ausente' };
  if (read.state === 'invalido') return { outcome: 'invalido', errors: read.errors.map(describeIssue) };
  if (read.hash === getSetting(db, 'ops.configFileHash')) return { outcome: 'sin_cambios' };
  try {
    writeTransaction(db, (w) => {
      applyAgencyConfig(w, read.config);
      setSetting(w, 'ops.configFileHash', read.hash);
      appendAudit(w, { at: now, actorId: null, call: 'config.file', target: 'settings:agency', outcome: 'ok' });
    });
  } catch (err) {
    if (err instanceof CallFailure) return { outcome: 'rechazado', errors: [err.message] };
    throw err;
  }
  return { outcome: 'aplicado' };
}

/** The desktop app applies agencia.json at start when it changed; the administrator sees why not on Operación. */
export function applyAgencyConfigAtStart(ctx: CoreContext, log: Logger): void {
  const applied = applyAgencyConfigFileIfChanged(ctx.db, ctx.dataDir, ctx.clock.now());
  if ('errors' in applied) log.warn('agency configuration file not applied', { outcome: applied.outcome, errors: applied.errors });
  else if (applied.outcome === 'aplicado') log.info('agency configuration file applied', {});
}
