import { CallFailure } from '../../errors';
import { dayStart } from '../../ecuador-time';
import type { HandlersOf } from '../../registry';
import { readSyncState } from '../../sync/state';
import { auditCsv, auditHead, verifyAuditChain } from './chain';

const MAX_EXPORT_DAYS = 366;

export const auditHandlers: Pick<HandlersOf<'security'>, 'audit.verify' | 'audit.export' | 'audit.anchor'> = {
  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.db.$client),

  'audit.anchor': (_input, ctx) => {
    const sqlite = ctx.db.$client;
    const s = readSyncState(sqlite);
    const confirmed = s.auditConfirmedSeq !== null && s.auditConfirmedHash !== null && s.auditConfirmedAt !== null ? { seq: s.auditConfirmedSeq, hash: s.auditConfirmedHash, at: s.auditConfirmedAt } : null;
    const entry = confirmed && (sqlite.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(confirmed.seq) as { hash: string } | undefined);
    return {
      enrolled: s.deviceId !== null,
      confirmed,
      present: confirmed ? entry?.hash === confirmed.hash : null,
      head: auditHead(sqlite),
      refusal: s.auditRefusal !== null && s.auditRefusalAt !== null ? { message: s.auditRefusal, at: s.auditRefusalAt } : null,
    };
  },

  'audit.export': ({ from, to }, ctx) => {
    const start = dayStart(from);
    const end = dayStart(to) + 86_400_000;
    if ((end - start) / 86_400_000 > MAX_EXPORT_DAYS) {
      throw new CallFailure('invalid_input', `El rango no puede superar ${MAX_EXPORT_DAYS} días; exporte por partes.`, [{ path: 'to', message: 'Rango demasiado largo.' }]);
    }
    ctx.audit.target(`audit:${from}..${to}`);
    return auditCsv(ctx.db.$client, start, end);
  },
};
