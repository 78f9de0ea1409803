import type { HandlersOf } from '../../registry';
import { runPurge } from './service';

export const retentionHandlers: Pick<HandlersOf<'security'>, 'retention.purge'> = {
  'retention.purge': (_input, ctx) => {
    ctx.audit.target(`agency:${ctx.actor.agencyId}:retention`);
    // Database in one transaction with the audit entry; then the files (scans, archived forms).
    const { requests, appointments, sessions, guidanceSheets } = runPurge(ctx, ctx.write);
    return { requests, appointments, sessions, guidanceSheets };
  },
};
