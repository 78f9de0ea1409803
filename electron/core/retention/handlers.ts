import type { Handlers } from '../registry';
import { getSetting } from '../settings';
import { purgeExpiredPersonalData } from './purge';

export const retentionHandlers: Pick<Handlers, 'retention.purge'> = {
  'retention.purge': (_input, ctx) => {
    ctx.audit.target(`agency:${ctx.actor.agencyId}:retention`);
    return ctx.write(() => purgeExpiredPersonalData(ctx.db.$client, ctx.clock.now(), getSetting(ctx.db, 'retention')));
  },
};
