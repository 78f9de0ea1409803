// Demo agency for training, screenshots, end-to-end tests and benchmarks: users of each role,
// today's turnos, and requests of the three types (./affiliate.ts TYPE_MIX) in every state each
// reaches, with valid cédulas, RUCs and passports and Spanish names.
// Written with prepared statements in large transactions: 1,000,000 requests in well under 60 s.
import type { UserRow } from '../rows';
import { rebuildFigures } from '../figures';
import type Database from 'better-sqlite3';
import { exec, ident, join, sql, storedDdl, transaction } from '../sql';
import { v7 as uuidv7 } from 'uuid';
import { DAY_MS, ecuadorDate, ecuadorYear } from '../../shared/domain/dates';
import { REQUEST_STATES, type RequestState } from '../../shared/domain/lifecycle';
import { OPEN_STATES } from '../../shared/domain/state-groups';
import { REQUEST_TYPE_REGISTRY, type RequestType } from '../../shared/domain/request-types';
import { requiredDocuments, type RequiredDocument, type RequirementProfile } from '../../shared/domain/requirements';
import { hashPassword } from '../../electron/core/accounts/password';
import { affiliateState, affiliateStatements, seedAffiliate, typeFor, type AffiliateType } from './affiliate';
import { HISTORY_DAYS, noopHistory, NOOP_STATEMENT, seedHistory, target, type HistoryStatements } from './history';
import {
  address,
  cedula,
  companyName,
  email,
  mobile,
  personName,
  pick,
  publicEntityName,
  rucNatural,
  rucPrivate,
  rucPublic,
  seededRng,
  type Rng,
} from './generate';

export const DEMO_AGENCY = { id: 'agency-uio', code: 'UIO', name: 'CAU Quito Norte (Iñaquito)', provinceCode: '17' };
export const OTHER_AGENCY = { id: 'agency-gye', code: 'GYE', name: 'CAU Guayaquil Centro', provinceCode: '09' };

/** Documented in the README: demo passwords only, never for a real agency. */
export const DEMO_USERS = [
  { username: 'admin', displayName: 'Patricio Ordóñez', role: 'administrador', password: 'Admin.Demo.2026', agency: DEMO_AGENCY },
  { username: 'supervisora', displayName: 'Mónica Peña Yánez', role: 'supervisor', password: 'Super.Demo.2026', agency: DEMO_AGENCY },
  { username: 'ventanilla1', displayName: 'José Muñoz Quishpe', role: 'ventanillero', password: 'Ventanilla.Demo.2026', agency: DEMO_AGENCY },
  { username: 'ventanilla2', displayName: 'Ana Lucía Castañeda', role: 'ventanillero', password: 'Ventanilla.Demo.2026', agency: DEMO_AGENCY },
  { username: 'ventanilla3', displayName: 'Begoña Núñez Cárdenas', role: 'ventanillero', password: 'Ventanilla.Demo.2026', agency: DEMO_AGENCY },
  { username: 'ventanilla.gye', displayName: 'Ramón Zúñiga León', role: 'ventanillero', password: 'Ventanilla.Demo.2026', agency: OTHER_AGENCY },
] as const;

export interface SeedOptions {
  requests: number;
  now: number;
  seed?: number;
  /**
   * The last 30 days' event history (acknowledged by central) and decisions, for the dashboard.
   * Tests of the outbox itself leave it out: their outbox must hold only what they pushed.
   */
  history?: boolean;
  /**
   * Hashes of DEMO_USERS' passwords made beforehand (password → stored hash). scrypt is most of a
   * small seed's time: the test suite hashes them once per run (test/support/seed-fixtures.ts).
   * A password missing here is hashed now.
   */
  passwordHashes?: ReadonlyMap<string, string>;
}

export interface SeedSummary {
  users: number;
  appointments: number;
  requests: number;
  /** Requests per state, all types together. */
  byState: Record<string, number>;
  /** Requests per state of each type. */
  byType: Record<RequestType, Record<string, number>>;
}

const BATCH = 50_000;

