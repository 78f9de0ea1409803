// Each table's row as SQLite hands it to a raw statement (db/sql.ts's all/get, better-sqlite3's
// get/all), declared once, from the table's drizzle definition in db/schema.ts. Keys are the
// schema's property names (camelCase): a statement that reads a table's row selects its columns
// `AS` those names (`display_name AS displayName`) and types the row `Pick<UserRow, …>`.
//
// Why not drizzle's `$inferSelect`: it is the row after drizzle's own mapping, which a raw
// statement does not apply: a boolean-mode integer arrives as 0/1, a json-mode text as the
// JSON text, a timestamp-mode integer as a number. `Stored` keeps every other column's type as
// drizzle infers it, so enum columns (state, role, mime…) keep their unions.
import type { Column, Table } from 'drizzle-orm';
import type * as schema from './schema';

type StoredValue<C extends Column> = C['_']['columnType'] extends 'SQLiteBoolean' | 'SQLiteTimestamp'
  ? number
  : C['_']['columnType'] extends 'SQLiteTextJson' | 'SQLiteBlobJson'
    ? string
    : C['_']['data'];

/** A table's row as a raw statement reads it (see above). */
export type Stored<T extends Table> = {
  [K in keyof T['_']['columns']]: StoredValue<T['_']['columns'][K]> | (T['_']['columns'][K]['_']['notNull'] extends true ? never : null);
};

export type AgencyRow = Stored<typeof schema.agencies>;
export type UserRow = Stored<typeof schema.users>;
export type SessionRow = Stored<typeof schema.sessions>;
export type AppointmentTableRow = Stored<typeof schema.appointments>;
export type RequestTableRow = Stored<typeof schema.requests>;
export type RequestCounterRow = Stored<typeof schema.requestCounters>;
export type OutboxTableRow = Stored<typeof schema.outbox>;
export type SettingRow = Stored<typeof schema.settings>;
export type AuditLogRow = Stored<typeof schema.auditLog>;
export type RequestDocumentRow = Stored<typeof schema.requestDocuments>;
export type AttachmentTableRow = Stored<typeof schema.attachments>;
export type RequestDecisionRow = Stored<typeof schema.requestDecisions>;
export type RequestEventRow = Stored<typeof schema.requestEvents>;
export type FormTemplateRow = Stored<typeof schema.formTemplates>;
export type FormPrintRow = Stored<typeof schema.formPrints>;
export type GuidanceSheetRow = Stored<typeof schema.guidanceSheets>;
export type GuidancePrintRow = Stored<typeof schema.guidancePrints>;
export type SyncStateTableRow = Stored<typeof schema.syncState>;
export type SyncDownloadRow = Stored<typeof schema.syncDownloads>;
export type SyncUploadRow = Stored<typeof schema.syncUploads>;
export type SyncConflictRow = Stored<typeof schema.syncConflicts>;
export type SyncMirrorRow = Stored<typeof schema.syncMirrors>;
export type WorkMarkerRow = Stored<typeof schema.workMarkers>;
export type SyncCatalogRow = Stored<typeof schema.syncCatalogs>;
export type DayClosureRow = Stored<typeof schema.dayClosures>;
export type DailyFigureRow = Stored<typeof schema.dailyFigures>;
export type DailyReasonRow = Stored<typeof schema.dailyReasons>;
export type RequestMilestoneRow = Stored<typeof schema.requestMilestones>;
