// The agency dashboard, read from the per-day figures the database keeps with every change
// (db/schema-figures.ts, kept by triggers; supervisor/figures.ts recounts them from the records),
// so a month or a year is a few hundred rows, not a scan of requests and of the event log.
import { all, get, ident, pluck, sql, type Reader } from '../../../db/sql';
import { REJECTION_REASONS, RETURN_REASONS, catalogLabel, type Channel } from '../../../shared/domain/catalogs';
import type { DashboardStats } from '../../../shared/contract/supervisor';
import { DAY_MS, dayEnd, dayStart, ecuadorDate } from '../../../shared/domain/dates';
import type { RequestEvent } from '../../../shared/domain/lifecycle';
import type { HandlersOf } from '../registry';

/** Nearest-rank percentile of ascending values. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function durations(sorted: number[]) {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return { n: sorted.length, medianMinutes: round(percentile(sorted, 50)), p90Minutes: round(percentile(sorted, 90)) };
}

/** Minutes from check-in to the first `column` milestone of the counter requests created in the range, ascending. */
function minutesUntil(db: Reader, agencyId: string, from: number, to: number, column: 'to_submission' | 'to_approval'): number[] {
  return pluck<number>(db, sql`SELECT ${ident(column)} FROM request_milestones WHERE agency_id = ${agencyId} AND created_at >= ${from} AND created_at < ${to} AND ${ident(column)} IS NOT NULL ORDER BY 1`);
}

export function dashboardStats(db: Reader, agencyId: string, fromIso: string, toIso: string): DashboardStats {
  const from = dayStart(fromIso);
  const to = dayEnd(toIso);
  // Per-day figures kept with every change (db/schema-figures.ts): ~one row per clerk, channel and day.
  // Presencial and Ventanilla Virtual apart: different people attend them, at different paces.
  const days = all<{ day: string; channel: Channel | ''; received: number; approved: number; rejected: number }>(
    db,
    sql`SELECT day, channel, sum(received) AS received, sum(approved) AS approved, sum(rejected) AS rejected FROM daily_figures
       WHERE agency_id = ${agencyId} AND day >= ${fromIso} AND day <= ${toIso} GROUP BY day, channel`,
  );
  const perDay: DashboardStats['perDay'] = [];
  const index = new Map<string, number>();
  for (let t = from; t < to; t += DAY_MS) {
    const date = ecuadorDate(t);
    index.set(date, perDay.length);
    perDay.push({ date, received: 0, receivedPresencial: 0, receivedVirtual: 0, approved: 0, rejected: 0 });
  }
  const byChannel: DashboardStats['byChannel'] = { presencial: { received: 0, approved: 0, rejected: 0 }, virtual: { received: 0, approved: 0, rejected: 0 } };
  for (const d of days) {
    const i = index.get(d.day);
    if (i !== undefined) {
      const day = perDay[i]!;
      day.received += d.received;
      day.approved += d.approved;
      day.rejected += d.rejected;
      if (d.channel === 'presencial') day.receivedPresencial += d.received;
      if (d.channel === 'virtual') day.receivedVirtual += d.received;
    }
    // '' is an event of a request this desk does not hold: in the day's total, in no channel.
    if (d.channel === 'presencial' || d.channel === 'virtual') {
      byChannel[d.channel].received += d.received;
      byChannel[d.channel].approved += d.approved;
      byChannel[d.channel].rejected += d.rejected;
    }
  }
  const clerks = all<{ clerkId: string; name: string }>(db, sql`SELECT id AS clerkId, display_name AS name FROM users WHERE agency_id = ${agencyId} AND role = 'ventanillero' ORDER BY display_name`);
  const byClerk = new Map(
    all<{ id: string; received: number; submitted: number }>(
      db,
      sql`SELECT clerk_id AS id, sum(received) AS received, sum(submitted) AS submitted FROM daily_figures WHERE agency_id = ${agencyId} AND day >= ${fromIso} AND day <= ${toIso} GROUP BY clerk_id`,
    ).map((r) => [r.id, r]),
  );
  const perClerk = clerks.map((c) => ({ ...c, received: byClerk.get(c.clerkId)?.received ?? 0, submitted: byClerk.get(c.clerkId)?.submitted ?? 0 }));
  const reasons = (event: RequestEvent, catalog: typeof REJECTION_REASONS | typeof RETURN_REASONS) =>
    all<{ code: string; count: number }>(
      db,
      sql`SELECT reason_code AS code, sum(n) AS count FROM daily_reasons WHERE agency_id = ${agencyId} AND event = ${event} AND day >= ${fromIso} AND day <= ${toIso} GROUP BY reason_code HAVING count > 0 ORDER BY count DESC, code`,
    ).map((r) => ({ ...r, label: catalogLabel(catalog, r.code) ?? r.code }));
  const turnos = get<DashboardStats['appointments']>(
    db,
    sql`SELECT coalesce(sum(status = 'atendido'), 0) AS attended, coalesce(sum(status = 'no_asistio'), 0) AS noShow, coalesce(sum(status = 'pendiente'), 0) AS pending
       FROM appointments WHERE agency_id = ${agencyId} AND date >= ${fromIso} AND date <= ${toIso}`,
  )!;
  const backlog = get<DashboardStats['syncBacklog']>(
    db,
    sql`SELECT coalesce(sum(status <> 'fallido'), 0) AS pending, coalesce(sum(status = 'fallido'), 0) AS failed FROM outbox WHERE acked_at IS NULL`,
  )!;
  return {
    perDay,
    byChannel,
    perClerk,
    checkInToSubmission: durations(minutesUntil(db, agencyId, from, to, 'to_submission')),
    checkInToApproval: durations(minutesUntil(db, agencyId, from, to, 'to_approval')),
    rejectionReasons: reasons('rechazar', REJECTION_REASONS),
    returnReasons: reasons('devolver', RETURN_REASONS),
    appointments: turnos,
    syncBacklog: backlog,
  };
}

export const dashboardHandlers: Pick<HandlersOf<'supervisor'>, 'dashboard.stats'> = {
  'dashboard.stats': ({ from, to }, ctx) => dashboardStats(ctx.db, ctx.actor.agencyId, from, to),
};
