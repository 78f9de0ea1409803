// The demo agency's affiliate procedures (shared/domain/request-types.ts): «Actualización presencial
// de datos de contacto» and «Registro de extranjero sin cédula», written as the app itself writes
// them — the columns of electron/core/counter/contact-update.ts and foreigner-registration.ts, the
// details each type's schema validates, states only that type reaches, the foreigner's checklist
// (FOREIGNER_DOCUMENTS) and each type's path of lifecycle events.
import type Database from 'better-sqlite3';
import { DAY_MS, ecuadorDate } from '../../shared/domain/dates';
import type { RequestEvent, RequestState } from '../../shared/domain/lifecycle';
import type { RequestType } from '../../shared/domain/request-types';
import { OPEN_STATES } from '../../shared/domain/state-groups';
import { toMrzName } from '../../shared/domain/passport';
import { FOREIGNER_DOCUMENTS } from '../../shared/domain/foreigner-registration';
import type { AffiliateKind } from '../../shared/domain/contact-update';
import type { OutboxPayload } from '../../shared/sync/protocol';
import { cedula, email, landline, mobile, personName, pick, rucNatural, rucPrivate, td3, type Rng } from './generate';
import { EMPLOYER_PATHS, HISTORY_DAYS, seedHistory, statesOf, type HistoryStatements, type Paths, type Reasons } from './history';

export type AffiliateType = 'actualizacion_contacto' | 'registro_extranjero';

/**
 * A contact update is printed (iniciar_verificacion and imprimir_formularios at once, in
 * electron/core/forms/constancia.ts) and closed at the counter: it never rests in en_verificacion.
 */
const CONTACT_PATHS: Paths = {
  pendiente_firma: ['iniciar_verificacion', 'imprimir_formularios'],
  completada: ['iniciar_verificacion', 'imprimir_formularios', 'registrar_actualizacion'],
  anulada: ['anular'],
};

/** The employer's paths, with central's foreigner code in place of the employer key. */
const FOREIGNER_PATHS: Paths = Object.fromEntries(
  Object.entries(EMPLOYER_PATHS).map(([state, path]) => (state === 'clave_emitida' ? ['completada', [...EMPLOYER_PATHS.enviada!, 'asignar_codigo']] : [state, path])),
);

/** Reasons that fit a person and their passport and contract (catalogs.ts; none that asks for a note). */
const FOREIGNER_REASONS: Reasons = {
  rechazar: ['identidad_no_coincide', 'documento_caducado', 'solicitud_duplicada', 'desistimiento'],
  devolver: ['documento_ilegible', 'nombres_mal_escritos', 'firma_faltante', 'documento_caducado'],
};

export const AFFILIATE_PATHS: Record<AffiliateType, Paths> = { actualizacion_contacto: CONTACT_PATHS, registro_extranjero: FOREIGNER_PATHS };

/** The states each type's demo rows take: exactly those its paths reach (checked against its transitions by the seed's test). */
export const AFFILIATE_STATES: Record<AffiliateType, readonly RequestState[]> = {
  actualizacion_contacto: statesOf(CONTACT_PATHS),
  registro_extranjero: statesOf(FOREIGNER_PATHS),
};

/** How requests older than a month ended. */
const TERMINAL_MIX: Record<AffiliateType, [RequestState, number][]> = {
  actualizacion_contacto: [['completada', 0.93], ['anulada', 0.07]],
  registro_extranjero: [['completada', 0.84], ['rechazada', 0.07], ['anulada', 0.06], ['rechazada_central', 0.03]],
};

function weighted<T>(rng: Rng, items: readonly [T, number][]): T {
  let r = rng();
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[items.length - 1]![0];
}

export function affiliateState(rng: Rng, type: AffiliateType, ageMs: number): RequestState {
  return ageMs > 30 * DAY_MS ? weighted(rng, TERMINAL_MIX[type]) : pick(rng, AFFILIATE_STATES[type]);
}

/**
 * The share of each affiliate procedure among the requests (the rest are employer ones): a Quito
 * agency updates contact data often (every affiliate who lost the e-mail of the online password,
 * docs/seeds/001_be6632d3648d6043.txt:21) and registers foreign workers now and then.
 */
