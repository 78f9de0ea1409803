// The agency dashboard. Every figure is one SQL aggregate over the records (requests, the event
// log in `outbox`, decisions, turnos), so the numbers on screen are the database's numbers.
import type Database from 'better-sqlite3';
import { REJECTION_REASONS, RETURN_REASONS, catalogLabel, type Channel } from '../../../shared/domain/catalogs';
import type { DashboardStats } from '../../../shared/contract/supervisor';
import type { RequestEvent } from '../../../shared/domain/lifecycle';
import type { OutboxEventType } from '../../../shared/domain/outbox';
import { DAY_MS, ECUADOR_OFFSET_MS, dayEnd, dayStart, ecuadorDate } from '../../../shared/domain/dates';
import type { HandlersOf } from '../registry';

/** The outbox's lifecycle events are the dashboard's event log. */
const TRANSITION: OutboxEventType = 'request.transition';
/** SQL expression: the Ecuador calendar day of a ms timestamp column (ecuadorDate, in SQL). */
const ecDay = (col: string) => `date((${col} - ${ECUADOR_OFFSET_MS}) / 1000, 'unixepoch')`;

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function durations(minutes: number[]) {
  const sorted = [...minutes].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { n: sorted.length, medianMinutes: round(percentile(sorted, 50)), p90Minutes: round(percentile(sorted, 90)) };
}

/** First time each request of the range reached `event`, minus its check-in (creation), in minutes. */
function minutesUntil(sqlite: Database.Database, agencyId: string, from: number, to: number, event: RequestEvent): number[] {
  const rows = sqlite
    .prepare(
      `SELECT (min(o.created_at) - r.created_at) / 60000.0 AS minutes FROM requests r
       JOIN outbox o ON o.request_id = r.id AND o.type = ? AND json_extract(o.payload, '$.event') = ?
       WHERE r.agency_id = ? AND r.channel = 'presencial' AND r.created_at >= ? AND r.created_at < ? GROUP BY r.id`,
    )
    .all(TRANSITION, event, agencyId, from, to) as { minutes: number }[];
  return rows.map((r) => r.minutes);
}

