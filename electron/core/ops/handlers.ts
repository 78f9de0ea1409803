// Handlers of the operations calls (shared/contract/ops.ts).
import fs from 'node:fs';
import path from 'node:path';
import { AGENCY_CONFIG_FILE, type BackupCheck, type BackupSource } from '../../../shared/contract/ops';
import type { AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { applyAgencyConfig, currentAgencyConfig, describeIssue, foreignerCodePattern, readAgencyConfigFile, validateAgencyConfig, writeAgencyConfigFile } from './agency-config';
import { BackupError, isBackupName, listBackups } from './backup';
import { buildDiagnostics } from './diagnostics';
import { cancelPendingRestore, pendingRestore, restoreTarget, stageRestore } from './pending-restore';
import { RestoreError, verifyBackup } from './restore';
import { NO_BACKUP_DIR, runRecordedBackup, updateStatus } from './service';
import { getSetting, setSetting } from '../settings';

export const opsHandlers: HandlersOf<'ops'> = {
  'config.get': (_input, ctx) => {
    const file = readAgencyConfigFile(ctx.dataDir);
    const state =
      file.state === 'valido' ? (file.hash === getSetting(ctx.db, 'ops.configFileHash') ? 'aplicado' : 'pendiente') : file.state;
    return {
      config: currentAgencyConfig(ctx.db),
      file: { name: AGENCY_CONFIG_FILE, state, errors: file.state === 'invalido' ? file.errors.map(describeIssue) : [] },
    };
  },

  'config.update': (input, ctx) => {
    const valid = validateAgencyConfig(input, ctx.dataDir);
    if (!valid.ok) throw new CallFailure('invalid_input', valid.errors[0]!.message, valid.errors);
    ctx.audit.target('settings:agency');
    ctx.write((db) => {
      applyAgencyConfig(db, valid.config);
      // Last inside the transaction: if the file cannot be written, the settings roll back too.
      setSetting(db, 'ops.configFileHash', writeAgencyConfigFile(ctx.dataDir, valid.config));
    });
    ctx.log.info('agency configuration updated', { source: 'screen' });
    return { config: currentAgencyConfig(ctx.db) };
  },

  'config.reload': (_input, ctx) => {
    const file = readAgencyConfigFile(ctx.dataDir);
    if (file.state === 'ausente') throw new CallFailure('not_found', `No existe ${AGENCY_CONFIG_FILE} en el directorio de datos de esta estación.`);
    if (file.state === 'invalido') {
      throw new CallFailure('invalid_input', `${AGENCY_CONFIG_FILE} tiene errores; no se cambió nada. ${describeIssue(file.errors[0]!)}`, file.errors);
    }
    ctx.audit.target('settings:agency');
    ctx.write((db) => {
      applyAgencyConfig(db, file.config);
      setSetting(db, 'ops.configFileHash', file.hash);
    });
    ctx.log.info('agency configuration updated', { source: 'file' });
    return { config: currentAgencyConfig(ctx.db) };
  },

  'backup.run': async (_input, ctx) => {
    ctx.audit.target('backup');
    try {
      const { dir: _dir, skipped: _skipped, ...summary } = await runRecordedBackup(ctx, 'manual', ctx.writeAttempt);
      return summary;
    } catch (err) {
      if (err instanceof BackupError) throw new CallFailure('conflict', err.message);
      throw err;
    }
  },

  'backup.list': (_input, ctx) => {
    const schedule = getSetting(ctx.db, 'ops.backup');
    return {
      dir: schedule.dir,
      everyHours: schedule.everyHours,
      keep: schedule.keep,
      last: getSetting(ctx.db, 'ops.lastBackup'),
      items: schedule.dir ? listBackups(schedule.dir) : [],
      pendingRestore: pendingRestore(ctx.dataDir),
      lastRestore: getSetting(ctx.db, 'ops.lastRestore'),
    };
  },

  'backup.verify': async (input, ctx) => verifyBackup({ from: backupFolder(ctx, input), dataDir: ctx.dataDir, knownMigrations: ctx.schemaVersion, secrets: ctx.secrets }),

  'backup.scheduleRestore': async ({ source, acceptUnverifiableAudit }, ctx) => {
    const from = backupFolder(ctx, source);
    ctx.audit.target(restoreTarget(path.basename(from), acceptUnverifiableAudit === true));
    try {
      const staged = await stageRestore({
        from,
        dataDir: ctx.dataDir,
        knownMigrations: ctx.schemaVersion,
        now: ctx.clock.now(),
        stagedBy: ctx.actor.username,
        secrets: ctx.secrets,
        acceptUnverifiableAudit: acceptUnverifiableAudit === true,
      });
      ctx.log.info('restore scheduled for the next start', { backup: staged.pending.backup.name });
      return staged;
    } catch (err) {
      if (err instanceof RestoreError) throw new CallFailure('conflict', `${err.message}${err.report ? ` ${firstFailure(err.report)}` : ''}`);
      throw err;
    }
  },

  'backup.cancelRestore': async (_input, ctx) => {
    ctx.audit.target('backup:restauracion-pendiente');
    return { cancelled: await cancelPendingRestore(ctx.dataDir, ctx.secrets) };
  },

  'config.intakeRules': (_input, ctx) => ({ foreignerCodePattern: foreignerCodePattern(ctx.db) ?? null, openingHours: getSetting(ctx.db, 'ops.openingHours') }),

  'diagnostics.copy': (_input, ctx) => ({ text: buildDiagnostics(ctx, ctx.clock.now()) }),

  'app.updateStatus': (_input, ctx) => updateStatus(ctx),

  'app.setUnsavedWork': (input, ctx) => {
    ctx.hostState.setUnsavedWork(input.unsaved);
    return {};
  },

  'app.installUpdate': (_input, ctx) => {
    const status = updateStatus(ctx);
    if (status.state !== 'lista' || !status.availableVersion) throw new CallFailure('conflict', 'No hay una actualización descargada para instalar.');
    if (ctx.hostState.unsavedWork()) {
      throw new CallFailure('conflict', 'Hay una atención en curso sin terminar: guárdela o ciérrela y vuelva a intentar. La actualización seguirá esperando.');
    }
    ctx.audit.target(`update:${status.availableVersion}`);
    // The desktop host restarts the app when this call answers ok (electron-host/updater.ts).
    return { version: status.availableVersion };
  },
};

/**
 * The folder of a backup: a name from the configured folder's list, or a full path the
 * administrator typed (a backup on a drive brought from elsewhere).
 */
function backupFolder(ctx: Pick<AuthedReadContext, 'db'>, source: BackupSource): string {
  if (source.name !== undefined) {
    const dir = getSetting(ctx.db, 'ops.backup').dir;
    if (!dir) throw new CallFailure('conflict', NO_BACKUP_DIR);
    if (!isBackupName(source.name)) throw new CallFailure('invalid_input', 'Nombre de respaldo no válido.', [{ path: 'name', message: 'Nombre de respaldo no válido.' }]);
    return path.join(dir, source.name);
  }
  const folder = source.path!;
  if (!path.isAbsolute(folder)) {
    const message = 'Escriba la ruta completa de la carpeta del respaldo, por ejemplo D:\\Respaldos\\respaldo-20261120T090000-0500 o /media/respaldos/respaldo-20261120T090000-0500.';
    throw new CallFailure('invalid_input', message, [{ path: 'path', message }]);
  }
  let isDir = false;
  try {
    isDir = fs.statSync(folder).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new CallFailure('not_found', 'No se encontró esa carpeta: revise la ruta y que el disco de respaldos esté conectado.', [{ path: 'path', message: 'No se encontró esa carpeta.' }]);
  return path.resolve(folder);
}

const firstFailure = (report: BackupCheck) => {
  const failed = report.checks.find((c) => !c.ok);
  return failed ? `${failed.label}: ${failed.detail}` : '';
};
