// Over 400 lines on purpose: every table in one file is what drizzle-kit generates migrations from.
// Over 400 lines: every table in the one file drizzle-kit reads, so a migration sees them all.
// The database schema (drizzle). Migrations in db/migrations are generated from this file by
// `npm run db:generate` (drizzle-kit) and shipped as files.
//
// Personal data lives only in the columns marked PERSONAL below, so that retention purges and
// access logging can name them exactly (docs/security.md).
// Times are integer milliseconds since the epoch (UTC); calendar dates are 'yyyy-mm-dd' text.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { APPOINTMENT_STATUSES, catalogCodes, CHANNELS, DOCUMENT_STATUSES } from '../shared/domain/catalogs';
import { REQUEST_EVENTS, REQUEST_STATES } from '../shared/domain/lifecycle';
import { REQUEST_ACTIVITIES } from '../shared/domain/request-history';
import { ROLES } from '../shared/domain/roles';
import { REQUEST_TYPE_CODES } from '../shared/domain/request-types';

export const agencies = sqliteTable('agencies', {
  id: text('id').primaryKey(),
  /** Short code used in request numbers, e.g. 'UIO' in CAU-UIO-2026-000123. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  provinceCode: text('province_code').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** Self-describing hash: algorithm, parameters, salt and key (see core/accounts/password.ts). */
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** Set when an administrator assigns a temporary password. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    lockedUntil: integer('locked_until'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_username_unique').on(sql`lower(${t.username})`)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the bearer token: a stolen database file does not yield live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** Idle lock: while set, only unlock, logout and current answer. */
    lockedAt: integer('locked_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const appointments = sqliteTable(
  'appointments',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    date: text('date').notNull(),
    time: text('time').notNull(),
    confirmationCode: text('confirmation_code').notNull(),
    /** PERSONAL */
    cedula: text('cedula').notNull(),
    /** PERSONAL */
    names: text('names').notNull(),
    /** PERSONAL */
    email: text('email'),
    /** PERSONAL */
    mobile: text('mobile'),
    status: text('status', { enum: catalogCodes(APPOINTMENT_STATUSES) })
      .notNull()
      .default('pendiente'),
    /** The procedure the turno was booked for (shared/domain/request-types.ts): check-in opens a request of it. */
    requestType: text('request_type', { enum: REQUEST_TYPE_CODES }).notNull().default('clave_patronal'),
    statusAt: integer('status_at'),
    requestId: text('request_id'),
  },
  (t) => [
    index('appointments_day').on(t.agencyId, t.date, t.time),
    uniqueIndex('appointments_code').on(t.agencyId, t.confirmationCode),
  ],
);

export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Human number for paper and phone: CAU-UIO-2026-000123. */
    number: text('number').notNull().unique(),
    channel: text('channel', { enum: catalogCodes(CHANNELS) }).notNull(),
    /** The procedure (shared/domain/request-types.ts); rows older than the registry are clave_patronal. */
    requestType: text('request_type', { enum: REQUEST_TYPE_CODES }).notNull().default('clave_patronal'),
    state: text('state', { enum: REQUEST_STATES }).notNull(),
    stateSince: integer('state_since').notNull(),
    clerkId: text('clerk_id').references(() => users.id),
    appointmentId: text('appointment_id'),
    applicantKind: text('applicant_kind').notNull(),
    employerRuc: text('employer_ruc').notNull(),
    employerBranch: text('employer_branch').notNull().default('0001'),
    employerLegalName: text('employer_legal_name').notNull(),
    /** PERSONAL: 'cedula' | 'pasaporte' | 'codigo_extranjero' */
    representativeIdType: text('representative_id_type'),
    /** PERSONAL */
    representativeIdNumber: text('representative_id_number'),
    /** PERSONAL */
    representativeNames: text('representative_names'),
    /** PERSONAL */
    representativeNationality: text('representative_nationality'),
    /** PERSONAL */
    email: text('email'),
    /** PERSONAL */
    mobile: text('mobile'),
    /** PERSONAL */
    address: text('address'),
    /** PERSONAL: the affiliate's landline (actualizacion_contacto; docs/seeds/002_7cf0ad12e8c8a3b1.txt:7). */
    landline: text('landline'),
    // registro_extranjero (shared/domain/foreigner-registration.ts): the foreigner's passport zone and
    // the SUT contract (docs/seeds/002_7cf0ad12e8c8a3b1.txt:17–18); the code central assigns goes to foreigner_code.
    /** PERSONAL: the passport's machine-readable zone (two lines), as read at the counter. */
    passportMrz: text('passport_mrz'),
    /** PERSONAL: yyyy-mm-dd. */
    birthDate: text('birth_date'),
    /** PERSONAL: F | M | X, as the passport says. */
    sex: text('sex'),
    /** PERSONAL: the work contract's number in the SUT. */
    sutContractNumber: text('sut_contract_number'),
    /** PERSONAL: yyyy-mm-dd. */
    sutContractDate: text('sut_contract_date'),
    /** PERSONAL: the position the contract names. */
    jobPosition: text('job_position'),
    /** PERSONAL: yyyy-mm-dd, start of work under the contract. */
    jobStartDate: text('job_start_date'),
    /** PERSONAL */
    thirdPartyNames: text('third_party_names'),
    /** PERSONAL */
    thirdPartyCedula: text('third_party_cedula'),
    /** PERSONAL: passport expiry (yyyy-mm-dd), when the representative shows a passport. */
    passportExpiryDate: text('passport_expiry_date'),
    /** PERSONAL: the IESS foreigner code of a representative identified by passport (seed 004, line 63). */
    foreignerCode: text('foreigner_code'),
    visaCategory: text('visa_category'),
    /** PERSONAL */
    visaNumber: text('visa_number'),
    visaIssueDate: text('visa_issue_date'),
    visaExpiryDate: text('visa_expiry_date'),
    /** PERSONAL: number of the JNDA artisan qualification. */
    artisanNumber: text('artisan_number'),
    artisanBranch: text('artisan_branch'),
    artisanIssueDate: text('artisan_issue_date'),
    /** yyyy-mm-dd, or 'Indefinida'. */
    artisanExpiryDate: text('artisan_expiry_date'),
    /** Walk-in without a turno: the supervisor who authorized it and why. */
    walkInAuthorizedBy: text('walk_in_authorized_by'),
    walkInReason: text('walk_in_reason'),
    /** Intake answers that are not personal (profile flags, acknowledged warnings...), JSON. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** When the retention purge removed this request's personal data (LOPDP Art. 10). */
    personalDataPurgedAt: integer('personal_data_purged_at'),
    /** Optimistic concurrency: every update bumps it. */
    version: integer('version').notNull().default(1),
    /**
     * The station (desk) that recorded it, read off its number (shared/domain/request-number.ts:
     * CAU-UIO-2026-03-000124 → '03'); null for a number printed without a station and for the
     * Ventanilla Virtual. Generated, so no writer can set it apart from the number.
     */
    station: text('station').generatedAlwaysAs(
      sql`CASE WHEN number GLOB 'CAU-*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]' THEN substr(number, -9, 2) END`,
      { mode: 'virtual' },
    ),
  },
  (t) => [
    // The agency-wide view: requests of one desk, by check-in time (search's «Ventanilla» filter).
    index('requests_agency_station').on(t.agencyId, t.station, t.createdAt),
    index('requests_agency_created').on(t.agencyId, t.createdAt, t.id),
    index('requests_agency_state').on(t.agencyId, t.state, t.stateSince, t.id),
    index('requests_employer').on(t.employerRuc, t.employerBranch),
    // Search by the representative's or third party's document.
    index('requests_representative_doc').on(t.representativeIdNumber),
    index('requests_third_party_doc').on(t.thirdPartyCedula),
    index('requests_clerk_created').on(t.clerkId, t.createdAt),
    // Lists filtered by «Tipo de trámite».
    index('requests_agency_type_state').on(t.agencyId, t.requestType, t.state, t.stateSince),
    // Whether a row is of a type, by rowid (the key's last column): a seek in this narrow index
    // instead of the row itself, as search checks each name match's type
    // (electron/core/supervisor/search.ts, names within a type). On an expression no other query
    // has, so the planner never picks it on its own: without statistics for it (a database
    // migrated after its last ANALYZE) an index led by agency_id looked like it selected ten
    // rows, and the cédula search read the agency's million instead of its three indexes.
    index('requests_agency_type').on(sql`(${t.agencyId} || ' ' || ${t.requestType})`),
    // The code central assigned a foreigner (electron/core/sync/foreigner-code.ts: one code, one
    // passport, checked as each code is pulled); only registrations carry one.
    index('requests_foreigner_code').on(t.foreignerCode).where(sql`${t.foreignerCode} IS NOT NULL`),
  ],
);