export function dashboardStats(sqlite: Database.Database, agencyId: string, fromIso: string, toIso: string): DashboardStats {
  const from = dayStart(fromIso);
  const to = dayEnd(toIso);
  // Presencial and Ventanilla Virtual apart: different people attend them, at different paces.
  const received = sqlite
    .prepare(`SELECT ${ecDay('created_at')} AS date, channel, count(*) AS n FROM requests WHERE agency_id = ? AND created_at >= ? AND created_at < ? GROUP BY date, channel`)
    .all(agencyId, from, to) as { date: string; channel: Channel; n: number }[];
  const decidedByChannel = sqlite
    .prepare(
      `SELECT r.channel, json_extract(o.payload, '$.event') AS event, count(*) AS n FROM outbox o CROSS JOIN requests r ON r.id = o.request_id
       WHERE o.agency_id = ? AND o.type = 'request.transition' AND o.created_at >= ? AND o.created_at < ? AND json_extract(o.payload, '$.event') IN ('aprobar', 'rechazar')
       GROUP BY r.channel, event`,
    )
    .all(agencyId, from, to) as { channel: Channel; event: string; n: number }[];
  const decided = sqlite
    .prepare(
      `SELECT ${ecDay('created_at')} AS date, json_extract(payload, '$.event') AS event, count(*) AS n FROM outbox
       WHERE agency_id = ? AND type = ? AND created_at >= ? AND created_at < ? AND json_extract(payload, '$.event') IN (?, ?)
       GROUP BY date, event`,
    )
    .all(agencyId, TRANSITION, from, to, 'aprobar' satisfies RequestEvent, 'rechazar' satisfies RequestEvent) as { date: string; event: RequestEvent; n: number }[];
  // One row per day of the range (at most a year: DateRange in the contract), looked up by key.
  const receivedOn = new Map<string, number>();
  for (const r of received) receivedOn.set(`${r.date}|${r.channel}`, r.n);
  const decidedOn = new Map(decided.map((d) => [`${d.date}|${d.event}`, d.n]));
  const count = (date: string, event: RequestEvent) => decidedOn.get(`${date}|${event}`) ?? 0;
  const perDay: DashboardStats['perDay'] = [];
  for (let t = from; t < to; t += DAY_MS) {
    const date = ecuadorDate(t);
    const presencial = receivedOn.get(`${date}|presencial`) ?? 0;
    const virtual = receivedOn.get(`${date}|virtual`) ?? 0;
    perDay.push({ date, received: presencial + virtual, receivedPresencial: presencial, receivedVirtual: virtual, approved: count(date, 'aprobar'), rejected: count(date, 'rechazar') });
  }
  // Grouped once each, merged here: a correlated subquery per clerk rescanned the event log.
  const clerks = sqlite.prepare("SELECT id AS clerkId, display_name AS name FROM users WHERE agency_id = ? AND role = 'ventanillero' ORDER BY display_name").all(agencyId) as { clerkId: string; name: string }[];
  const receivedBy = new Map(
    (sqlite.prepare('SELECT clerk_id AS id, count(*) AS n FROM requests WHERE agency_id = ? AND created_at >= ? AND created_at < ? GROUP BY clerk_id').all(agencyId, from, to) as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  const submittedBy = new Map(
    (
      sqlite
        .prepare(
          `SELECT r.clerk_id AS id, count(DISTINCT o.request_id) AS n FROM outbox o CROSS JOIN requests r ON r.id = o.request_id
           WHERE o.agency_id = ? AND o.created_at >= ? AND o.created_at < ? AND o.type = ?
           AND json_extract(o.payload, '$.event') = ? GROUP BY r.clerk_id`,
        )
        .all(agencyId, from, to, TRANSITION, 'enviar_a_revision' satisfies RequestEvent) as { id: string; n: number }[]
    ).map((r) => [r.id, r.n]),
  );
  const perClerk = clerks.map((c) => ({ ...c, received: receivedBy.get(c.clerkId) ?? 0, submitted: submittedBy.get(c.clerkId) ?? 0 }));
  const reasons = (event: RequestEvent, catalog: typeof REJECTION_REASONS | typeof RETURN_REASONS) =>
    (
      sqlite
        .prepare(
          // CROSS JOIN keeps the decisions (few, by event and time) as the outer loop.
          `SELECT d.reason_code AS code, count(*) AS count FROM request_decisions d CROSS JOIN requests r ON r.id = d.request_id
           WHERE r.agency_id = ? AND d.event = ? AND d.at >= ? AND d.at < ? AND d.reason_code IS NOT NULL GROUP BY d.reason_code ORDER BY count DESC`,
        )
        .all(agencyId, event, from, to) as { code: string; count: number }[]
    ).map((r) => ({ ...r, label: catalogLabel(catalog, r.code) ?? r.code }));
  const turnos = sqlite
    .prepare(
      `SELECT coalesce(sum(status = 'atendido'), 0) AS attended, coalesce(sum(status = 'no_asistio'), 0) AS noShow, coalesce(sum(status = 'pendiente'), 0) AS pending
       FROM appointments WHERE agency_id = ? AND date >= ? AND date <= ?`,
    )
    .get(agencyId, fromIso, toIso) as DashboardStats['appointments'];
  const backlog = sqlite
    .prepare("SELECT coalesce(sum(status <> 'fallido'), 0) AS pending, coalesce(sum(status = 'fallido'), 0) AS failed FROM outbox WHERE acked_at IS NULL")
    .get() as DashboardStats['syncBacklog'];
  const channelFigures = (channel: Channel) => ({
    received: received.filter((r) => r.channel === channel).reduce((sum, r) => sum + r.n, 0),
    approved: decidedByChannel.find((d) => d.channel === channel && d.event === 'aprobar')?.n ?? 0,
    rejected: decidedByChannel.find((d) => d.channel === channel && d.event === 'rechazar')?.n ?? 0,
  });
  return {
    perDay,
    byChannel: { presencial: channelFigures('presencial'), virtual: channelFigures('virtual') },
    perClerk,
    checkInToSubmission: durations(minutesUntil(sqlite, agencyId, from, to, 'enviar_a_revision')),
    checkInToApproval: durations(minutesUntil(sqlite, agencyId, from, to, 'aprobar')),
    rejectionReasons: reasons('rechazar', REJECTION_REASONS),
    returnReasons: reasons('devolver', RETURN_REASONS),
    appointments: turnos,
    syncBacklog: backlog,
  };
}

export const dashboardHandlers: Pick<HandlersOf<'supervisor'>, 'dashboard.stats'> = {
  'dashboard.stats': ({ from, to }, ctx) => dashboardStats(ctx.db.$client, ctx.actor.agencyId, from, to),
};