export async function seedDemo(sqlite: Database.Database, opts: SeedOptions): Promise<SeedSummary> {
  const existing = sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
  if (existing.n > 0) throw new Error('El directorio de datos ya contiene usuarios; use un directorio vacío para los datos de demostración.');
  const rng = seededRng(opts.seed ?? 2026);
  const hashes = new Map<string, string>();
  for (const u of DEMO_USERS) if (!hashes.has(u.password)) hashes.set(u.password, opts.passwordHashes?.get(u.password) ?? (await hashPassword(u.password)));

  const userIds = new Map<string, string>();
  sqlite.transaction(() => {
    const insAgency = sqlite.prepare('INSERT INTO agencies (id, code, name, province_code, created_at) VALUES (?, ?, ?, ?, ?)');
    for (const a of [DEMO_AGENCY, OTHER_AGENCY]) insAgency.run(a.id, a.code, a.name, a.provinceCode, opts.now);
    const insUser = sqlite.prepare(
      `INSERT INTO users (id, agency_id, username, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const u of DEMO_USERS) {
      const id = uuidv7();
      userIds.set(u.username, id);
      insUser.run(id, u.agency.id, u.username, u.displayName, u.role, hashes.get(u.password)!, opts.now, opts.now);
    }
    sqlite.prepare("INSERT INTO settings (key, value) VALUES ('agencyId', ?)").run(JSON.stringify(DEMO_AGENCY.id));
  })();

  const appointments = seedAppointments(sqlite, rng, opts.now);
  const clerks = DEMO_USERS.filter((u) => u.role === 'ventanillero' && u.agency === DEMO_AGENCY).map((u) => userIds.get(u.username)!);
  const byType = withoutSecondaryStructures(sqlite, ['requests', 'request_documents', 'outbox', 'request_decisions', 'request_events'], () => seedRequests(sqlite, rng, opts, clerks));
  const byState: Record<string, number> = {};
  for (const states of Object.values(byType)) for (const [state, n] of Object.entries(states)) byState[state] = (byState[state] ?? 0) + n;
  return { users: DEMO_USERS.length, appointments, requests: opts.requests, byState, byType };
}

function seedAppointments(sqlite: Database.Database, rng: Rng, now: number): number {
  const today = ecuadorDate(now);
  const ins = sqlite.prepare(
    `INSERT INTO appointments (id, agency_id, date, time, confirmation_code, cedula, names, email, mobile, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pendiente')`,
  );
  let n = 0;
  sqlite.transaction(() => {
    for (let minutes = 8 * 60; minutes < 17 * 60; minutes += 20) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const names = personName(rng);
      const code = `CP${String(100000 + Math.floor(rng() * 900000))}`;
      ins.run(uuidv7(), DEMO_AGENCY.id, today, time, code, cedula(rng), names, email(rng, names), mobile(rng));
      n++;
    }
  })();
  return n;
}

const KINDS = ['natural_ecuatoriana', 'juridica_privada', 'juridica_publica', 'natural_extranjera'] as const;
const KIND_WEIGHTS = [0.45, 0.4, 0.08, 0.07];
const NATIONALITIES = ['COL', 'VEN', 'PER', 'ESP', 'USA', 'CUB', 'CHN'] as const;
const TERMINAL_MIX: [RequestState, number][] = [
  ['clave_emitida', 0.82],
  ['rechazada', 0.08],
  ['anulada', 0.07],
  ['rechazada_central', 0.03],
];

function weighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  let r = rng();
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/**
 * The states an employer request (the seeded type) can be in: the lifecycle's, less those only
 * another request type reaches (shared/domain/request-types.ts; 'completada' is the contact update's).
 */
const EMPLOYER_STATES: readonly RequestState[] = REQUEST_STATES.filter(
  (s) => s === 'borrador' || REQUEST_TYPE_REGISTRY.clave_patronal.transitions.some(([from, event]) => target(from, event) === s),
);

/** Old requests are closed; the last month holds every open state; the newest cover each state. */
function stateFor(rng: Rng, index: number, total: number, ageMs: number): RequestState {
  const fromEnd = total - 1 - index;
  if (fromEnd < EMPLOYER_STATES.length * 3) return EMPLOYER_STATES[fromEnd % EMPLOYER_STATES.length]!;
  if (ageMs > 30 * DAY_MS) return weighted(rng, TERMINAL_MIX.map((m) => m[0]), TERMINAL_MIX.map((m) => m[1]));
  return pick(rng, EMPLOYER_STATES);
}

function seedRequests(sqlite: Database.Database, rng: Rng, opts: SeedOptions, clerks: string[]): Record<RequestType, Record<string, number>> {
  const ins = sqlite.prepare(
    `INSERT INTO requests (id, agency_id, number, channel, state, state_since, clerk_id, applicant_kind,
      employer_ruc, employer_branch, employer_legal_name, representative_id_type, representative_id_number,
      representative_names, representative_nationality, email, mobile, address, third_party_names,
      third_party_cedula, details, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insDoc = sqlite.prepare(
    `INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, presented, presented_as, status, signature_marked, signer, origin, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const history: HistoryStatements = {
    event: sqlite.prepare(
      `INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at, attempts, acked_at, status)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, 'enviado')`,
    ),
    decision: sqlite.prepare('INSERT INTO request_decisions (request_id, at, actor_id, event, reason_code, note) VALUES (?, ?, ?, ?, ?, NULL)'),
    historyLine: sqlite.prepare('INSERT INTO request_events (request_id, at, actor_id, activity, event, decision_id) VALUES (?, ?, ?, ?, ?, ?)'),
    supervisorId: userIdOf(sqlite, 'supervisora'),
    agencyId: DEMO_AGENCY.id,
  };
  const affiliate = affiliateStatements(sqlite, history);
  const unwritten = noopHistory(history);
  // Their own streams: the employer rows draw from `rng` exactly as before the mix, so those not
  // replaced by another type (the newest above all, which the end-to-end specs read) stay as they were.
  const seed = opts.seed ?? 2026;
  const typeRng = seededRng(seed ^ 0x7e9e);
  const affiliateRng = seededRng(seed ^ 0xaff1);
  const counters = new Map<number, number>();
  const byType: Record<RequestType, Record<string, number>> = { clave_patronal: {}, actualizacion_contacto: {}, registro_extranjero: {} };
  // Spread over three years, the newest a few minutes ago, in creation order (index-friendly).
  const span = Math.min(3 * 365 * DAY_MS, Math.max(DAY_MS, opts.requests * 60_000));
  const start = opts.now - span;
  const step = span / Math.max(1, opts.requests);
  for (let from = 0; from < opts.requests; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(opts.requests, from + BATCH); i++) {
        const createdAt = Math.floor(start + i * step);
        const year = ecuadorYear(createdAt);
        const seq = (counters.get(year) ?? 0) + 1;
        counters.set(year, seq);
        const number = `CAU-${DEMO_AGENCY.code}-${year}-${String(seq).padStart(6, '0')}`;
        const kind = typeFor(typeRng, i, opts.requests, EMPLOYER_STATES.length * 3);
        const employer = kind.type === 'clave_patronal';
        const id = uuidv7({ msecs: createdAt });
        const withHistory = opts.history !== false && opts.now - createdAt < HISTORY_DAYS * DAY_MS;
        // The employer row is drawn either way (see typeRng); written only when it is one.
        const state = employerRow(employer ? { ins, insDoc, history } : { ins: NOOP_STATEMENT, insDoc: NOOP_STATEMENT, history: unwritten }, rng, {
          i, id, number, createdAt, total: opts.requests, now: opts.now, clerks, withHistory,
        });
        if (employer) {
          byType.clave_patronal[state] = (byType.clave_patronal[state] ?? 0) + 1;
          continue;
        }
        const type = kind.type as AffiliateType;
        const affiliateStateOf = kind.state ?? affiliateState(affiliateRng, type, opts.now - createdAt);
        seedAffiliate(affiliate, affiliateRng, { id, agencyId: DEMO_AGENCY.id, number, type, state: affiliateStateOf, createdAt, clerks, now: opts.now, history: opts.history !== false });
        byType[type][affiliateStateOf] = (byType[type][affiliateStateOf] ?? 0) + 1;
      }
    })();
  }
  const insCounter = sqlite.prepare('INSERT INTO request_counters (agency_id, year, last) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (const [year, last] of counters) insCounter.run(DEMO_AGENCY.id, year, last);
  })();
  return byType;
}

