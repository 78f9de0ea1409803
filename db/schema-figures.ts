// Precomputed figures of the dashboard and the end-of-day report, kept by SQLite triggers in the
// same transaction as every change that moves them (the migration that creates these tables
// holds the triggers and the first full count). Reading a month is then reading ~30 rows per
// clerk, not scanning a month of requests and of the event log. No personal data here.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Per agency, Ecuador calendar day, clerk (the request's clerk: a reassignment moves the
 * request's figures to the new clerk, as the reports always counted them; '' for requests with
 * no clerk, e.g. from the Ventanilla Virtual) and the request's channel (the dashboard shows
 * presencial and Ventanilla Virtual apart; '' for an event of a request this desk does not hold).
 */
export const dailyFigures = sqliteTable(
  'daily_figures',
  {
    agencyId: text('agency_id').notNull(),
    /** 'yyyy-mm-dd', Ecuador time. */
    day: text('day').notNull(),
    clerkId: text('clerk_id').notNull(),
    channel: text('channel').notNull(),
    /** Requests created (checked in) that day. */
    received: integer('received').notNull().default(0),
    /** Of those, walk-ins a supervisor authorized. */
    walkIns: integer('walk_ins').notNull().default(0),
    /** Requests sent to review for the first time that day. */
    submitted: integer('submitted').notNull().default(0),
    approved: integer('approved').notNull().default(0),
    returned: integer('returned').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** Solicitud forms printed (first prints) and reprinted that day. */
    printed: integer('printed').notNull().default(0),
    reprinted: integer('reprinted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day, t.clerkId, t.channel] })],
);

/** Decisions with a reason, per agency, day, event (rechazar, devolver) and reason code. */
export const dailyReasons = sqliteTable(
  'daily_reasons',
  {
    agencyId: text('agency_id').notNull(),
    day: text('day').notNull(),
    event: text('event').notNull(),
    reasonCode: text('reason_code').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day, t.event, t.reasonCode] })],
);

/**
 * Per counter (presencial) request: when it was checked in and when it first reached review and
 * approval, for the dashboard's durations (median, p90), which cannot be summed by day.
 */
export const requestMilestones = sqliteTable(
  'request_milestones',
  {
    requestId: text('request_id').primaryKey(),
    agencyId: text('agency_id').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Minutes from check-in to the first enviar_a_revision / aprobar event; null until then. */
    toSubmission: real('to_submission'),
    toApproval: real('to_approval'),
  },
  (t) => [index('request_milestones_agency_created').on(t.agencyId, t.createdAt, t.toSubmission, t.toApproval)],
);
