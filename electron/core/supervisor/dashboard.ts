// The agency dashboard, read from the per-day figures the database keeps with every change
// (db/schema-figures.ts, kept by triggers; supervisor/figures.ts recounts them from the records),
// so a month or a year is a few hundred rows, not a scan of requests and of the event log.
import type Database from 'better-sqlite3';
import { REJECTION_REASONS, RETURN_REASONS, catalogLabel } from '../../../shared/domain/catalogs';
import type { DashboardStats } from '../../../shared/contract/supervisor';
import { DAY_MS, dayEnd, dayStart, ecuadorDate } from '../../../shared/domain/dates';
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
function minutesUntil(sqlite: Database.Database, agencyId: string, from: number, to: number, column: 'to_submission' | 'to_approval'): number[] {
  return sqlite
    .prepare(`SELECT ${column} FROM request_milestones WHERE agency_id = ? AND created_at >= ? AND created_at < ? AND ${column} IS NOT NULL ORDER BY 1`)
    .pluck()
    .all(agencyId, from, to) as number[];
}

export function dashboardStats(sqlite: Database.Database, agencyId: string, fromIso: string, toIso: string): DashboardStats {
  const from = dayStart(fromIso);
  const to = dayEnd(toIso);
  // Per-day figures kept with every change (db/schema-figures.ts): ~one row per clerk and day.
  const days = sqlite
    .prepare('SELECT day, sum(received) AS received, sum(approved) AS approved, sum(rejected) AS rejected FROM daily_figures WHERE agency_id = ? AND day >= ? AND day <= ? GROUP BY day')
    .all(agencyId, fromIso, toIso) as { day: string; received: number; approved: number; rejected: number }[];
  const byDay = new Map(days.map((d) => [d.day, d]));
  const perDay: DashboardStats['perDay'] = [];
  for (let t = from; t < to; t += DAY_MS) {
    const date = ecuadorDate(t);
    const d = byDay.get(date);
    perDay.push({ date, received: d?.received ?? 0, approved: d?.approved ?? 0, rejected: d?.rejected ?? 0 });
  }
  const clerks = sqlite.prepare("SELECT id AS clerkId, display_name AS name FROM users WHERE agency_id = ? AND role = 'ventanillero' ORDER BY display_name").all(agencyId) as { clerkId: string; name: string }[];
  const byClerk = new Map(
    (
      sqlite
        .prepare('SELECT clerk_id AS id, sum(received) AS received, sum(submitted) AS submitted FROM daily_figures WHERE agency_id = ? AND day >= ? AND day <= ? GROUP BY clerk_id')
        .all(agencyId, fromIso, toIso) as { id: string; received: number; submitted: number }[]
    ).map((r) => [r.id, r]),
  );
  const perClerk = clerks.map((c) => ({ ...c, received: byClerk.get(c.clerkId)?.received ?? 0, submitted: byClerk.get(c.clerkId)?.submitted ?? 0 }));
  const reasons = (event: string, catalog: typeof REJECTION_REASONS | typeof RETURN_REASONS) =>
    (
      sqlite
        .prepare('SELECT reason_code AS code, sum(n) AS count FROM daily_reasons WHERE agency_id = ? AND event = ? AND day >= ? AND day <= ? GROUP BY reason_code HAVING count > 0 ORDER BY count DESC, code')
        .all(agencyId, event, fromIso, toIso) as { code: string; count: number }[]
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
  return {
    perDay,
    perClerk,
    checkInToSubmission: durations(minutesUntil(sqlite, agencyId, from, to, 'to_submission')),
    checkInToApproval: durations(minutesUntil(sqlite, agencyId, from, to, 'to_approval')),
    rejectionReasons: reasons('rechazar', REJECTION_REASONS),
    returnReasons: reasons('devolver', RETURN_REASONS),
    appointments: turnos,
    syncBacklog: backlog,
  };
}

export const dashboardHandlers: Pick<HandlersOf<'supervisor'>, 'dashboard.stats'> = {
  'dashboard.stats': ({ from, to }, ctx) => dashboardStats(ctx.db.$client, ctx.actor.agencyId, from, to),
};
