// The supervisor's workqueues. Each queue is one or two states (and a channel) read off the
// index on (agency_id, state, state_since, id): open states are a small slice of a million
// requests, so counting them stays instant and a page is read in queue order, never sorted.
import type { QueueCode, QueueRow, SlaPlan } from '../../../shared/contract/supervisor';
import { QUEUES } from '../../../shared/contract/supervisor';
import type { Channel } from '../../../shared/domain/catalogs';
import type { RequestState } from '../../../shared/domain/lifecycle';
import { OPEN_STATES } from '../../../shared/domain/state-groups';
import { VIEWED_SINCE_LAST_CHANGE, viewedParams } from '../counter/events';
import { decodeCursor, encodeCursor } from '../cursor';
import { DAY_MS, todayStart } from '../../../shared/domain/dates';
import type { HandlersOf } from '../registry';
import { getSetting } from '../settings';

interface QueueDef {
  /** Each state is read on its own range of the index; several are merged in order. */
  states?: readonly RequestState[];
  channel?: Channel;
  /** Only what reached the state in the last N Ecuador calendar days (1 = today). */
  sinceDays?: number;
  /** Instead of states: a condition over alias r. */
  where?: string;
}

export const QUEUE_DEFS: Record<QueueCode, QueueDef> = {
  por_revisar: { states: ['pendiente_revision'], channel: 'presencial' },
  virtual_por_revisar: { states: ['en_verificacion', 'pendiente_revision'], channel: 'virtual' },
  devueltas: { states: ['devuelta'] },
  aprobadas_sin_enviar: { states: ['aprobada'] },
  error_envio: { where: 'r.id IN (SELECT request_id FROM outbox WHERE acked_at IS NULL AND last_error IS NOT NULL)' },
  clave_emitida_hoy: { states: ['clave_emitida'], sinceDays: 1 },
  // A month back: a rejected applicant often returns days later, and the supervisor looks it up.
  rechazadas: { states: ['rechazada', 'rechazada_central'], sinceDays: 30 },
};

/** The @since bound of a queue limited to recent days: the start of the first of those days. */
function sinceParam(def: QueueDef, now: number): { since?: number } {
  return def.sinceDays ? { since: todayStart(now) - (def.sinceDays - 1) * DAY_MS } : {};
}

/** The SQL conditions (alias r) of a queue restricted to one of its states, or to its `where`. */
function conditions(def: QueueDef, state: RequestState | null): string[] {
  const c = ['r.agency_id = @agency'];
  if (state) c.push(`r.state = '${state}'`);
  if (def.where) c.push(def.where);
  if (def.channel) c.push(`r.channel = '${def.channel}'`);
  if (def.sinceDays) c.push('r.state_since >= @since');
  return c;
}

/** The agency's SLA with the effective thresholds of each state a request waits in (see SlaPlan). */
export function slaPlan(warnMinutes: number, breachMinutes: number, deadlines: Partial<Record<RequestState, number>>): SlaPlan {
  const byState: SlaPlan['byState'] = {};
  for (const state of OPEN_STATES) {
    const deadline = deadlines[state];
    byState[state] =
      deadline === undefined
        ? { warnMinutes, breachMinutes }
        : { warnMinutes: Math.min(deadline - 1, Math.round((deadline * warnMinutes) / breachMinutes)), breachMinutes: deadline };
  }
  return { warnMinutes, breachMinutes, byState };
}

const COLUMNS = `r.id, r.number, r.version, r.channel, r.state, r.state_since AS stateSince, r.created_at AS createdAt,
  r.employer_ruc AS employerRuc, r.employer_legal_name AS employerLegalName, r.representative_names AS representativeNames,
  r.clerk_id AS clerkId, u.display_name AS clerkName,
  ${VIEWED_SINCE_LAST_CHANGE} AS viewed`;

export const queueHandlers: Pick<HandlersOf<'supervisor'>, 'queues.summary' | 'queues.list'> = {
  'queues.summary': (_input, ctx) => {
    const queues = QUEUES.map(({ code, label }) => {
      const def = QUEUE_DEFS[code];
      const states = def.states ? `r.state IN (${def.states.map((s) => `'${s}'`).join(', ')})` : null;
      const where = [...conditions(def, null), ...(states ? [states] : [])].join(' AND ');
      const row = ctx.db.$client
        .prepare(`SELECT count(*) AS count, min(r.state_since) AS oldestSince FROM requests r WHERE ${where}`)
        .get({ agency: ctx.actor.agencyId, ...sinceParam(def, ctx.clock.now()) }) as { count: number; oldestSince: number | null };
      return { code, label, ...row };
    });
    return { queues, sla: slaPlan(getSetting(ctx.db, 'slaWarnMinutes'), getSetting(ctx.db, 'slaBreachMinutes'), getSetting(ctx.db, 'slaMinutesByState')) };
  },

  'queues.list': ({ queue, cursor, limit }, ctx) => {
    const def = QUEUE_DEFS[queue];
    const after = cursor ? decodeCursor(cursor) : null;
    ctx.audit.target(`queue:${queue}`);
    const page = after ? ' AND (r.state_since > @at OR (r.state_since = @at AND r.id > @id))' : '';
    // One ordered range per state, each stopping at the page size, merged: `state IN (a, b)`
    // would read both states whole and sort them (thousands of rows for the Ventanilla Virtual).
    const ranges = (def.states ?? [null]).map(
      (state) => `SELECT * FROM (SELECT r.rowid AS rid, r.state_since, r.id FROM requests r WHERE ${conditions(def, state).join(' AND ')}${page} ORDER BY r.state_since, r.id LIMIT @limit)`,
    );
    const rows = ctx.db.$client
      .prepare(
        `WITH page AS (SELECT rid FROM (${ranges.join(' UNION ALL ')}) ORDER BY state_since, id LIMIT @limit)
         SELECT ${COLUMNS} FROM page CROSS JOIN requests r ON r.rowid = page.rid LEFT JOIN users u ON u.id = r.clerk_id
         ORDER BY r.state_since, r.id`,
      )
      .all({
        agency: ctx.actor.agencyId,
        ...viewedParams(ctx.actor.userId),
        limit: limit + 1,
        ...sinceParam(def, ctx.clock.now()),
        ...(after ? { at: after.at, id: after.id } : {}),
      }) as (Omit<QueueRow, 'viewed'> & { viewed: number })[];
    const items = rows.slice(0, limit).map((r) => ({ ...r, viewed: r.viewed === 1 }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.stateSince, id: last.id }) : null };
  },
};