/**
 * Per agency, year and station, the last request number handed out (shared/domain/request-number.ts).
 * Station '' counts the numbers printed without a station code (a desk not enrolled in central).
 */
export const requestCounters = sqliteTable(
  'request_counters',
  {
    agencyId: text('agency_id').notNull(),
    year: integer('year').notNull(),
    station: text('station').notNull().default(''),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('request_counters_station').on(t.agencyId, t.year, t.station)],
);

/**
 * Domain events not yet acknowledged by central services (the outbox). Written in the same
 * transaction as the change they describe; `idempotencyKey` lets central apply each once.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    agencyId: text('agency_id').notNull(),
    requestId: text('request_id'),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at'),
    ackedAt: integer('acked_at'),
    /**
     * Sync state of the item (docs/protocol/README.md): pendiente, enviando (a push in flight; reset to pendiente
     * at start-up), fallido (transport error: see last_error, next_attempt_at), rechazado (central
     * refused it: last_error holds its reason, acked), enviado (accepted or duplicate, acked).
     */
    status: text('status').notNull().default('pendiente'),
  },
  (t) => [
    index('outbox_pending').on(t.ackedAt, t.seq),
    index('outbox_status').on(t.status, t.seq),
    // The event log read by the dashboard and the end-of-day report.
    index('outbox_request').on(t.requestId, t.type),
    index('outbox_agency_time').on(t.agencyId, t.createdAt),
  ],
);