interface EmployerStatements {
  ins: Database.Statement;
  insDoc: Database.Statement;
  history: HistoryStatements;
}

/** One employer request (as the seed wrote them before the other types): its row, checklist and history. Returns its state. */
function employerRow(
  s: EmployerStatements,
  rng: Rng,
  r: { i: number; id: string; number: string; createdAt: number; total: number; now: number; clerks: string[]; withHistory: boolean },
): RequestState {
  const { i, createdAt, id } = r;
  const state = stateFor(rng, i, r.total, r.now - createdAt);
  // The newest requests awaiting verification are Ventanilla Virtual ones of an Ecuadorian
  // representative (the e-signature names a cédula): whatever the demo's size, the
  // supervisor has virtual requests to verify and approve (their scans: ./scans.ts).
  const showcase = r.total - 1 - i < EMPLOYER_STATES.length * 3 && state === 'en_verificacion';
  const picked = weighted(rng, KINDS, KIND_WEIGHTS);
  const kind = showcase && picked === 'natural_extranjera' ? 'natural_ecuatoriana' : picked;
  // Virtual requests enter at en_verificacion and are e-signed: never drafts or awaiting print.
  const virtual = (state !== 'borrador' && state !== 'pendiente_firma' && rng() < 0.15) || showcase;
  const stateSince = Math.min(r.now, createdAt + Math.floor(rng() * Math.min(3 * DAY_MS, r.now - createdAt + 1)));
  const rep = personName(rng);
  const foreign = kind === 'natural_extranjera';
  const repCedula = cedula(rng);
  const ruc = kind === 'juridica_privada' ? rucPrivate(rng) : kind === 'juridica_publica' ? rucPublic(rng) : rucNatural(repCedula);
  const legalName = kind === 'juridica_privada' ? companyName(rng) : kind === 'juridica_publica' ? publicEntityName(rng) : rep;
  const thirdParty = !virtual && kind.startsWith('juridica') && rng() < 0.3;
  const idType = foreign ? (rng() < 0.5 ? 'pasaporte' : 'codigo_extranjero') : 'cedula';
  const idNumber = idType === 'cedula' ? repCedula : idType === 'pasaporte' ? `P${String(Math.floor(rng() * 1e8)).padStart(8, '0')}` : `EXT${String(Math.floor(rng() * 1e6)).padStart(6, '0')}`;
  const tp = thirdParty ? personName(rng) : null;
  const artisan = kind === 'natural_ecuatoriana' && rng() < 0.1;
  s.ins.run(
    id,
    DEMO_AGENCY.id,
    r.number,
    virtual ? 'virtual' : 'presencial',
    state,
    stateSince,
    virtual && state === 'en_verificacion' ? null : pick(rng, r.clerks),
    kind,
    ruc,
    '0001',
    legalName,
    idType,
    idNumber,
    rep,
    foreign ? pick(rng, NATIONALITIES) : 'ECU',
    email(rng, rep),
    mobile(rng),
    address(rng),
    tp,
    thirdParty ? cedula(rng) : null,
    JSON.stringify({
      artisan,
      viaThirdParty: thirdParty,
      ...(idType === 'pasaporte' ? { foreignerRegistration: 'no_registrado' } : {}),
      // Past the counter, the e-mail was proven (docs/seeds/004_…:43), now and then offline.
      ...(!virtual && PROVEN_STATES.has(state) ? { emailProof: rng() < 0.85 ? { status: 'verificado', reason: null, note: null, at: stateSince, by: null } : { status: 'no_verificado', reason: 'sin_conexion', note: null, at: stateSince, by: null } } : {}),
    }),
    createdAt,
    stateSince,
  );
  if (r.withHistory) seedHistory(s.history, rng, id, state, virtual, createdAt, stateSince);
  if (CHECKLIST_STATES.has(state)) {
    const profile: RequirementProfile = {
      applicantKind: kind,
      channel: virtual ? 'virtual' : 'presencial',
      viaThirdParty: thirdParty,
      representativeHasCedula: idType === 'cedula',
      representativeIsForeign: foreign,
      artisan,
      representativeIessRegistered: idType === 'codigo_extranjero',
    };
    seedChecklist(s.insDoc, rng, id, state, profile, stateSince);
  }
  return state;
}

