// The demo agency mixes the three request types (db/seed/demo.ts TYPE_MIX), each row as the app
// would have written it: details valid for its type's schema, a state its type's lifecycle
// reaches (and no other type's own), its history a walk of its type's transitions, the
// foreigner's passport zone passing every ICAO check digit, and the reports counting it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountDetails, recountFigures, storedDetails, storedFigures } from '../../db/figures';
import { TYPE_MIX } from '../../db/seed/affiliate';
import type { SeedSummary } from '../../db/seed/demo';
import { checkContactUpdate, ContactUpdateDetailsSchema } from '../../shared/domain/contact-update';
import { DAY_MS, dayStart, ecuadorDate } from '../../shared/domain/dates';
import { HISTORY_DAYS } from '../../db/seed/history';
import { checkForeignerRegistration, FOREIGNER_DOCUMENTS, ForeignerRegistrationDetailsSchema } from '../../shared/domain/foreigner-registration';
import { TRANSITIONS, type RequestEvent, type RequestState } from '../../shared/domain/lifecycle';
import { checkPassportMrz } from '../../shared/domain/passport';
import { REQUEST_TYPE_CODES, REQUEST_TYPE_REGISTRY, typeAllows, type RequestType } from '../../shared/domain/request-types';
import { seedDemo } from '../../db/seed/demo';
import { openDesk } from '../../electron/hosts/common/open-desk';
import type { OpenedCore } from '../../electron/core/open';
import fs from 'node:fs';
import { manualClock, tempDir } from '../support/desk';

const REQUESTS = 4000;
let desk: OpenedCore;
let dataDir: string;
const clock = manualClock();
let summary: SeedSummary;

interface Row {
  id: string;
  number: string;
  type: RequestType;
  state: RequestState;
  createdAt: number;
  stateSince: number;
  channel: string;
  idType: string | null;
  idNumber: string | null;
  names: string | null;
  nationality: string | null;
  email: string | null;
  mobile: string | null;
  landline: string | null;
  employerRuc: string;
  mrz: string | null;
  passportExpiry: string | null;
  birthDate: string | null;
  sex: string | null;
  contractNumber: string | null;
  contractDate: string | null;
  position: string | null;
  startDate: string | null;
  foreignerCode: string | null;
  details: string;
}
let rows: Row[];

beforeAll(async () => {
  dataDir = tempDir('vp-demo-seed-');
  desk = openDesk({ dataDir, host: 'cli', clock });
  const sqlite = desk.core.ctx.db.$client;
  summary = await seedDemo(sqlite, { requests: REQUESTS, now: clock.now(), history: true });
  rows = sqlite
    .prepare(
      `SELECT id, number, request_type AS type, state, created_at AS createdAt, state_since AS stateSince, channel, representative_id_type AS idType,
        representative_id_number AS idNumber, representative_names AS names, representative_nationality AS nationality, email, mobile, landline,
        employer_ruc AS employerRuc, passport_mrz AS mrz, passport_expiry_date AS passportExpiry, birth_date AS birthDate, sex,
        sut_contract_number AS contractNumber, sut_contract_date AS contractDate, job_position AS position, job_start_date AS startDate,
        foreigner_code AS foreignerCode, details FROM requests ORDER BY rowid`,
    )
    .all() as Row[];
}, 120_000);
afterAll(() => {
  desk?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The states a type's own transitions reach from the draft. */
function reachable(type: RequestType): Set<RequestState> {
  const seen = new Set<RequestState>(['borrador']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, event] of REQUEST_TYPE_REGISTRY[type].transitions) {
      const to = (TRANSITIONS[from] as Partial<Record<RequestEvent, { to: RequestState }>>)[event]!.to;
      if (seen.has(from) && !seen.has(to)) grew = seen.add(to) !== undefined;
    }
  }
  return seen;
}

const ofType = (type: RequestType) => rows.filter((r) => r.type === type);