/** Small key/value settings of this desk (agency in use, central URL, last contact...). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

/**
 * The audit trail: one row per state change and per read of a person's record. Append-only
 * (triggers refuse UPDATE and DELETE) and hash-chained: each row's hash covers its content and
 * the previous row's hash, so an edit, deletion or reordering breaks the chain at that row.
 * No personal data here: actors are staff ids, targets are record ids.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    call: text('call').notNull(),
    target: text('target'),
    outcome: text('outcome').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_target').on(t.target, t.actorId, t.call)],
);

/** The verification checklist of a request: one row per document its rule set requires. */
export const requestDocuments = sqliteTable(
  'request_documents',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    documentType: text('document_type').notNull(),
    ruleId: text('rule_id').notNull(),
    /** What the rule requires: original, copia, entrega_en_ventanilla, escaneo... */
    presentation: text('presentation').notNull(),
    /** manuscrita | electronica | null */
    signature: text('signature'),
    presented: integer('presented', { mode: 'boolean' }).notNull().default(false),
    /** How it was actually shown, when it differs from what the rule asks. */
    presentedAs: text('presented_as'),
    /** Checks the clerk confirmed: { numberValid, namesMatch, notExpired } (JSON, no personal data). */
    checks: text('checks', { mode: 'json' }).$type<Record<string, boolean>>(),
    status: text('status', { enum: catalogCodes(DOCUMENT_STATUSES) }).notNull().default('pendiente'),
    rejectionReason: text('rejection_reason'),
    note: text('note'),
    signatureMarked: integer('signature_marked', { mode: 'boolean' }).notNull().default(false),
    /** Who signs this paper: representante_legal | tercero_autorizado (from the rule). */
    signer: text('signer'),
    /** A signed paper: 'traido' (brought signed by the applicant) | 'impreso' (printed here); null until chosen. */
    origin: text('origin', { enum: ['traido', 'impreso'] }),
    updatedBy: text('updated_by'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('request_documents_pk').on(t.requestId, t.documentType)],
);

/** Scans of documents, stored as files in the data directory under generated names. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    documentType: text('document_type').notNull(),
    /** PERSONAL: the name the file had on the clerk's computer. */
    fileName: text('file_name'),
    mime: text('mime', { enum: ['image/jpeg', 'image/png', 'application/pdf'] }).notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_request').on(t.requestId)],
);

/** Reasons given when a request is rejected, returned or cancelled (the supervisor reads them). */
export const requestDecisions = sqliteTable(
  'request_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    event: text('event').notNull(),
    reasonCode: text('reason_code'),
    /** PERSONAL (free text may name people). */
    note: text('note'),
    /** A decision relayed from another desk: who made it there and at which station (signed by that desk). */
    actorLabel: text('actor_label'),
  },
  (t) => [index('request_decisions_request').on(t.requestId, t.at), index('request_decisions_event').on(t.event, t.at)],
);