/** States a presencial request reaches only after the counter proved (or excused) the e-mail. */
const PROVEN_STATES = new Set<RequestState>(['pendiente_revision', 'aprobada', 'enviada', 'clave_emitida', 'devuelta', 'rechazada_central']);

/** Open requests past the draft carry the checklist their profile requires, filled as far as their state says. */
const CHECKLIST_STATES = new Set<RequestState>(OPEN_STATES.filter((s) => s !== 'borrador'));
const checklistCache = new Map<string, RequiredDocument[]>();

function seedChecklist(insDoc: Database.Statement, rng: Rng, requestId: string, state: RequestState, profile: RequirementProfile, at: number): void {
  const key = JSON.stringify(profile);
  let docs = checklistCache.get(key);
  if (!docs) {
    const result = requiredDocuments(profile);
    docs = result.ok ? result.documents : [];
    checklistCache.set(key, docs);
  }
  const signed = state !== 'en_verificacion' && state !== 'pendiente_firma';
  for (const d of docs) {
    const handwritten = d.signature === 'manuscrita';
    // A virtual request arrives with nothing verified: the supervisor verifies its scans.
    const verified = state === 'en_verificacion' ? rng() < 0.5 && !handwritten && profile.channel !== 'virtual' : !handwritten || signed;
    // A virtual request past verification had its e-signatures recorded by the supervisor
    // (requests.markSignature), as approval requires (electron/core/supervisor/review.ts).
    const marked = signed && (handwritten || (profile.channel === 'virtual' && d.signature === 'electronica'));
    insDoc.run(
      requestId,
      d.documentType,
      `${d.ruleId} (${d.citation.file}:${d.citation.lines[0]}-${d.citation.lines[1]})`,
      d.presentation,
      d.signature,
      verified ? 1 : 0,
      verified ? d.presentation : null,
      verified ? 'verificado' : 'pendiente',
      marked ? 1 : 0,
      d.signer,
      // A third party brings the papers signed; otherwise most are printed here once past verification.
      d.origins.length === 1 ? d.origins[0] : d.origins.length > 1 && state !== 'en_verificacion' ? 'impreso' : null,
      at,
    );
  }
}

