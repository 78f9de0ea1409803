// A complete, valid agency configuration the ops tests start from.
import os from 'node:os';
import path from 'node:path';

export const GOOD = {
  agency: { code: 'UIO', name: 'CAU Quito Norte', provinceCode: '17' },
  centralUrl: 'https://servicios.iess.gob.ec/ventanilla',
  updateUrl: 'https://actualizaciones.iess.gob.ec/ventanilla',
  sla: { warnMinutes: 20, breachMinutes: 60, byState: { pendiente_revision: 120 } },
  caps: { maxPendingReview: 40, attachmentMaxMB: 5 },
  idleLockMinutes: 5,
  backup: { dir: path.join(os.tmpdir(), 'respaldos-ventanilla'), everyHours: 24, keep: 14 },
};
