// Over 400 lines on purpose: the stand-in central keeps its whole state and every rule it applies in one store.
// The stand-in central's own SQLite database: enrolled devices, every idempotency key it has seen
// (with the answer it gave), its view of each request, and the per-agency feed of changes the
// desks pull. It applies the same lifecycle (shared/domain) the desks do.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Channel } from '../../shared/domain/catalogs';
import { ecuadorDate } from '../../shared/domain/dates';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { applyEvent, EVENT_LABELS, STATE_LABELS, TRANSITIONS, type RequestEvent, type RequestState } from '../../shared/domain/lifecycle';
import { isRequestType, REQUEST_TYPE_REGISTRY, typeAllows, type RequestType } from '../../shared/domain/request-types';
import { eventSigningInput, parseOutboxEvent } from '../../shared/sync/protocol';
import type { CentralEvent, ChangeBody, ConfirmedAuditHead, EventActor, OutboxPayload, PushEvent, PushRequest, PushResult, RequestSnapshot } from '../../shared/sync/protocol';
import { anchorAuditHead, AuditRefusal, checkNumber, deviceByToken, DEVICES_SCHEMA, enrolDevice, heldAuditHead, issueEnrolmentCode, recordIncident, upgradeDevices, type Device, type Enrolled } from './devices';
import { FILES_SCHEMA } from './files';
import { receiveWorking, WORKING_SCHEMA } from './working';
import { codeToAssign, FOREIGNER_CODES_SCHEMA, receiveForeignerRegistration } from './foreigner-codes';

export const AGENCIES = [
  { code: 'UIO', name: 'CAU Quito Norte (Iñaquito)' },
  { code: 'GYE', name: 'CAU Guayaquil Centro' },
];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS received (
  key TEXT NOT NULL, device_id TEXT NOT NULL, agency_code TEXT NOT NULL, request_id TEXT, type TEXT NOT NULL,
  payload TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, received_at INTEGER NOT NULL, times_seen INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (device_id, key));
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY, agency_code TEXT NOT NULL, number TEXT NOT NULL, channel TEXT NOT NULL, state TEXT NOT NULL,
  state_since INTEGER NOT NULL, origin_device TEXT, snapshot TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, agency_code TEXT NOT NULL, origin_device TEXT, kind TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS changes_agency ON changes (agency_code, seq);