/**
 * What happened to each request, one row per thing done: the
 * request's history and bulk approval's "viewed since its last change" read these, never the
 * audit trail. Written in the same transaction as the change it records (a refused attempt in
 * the transaction of its audit entry). No personal data: a decision's reason and note stay in
 * request_decisions (`decision_id`), where retention purges the note.
 */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    at: integer('at').notNull(),
    /** A staff id, 'central', 'otra_estacion' (a desk of the agency, relayed by central), or null (the system). */
    actorId: text('actor_id'),
    activity: text('activity', { enum: catalogCodes(REQUEST_ACTIVITIES) }).notNull(),
    /** The lifecycle event, when the activity moved the request (a reprint is imprimir_formularios too). */
    event: text('event', { enum: REQUEST_EVENTS }),
    /** The document the activity was about, and its verdict (checklist status or signature mark). */
    documentType: text('document_type'),
    verdict: text('verdict'),
    /** An e-signature verdict's qualifier: 'revocacion_no_comprobada', or 'excepcion' (accepted under the agency's exception). */
    qualifier: text('qualifier'),
    decisionId: integer('decision_id').references(() => requestDecisions.id),
    /** 'ok', or the error code of a refused attempt. */
    outcome: text('outcome').notNull().default('ok'),
  },
  (t) => [index('request_events_request').on(t.requestId, t.at)],
);

/** Administrator-edited versions of the form wording; version 1 of each form ships in code. */
export const formTemplates = sqliteTable(
  'form_templates',
  {
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    paragraphs: text('paragraphs', { mode: 'json' }).notNull().$type<string[]>(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('form_templates_pk').on(t.kind, t.version)],
);

/**
 * Every print and reprint of a form: who, when, why, with which template version,
 * the archived PDF and its SHA-256. The first print's snapshot and date are what a reprint
 * renders again, so the paper comes out byte for byte the same.
 */
export const formPrints = sqliteTable(
  'form_prints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    kind: text('kind').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    reprint: integer('reprint', { mode: 'boolean' }).notNull(),
    reason: text('reason'),
    /** The date printed on the paper and in the PDF metadata. */
    printedAt: integer('printed_at').notNull(),
    templateVersion: integer('template_version').notNull(),
    sha256: text('sha256').notNull(),
    /** Relative to the data directory. */
    path: text('path').notNull(),
    /** PERSONAL: the printed data (JSON), so a reprint and a QR check use exactly what was on paper. */
    snapshot: text('snapshot'),
    /** Who printed it, by name, when that was at another desk of the agency (relayed by central). */
    printedBy: text('printed_by'),
  },
  (t) => [index('form_prints_request').on(t.requestId, t.kind, t.id)],
);

/**
 * «Hojas de orientación» (shared/domain/guidance.ts): a printed guide to an affiliate password
 * procedure, with the applicant's own data. No request stands behind it; the sheet is the record
 * its QR names, and the end-of-day report counts them per clerk.
 */
export const guidanceSheets = sqliteTable(
  'guidance_sheets',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** ORI-UIO-2026-000045 (ORI-UIO-2026-03-000045 on an enrolled station): on the paper and in its barcode. */
    number: text('number').notNull().unique(),
    procedure: text('procedure').notNull(),
    idType: text('id_type').notNull(),
    /** PERSONAL: the applicant's cédula or foreigner code ('' once purged). */
    idNumber: text('id_number').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    personalDataPurgedAt: integer('personal_data_purged_at'),
  },
  (t) => [index('guidance_sheets_agency_day').on(t.agencyId, t.createdAt)],
);

/** Every print and reprint of a guidance sheet, archived like form_prints. */
export const guidancePrints = sqliteTable(
  'guidance_prints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sheetId: text('sheet_id')
      .notNull()
      .references(() => guidanceSheets.id),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    reprint: integer('reprint', { mode: 'boolean' }).notNull(),
    printedAt: integer('printed_at').notNull(),
    templateVersion: integer('template_version').notNull(),
    sha256: text('sha256').notNull(),
    /** Relative to the data directory. */
    path: text('path').notNull(),
    /** PERSONAL: the printed data (JSON), so a reprint and a QR check use exactly what was on paper. */
    snapshot: text('snapshot'),
  },
  (t) => [index('guidance_prints_sheet').on(t.sheetId, t.id)],
);

// --- Sync with central services (docs/protocol/README.md) ------------------------------------------------------