export const TYPE_MIX: readonly [AffiliateType, number][] = [
  ['actualizacion_contacto', 0.1],
  ['registro_extranjero', 0.02],
];

/**
 * A big demo (the benchmark's, a training agency) also gets, just older than the newest employer
 * rows, two requests of each affiliate procedure in each of its states, so every state of every
 * type is there to see. The small desks of the end-to-end tests (a few hundred requests) keep
 * what they had: their specs read the queues and the newest rows.
 */
const GUARANTEED_FROM = 1000;
const GUARANTEED: readonly (readonly [AffiliateType, RequestState])[] = (['actualizacion_contacto', 'registro_extranjero'] as const).flatMap((type) =>
  AFFILIATE_STATES[type].flatMap((state) => [[type, state] as const, [type, state] as const]),
);

/** The type of the request at `index` (the `newest` rows are employer ones), and its state when it is one of the guaranteed rows. */
export function typeFor(typeRng: Rng, index: number, total: number, newest: number): { type: RequestType; state?: RequestState } {
  const draw = typeRng(); // drawn for every row, so a row's type does not depend on the others'
  const fromEnd = total - 1 - index;
  if (fromEnd < newest) return { type: 'clave_patronal' };
  if (total >= GUARANTEED_FROM && fromEnd < newest + GUARANTEED.length) {
    const [type, state] = GUARANTEED[fromEnd - newest]!;
    return { type, state };
  }
  let r = draw;
  for (const [type, share] of TYPE_MIX) {
    r -= share;
    if (r < 0) return { type };
  }
  return { type: 'clave_patronal' };
}

const AFFILIATE_KINDS: [AffiliateKind, number][] = [['afiliado', 0.72], ['jubilado', 0.18], ['derechohabiente', 0.1]];
/** Where the foreign workers of a Quito agency come from (ICAO codes, shared/domain/nationality.ts). */
const FOREIGN_NATIONALITIES = ['VEN', 'COL', 'COL', 'VEN', 'PER', 'CUB', 'ESP', 'ARG', 'USA', 'CHN'] as const;
const POSITIONS = ['Cocinero', 'Docente de inglés', 'Ingeniera de sistemas', 'Vendedor', 'Enfermera', 'Asistente administrativo', 'Operario de bodega', 'Técnico de mantenimiento', 'Chef', 'Médico general'] as const;

const digits = (rng: Rng, n: number) => String(Math.floor(rng() * 10 ** n)).padStart(n, '0');
const isoOf = (ms: number) => ecuadorDate(ms);
const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
/** A foreigner code as central assigns it: within the default pattern of shared/domain/foreigner-code.ts. */
const foreignerCode = (rng: Rng) => `EXT${digits(rng, 6)}`;

export interface AffiliateStatements {
  insert: Database.Statement;
  document: Database.Statement;
  history: HistoryStatements;
}

