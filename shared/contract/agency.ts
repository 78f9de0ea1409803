// The agency-wide view's shapes, shared by the counter's and the supervisor's lists: the desk a
// request was recorded at, and who is working it elsewhere (shared/domain/desks.ts).
import { z } from 'zod';
import { ROLES } from '../domain/roles';
import { WORK_ACTIVITY_CODES } from '../domain/desks';

/** Someone else working the request (another desk, or another person signed in at this one). */
export const WorkMarker = z.object({
  station: z.string().nullable(),
  deskName: z.string().nullable(),
  ownDesk: z.boolean(),
  userName: z.string(),
  role: z.enum(ROLES),
  activity: z.enum(WORK_ACTIVITY_CODES),
  since: z.number(),
});
export type WorkMarker = z.infer<typeof WorkMarker>;

/** What every list row says of the request's desk and of whoever works it now. */
export const DeskColumns = {
  /** The station that recorded it (from its number); null: Ventanilla Virtual or printed unenrolled. */
  station: z.string().nullable(),
  /** The earliest live marker of someone else, or null. */
  working: WorkMarker.nullable(),
};

/** A station code, as the «Ventanilla» filters send it. */
export const StationFilter = z.string().regex(/^\d{2}$/, { error: 'Seleccione una ventanilla de la lista.' });
