// The stand-in central's own SQLite database: enrolled devices, every idempotency key it has seen
// (with the answer it gave), its view of each request, and the per-agency feed of changes the
// desks pull. It applies the same lifecycle (shared/domain) the desks do.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Channel } from '../../shared/domain/catalogs';
import { ecuadorDate } from '../../shared/domain/dates';
import { applyEvent, EVENT_LABELS, STATE_LABELS, TRANSITIONS, type RequestEvent, type RequestState } from '../../shared/domain/lifecycle';
import { parseOutboxEvent, type CentralEvent, type ChangeBody, type OutboxPayload, type PushEvent, type PushResult, type RequestSnapshot } from '../../shared/sync/protocol';

export const AGENCIES = [
  { code: 'UIO', name: 'CAU Quito Norte (Iñaquito)' },
  { code: 'GYE', name: 'CAU Guayaquil Centro' },
];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS enrolment_codes (code TEXT PRIMARY KEY, agency_code TEXT NOT NULL, used_at INTEGER);
CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, agency_code TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
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
CREATE TABLE IF NOT EXISTS audit_heads (device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL, received_at INTEGER NOT NULL);
`;

export interface Device {
  id: string;
  agencyCode: string;
}

export interface CentralOptions {
  /** Central confirms receipt (confirmar_envio) as soon as it receives an approval. */
  autoConfirm: boolean;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * What makes two pushes of a key the same event: the outbox row's own content. The request
 * snapshot riding along is left out, since a resend carries the request as it is by then.
 */
function eventFingerprint(e: PushEvent): string {
  return createHash('sha256').update(JSON.stringify([e.type, e.requestId, e.occurredAt, e.payload])).digest('hex');
}

export class CentralStore {
  readonly db: Database.Database;
  options: CentralOptions = { autoConfirm: true };

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'central.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.seedEmployers();
  }

  close(): void {
    this.db.close();
  }

  private seedEmployers(): void {
    const ins = this.db.prepare('INSERT OR IGNORE INTO employers (ruc, legal_name, registered, branches) VALUES (?, ?, ?, ?)');
    ins.run('1792060346001', 'Comercial Andina Cía. Ltda.', 1, JSON.stringify([{ code: '0001', name: 'Matriz Quito' }, { code: '0002', name: 'Sucursal Guayaquil' }]));
    ins.run('1760001550001', 'Gobierno Autónomo Descentralizado de Pichincha', 1, JSON.stringify([{ code: '0001', name: 'Matriz' }]));
    ins.run('0992397535001', 'Exportadora del Pacífico S.A.', 0, JSON.stringify([{ code: '0001', name: 'Matriz Guayaquil' }]));
  }

  // --- Enrolment ---------------------------------------------------------------------------

  issueEnrolmentCode(agencyCode: string, code = randomBytes(6).toString('hex').toUpperCase()): string {
    this.db.prepare('INSERT OR REPLACE INTO enrolment_codes (code, agency_code, used_at) VALUES (?, ?, NULL)').run(code, agencyCode);
    return code;
  }

  /** Single-use code → a new device and its token (only the token's hash is kept). */
  enrol(code: string, agencyCode: string, name: string, now: number): { deviceId: string; token: string; agencyName: string } | null {
    const agency = AGENCIES.find((a) => a.code === agencyCode);
    const row = this.db.prepare('SELECT agency_code AS agencyCode, used_at AS usedAt FROM enrolment_codes WHERE code = ?').get(code) as { agencyCode: string; usedAt: number | null } | undefined;
    if (!agency || !row || row.usedAt !== null || row.agencyCode !== agencyCode) return null;
    const deviceId = randomUUID();
    const token = randomBytes(32).toString('base64url');
    this.db.transaction(() => {
      this.db.prepare('UPDATE enrolment_codes SET used_at = ? WHERE code = ?').run(now, code);
      this.db.prepare('INSERT INTO devices (id, agency_code, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(deviceId, agencyCode, name, hashToken(token), now);
    })();
    return { deviceId, token, agencyName: agency.name };
  }

  deviceByToken(token: string): Device | null {
    return (this.db.prepare('SELECT id, agency_code AS agencyCode FROM devices WHERE token_hash = ?').get(hashToken(token)) as Device | undefined) ?? null;
  }

  // --- Push ----------------------------------------------------------------------------------

  /** The desk's audit head as of its last push: the anchor its trail is checked against later. */
  anchorAuditHead(device: Device, head: { seq: number; hash: string }, now: number): void {
    this.db
      .prepare('INSERT INTO audit_heads (device_id, seq, hash, received_at) VALUES (?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, received_at = excluded.received_at')
      .run(device.id, head.seq, head.hash, now);
  }

  auditHead(deviceId: string): { seq: number; hash: string; receivedAt: number } | null {
    return (this.db.prepare('SELECT seq, hash, received_at AS receivedAt FROM audit_heads WHERE device_id = ?').get(deviceId) as { seq: number; hash: string; receivedAt: number } | undefined) ?? null;
  }


  /**
   * Applies a batch in one transaction: each key once per device; the answer for a key never
   * changes. A key is the sending device's own (two desks may well generate the same one). The
   * same key again with the same event is a resend ('duplicate', or the refusal it got); with
   * another event it is a conflict — a desk bug or a forgery — refused without applying anything.
   */
  receive(device: Device, events: PushEvent[], now: number): PushResult[] {
    const seen = this.db.prepare('SELECT status, reason, fingerprint FROM received WHERE device_id = ? AND key = ?');
    const bump = this.db.prepare('UPDATE received SET times_seen = times_seen + 1 WHERE device_id = ? AND key = ?');
    const record = this.db.prepare(
      'INSERT INTO received (key, device_id, agency_code, request_id, type, payload, fingerprint, status, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    return this.db
      .transaction(() =>
        events.map((e): PushResult => {
          const fingerprint = eventFingerprint(e);
          const prior = seen.get(device.id, e.key) as { status: 'accepted' | 'rejected'; reason: string | null; fingerprint: string } | undefined;
          if (prior && prior.fingerprint !== fingerprint) {
            return { key: e.key, status: 'rejected', reason: 'Conflicto: la clave de idempotencia ya se recibió de esta estación con otro contenido; este evento no se aplicó.' };
          }
          if (prior) {
            bump.run(device.id, e.key);
            return prior.status === 'rejected' ? { key: e.key, status: 'rejected', reason: prior.reason ?? '' } : { key: e.key, status: 'duplicate' };
          }
          const reason = this.applyPushed(device, e, now);
          record.run(e.key, device.id, device.agencyCode, e.requestId, e.type, JSON.stringify(e.payload), fingerprint, reason ? 'rejected' : 'accepted', reason, now);
          return reason ? { key: e.key, status: 'rejected', reason } : { key: e.key, status: 'accepted' };
        }),
      )
      .immediate();
  }

  /** Null when applied; otherwise the Spanish reason of the refusal. */
  private applyPushed(device: Device, e: PushEvent, now: number): string | null {
    // Each event's type and payload are read with the protocol's schemas, as a real central would.
    const parsed = parseOutboxEvent(e.type, e.payload);
    if (!parsed.ok) {
      if (parsed.problem === 'unknown_type') return `Tipo de evento desconocido para el IESS: «${e.type.slice(0, 40)}».`;
      return e.type === 'request.transition' ? 'El cambio de estado llegó incompleto o con un estado desconocido.' : 'El registro de la solicitud llegó incompleto.';
    }
    switch (parsed.event.type) {
      case 'request.created':
        return this.created(device, e, now);
      case 'request.transition':
        return this.transitioned(device, e, parsed.event.payload, now);
    }
  }

  private created(device: Device, e: PushEvent, now: number): string | null {
    const snap = e.request;
    if (!snap || !e.requestId) return 'Falta el detalle de la solicitud creada.';
    if (this.request(e.requestId)) return null; // history adopted earlier from a transition
    this.insertRequest(device, snap, 'borrador', e.occurredAt, now);
    this.appendUpsert(device, e.requestId, null, null);
    return null;
  }

  private transitioned(device: Device, e: PushEvent, payload: OutboxPayload<'request.transition'>, now: number): string | null {
    const { event, from, to, reasonCode, note } = payload;
    if (!e.requestId) return 'El cambio de estado llegó incompleto o con un estado desconocido.';
    let req = this.request(e.requestId);
    if (!req) {
      // A request recorded before this desk was enrolled: its history starts here.
      if (!e.request) return 'La solicitud no existe en los servicios centrales.';
      this.insertRequest(device, e.request, from, e.occurredAt, now);
      req = this.request(e.requestId)!;
    }
    if (req.agencyCode !== device.agencyCode) return 'La solicitud pertenece a otra agencia.';
    if (req.state !== from) return `En el IESS la solicitud está en «${STATE_LABELS[req.state]}», no en «${STATE_LABELS[from]}»: se registró otro cambio antes.`;
    const spec = (TRANSITIONS[from] as Partial<Record<RequestEvent, { to: RequestState; actors: readonly string[] }>>)[event];
    if (!spec || spec.to !== to || spec.actors.every((a) => a === 'central')) {
      return `El ciclo de vida no permite «${EVENT_LABELS[event]}» desde «${STATE_LABELS[from]}».`;
    }
    this.db.prepare('UPDATE requests SET state = ?, state_since = ?, updated_at = ?, snapshot = coalesce(?, snapshot) WHERE id = ?').run(to, e.occurredAt, now, e.request ? JSON.stringify(e.request) : null, req.id);
    const decision = typeof reasonCode === 'string' || typeof note === 'string' ? { reasonCode: reasonCode ?? null, note: note ?? null } : null;
    this.appendUpsert(device, req.id, event, from, decision);
    if (to === 'aprobada' && this.options.autoConfirm) this.decide(req.id, 'confirmar_envio', null, null, now);
    return null;
  }

  private insertRequest(device: Device, snap: RequestSnapshot, state: RequestState, at: number, now: number): void {
    this.db
      .prepare('INSERT INTO requests (id, agency_code, number, channel, state, state_since, origin_device, snapshot, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(snap.id, device.agencyCode, snap.number, snap.channel, state, at, device.id, JSON.stringify(snap), now);
  }

  request(id: string): { id: string; agencyCode: string; number: string; channel: Channel; state: RequestState; stateSince: number; snapshot: string } | undefined {
    return this.db
      .prepare('SELECT id, agency_code AS agencyCode, number, channel, state, state_since AS stateSince, snapshot FROM requests WHERE id = ?')
      .get(id) as ReturnType<CentralStore['request']>;
  }

  private appendUpsert(
    device: Device,
    requestId: string,
    lastEvent: RequestEvent | null,
    previousState: RequestState | null,
    decision: { reasonCode: string | null; note: string | null } | null = null,
  ): void {
    const req = this.request(requestId)!;
    const snap = JSON.parse(req.snapshot) as RequestSnapshot;
    this.appendChange(req.agencyCode, device.id, {
      kind: 'request.upsert',
      originDevice: device.id,
      request: { ...snap, state: req.state, stateSince: req.stateSince, lastEvent, previousState, decision },
    });
  }

  appendChange(agencyCode: string, originDevice: string | null, body: ChangeBody): number {
    return Number(
      this.db.prepare('INSERT INTO changes (agency_code, origin_device, kind, body, created_at) VALUES (?, ?, ?, ?, ?)').run(agencyCode, originDevice, body.kind, JSON.stringify(body), Date.now()).lastInsertRowid,
    );
  }

  // --- The IESS side -------------------------------------------------------------------------

  /** Central's own decision, through the lifecycle; returns the new state or the refusal. */
  decide(requestId: string, event: CentralEvent, note: string | null, maskedEmail: string | null, now: number) {
    const req = this.request(requestId);
    if (!req) return { ok: false as const, reason: 'La solicitud no existe en los servicios centrales.' };
    const moved = applyEvent(req.state, event, { actor: 'central', channel: req.channel, attentionDate: ecuadorDate(now), ...(note ? { note } : {}) });
    if (!moved.ok) return { ok: false as const, reason: moved.errors.map((x) => x.message).join(' ') };
    this.db.prepare('UPDATE requests SET state = ?, state_since = ?, updated_at = ? WHERE id = ?').run(moved.to, now, now, requestId);
    this.appendChange(req.agencyCode, null, { kind: 'request.decision', requestId, event, note, maskedEmail, at: now });
    return { ok: true as const, state: moved.to };
  }

  nextNumber(name: string): number {
    return (this.db.prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value').get(name) as { value: number }).value;
  }

  // --- Pull ----------------------------------------------------------------------------------

  changesFor(device: Device, afterSeq: number, limit: number): { changes: (ChangeBody & { seq: number })[]; lastSeq: number; remaining: number } {
    // A desk's own request events are not echoed back to it.
    const where = 'agency_code = ? AND seq > ? AND (origin_device IS NULL OR origin_device <> ?)';
    const rows = this.db.prepare(`SELECT seq, body FROM changes WHERE ${where} ORDER BY seq LIMIT ?`).all(device.agencyCode, afterSeq, device.id, limit) as { seq: number; body: string }[];
    const lastSeq = rows.length > 0 ? rows[rows.length - 1]!.seq : afterSeq;
    const remaining = (this.db.prepare(`SELECT count(*) AS n FROM changes WHERE ${where}`).get(device.agencyCode, lastSeq, device.id) as { n: number }).n;
    return { changes: rows.map((r) => ({ seq: r.seq, ...(JSON.parse(r.body) as ChangeBody) })), lastSeq, remaining };
  }

  employer(ruc: string) {
    const row = this.db.prepare('SELECT legal_name AS legalName, registered, branches FROM employers WHERE ruc = ?').get(ruc) as { legalName: string; registered: number; branches: string } | undefined;
    return row
      ? { ruc, found: true, legalName: row.legalName, registered: row.registered === 1, branches: JSON.parse(row.branches) as { code: string; name: string }[] }
      : { ruc, found: false, legalName: null, registered: false, branches: [] };
  }

  stats() {
    const one = <T>(sql: string) => this.db.prepare(sql).get() as T;
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