export function affiliateStatements(sqlite: Database.Database, history: HistoryStatements): AffiliateStatements {
  return {
    insert: sqlite.prepare(
      `INSERT INTO requests (id, agency_id, number, channel, request_type, state, state_since, clerk_id, applicant_kind, employer_ruc, employer_branch,
        employer_legal_name, representative_id_type, representative_id_number, representative_names, representative_nationality, email, mobile,
        landline, passport_mrz, passport_expiry_date, birth_date, sex, sut_contract_number, sut_contract_date, job_position, job_start_date,
        foreigner_code, details, created_at, updated_at)
       VALUES (@id, @agencyId, @number, 'presencial', @type, @state, @stateSince, @clerkId, '', @employerRuc, '0001', '', @idType, @idNumber, @names,
        @nationality, @email, @mobile, @landline, @mrz, @passportExpiry, @birthDate, @sex, @contractNumber, @contractDate, @position, @startDate,
        @foreignerCode, @details, @createdAt, @stateSince)`,
    ),
    document: sqlite.prepare(
      `INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, presented, presented_as, status, signature_marked, signer, origin, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    history,
  };
}

export interface AffiliateRow {
  id: string;
  agencyId: string;
  number: string;
  type: AffiliateType;
  state: RequestState;
  createdAt: number;
  clerks: readonly string[];
  now: number;
  history: boolean;
}

/** What createDraft leaves in details (electron/core/counter/store.ts writeIntake), before the type's own part. */
const DRAFT_DETAILS = { viaThirdParty: false, artisan: false, foreignerRegistration: null };

/** Writes one request of an affiliate procedure, its checklist and its recent history. */
export function seedAffiliate(s: AffiliateStatements, rng: Rng, r: AffiliateRow): void {
  const stateSince = Math.min(r.now, r.createdAt + Math.floor(rng() * Math.min(3 * DAY_MS, r.now - r.createdAt + 1)));
  const clerkId = pick(rng, r.clerks);
  const row = r.type === 'actualizacion_contacto' ? contactUpdate(rng, r.state, stateSince) : foreigner(rng, r.state, r.createdAt);
  s.insert.run({ id: r.id, agencyId: r.agencyId, number: r.number, type: r.type, state: r.state, stateSince, clerkId, createdAt: r.createdAt, ...row });
  if (r.type === 'registro_extranjero' && FOREIGNER_CHECKLIST_STATES.has(r.state)) foreignerChecklist(s.document, r.id, r.state, stateSince);
  if (!r.history || r.now - r.createdAt >= HISTORY_DAYS * DAY_MS) return;
  seedHistory(s.history, rng, r.id, r.state, false, r.createdAt, stateSince, {
    paths: AFFILIATE_PATHS[r.type],
    ...(r.type === 'registro_extranjero' ? { reasons: FOREIGNER_REASONS } : {}),
    clerkDecisions: { events: CLERK_DECISIONS, clerkId },
    // What central receives besides the transition (electron/core/counter/contact-update.ts, supervisor/review.ts).
    after: (event, at) => {
      const extra = extraEvent(event, row, r.number, at);
      if (extra) s.history.event.run(crypto.randomUUID(), r.agencyId, r.id, extra.type, JSON.stringify(extra.payload), at, at + 1000);
    },
  });
}

/** The end-of-day report counts contact updates off their decisions (electron/core/supervisor/reports.ts). */
const CLERK_DECISIONS = new Set<RequestEvent>(['registrar_actualizacion']);

type Columns = Record<string, string | null>;

function contactUpdate(rng: Rng, state: RequestState, stateSince: number): Columns {
  const names = personName(rng);
  const byCode = rng() < 0.08;
  const kind = weighted(rng, AFFILIATE_KINDS);
  // Past the draft the constancia was printed, which asks for the e-mail proven (or why not, offline).
  const proof = state === 'borrador' ? {} : { emailProof: rng() < 0.9 ? { status: 'verificado', reason: null, note: null, at: stateSince, by: null } : { status: 'no_verificado', reason: 'sin_conexion', note: null, at: stateSince, by: null } };
  return {
    idType: byCode ? 'codigo_extranjero' : 'cedula',
    idNumber: byCode ? foreignerCode(rng) : cedula(rng),
    names,
    // createDraft's default, kept by the contact update (it asks no nationality).
    nationality: 'ECU',
    email: email(rng, names),
    mobile: mobile(rng),
    landline: rng() < 0.55 ? landline(rng) : null,
    employerRuc: '',
    mrz: null, passportExpiry: null, birthDate: null, sex: null, contractNumber: null, contractDate: null, position: null, startDate: null, foreignerCode: null,
    details: JSON.stringify({ ...DRAFT_DETAILS, contactUpdate: { affiliateKind: kind }, ...proof }),
  };
}

function foreigner(rng: Rng, state: RequestState, createdAt: number): Columns {
  const names = personName(rng); // «Apellido Apellido Nombres», as the passport's visual zone
  const words = toMrzName(names).split(' ');
  const nationality = pick(rng, FOREIGN_NATIONALITIES);
  const passportNumber = `${String.fromCharCode(65 + Math.floor(rng() * 26))}${String.fromCharCode(65 + Math.floor(rng() * 26))}${digits(rng, 7)}`;
  const birthDate = isoOf(createdAt - (20 + rng() * 40) * 365.25 * DAY_MS);
  // Valid when attended, one to nine years ahead (shared/domain/passport.ts PASSPORT_MAX_YEARS).
  const passportExpiry = isoOf(createdAt + (1 + rng() * 8) * 365.25 * DAY_MS);
  const sex = rng() < 0.5 ? 'F' : 'M';
  const contract = createdAt - Math.floor((5 + rng() * 90) * DAY_MS);
  const contractDate = isoOf(contract);
  const startDate = isoOf(contract + Math.floor(rng() * 20) * DAY_MS);
  const employerRuc = rng() < 0.85 ? rucPrivate(rng) : rucNatural(cedula(rng));
  const mrz = td3({ surnames: words.slice(0, 2).join(' '), givenNames: words.slice(2).join(' '), number: passportNumber, nationality, birth: yymmdd(birthDate), sex, expiry: yymmdd(passportExpiry) });
  return {
    idType: 'pasaporte',
    idNumber: passportNumber,
    names,
    nationality,
    email: null,
    mobile: null,
    landline: null,
    employerRuc,
    mrz,
    passportExpiry,
    birthDate,
    sex,
    contractNumber: `SUT-${contractDate.slice(0, 4)}-${digits(rng, 6)}`,
    contractDate,
    position: pick(rng, POSITIONS),
    startDate,
    // Central's answer (electron/core/sync/apply.ts, asignar_codigo).
    foreignerCode: state === 'completada' ? foreignerCode(rng) : null,
    // Checked against the MRZ when the verification began (startForeignerVerification).
    details: JSON.stringify({ ...DRAFT_DETAILS, foreigner: { mrzChecked: state !== 'borrador' && state !== 'anulada' } }),
  };
}

function extraEvent(event: RequestEvent, c: Columns, number: string, at: number): { type: string; payload: unknown } | null {
  if (event === 'registrar_actualizacion') {
    const details = JSON.parse(c.details!) as { contactUpdate: { affiliateKind: AffiliateKind }; emailProof: { status: 'verificado' | 'no_verificado' } };
    const payload: OutboxPayload<'contact.updated'> = {
      number,
      at,
      affiliateKind: details.contactUpdate.affiliateKind,
      idType: c.idType as 'cedula' | 'codigo_extranjero',
      idNumber: c.idNumber!,
      names: c.names!,
      email: c.email!,
      mobile: c.mobile!,
      landline: c.landline ?? null,
      emailProof: details.emailProof.status,
    };
    return { type: 'contact.updated', payload };
  }
  if (event === 'aprobar' && c.mrz) {
    const payload: OutboxPayload<'foreigner.registration'> = {
      number,
      at,
      passportNumber: c.idNumber!,
      passportExpiryDate: c.passportExpiry!,
      nationality: c.nationality!,
      names: c.names!,
      birthDate: c.birthDate!,
      sex: c.sex as 'F' | 'M',
      employerRuc: c.employerRuc!,
      contractNumber: c.contractNumber!,
      contractDate: c.contractDate!,
      position: c.position!,
      startDate: c.startDate!,
    };
    return { type: 'foreigner.registration', payload };
  }
  return null;
}

/** Open states past the draft carry the foreigner's checklist (inserted at iniciar_verificacion). */
const FOREIGNER_CHECKLIST_STATES = new Set<RequestState>(OPEN_STATES.filter((s) => s !== 'borrador'));

function foreignerChecklist(insDoc: Database.Statement, requestId: string, state: RequestState, at: number): void {
  // The two copies are verified only with their scan (electron/core/counter/checklist.ts); the
  // request is printed once verified and signed by hand before it goes to review.
  const verifying = state === 'en_verificacion';
  const signed = !verifying && state !== 'pendiente_firma';
  for (const d of FOREIGNER_DOCUMENTS) {
    const handwritten = d.signature === 'manuscrita';
    const verified = !verifying && (!handwritten || signed);
    insDoc.run(
      requestId,
      d.documentType,
      `${d.ruleId} (${d.citation.file}:${d.citation.lines[0]}-${d.citation.lines[1]})`,
      d.presentation,
      d.signature,
      verified ? 1 : 0,
      verified ? d.presentation : null,
      verified ? 'verificado' : 'pendiente',
      signed && handwritten ? 1 : 0,
      d.signer,
      d.origins.length === 1 ? d.origins[0] : null,
      at,
    );
  }
}
