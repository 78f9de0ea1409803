import { CallFailure } from '../../errors';
import { DAY_MS, dayEnd, dayStart } from '../../../../shared/domain/dates';
import type { HandlersOf } from '../../registry';
import { auditCsv, verifyAuditChain } from './chain';

const MAX_EXPORT_DAYS = 366;

export const auditHandlers: Pick<HandlersOf<'security'>, 'audit.verify' | 'audit.export'> = {
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.db.$client),

  'audit.export': ({ from, to }, ctx) => {
    const start = dayStart(from);
    const end = dayEnd(to);
    if ((end - start) / DAY_MS > MAX_EXPORT_DAYS) {
      throw new CallFailure('invalid_input', `El rango no puede superar ${MAX_EXPORT_DAYS} días; exporte por partes.`, [{ path: 'to', message: 'Rango demasiado largo.' }]);
    }
    ctx.audit.target(`audit:${from}..${to}`);
    return auditCsv(ctx.db.$client, start, end);
  },
};
