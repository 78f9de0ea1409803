import type { RequestRow } from '../../../shared/contract';
import { decodeCursor, encodeCursor } from '../cursor';
import type { HandlersOf } from '../registry';
import { parseWorking, WORKING_COLUMN, workParams } from './working';

// Keyset pagination over the (agency, created_at, id) and (agency, state, state_since, id)
// indexes: the first page and every later one cost the same on a million rows.
const COLUMNS = `r.id, r.number, r.channel, r.state, r.state_since AS stateSince, r.created_at AS createdAt,
  r.employer_ruc AS employerRuc, r.employer_branch AS employerBranch, r.employer_legal_name AS employerLegalName,
  r.representative_names AS representativeNames, coalesce(u.display_name, m.clerk_name) AS clerkName, r.station, ${WORKING_COLUMN} AS working`;

export const requestHandlers: Pick<HandlersOf<'counter'>, 'requests.list'> = {
  'requests.list': ({ state, cursor, limit }, ctx) => {
    const after = cursor ? decodeCursor(cursor) : null;
    const sortColumn = state ? 'r.state_since' : 'r.created_at';
    const where = ['r.agency_id = @agency'];
    if (state) where.push('r.state = @state');
    if (after) where.push(`(${sortColumn} < @at OR (${sortColumn} = @at AND r.id < @id))`);
    const rows = ctx.db.$client
      .prepare(
        `SELECT ${COLUMNS} FROM requests r LEFT JOIN users u ON u.id = r.clerk_id LEFT JOIN sync_mirrors m ON m.request_id = r.id
         WHERE ${where.join(' AND ')} ORDER BY ${sortColumn} DESC, r.id DESC LIMIT @limit`,
      )
      .all({ agency: ctx.actor.agencyId, state: state ?? null, at: after?.at ?? 0, id: after?.id ?? '', limit: limit + 1, ...workParams(ctx) }) as (Omit<RequestRow, 'working'> & { working: string | null })[];
    const items: RequestRow[] = rows.slice(0, limit).map((r) => ({ ...r, working: parseWorking(r.working) }));
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ at: state ? last.stateSince : last.createdAt, id: last.id }) : null;
    return { items, nextCursor };
  },
};
