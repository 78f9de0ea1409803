import type { RequestRow } from '../../../shared/contract';
import { decodeCursor, encodeCursor } from '../cursor';
import { all, join, sql } from '../../../db/sql';
import type { HandlersOf } from '../registry';
import { parseWorking, workingColumn } from './working';
import type { AuthedReadContext } from '../context';

// Keyset pagination over the (agency, created_at, id) and (agency, state, state_since, id)
// indexes: the first page and every later one cost the same on a million rows.
const columns = (ctx: AuthedReadContext) => sql`r.id, r.number, r.channel, r.state, r.state_since AS stateSince, r.created_at AS createdAt,
  r.employer_ruc AS employerRuc, r.employer_branch AS employerBranch, r.employer_legal_name AS employerLegalName,
  r.representative_names AS representativeNames, coalesce(u.display_name, m.clerk_name) AS clerkName, r.station, ${workingColumn(ctx)} AS working`;

export const requestHandlers: Pick<HandlersOf<'counter'>, 'requests.list'> = {
  'requests.list': ({ state, cursor, limit }, ctx) => {
    const after = cursor ? decodeCursor(cursor) : null;
    const sortColumn = state ? sql`r.state_since` : sql`r.created_at`;
    const where = [sql`r.agency_id = ${ctx.actor.agencyId}`];
    if (state) where.push(sql`r.state = ${state}`);
    if (after) where.push(sql`(${sortColumn} < ${after.at} OR (${sortColumn} = ${after.at} AND r.id < ${after.id}))`);
    const rows = all<Omit<RequestRow, 'working'> & { working: string | null }>(
      ctx.db,
      sql`SELECT ${columns(ctx)} FROM requests r LEFT JOIN users u ON u.id = r.clerk_id LEFT JOIN sync_mirrors m ON m.request_id = r.id
         WHERE ${join(where, ' AND ')} ORDER BY ${sortColumn} DESC, r.id DESC LIMIT ${limit + 1}`,
    );
    const items: RequestRow[] = rows.slice(0, limit).map((r) => ({ ...r, working: parseWorking(r.working) }));
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ at: state ? last.stateSince : last.createdAt, id: last.id }) : null;
    return { items, nextCursor };
  },
};