describe('demo seed: the mix of request types', () => {
  it('holds each affiliate procedure near its share, the newest rows being employer ones in every state', () => {
    expect(rows).toHaveLength(REQUESTS);
    // The summary's breakdown is what was written.
    for (const type of REQUEST_TYPE_CODES) {
      const counted: Record<string, number> = {};
      for (const r of ofType(type)) counted[r.state] = (counted[r.state] ?? 0) + 1;
      expect(summary.byType[type], type).toEqual(counted);
    }
    const all: Record<string, number> = {};
    for (const r of rows) all[r.state] = (all[r.state] ?? 0) + 1;
    expect(summary.byState).toEqual(all);
    for (const [type, share] of TYPE_MIX) {
      const n = ofType(type).length;
      // The share of the random rows, plus the two guaranteed rows per state of a big demo.
      expect(n / REQUESTS, type).toBeGreaterThan(share * 0.8);
      expect(n / REQUESTS, type).toBeLessThan(share * 1.2 + (2 * reachable(type).size) / REQUESTS);
    }
    const newest = rows.slice(-33);
    expect(new Set(newest.map((r) => r.type))).toEqual(new Set(['clave_patronal']));
    expect(new Set(newest.map((r) => r.state)).size).toBe(11);
    // Every state of each type is there to see.
    for (const type of REQUEST_TYPE_CODES) {
      const own = reachable(type);
      if (type === 'actualizacion_contacto') own.delete('en_verificacion'); // printed and moved on in one step (forms/constancia.ts)
      expect(new Set(Object.keys(summary.byType[type])), type).toEqual(own);
    }
  });

  it('puts every row in a state its own type reaches, never one only another type reaches', () => {
    for (const type of REQUEST_TYPE_CODES) {
      const own = reachable(type);
      for (const r of ofType(type)) expect(own.has(r.state), `${r.number} ${type} ${r.state}`).toBe(true);
    }
    expect(ofType('clave_patronal').some((r) => r.state === 'completada')).toBe(false);
    expect(ofType('registro_extranjero').some((r) => r.state === 'clave_emitida')).toBe(false);
    expect(rows.filter((r) => r.type !== 'clave_patronal' && r.channel !== 'presencial')).toEqual([]);
  });

  it('writes details each type’s schema accepts, and contact data the intake’s own checks accept', () => {
    for (const r of ofType('clave_patronal')) {
      const d = JSON.parse(r.details) as Record<string, unknown>;
      expect(d.contactUpdate ?? d.foreigner, r.number).toBeUndefined();
    }
    for (const r of ofType('actualizacion_contacto')) {
      const d = JSON.parse(r.details) as { contactUpdate: unknown; emailProof?: unknown };
      const details = ContactUpdateDetailsSchema.parse(d.contactUpdate);
      // Past the draft the constancia was printed, which wants the e-mail proven (or why not).
      expect(d.emailProof !== undefined, r.number).toBe(r.state !== 'borrador');
      const check = checkContactUpdate({
        affiliateKind: details.affiliateKind,
        idType: r.idType as 'cedula' | 'codigo_extranjero',
        idNumber: r.idNumber ?? '',
        names: r.names ?? '',
        email: r.email ?? '',
        mobile: r.mobile ?? '',
        landline: r.landline ?? '',
      });
      expect(check.errors, r.number).toEqual([]);
      expect(check.normalized?.idNumber).toBe(r.idNumber);
      expect([r.mrz, r.contractNumber, r.foreignerCode]).toEqual([null, null, null]);
    }
  });

  it('gives each foreigner a passport zone whose check digits and fields agree with what was typed', () => {
    const foreigners = ofType('registro_extranjero');
    expect(foreigners.length).toBeGreaterThan(40);
    for (const r of foreigners) {
      const d = JSON.parse(r.details) as { foreigner: unknown };
      expect(ForeignerRegistrationDetailsSchema.parse(d.foreigner).mrzChecked, r.number).toBe(r.state !== 'borrador' && r.state !== 'anulada');
      const attentionDate = ecuadorDate(r.createdAt);
      // The `mrz` package's verification: every check digit, the state codes, the field syntax.
      const zone = checkPassportMrz(r.mrz, { attentionDate });
      expect(zone.errors, `${r.number}\n${r.mrz}`).toEqual([]);
      expect(zone.passport?.documentNumber).toBe(r.idNumber);
      const check = checkForeignerRegistration(
        {
          mrz: r.mrz ?? '',
          passportNumber: r.idNumber ?? '',
          passportExpiryDate: r.passportExpiry ?? '',
          nationality: r.nationality ?? '',
          names: r.names ?? '',
          birthDate: r.birthDate ?? '',
          sex: r.sex as 'F' | 'M',
          employerRuc: r.employerRuc,
          contractNumber: r.contractNumber ?? '',
          contractDate: r.contractDate ?? '',
          position: r.position ?? '',
          startDate: r.startDate ?? '',
        },
        { attentionDate },
      );
      expect(check.errors, r.number).toEqual([]);
      expect(r.idType).toBe('pasaporte');
      // Central's code only once it answered (asignar_codigo).
      expect(r.foreignerCode !== null, r.number).toBe(r.state === 'completada');
    }
  });

  it('gives open foreigner registrations the checklist of their type, and contact updates none', () => {
    const sqlite = desk.core.ctx.db.$client;
    const docs = sqlite
      .prepare('SELECT r.request_type AS type, r.state, d.document_type AS documentType, d.status, d.presented FROM request_documents d JOIN requests r ON r.id = d.request_id')
      .all() as { type: RequestType; state: RequestState; documentType: string; status: string; presented: number }[];
    const foreignerTypes = new Set(FOREIGNER_DOCUMENTS.map((d) => d.documentType));
    expect(docs.filter((d) => d.type === 'actualizacion_contacto')).toEqual([]);
    const foreign = docs.filter((d) => d.type === 'registro_extranjero');
    expect(foreign.length).toBeGreaterThan(0);
    for (const d of foreign) expect(foreignerTypes.has(d.documentType as never), d.documentType).toBe(true);
    for (const d of docs.filter((x) => x.type === 'clave_patronal')) expect(foreignerTypes.has(d.documentType as never), d.documentType).toBe(false);
    // Still verifying: the copies wait for their scans (counter/checklist.ts verifies none without one).
    expect(foreign.filter((d) => d.state === 'en_verificacion' && d.status === 'verificado')).toEqual([]);
  });

  it('records each affiliate request’s recent events as a walk of its own type’s transitions', () => {
    const sqlite = desk.core.ctx.db.$client;
    const events = sqlite
      .prepare("SELECT request_id AS id, json_extract(payload, '$.event') AS event, json_extract(payload, '$.from') AS `from`, json_extract(payload, '$.to') AS `to` FROM outbox WHERE type = 'request.transition' ORDER BY seq")
      .all() as { id: string; event: RequestEvent; from: RequestState; to: RequestState }[];
    const byId = new Map<string, typeof events>();
    for (const e of events) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
    let walked = 0;
    for (const r of rows.filter((x) => x.type !== 'clave_patronal')) {
      const walk = byId.get(r.id);
      if (!walk) continue;
      walked++;
      let at: RequestState = 'borrador';
      for (const e of walk) {
        expect(e.from, r.number).toBe(at);
        expect(typeAllows(r.type, e.from, e.event), `${r.number}: ${r.type} ${e.from} → ${e.event}`).toBe(true);
        at = e.to;
      }
      expect(at, r.number).toBe(r.state);
    }
    expect(walked).toBeGreaterThan(100);
  });

  it('counts the new types in the per-day figures, the names index and the end-of-day contact updates and registrations', async () => {
    const sqlite = desk.core.ctx.db.$client;
    expect(storedFigures(sqlite)).toEqual(recountFigures(sqlite));
    expect(storedDetails(sqlite)).toEqual(recountDetails(sqlite));
    const contact = ofType('actualizacion_contacto').find((r) => r.names)!;
    const found = sqlite.prepare('SELECT count(*) FROM requests_fts WHERE requests_fts MATCH ? AND rowid = (SELECT rowid FROM requests WHERE id = ?)').pluck().get(`"${contact.names!.split(' ')[0]}"`, contact.id);
    expect(found).toBe(1);
    // The day with the most contact updates closed: the report counts each of them (supervisor/reports.ts).
    const completed = ofType('actualizacion_contacto').filter((r) => r.state === 'completada' && clock.now() - r.createdAt < HISTORY_DAYS * DAY_MS);
    const perDay = new Map<string, number>();
    for (const r of completed) perDay.set(ecuadorDate(r.stateSince), (perDay.get(ecuadorDate(r.stateSince)) ?? 0) + 1);
    const [date, n] = [...perDay].sort((a, b) => b[1] - a[1])[0]!;
    expect(dayStart(date)).toBeGreaterThan(0);
    const login = await desk.core.call('session.login', { username: 'supervisora', password: 'Super.Demo.2026' }, { kind: 'session', token: null });
    if (!login.ok) throw new Error(login.error.message);
    const supervisor = { kind: 'session', token: (login.value as { token: string }).token } as const;
    const report = await desk.core.call('reports.endOfDay', { date }, supervisor);
    if (!report.ok) throw new Error(report.error.message);
    const total = (report.value as { total: { contactUpdates: number; foreignerRegistrations: number } }).total;
    expect(total.contactUpdates).toBe(n);
    expect(total.foreignerRegistrations).toBe(ofType('registro_extranjero').filter((r) => ecuadorDate(r.createdAt) === date).length);
    // Approvals are supervisor decisions like returns and rejections, each with its row: the
    // per-desk «Aprobadas» (read off request_decisions) counts them, not only the day's total.
    const approvals = sqlite
      .prepare("SELECT count(*) FROM outbox WHERE type = 'request.transition' AND json_extract(payload, '$.event') = 'aprobar' AND json_extract(payload, '$.at') >= ? AND json_extract(payload, '$.at') < ?")
      .pluck()
      .get(dayStart(date), dayStart(date) + DAY_MS) as number;
    const { total: { approved }, perDesk } = report.value as { total: { approved: number }; perDesk: { approved: number }[] };
    expect(approved).toBe(approvals);
    const perDeskApproved = perDesk.reduce((n, d) => n + d.approved, 0);
    expect(perDeskApproved).toBeGreaterThan(0);
    expect(perDeskApproved).toBeLessThanOrEqual(approved);
  });
});
