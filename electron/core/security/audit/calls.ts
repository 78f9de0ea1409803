import type { AuditLogRow } from '../../../../db/rows';
import { get, sql } from '../../../../db/sql';
import { MAX_AUDIT_EXPORT_ROWS } from '../../../../shared/contract/security';
import { CallFailure } from '../../errors';
import { dayEnd, dayStart } from '../../../../shared/domain/dates';
import type { HandlersOf } from '../../registry';
import { readSyncState } from '../../sync/state';
import { auditCsv, auditHead, countAuditEntries, verifyAuditChain } from './chain';

export const auditHandlers: Pick<HandlersOf<'security'>, 'audit.verify' | 'audit.export' | 'audit.anchor'> = {
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.db),

  'audit.anchor': (_input, ctx) => {
    const s = readSyncState(ctx.db);
    const confirmed = s.auditConfirmedSeq !== null && s.auditConfirmedHash !== null && s.auditConfirmedAt !== null ? { seq: s.auditConfirmedSeq, hash: s.auditConfirmedHash, at: s.auditConfirmedAt } : null;
    const entry = confirmed && get<Pick<AuditLogRow, 'hash'>>(ctx.db, sql`SELECT hash FROM audit_log WHERE seq = ${confirmed.seq}`);
    return {
      enrolled: s.deviceId !== null,
      confirmed,
      present: confirmed ? entry?.hash === confirmed.hash : null,
      head: auditHead(ctx.db),
      refusal: s.auditRefusal !== null && s.auditRefusalAt !== null ? { message: s.auditRefusal, at: s.auditRefusalAt } : null,
    };
  },

  'audit.export': ({ from, to }, ctx) => {
    // The range is at most a year (DateRange in the contract); a busy year can still hold more
    // entries than one answer should carry, so they are counted (by index) before any is read.
    const start = dayStart(from);
    const end = dayEnd(to);
    if (countAuditEntries(ctx.db, start, end) > MAX_AUDIT_EXPORT_ROWS) {
      const max = MAX_AUDIT_EXPORT_ROWS.toLocaleString('es-EC');
      throw new CallFailure('invalid_input', `El rango tiene más de ${max} entradas de auditoría: elija un rango más corto y exporte por partes.`, [
        { path: 'to', message: `Más de ${max} entradas en el rango.` },
      ]);
    }
    ctx.audit.target(`audit:${from}..${to}`);
    return auditCsv(ctx.db, start, end);
  },
};