/**
 * This desk's enrolment and sync progress: one row (id = 1). The enrolment token is NOT here: it
 * lives in the secrets store (safeStorage on the desktop).
 */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  deviceId: text('device_id'),
  deviceName: text('device_name'),
  agencyCode: text('agency_code'),
  /** Two digits central assigned at enrolment: printed in every request number of this desk. */
  stationCode: text('station_code'),
  enrolledAt: integer('enrolled_at'),
  /** Central's opaque cursor: what follows the last change applied here. */
  pullCursor: text('pull_cursor').notNull().default(''),
  /** Highest change number applied: a change delivered twice (lost answer, restart) applies once. */
  pullAppliedSeq: integer('pull_applied_seq').notNull().default(0),
  /** Next push / pull attempt after a failure (backoff, Retry-After); null = now. */
  nextAttemptAt: integer('next_attempt_at'),
  failures: integer('failures').notNull().default(0),
  /** Spanish, shown on the sync screen; null after a successful cycle. */
  lastError: text('last_error'),
  lastErrorAt: integer('last_error_at'),
  lastPullAt: integer('last_pull_at'),
  /** Progress of the pull in course (changes applied / expected), for the progress bar. */
  pullRunning: integer('pull_running', { mode: 'boolean' }).notNull().default(false),
  pullReceived: integer('pull_received').notNull().default(0),
  pullTotal: integer('pull_total').notNull().default(0),
  /** The audit head central last confirmed holding for this desk (answer of a push). */
  auditConfirmedSeq: integer('audit_confirmed_seq'),
  auditConfirmedHash: text('audit_confirmed_hash'),
  auditConfirmedAt: integer('audit_confirmed_at'),
  /** Spanish: why central last refused this desk's audit head (rewound, forked); null once accepted. */
  auditRefusal: text('audit_refusal'),
  auditRefusalAt: integer('audit_refusal_at'),
  /** A replacement desk recovers its station's requests and files from central; done when set. */
  recoveredAt: integer('recovered_at'),
});

/**
 * Files of this station a replacement desk fetches back from central (scans, archived forms), by
 * their place in the data directory; a row leaves when the content arrived and matched its SHA-256.
 */
export const syncDownloads = sqliteTable('sync_downloads', {
  /** Relative to the data directory, '/' separators. */
  path: text('path').primaryKey(),
  sha256: text('sha256').notNull(),
  requestId: text('request_id').notNull(),
  size: integer('size'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
});

/** Files (scans, archived forms) central holds a copy of, by content: uploaded once each. */
export const syncUploads = sqliteTable('sync_uploads', {
  sha256: text('sha256').primaryKey(),
  uploadedAt: integer('uploaded_at').notNull(),
});

/** Central decisions the lifecycle refused: shown to the clerk with the reason, never dropped. */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    /** Central's change number, so a re-delivered change does not record the conflict twice. */
    changeSeq: integer('change_seq').notNull(),
    requestId: text('request_id'),
    event: text('event'),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('sync_conflicts_change').on(t.changeSeq), index('sync_conflicts_at').on(t.at)],
);

/** Requests recorded at another desk of the agency and mirrored here through central. */
export const syncMirrors = sqliteTable('sync_mirrors', {
  requestId: text('request_id').primaryKey(),
  originDevice: text('origin_device').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** SHA-256 of the origin desk's file last written here: the same file again is not rewritten. */
  recordHash: text('record_hash'),
  /** The request's clerk at the origin desk, by name (their account lives there): for the lists. */
  clerkName: text('clerk_name'),
});

/**
 * Who is working which request (docs/protocol/README.md «En atención»): this desk's own markers
 * (device_id '') and, replaced at every sync, the other desks' that central relays. Advisory:
 * nothing refuses work because of a marker; a screen asks for confirmation.
 */
export const workMarkers = sqliteTable(
  'work_markers',
  {
    requestId: text('request_id').notNull(),
    /** '' for this desk; otherwise the other desk's device id at central. */
    deviceId: text('device_id').notNull(),
    station: text('station'),
    deskName: text('desk_name'),
    userId: text('user_id').notNull(),
    userName: text('user_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    activity: text('activity').notNull(),
    since: integer('since').notNull(),
    /** This desk's clock: when the marker lapses unless renewed. */
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [uniqueIndex('work_markers_pk').on(t.requestId, t.deviceId, t.userId), index('work_markers_expiry').on(t.expiresAt)],
);

/** Catalogs published by central (latest version of each). */
export const syncCatalogs = sqliteTable('sync_catalogs', {
  name: text('name').primaryKey(),
  version: integer('version').notNull(),
  entries: text('entries', { mode: 'json' }).notNull().$type<{ code: string; label: string }[]>(),
  receivedAt: integer('received_at').notNull(),
});

/** A supervisor closed the agency's day: its figures as they were, and any pending carried over. */
export const dayClosures = sqliteTable(
  'day_closures',
  {
    agencyId: text('agency_id').notNull(),
    date: text('date').notNull(),
    closedAt: integer('closed_at').notNull(),
    closedBy: text('closed_by').notNull(),
    carriedOver: integer('carried_over', { mode: 'boolean' }).notNull(),
    reason: text('reason'),
    figures: text('figures', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('day_closures_pk').on(t.agencyId, t.date)],
);

// Precomputed figures (dashboard, end of day): db/schema-figures.ts.
export * from './schema-figures';
