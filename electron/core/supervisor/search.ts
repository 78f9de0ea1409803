// Search over the agency's requests. The text box takes whatever the supervisor has at hand:
// a request number, a RUC, a cédula or passport, or names — accent-insensitive, by prefix,
// through the FTS5 index requests_fts (unicode61 with diacritics removed).
import type { QueueRow } from '../../../shared/contract/supervisor';
import { CallFailure } from '../errors';
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

function textCondition(text: string): { sql: string; params: Record<string, unknown> } {
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (/^CAU[A-Z]+\d{4}\d{1,6}$/.test(compact) || /^CAU-/.test(text.trim().toUpperCase())) {
    return { sql: 'r.number = @number', params: { number: text.trim().toUpperCase() } };
  }
  if (/^\d{13}$/.test(compact)) return { sql: 'r.employer_ruc = @ruc', params: { ruc: compact } };
  if (/^\d{10}$/.test(compact)) return { sql: '(r.representative_id_number = @doc OR r.third_party_cedula = @doc)', params: { doc: compact } };
  if (/^[A-Z]*\d[A-Z0-9]{2,19}$/.test(compact)) return { sql: 'r.representative_id_number = @doc', params: { doc: compact } };
  const query = namesQuery(text);
  if (!query) throw new CallFailure('invalid_input', 'Escriba un número de solicitud, RUC, cédula, pasaporte o nombres.');
  return { sql: 'r.rowid IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH @names)', params: { names: query } };
}

const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00-05:00`);

export const searchHandlers: Pick<Handlers, 'search.requests'> = {
  'search.requests': ({ text, from, to, clerkId, state, sort, cursor, limit }, ctx) => {
    const where = ['r.agency_id = @agency'];
    const params: Record<string, unknown> = { agency: ctx.actor.agencyId, limit: limit + 1 };
    if (text) {
      const c = textCondition(text);
      where.push(c.sql);
      Object.assign(params, c.params);
    }
    const filter = (sql: string, name: string, value: unknown) => {
      where.push(sql);
      params[name] = value;
    };
    if (from) filter('r.created_at >= @from', 'from', dayStart(from));
    if (to) filter('r.created_at < @to', 'to', dayStart(to) + 86_400_000);
    if (clerkId) filter('r.clerk_id = @clerk', 'clerk', clerkId);
    if (state) filter('r.state = @state', 'state', state);
    const desc = sort === 'recientes';
    if (cursor) {
      const [at, id] = decodeCursor(cursor);
      where.push(desc ? '(r.created_at < @at OR (r.created_at = @at AND r.id < @id))' : '(r.created_at > @at OR (r.created_at = @at AND r.id > @id))');
      Object.assign(params, { at, id });
    }
    ctx.audit.target('search');
    const rows = ctx.db.$client
      .prepare(
        `SELECT r.id, r.number, r.channel, r.state, r.state_since AS stateSince, r.created_at AS createdAt, r.employer_ruc AS employerRuc,
           r.employer_legal_name AS employerLegalName, r.representative_names AS representativeNames, r.clerk_id AS clerkId, u.display_name AS clerkName
         FROM requests r LEFT JOIN users u ON u.id = r.clerk_id
         WHERE ${where.join(' AND ')} ORDER BY r.created_at ${desc ? 'DESC' : 'ASC'}, r.id ${desc ? 'DESC' : 'ASC'} LIMIT @limit`,
      )
      .all(params) as Found[];
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') : null };
  },
};

function decodeCursor(raw: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // the Spanish error below
  }
  throw new CallFailure('invalid_input', 'La página solicitada no es válida; vuelva a la primera página.');
}
