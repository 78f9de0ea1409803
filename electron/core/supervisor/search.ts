// Search over the agency's requests. The text box takes whatever the supervisor has at hand:
// a request number, a RUC, a cédula or passport, or names — accent-insensitive, by prefix,
// through the FTS5 index requests_fts (unicode61 with diacritics removed).
import type { QueueRow } from '../../../shared/contract/supervisor';
import { CallFailure } from '../errors';
import { decodeCursor, encodeCursor } from '../cursor';
import { dayStart } from '../ecuador-time';
import type { Handlers } from '../registry';

type Found = Omit<QueueRow, 'viewed' | 'version'>;

/** Turns typed names into an FTS5 query: every word must match, each as a prefix. */
export function namesQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' AND ');
}

/** How the text narrows the search: an indexed column, or the names index. */
type TextCondition = { kind: 'column'; sql: string; params: Record<string, unknown> } | { kind: 'names'; query: string };

function textCondition(text: string): TextCondition {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (/^CAU[A-Z]+\d{4}\d{1,6}$/.test(compact) || /^CAU-/.test(text.trim().toUpperCase())) {
    return { kind: 'column', sql: 'r.number = @number', params: { number: text.trim().toUpperCase() } };
  }
  if (/^\d{13}$/.test(compact)) return { kind: 'column', sql: 'r.employer_ruc = @ruc', params: { ruc: compact } };
  if (/^\d{10}$/.test(compact)) return { kind: 'column', sql: '(r.representative_id_number = @doc OR r.third_party_cedula = @doc)', params: { doc: compact } };
  if (/^[A-Z]*\d[A-Z0-9]{2,19}$/.test(compact)) return { kind: 'column', sql: 'r.representative_id_number = @doc', params: { doc: compact } };
  const query = namesQuery(text);
  if (!query) throw new CallFailure('invalid_input', 'Escriba un número de solicitud, RUC, cédula, pasaporte o nombres.');
  return { kind: 'names', query };
}


export const searchHandlers: Pick<Handlers, 'search.requests'> = {
  'search.requests': ({ text, from, to, clerkId, state, sort, cursor, limit }, ctx) => {
    const where = ['r.agency_id = @agency'];
    const params: Record<string, unknown> = { agency: ctx.actor.agencyId, limit: limit + 1 };
    const filter = (sql: string, name: string, value: unknown) => {
      where.push(sql);
      params[name] = value;
    };
    const condition = text ? textCondition(text) : null;
    if (condition?.kind === 'column') {
      where.push(condition.sql);
      Object.assign(params, condition.params);
    }
    if (from) filter('r.created_at >= @from', 'from', dayStart(from));
    if (to) filter('r.created_at < @to', 'to', dayStart(to) + 86_400_000);
    if (clerkId) filter('r.clerk_id = @clerk', 'clerk', clerkId);
    if (state) filter('r.state = @state', 'state', state);
    const desc = sort === 'recientes';
    ctx.audit.target('search');
    // Names walk the FTS index in rowid order (the order requests were recorded at this desk),
    // which streams: a name shared by 70,000 requests costs the same as a rare one. Everything
    // else walks the created_at index.
    const names = condition?.kind === 'names';
    const key = names ? 'f.rowid' : 'r.created_at';
    if (cursor) {
      const { at, id } = decodeCursor(cursor);
      if (names) where.push(desc ? 'f.rowid < @at' : 'f.rowid > @at');
      else where.push(desc ? '(r.created_at < @at OR (r.created_at = @at AND r.id < @id))' : '(r.created_at > @at OR (r.created_at = @at AND r.id > @id))');
      Object.assign(params, names ? { at } : { at, id });
    }
    if (names) {
      where.push('requests_fts MATCH @names');
      params.names = condition.query;
    }
    const rows = ctx.db.$client
      .prepare(
        `SELECT r.id, r.number, r.channel, r.state, r.state_since AS stateSince, r.created_at AS createdAt, r.employer_ruc AS employerRuc,
           r.employer_legal_name AS employerLegalName, r.representative_names AS representativeNames, r.clerk_id AS clerkId,
           u.display_name AS clerkName, ${key} AS sortKey
         FROM ${names ? 'requests_fts f JOIN requests r ON r.rowid = f.rowid' : 'requests r'} LEFT JOIN users u ON u.id = r.clerk_id
         WHERE ${where.join(' AND ')} ORDER BY ${key} ${desc ? 'DESC' : 'ASC'}${names ? '' : `, r.id ${desc ? 'DESC' : 'ASC'}`} LIMIT @limit`,
      )
      .all(params) as (Found & { sortKey: number })[];
    const items = rows.slice(0, limit).map(({ sortKey: _sortKey, ...item }) => item);
    const last = rows[Math.min(rows.length, limit) - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.sortKey, id: last.id }) : null };
  },
};
