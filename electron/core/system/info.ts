import { count } from 'drizzle-orm';
import { users } from '../../../db/schema';
import { findAgency } from '../agency';
import type { HandlersOf } from '../registry';
import { getSetting } from '../settings';

export const infoHandlers: Pick<HandlersOf<'system'>, 'system.info'> = {
  'system.info': (_input, ctx) => {
    const userCount = ctx.db.select({ n: count() }).from(users).get()?.n ?? 0;
    const agencyId = getSetting(ctx.db, 'agencyId');
    const agency = agencyId ? findAgency(ctx.db, agencyId) : null;
    return {
      appVersion: ctx.appVersion,
      schemaVersion: ctx.schemaVersion,
      needsSetup: userCount === 0,
      agency: agency ?? null,
    };
  },
};
