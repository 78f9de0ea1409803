import { and, asc, eq } from 'drizzle-orm';
import { appointments } from '../../../db/schema';
import { ecuadorDate } from '../../../shared/domain/dates';
import type { HandlersOf } from '../registry';

export const appointmentHandlers: Pick<HandlersOf<'counter'>, 'appointments.today'> = {
  'appointments.today': ({ date }, ctx) => {
    const day = date ?? ecuadorDate(ctx.clock.now());
    const items = ctx.db
      .select({
        id: appointments.id,
        time: appointments.time,
        confirmationCode: appointments.confirmationCode,
        cedula: appointments.cedula,
        names: appointments.names,
        status: appointments.status,
        requestType: appointments.requestType,
      })
      .from(appointments)
      .where(and(eq(appointments.agencyId, ctx.actor.agencyId), eq(appointments.date, day)))
      .orderBy(asc(appointments.time), asc(appointments.confirmationCode))
      .all();
    return { date: day, items };
  },
};
