import { count, isNull } from 'drizzle-orm';
import { outbox } from '../../../db/schema';
import { requireAgency } from '../agency';
import type { HandlersOf } from '../registry';
import { getSetting } from '../settings';
import { connectionState } from '../sync/state';

export const statusHandlers: Pick<HandlersOf<'system'>, 'status.summary'> = {
  'status.summary': (_input, ctx) => {
    const agency = requireAgency(ctx.db, ctx.actor.agencyId);
    const pendingSync = ctx.db.select({ n: count() }).from(outbox).where(isNull(outbox.ackedAt)).get()?.n ?? 0;
    const lastContactAt = getSetting(ctx.db, 'centralLastContactAt');
    return {
      user: {
        id: ctx.actor.userId,
        username: ctx.actor.username,
        displayName: ctx.actor.displayName,
        role: ctx.actor.role,
        agencyCode: ctx.actor.agencyCode,
      },
      agency,
      // en_linea only while the last exchange with central succeeded recently (sync/state.ts).
      central: { state: connectionState(ctx.db, ctx.secrets, ctx.clock.now()), lastContactAt },
      pendingSync,
    };
  },
};