CREATE TABLE IF NOT EXISTS employers (ruc TEXT PRIMARY KEY, legal_name TEXT NOT NULL, registered INTEGER NOT NULL, branches TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS affiliate_contacts (
  id_type TEXT NOT NULL, id_number TEXT NOT NULL, names TEXT NOT NULL, affiliate_kind TEXT NOT NULL, email TEXT NOT NULL, mobile TEXT NOT NULL,
  landline TEXT, email_proof TEXT NOT NULL, request_number TEXT NOT NULL, agency_code TEXT NOT NULL, updated_at INTEGER NOT NULL,
  at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (id_type, id_number));
CREATE INDEX IF NOT EXISTS requests_number ON requests (agency_code, number);
`;

export type { Device };

export interface CentralOptions {
  /** Central confirms receipt (confirmar_envio) as soon as it receives an approval. */
  autoConfirm: boolean;
  /** Per agency code, the template of the foreigner codes it assigns (foreigner-codes.ts). */
  foreignerCodeFormats: Record<string, string>;
  /** A hostile or buggy central: the lookup of an affiliate's contact answers this, as it is (server.ts). */
  affiliateContactAnswer?: unknown;
}

/**
 * What makes two pushes of a key the same event: the outbox row's own content. The request
 * snapshot riding along is left out, since a resend carries the request as it is by then.
 */
function eventFingerprint(e: PushEvent): string {
  return createHash('sha256').update(JSON.stringify([e.type, e.requestId, e.occurredAt, e.payload])).digest('hex');
}

/** Parsed keys by their base64 text: every event of a push is checked with the same one. */
const publicKeys = new Map<string, KeyObject>();

/**
 * Whether each event's Ed25519 signature checks against the key the device enrolled with. Checked
 * on libuv's thread pool, all of a push's at once, before its transaction: one after the other on
 * the server's only thread they were the largest part of a push (as a real central would, it uses
 * every core for them).
 */
export function checkSignatures(publicKey: string, events: readonly PushEvent[]): Promise<boolean[]> {
  let key = publicKeys.get(publicKey);
  try {
    if (!key) publicKeys.set(publicKey, (key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' })));
  } catch {
    return Promise.resolve(events.map(() => false));
  }
  const k = key;
  return Promise.all(
    events.map(
      (e) =>
        new Promise<boolean>((resolve) => {
          if (!e.signature) return resolve(false);
          try {
            verify(null, Buffer.from(eventSigningInput(e), 'utf8'), k, Buffer.from(e.signature, 'base64'), (err, ok) => resolve(!err && ok));
          } catch {
            resolve(false);
          }
        }),
    ),
  );
}

export class CentralStore {
  readonly db: Database.Database;
  options: CentralOptions = { autoConfirm: true, foreignerCodeFormats: {} };

  constructor(readonly dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'central.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA + DEVICES_SCHEMA + FILES_SCHEMA + WORKING_SCHEMA + FOREIGNER_CODES_SCHEMA);
    upgradeDevices(this.db);
    // A data directory from before contact updates carried their moment: every row reads as the oldest.
    if (!(this.db.prepare("SELECT name FROM pragma_table_info('affiliate_contacts')").pluck().all() as string[]).includes('at')) {
      this.db.exec('ALTER TABLE affiliate_contacts ADD COLUMN at INTEGER NOT NULL DEFAULT 0');
    }
    this.seedEmployers();
  }

  close(): void {
    this.db.close();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A statement prepared once: the desks' benchmark pushes tens of thousands of events through here. */
  q(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private seedEmployers(): void {
    const ins = this.q('INSERT OR IGNORE INTO employers (ruc, legal_name, registered, branches) VALUES (?, ?, ?, ?)');
    ins.run('1792060346001', 'Comercial Andina Cía. Ltda.', 1, JSON.stringify([{ code: '0001', name: 'Matriz Quito' }, { code: '0002', name: 'Sucursal Guayaquil' }]));
    ins.run('1760001550001', 'Gobierno Autónomo Descentralizado de Pichincha', 1, JSON.stringify([{ code: '0001', name: 'Matriz' }]));
    ins.run('0992397535001', 'Exportadora del Pacífico S.A.', 0, JSON.stringify([{ code: '0001', name: 'Matriz Guayaquil' }]));
  }

  // --- Enrolment ---------------------------------------------------------------------------

  issueEnrolmentCode(agencyCode: string, code?: string, station: string | null = null): string {
    return issueEnrolmentCode(this.db, agencyCode, code, station);
  }

  /** Single-use code → a new device, its token and its station (devices.ts). */
  enrol(code: string, agencyCode: string, name: string, publicKey: string | null, now: number): ({ agencyName: string } & Enrolled) | null {
    const agency = AGENCIES.find((a) => a.code === agencyCode);
    const enrolled = agency ? enrolDevice(this.db, code, agencyCode, name, publicKey, now) : null;
    return enrolled && agency ? { ...enrolled, agencyName: agency.name } : null;
  }

  deviceByToken(token: string): Device | null {
    return deviceByToken(this.db, token);
  }

  device(id: string): Device | null {
    return (this.q('SELECT id, agency_code AS agencyCode, station, name, public_key AS publicKey FROM devices WHERE id = ?').get(id) as Device | undefined) ?? null;
  }

  // --- Push ----------------------------------------------------------------------------------

  auditHead(deviceId: string): ConfirmedAuditHead | null {
    return heldAuditHead(this.db, deviceId);
  }

  /**
   * A push: its audit evidence compared and anchored, its events applied, in one transaction. An
   * audit refusal applies nothing, is put on record, and is thrown for the server to answer 409.
   */
  push(device: Device, body: PushRequest, now: number, signed: readonly boolean[]): { results: PushResult[]; auditAnchor?: ConfirmedAuditHead } {
    try {
      return this.db
        .transaction(() => {
          const auditAnchor = anchorAuditHead(this.db, device, body.auditHead, body.auditProof, now);
          this.q('UPDATE devices SET last_push_at = ? WHERE id = ?').run(now, device.id);
          return { results: this.receive(device, body.events, now, body.sentAt ?? null, signed), ...(auditAnchor ? { auditAnchor } : {}) };
        })
        .immediate();
    } catch (err) {
      if (err instanceof AuditRefusal) recordIncident(this.db, device.id, err, now);
      throw err;
    }
  }


  /**
   * Applies a batch in one transaction: each key once per device; the answer for a key never
   * changes (the caller, push, holds the transaction). A key is the sending device's own (two desks may well generate the same one). The
   * same key again with the same event is a resend ('duplicate', or the refusal it got); with
   * another event it is a conflict — a desk bug or a forgery — refused without applying anything.
   */
  private receive(device: Device, events: PushEvent[], now: number, sentAt: number | null, signed: readonly boolean[]): PushResult[] {
    const seen = this.q('SELECT status, reason, fingerprint FROM received WHERE device_id = ? AND key = ?');
    const bump = this.q('UPDATE received SET times_seen = times_seen + 1 WHERE device_id = ? AND key = ?');
    const record = this.q(
      'INSERT INTO received (key, device_id, agency_code, request_id, type, payload, fingerprint, status, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return events.map((e, i): PushResult => {
          const fingerprint = eventFingerprint(e);
          const prior = seen.get(device.id, e.key) as { status: 'accepted' | 'rejected'; reason: string | null; fingerprint: string } | undefined;
          if (prior && prior.fingerprint !== fingerprint) {
            return { key: e.key, status: 'rejected', reason: 'Conflicto: la clave de idempotencia ya se recibió de esta estación con otro contenido; este evento no se aplicó.' };
          }
          if (prior) {
            bump.run(device.id, e.key);
            return prior.status === 'rejected' ? { key: e.key, status: 'rejected', reason: prior.reason ?? '' } : { key: e.key, status: 'duplicate' };
          }
          const reason = this.applyPushed(device, e, now, sentAt, signed[i] === true);
          record.run(e.key, device.id, device.agencyCode, e.requestId, e.type, JSON.stringify(e.payload), fingerprint, reason ? 'rejected' : 'accepted', reason, now);
          return reason ? { key: e.key, status: 'rejected', reason } : { key: e.key, status: 'accepted' };
    });
  }

  /** Null when applied; otherwise the Spanish reason of the refusal. */
  private applyPushed(device: Device, e: PushEvent, now: number, sentAt: number | null, signed: boolean): string | null {
    // A desk that enrolled with a key signs every event: unsigned or wrongly signed, it did not come from it.
    if (device.publicKey && !signed) return 'La firma del evento no corresponde a la estación que lo envía: no se aplicó.';
    // Each event's type and payload are read with the protocol's schemas, as a real central would.
    const parsed = parseOutboxEvent(e.type, e.payload);
    if (!parsed.ok) {
      if (parsed.problem === 'unknown_type') return `Tipo de evento desconocido para el IESS: «${e.type.slice(0, 40)}».`;
      if (e.type === 'request.working') return 'El aviso «en atención» llegó incompleto.';
      return e.type === 'request.transition' ? 'El cambio de estado llegó incompleto o con un estado desconocido.' : 'El registro de la solicitud llegó incompleto.';
    }
    switch (parsed.event.type) {
      case 'request.created':
        return this.created(device, e, now);
      case 'request.transition':
        return this.transitioned(device, e, parsed.event.payload, now);
      case 'request.working':
        return receiveWorking(this.db, device, e, parsed.event.payload, now, sentAt);
      case 'contact.updated':
        return this.contactUpdated(device, e, parsed.event.payload, now);
      case 'foreigner.registration': {
        const refused = receiveForeignerRegistration(this, device.agencyCode, e.requestId, parsed.event.payload, now);
        if (!refused && e.requestId) this.assignForeignerCode(e.requestId, now);
        return refused;
      }
    }
  }

  /**
   * The affiliate's contact data, as the portal's «Generar / Recuperar clave» will use it (seed 001:21).
   * Only from a completed contact update of this agency whose recorded identification is the one
   * sent (docs/protocol/README.md, «contact.updated»); and the latest update wins by when it was
   * made at the counter (`at`), not by when it arrived: a desk back online after hours sends an
   * older update, accepted and kept on record but not applied over the newer data.
   */
  private contactUpdated(device: Device, e: PushEvent, p: OutboxPayload<'contact.updated'>, now: number): string | null {
    const req = e.requestId ? this.request(e.requestId) : undefined;
    if (!req || req.agencyCode !== device.agencyCode || req.number !== p.number) return 'La actualización de datos de contacto no corresponde a un trámite registrado de esta agencia.';
    // What central recorded of the request (its own copy, from the events before this one), not the snapshot riding along.
    const snap = JSON.parse(req.snapshot) as RequestSnapshot;
    if (snap.requestType !== 'actualizacion_contacto') return 'La actualización de datos de contacto llegó en un trámite que no es de actualización de datos de contacto: no se aplicó.';
    if (req.state !== 'completada') return 'La actualización de datos de contacto llegó antes de que su trámite se registrara como completado: no se aplicó.';
    const recorded = snap.record?.intake;
    if (!recorded || recorded.representativeIdType !== p.idType || recorded.representativeIdNumber !== p.idNumber) {
      return 'La identificación de la actualización de datos de contacto no es la registrada en su trámite: no se aplicó.';
    }
    this.q(
      `INSERT INTO affiliate_contacts (id_type, id_number, names, affiliate_kind, email, mobile, landline, email_proof, request_number, agency_code, updated_at, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id_type, id_number) DO UPDATE SET names = excluded.names, affiliate_kind = excluded.affiliate_kind, email = excluded.email,
         mobile = excluded.mobile, landline = excluded.landline, email_proof = excluded.email_proof, request_number = excluded.request_number,
         agency_code = excluded.agency_code, updated_at = excluded.updated_at, at = excluded.at
       WHERE excluded.at >= affiliate_contacts.at`,
    ).run(p.idType, p.idNumber, p.names, p.affiliateKind, p.email, p.mobile, p.landline, p.emailProof, p.number, device.agencyCode, now, p.at);
    return null;
  }

  /** What central holds for an affiliate (the admin API and the tests read it). */
  affiliateContact(idType: string, idNumber: string): { names: string; email: string; mobile: string; landline: string | null; emailProof: string; requestNumber: string } | undefined {
    return this.q('SELECT names, email, mobile, landline, email_proof AS emailProof, request_number AS requestNumber FROM affiliate_contacts WHERE id_type = ? AND id_number = ?').get(idType, idNumber) as
      | ReturnType<CentralStore['affiliateContact']>
      | undefined;
  }

  private created(device: Device, e: PushEvent, now: number): string | null {
    const snap = e.request;
    if (!snap || !e.requestId) return 'Falta el detalle de la solicitud creada.';
    if (this.request(e.requestId)) return null; // history adopted earlier from a transition
    const wrongNumber = checkNumber(this.db, device, e.requestId, snap.number);
    if (wrongNumber) return wrongNumber;
    this.insertRequest(device, snap, 'borrador', e.occurredAt, now);
    this.appendUpsert(device, e.requestId, null, null, null, e.actor ?? null, { agencyCode: device.agencyCode, snapshot: snap, state: 'borrador', stateSince: e.occurredAt });
    return null;
  }

  private transitioned(device: Device, e: PushEvent, payload: OutboxPayload<'request.transition'>, now: number): string | null {
    const { event, from, to, reasonCode, note } = payload;
    if (!e.requestId) return 'El cambio de estado llegó incompleto o con un estado desconocido.';
    let req = this.request(e.requestId);
    if (!req) {
      // A request recorded before this desk was enrolled: its history starts here.
      if (!e.request) return 'La solicitud no existe en los servicios centrales.';
      const wrongNumber = checkNumber(this.db, device, e.requestId, e.request.number);
      if (wrongNumber) return wrongNumber;
      this.insertRequest(device, e.request, from, e.occurredAt, now);
      req = this.request(e.requestId)!;
    }
    if (req.agencyCode !== device.agencyCode) return 'La solicitud pertenece a otra agencia.';
    // A request's type is what central recorded first: a snapshot saying otherwise would open the
    // other type's transitions to it (an employer trámite closed as a contact update).
    const type = typeOfSnapshot(req.snapshot);
    if (e.request && (e.request.requestType ?? 'clave_patronal') !== type) {
      return `La solicitud es de «${REQUEST_TYPE_REGISTRY[type].label}» en el IESS: un cambio que le atribuye otro tipo de trámite no se aplicó.`;
    }
    if (req.state !== from) return `En el IESS la solicitud está en «${STATE_LABELS[req.state]}», no en «${STATE_LABELS[from]}»: se registró otro cambio antes.`;
    const spec = (TRANSITIONS[from] as Partial<Record<RequestEvent, { to: RequestState; actors: readonly string[] }>>)[event];
    if (!spec || spec.to !== to || spec.actors.every((a) => a === 'central')) {
      return `El ciclo de vida no permite «${EVENT_LABELS[event]}» desde «${STATE_LABELS[from]}».`;
    }
    // Each type takes only its own transitions (shared/domain/request-types.ts), as the desk's core does.
    if (!typeAllows(type, from, event)) {
      return `El trámite «${REQUEST_TYPE_REGISTRY[type].label}» no admite «${EVENT_LABELS[event]}» desde «${STATE_LABELS[from]}»: el IESS no aplicó el cambio.`;
    }
    // The role the signed event names must be one the lifecycle lets make the transition
    // (an event without actor comes from a desk of an older version: its role cannot be told).
    if (e.actor && !spec.actors.includes(e.actor.role)) {
      return `Un usuario con rol «${ROLE_LABELS[e.actor.role]}» no puede «${EVENT_LABELS[event]}»: el IESS no aplicó el cambio.`;
    }
    this.q('UPDATE requests SET state = ?, state_since = ?, updated_at = ?, snapshot = coalesce(?, snapshot) WHERE id = ?').run(to, e.occurredAt, now, e.request ? JSON.stringify(e.request) : null, req.id);
    const decision = typeof reasonCode === 'string' || typeof note === 'string' ? { reasonCode: reasonCode ?? null, note: note ?? null } : null;
    // What was just written, as appendUpsert would read it back: the snapshot as sent, or as held.
    const held = e.request ? { agencyCode: req.agencyCode, snapshot: e.request, state: to, stateSince: e.occurredAt } : undefined;
    this.appendUpsert(device, req.id, event, from, decision, e.actor ?? null, held);
    if (to === 'aprobada' && this.options.autoConfirm) this.decide(req.id, 'confirmar_envio', null, null, now);
    return null;
  }

  private insertRequest(device: Device, snap: RequestSnapshot, state: RequestState, at: number, now: number): void {
    this.q('INSERT INTO requests (id, agency_code, number, channel, state, state_since, origin_device, snapshot, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(snap.id, device.agencyCode, snap.number, snap.channel, state, at, device.id, JSON.stringify(snap), now);
  }

  request(id: string): { id: string; agencyCode: string; number: string; channel: Channel; state: RequestState; stateSince: number; snapshot: string } | undefined {
    return this.q('SELECT id, agency_code AS agencyCode, number, channel, state, state_since AS stateSince, snapshot FROM requests WHERE id = ?')
      .get(id) as ReturnType<CentralStore['request']>;
  }

  private appendUpsert(
    device: Device,
    requestId: string,
    lastEvent: RequestEvent | null,
    previousState: RequestState | null,
    decision: { reasonCode: string | null; note: string | null } | null = null,
    actor: EventActor | null = null,
    /** The request as the caller just wrote it (saves reading and parsing its snapshot again). */
    written?: { agencyCode: string; snapshot: RequestSnapshot; state: RequestState; stateSince: number },
  ): void {
    const req = written ?? this.heldRequest(requestId);
    this.appendChange(req.agencyCode, device.id, {
      kind: 'request.upsert',
      originDevice: device.id,
      origin: { deviceId: device.id, station: device.station, name: device.name },
      request: { ...req.snapshot, state: req.state, stateSince: req.stateSince, lastEvent, previousState, decision },
      actor,
    });
  }

  private heldRequest(id: string) {
    const req = this.request(id)!;
    return { agencyCode: req.agencyCode, snapshot: JSON.parse(req.snapshot) as RequestSnapshot, state: req.state, stateSince: req.stateSince };
  }

  appendChange(agencyCode: string, originDevice: string | null, body: ChangeBody): number {
    return Number(
      this.q('INSERT INTO changes (agency_code, origin_device, kind, body, created_at) VALUES (?, ?, ?, ?, ?)').run(agencyCode, originDevice, body.kind, JSON.stringify(body), Date.now()).lastInsertRowid,
    );
  }

  // --- The IESS side -------------------------------------------------------------------------

  /** Central's own decision, through the lifecycle; returns the new state or the refusal. */
  decide(requestId: string, event: CentralEvent, note: string | null, maskedEmail: string | null, now: number, foreignerCode: string | null = null): { ok: true; state: RequestState } | { ok: false; reason: string } {
    const req = this.request(requestId);
    if (!req) return { ok: false as const, reason: 'La solicitud no existe en los servicios centrales.' };
    const moved = applyEvent(req.state, event, { actor: 'central', channel: req.channel, attentionDate: ecuadorDate(now), ...(note ? { note } : {}) });
    if (!moved.ok) return { ok: false as const, reason: moved.errors.map((x) => x.message).join(' ') };
    this.q('UPDATE requests SET state = ?, state_since = ?, updated_at = ? WHERE id = ?').run(moved.to, now, now, requestId);
    this.appendChange(req.agencyCode, null, { kind: 'request.decision', requestId, event, note, maskedEmail, ...(foreignerCode ? { foreignerCode } : {}), at: now });
    // A foreigner's registration confirmed: its code follows (foreigner-codes.ts).
    if (event === 'confirmar_envio') this.assignForeignerCode(requestId, now);
    return { ok: true as const, state: moved.to };
  }

  /** Assigns and answers the foreigner's code of a confirmed registration, if one is waiting. */
  private assignForeignerCode(requestId: string, now: number): void {
    const code = codeToAssign(this, requestId, this.options.foreignerCodeFormats);
    if (code) this.decide(requestId, 'asignar_codigo', null, null, now, code);
  }

  nextNumber(name: string): number {
    return (this.q('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value').get(name) as { value: number }).value;
  }

  // --- Pull ----------------------------------------------------------------------------------

  changesFor(device: Device, afterSeq: number, limit: number): { changes: (ChangeBody & { seq: number })[]; lastSeq: number; remaining: number } {
    const page = this.changeRowsFor(device, afterSeq, limit);
    return { changes: page.rows.map((r) => ({ seq: r.seq, ...(JSON.parse(r.body) as ChangeBody) })), lastSeq: page.lastSeq, remaining: page.remaining };
  }

  /**
   * The same page as JSON text, each change `{"seq":…,` followed by its stored body's members (as
   * changesFor's spread, seq first): the stand-in runs inside the sync benchmark's process, where
   * parsing each body to serialize it again was a tenth of a 10,000-change pull.
   */
  changesTextFor(device: Device, afterSeq: number, limit: number): { changes: string; lastSeq: number; remaining: number } {
    const page = this.changeRowsFor(device, afterSeq, limit);
    const items = page.rows.map((r) => (r.body === '{}' ? `{"seq":${r.seq}}` : `{"seq":${r.seq},${r.body.slice(1)}`));
    return { changes: `[${items.join(',')}]`, lastSeq: page.lastSeq, remaining: page.remaining };
  }

  private changeRowsFor(device: Device, afterSeq: number, limit: number): { rows: { seq: number; body: string }[]; lastSeq: number; remaining: number } {
    // A desk's own request events are not echoed back to it.
    const where = 'agency_code = ? AND seq > ? AND (origin_device IS NULL OR origin_device <> ?)';
    const rows = this.q(`SELECT seq, body FROM changes WHERE ${where} ORDER BY seq LIMIT ?`).all(device.agencyCode, afterSeq, device.id, limit) as { seq: number; body: string }[];
    const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : afterSeq;
    const remaining = (this.q(`SELECT count(*) AS n FROM changes WHERE ${where}`).get(device.agencyCode, lastSeq, device.id) as { n: number }).n;
    return { rows, lastSeq, remaining };
  }

  employer(ruc: string) {
    const row = this.q('SELECT legal_name AS legalName, registered, branches FROM employers WHERE ruc = ?').get(ruc) as { legalName: string; registered: number; branches: string } | undefined;
    return row
      ? { ruc, found: true, legalName: row.legalName, registered: row.registered === 1, branches: JSON.parse(row.branches) as { code: string; name: string }[] }
      : { ruc, found: false, legalName: null, registered: false, branches: [] };
  }

  stats() {
    const one = <T>(sql: string) => this.q(sql).get() as T;
    return {
      keys: one<{ n: number }>('SELECT count(*) AS n FROM received').n,
      accepted: one<{ n: number }>("SELECT count(*) AS n FROM received WHERE status = 'accepted'").n,
      rejected: one<{ n: number }>("SELECT count(*) AS n FROM received WHERE status = 'rejected'").n,
      resent: one<{ n: number }>('SELECT coalesce(sum(times_seen - 1), 0) AS n FROM received').n,
      requests: one<{ n: number }>('SELECT count(*) AS n FROM requests').n,
      changes: one<{ n: number }>('SELECT count(*) AS n FROM changes').n,
    };
  }
}

/** The type of a request as central recorded it (a snapshot of an older desk has none: the employer one). */
function typeOfSnapshot(snapshot: string): RequestType {
  const type = (JSON.parse(snapshot) as Partial<RequestSnapshot>).requestType;
  return isRequestType(type) ? type : 'clave_patronal';
}
