// The per-day figures the dashboard and the end-of-day report read (db/schema-figures.ts),
// kept by the triggers of db/migrations/0012_daily_figures.sql. `recountFigures` is the same
// definitions as one full count over the records: the tests compare it with what the triggers
// keep after random changes, and it documents what each column means. `rebuildFigures` refills
// the tables from it (the demo seed loads with the triggers dropped, then rebuilds).
import type Database from 'better-sqlite3';
import { ECUADOR_OFFSET_MS } from '../shared/domain/dates';

const day = (col: string) => `date((${col} - ${ECUADOR_OFFSET_MS}) / 1000, 'unixepoch')`;

export interface FigureRow {
  agencyId: string;
  day: string;
  clerkId: string;
  channel: string;
  received: number;
  walkIns: number;
  submitted: number;
  approved: number;
  returned: number;
  rejected: number;
  printed: number;
  reprinted: number;
}

const COLUMNS = `agency_id AS agencyId, day, clerk_id AS clerkId, channel, received, walk_ins AS walkIns, submitted, approved, returned, rejected, printed, reprinted`;

/** What the triggers keep, rows with every figure 0 left out (a reassignment can leave one). */
export function storedFigures(sqlite: Database.Database): FigureRow[] {
  return sqlite
    .prepare(
      `SELECT ${COLUMNS} FROM daily_figures
       WHERE received + walk_ins + submitted + approved + returned + rejected + printed + reprinted <> 0 ORDER BY agency_id, day, clerk_id, channel`,
    )
    .all() as FigureRow[];
}

/** The full count over requests, the event log and the prints. */
export function recountFigures(sqlite: Database.Database): FigureRow[] {
  return sqlite
    .prepare(
      `SELECT agency_id AS agencyId, day, clerk_id AS clerkId, channel, sum(received) AS received, sum(walk_ins) AS walkIns, sum(submitted) AS submitted,
              sum(approved) AS approved, sum(returned) AS returned, sum(rejected) AS rejected, sum(printed) AS printed, sum(reprinted) AS reprinted
       FROM (
         -- Check-ins: the day a request was created, its clerk and channel.
         SELECT agency_id, ${day('created_at')} AS day, coalesce(clerk_id, '') AS clerk_id, channel, 1 AS received, walk_in_reason IS NOT NULL AS walk_ins,
                0 AS submitted, 0 AS approved, 0 AS returned, 0 AS rejected, 0 AS printed, 0 AS reprinted FROM requests
         UNION ALL
         -- Decisions: the day of the event; a request counts as submitted on its first submission only.
         SELECT o.agency_id, ${day('o.created_at')}, coalesce(r.clerk_id, ''), coalesce(r.channel, ''), 0, 0,
                o.e = 'enviar_a_revision' AND o.seq = (SELECT min(f.seq) FROM outbox f WHERE f.request_id = o.request_id AND f.type = 'request.transition'
                                                        AND json_extract(f.payload, '$.event') = 'enviar_a_revision'),
                o.e = 'aprobar', o.e = 'devolver', o.e = 'rechazar', 0, 0
         FROM (SELECT seq, agency_id, request_id, created_at, json_extract(payload, '$.event') AS e FROM outbox WHERE type = 'request.transition') o
         LEFT JOIN requests r ON r.id = o.request_id
         WHERE o.e IN ('enviar_a_revision', 'aprobar', 'devolver', 'rechazar')
         UNION ALL
         -- Prints of the Solicitud (one per set of forms): first prints and reprints.
         SELECT r.agency_id, ${day('p.at')}, coalesce(r.clerk_id, ''), r.channel, 0, 0, 0, 0, 0, 0, p.reprint = 0, p.reprint = 1
         FROM form_prints p JOIN requests r ON r.id = p.request_id WHERE p.kind = 'solicitud'
       )
       GROUP BY agency_id, day, clerk_id, channel
       HAVING sum(received) + sum(walk_ins) + sum(submitted) + sum(approved) + sum(returned) + sum(rejected) + sum(printed) + sum(reprinted) <> 0
       ORDER BY agency_id, day, clerk_id, channel`,
    )
    .all() as FigureRow[];
}

/** Reasons and milestones, stored and recounted, for the same comparison. */
export function storedDetails(sqlite: Database.Database): { reasons: unknown[]; milestones: unknown[] } {
  return {
    reasons: sqlite.prepare('SELECT agency_id, day, event, reason_code, n FROM daily_reasons WHERE n <> 0 ORDER BY 1, 2, 3, 4').all(),
    milestones: sqlite.prepare('SELECT request_id, agency_id, created_at, to_submission, to_approval FROM request_milestones ORDER BY request_id').all(),
  };
}

export function recountDetails(sqlite: Database.Database): { reasons: unknown[]; milestones: unknown[] } {
  const first = (event: string) =>
    `(SELECT (min(o.created_at) - r.created_at) / 60000.0 FROM outbox o WHERE o.request_id = r.id AND o.type = 'request.transition' AND json_extract(o.payload, '$.event') = '${event}')`;
  return {
    reasons: sqlite
      .prepare(
        `SELECT r.agency_id, ${day('d.at')} AS day, d.event, d.reason_code, count(*) AS n FROM request_decisions d JOIN requests r ON r.id = d.request_id
         WHERE d.reason_code IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all(),
    milestones: sqlite
      .prepare(
        `SELECT r.id AS request_id, r.agency_id, r.created_at, ${first('enviar_a_revision')} AS to_submission, ${first('aprobar')} AS to_approval
         FROM requests r WHERE r.channel = 'presencial' ORDER BY r.id`,
      )
      .all(),
  };
}

/** Empties the figures and counts them again from the records (one transaction). */
export function rebuildFigures(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM daily_figures; DELETE FROM daily_reasons; DELETE FROM request_milestones;');
    const put = sqlite.prepare(
      `INSERT INTO daily_figures (agency_id, day, clerk_id, channel, received, walk_ins, submitted, approved, returned, rejected, printed, reprinted)
       VALUES (@agencyId, @day, @clerkId, @channel, @received, @walkIns, @submitted, @approved, @returned, @rejected, @printed, @reprinted)`,
    );
    for (const row of recountFigures(sqlite)) put.run(row);
    const details = recountDetails(sqlite);
    const reason = sqlite.prepare('INSERT INTO daily_reasons (agency_id, day, event, reason_code, n) VALUES (@agency_id, @day, @event, @reason_code, @n)');
    for (const r of details.reasons) reason.run(r);
    const milestone = sqlite.prepare('INSERT INTO request_milestones (request_id, agency_id, created_at, to_submission, to_approval) VALUES (@request_id, @agency_id, @created_at, @to_submission, @to_approval)');
    for (const m of details.milestones) milestone.run(m);
  })();
}
