import { count, eq } from 'drizzle-orm';
import { agencies, users } from '../../../db/schema';
import type { Handlers } from '../registry';
import { getSetting } from '../settings';

export const systemHandlers: Pick<Handlers, 'system.info'> = {
  'system.info': (_input, ctx) => {
    const userCount = ctx.db.select({ n: count() }).from(users).get()?.n ?? 0;
    const agencyId = getSetting(ctx.db, 'agencyId');
    const agency = agencyId
      ? ctx.db
          .select({ code: agencies.code, name: agencies.name, provinceCode: agencies.provinceCode })
          .from(agencies)
          .where(eq(agencies.id, agencyId))
          .get()
      : undefined;
    return {
      appVersion: ctx.appVersion,
      schemaVersion: ctx.schemaVersion,
      needsSetup: userCount === 0,
      agency: agency ?? null,
    };
  },
};
