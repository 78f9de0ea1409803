import { MAX_AUDIT_EXPORT_ROWS } from '../../../../shared/contract/security';
import { CallFailure } from '../../errors';
import { dayEnd, dayStart } from '../../../../shared/domain/dates';
import type { HandlersOf } from '../../registry';
import { auditCsv, countAuditEntries, verifyAuditChain } from './chain';

export const auditHandlers: Pick<HandlersOf<'security'>, 'audit.verify' | 'audit.export'> = {
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.db.$client),

  'audit.export': ({ from, to }, ctx) => {
    // The range is at most a year (DateRange in the contract); a busy year can still hold more
    // entries than one answer should carry, so they are counted (by index) before any is read.
    const start = dayStart(from);
    const end = dayEnd(to);
    if (countAuditEntries(ctx.db.$client, start, end) > MAX_AUDIT_EXPORT_ROWS) {
      const max = MAX_AUDIT_EXPORT_ROWS.toLocaleString('es-EC');
      throw new CallFailure('invalid_input', `El rango tiene más de ${max} entradas de auditoría: elija un rango más corto y exporte por partes.`, [
        { path: 'to', message: `Más de ${max} entradas en el rango.` },
      ]);
    }
    ctx.audit.target(`audit:${from}..${to}`);
    return auditCsv(ctx.db.$client, start, end);
  },
};