/**
 * Bulk loading is several times faster without the secondary indexes and triggers (FTS of
 * names...) maintained row by row. Their DDL is read from the database itself — exactly what the
 * migrations created — dropped, and run again afterwards; the FTS index is then filled in one go.
 */
function withoutSecondaryStructures<T>(sqlite: Database.Database, tables: string[], load: () => T): T {
  const ddl = storedDdl(sqlite, sql`type IN ('index', 'trigger') AND tbl_name IN (${join(tables)})`);
  transaction(sqlite, (db) => {
    for (const d of ddl) exec(db, d.type === 'index' ? sql`DROP INDEX ${ident(d.name)}` : sql`DROP TRIGGER ${ident(d.name)}`);
  });
  const result = load();
  transaction(sqlite, (w) => {
    for (const d of ddl) exec(w, d.ddl);
    const fts = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'requests_fts'").get();
    if (fts) {
      sqlite.exec("INSERT INTO requests_fts (rowid, names) SELECT rowid, concat_ws(' ', representative_names, employer_legal_name, third_party_names) FROM requests WHERE rowid NOT IN (SELECT rowid FROM requests_fts)");
      // Filled in one go, the index is hundreds of segments waiting to be merged: merged now into
      // one, as a desk's background merging (electron/core/supervisor/search-index.ts) keeps it.
      sqlite.exec("INSERT INTO requests_fts (requests_fts) VALUES ('optimize')");
    }
    // The per-day figures' triggers were dropped too: counted again in one go.
    if (sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'daily_figures'").get()) rebuildFigures(sqlite);
  });
  return result;
}

function userIdOf(sqlite: Database.Database, username: string): string {
  return (sqlite.prepare('SELECT id FROM users WHERE username = ?').get(username) as Pick<UserRow, 'id'>).id;
}
