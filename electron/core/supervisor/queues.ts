// The supervisor's workqueues. Each queue is a WHERE clause over indexed columns; open states
// are a small slice of a million requests, so counting them stays instant.
import type { QueueCode, QueueRow } from '../../../shared/contract/supervisor';
import { QUEUES } from '../../../shared/contract/supervisor';
import { decodeCursor, encodeCursor } from '../cursor';
import { todayStart } from '../ecuador-time';
import type { Handlers } from '../registry';
import { getSetting } from '../settings';

/** SQL condition over alias r for each queue; `@today` is the start of today in Ecuador. */
export const QUEUE_WHERE: Record<QueueCode, string> = {
  por_revisar: "r.state = 'pendiente_revision' AND r.channel = 'presencial'",
  virtual_por_revisar: "r.state IN ('en_verificacion', 'pendiente_revision') AND r.channel = 'virtual'",
  devueltas: "r.state = 'devuelta'",
  aprobadas_sin_enviar: "r.state = 'aprobada'",
  error_envio: 'r.id IN (SELECT request_id FROM outbox WHERE acked_at IS NULL AND last_error IS NOT NULL)',
  clave_emitida_hoy: "r.state = 'clave_emitida' AND r.state_since >= @today",
  rechazadas: "r.state IN ('rechazada', 'rechazada_central') AND r.state_since >= @today",
};

/** better-sqlite3 refuses named parameters the statement does not use: pass only those. */
function namedParams(all: Record<string, unknown>, where: string, paged: boolean): Record<string, unknown> {
  const { today, at, id, ...always } = all;
  return { ...always, ...(where.includes('@today') ? { today } : {}), ...(paged ? { at, id } : {}) };
}

export const queueHandlers: Pick<Handlers, 'queues.summary' | 'queues.list'> = {
  'queues.summary': (_input, ctx) => {
    const today = todayStart(ctx.clock.now());
    const queues = QUEUES.map(({ code, label }) => {
      const sql = `SELECT count(*) AS count, min(r.state_since) AS oldestSince FROM requests r WHERE r.agency_id = @agency AND ${QUEUE_WHERE[code]}`;
      const params: Record<string, unknown> = { agency: ctx.actor.agencyId };
      if (sql.includes('@today')) params.today = today;
      const row = ctx.db.$client.prepare(sql).get(params) as { count: number; oldestSince: number | null };
      return { code, label, ...row };
    });
    return { queues, sla: { warnMinutes: getSetting(ctx.db, 'slaWarnMinutes'), breachMinutes: getSetting(ctx.db, 'slaBreachMinutes') } };
  },

  'queues.list': ({ queue, cursor, limit }, ctx) => {
    const today = todayStart(ctx.clock.now());
    const after = cursor ? decodeCursor(cursor) : null;
    ctx.audit.target(`queue:${queue}`);
    const rows = ctx.db.$client
      .prepare(
        `SELECT r.id, r.number, r.version, r.channel, r.state, r.state_since AS stateSince, r.created_at AS createdAt,
           r.employer_ruc AS employerRuc, r.employer_legal_name AS employerLegalName, r.representative_names AS representativeNames,
           r.clerk_id AS clerkId, u.display_name AS clerkName,
           EXISTS (SELECT 1 FROM audit_log a WHERE a.target = 'request:' || r.id AND a.call = 'requests.get' AND a.actor_id = @actor AND a.at >= r.updated_at) AS viewed
         FROM requests r LEFT JOIN users u ON u.id = r.clerk_id
         WHERE r.agency_id = @agency AND ${QUEUE_WHERE[queue]} ${after ? 'AND (r.state_since > @at OR (r.state_since = @at AND r.id > @id))' : ''}
         ORDER BY r.state_since, r.id LIMIT @limit`,
      )
      .all(namedParams({ agency: ctx.actor.agencyId, actor: ctx.actor.userId, today, at: after?.at ?? 0, id: after?.id ?? '', limit: limit + 1 }, QUEUE_WHERE[queue], after !== null)) as (Omit<QueueRow, 'viewed'> & { viewed: number })[];
    const items = rows.slice(0, limit).map((r) => ({ ...r, viewed: r.viewed === 1 }));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.stateSince, id: last.id }) : null };
  },
};
