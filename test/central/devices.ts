// The stand-in central's devices: enrolment codes (for a new station of an agency, or replacing
// the desk of a station), the station each device holds and where its numbering stands, and the
// audit evidence each device pushed (docs/protocol/README.md, «Estaciones» and «Auditoría»).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { parseRequestNumber } from '../../shared/domain/request-number';
import type { AuditHeadAnchor, AuditRefusalCode, ConfirmedAuditHead, EnrolStation } from '../../shared/sync/protocol';

export const DEVICES_SCHEMA = `
CREATE TABLE IF NOT EXISTS enrolment_codes (code TEXT PRIMARY KEY, agency_code TEXT NOT NULL, used_at INTEGER, station TEXT);
CREATE TABLE IF NOT EXISTS devices (
  id TEXT PRIMARY KEY, agency_code TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,
  station TEXT, replaced_by TEXT, replaced_at INTEGER, public_key TEXT, last_push_at INTEGER);
CREATE TABLE IF NOT EXISTS station_numbers (
  agency_code TEXT NOT NULL, station TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (agency_code, station, year));
CREATE TABLE IF NOT EXISTS audit_heads (device_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS audit_incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT, device_id TEXT NOT NULL, first_at INTEGER NOT NULL, last_at INTEGER NOT NULL, times INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL, held_seq INTEGER NOT NULL, held_hash TEXT NOT NULL, pushed_seq INTEGER NOT NULL, pushed_hash TEXT NOT NULL,
  message TEXT NOT NULL, resolved_at INTEGER, UNIQUE (device_id, code, pushed_seq, pushed_hash));
`;

/** Columns added after the first version of the stand-in: a central.db kept from then gains them. */
const ADDED_COLUMNS: [string, string][] = [
  ['enrolment_codes', 'station TEXT'],
  ['devices', 'station TEXT'],
  ['devices', 'replaced_by TEXT'],
  ['devices', 'replaced_at INTEGER'],
  ['devices', 'public_key TEXT'],
  ['devices', 'last_push_at INTEGER'],
];

export function upgradeDevices(db: Database.Database): void {
  for (const [table, column] of ADDED_COLUMNS) {
    const name = column.split(' ')[0]!;
    const has = (q(db, `PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === name);
    if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column}`);
  }
}

export interface Device {
  id: string;
  agencyCode: string;
  station: string | null;
  name: string;
  publicKey: string | null;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** A statement prepared once per connection (every pushed event is checked here). */
function q(db: Database.Database, sql: string): Database.Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = db.prepare(sql)));
  return s;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const MAX_STATIONS = 99;

export function issueEnrolmentCode(db: Database.Database, agencyCode: string, code = randomBytes(6).toString('hex').toUpperCase(), station: string | null = null): string {
  q(db, 'INSERT OR REPLACE INTO enrolment_codes (code, agency_code, used_at, station) VALUES (?, ?, NULL, ?)').run(code, agencyCode, station);
  return code;
}

export type Enrolled = { deviceId: string; token: string; station: EnrolStation } | { refused: string };

/**
 * Single-use code → a new device, its token (only the hash is kept) and its station: the next
 * free one of the agency, or the station the code was issued to replace. A replacement revokes
 * the replaced device's token and continues the station's numbering after the last number central
 * received from it (what the broken desk printed and never sent is beyond anyone's reach).
 */
export function enrolDevice(db: Database.Database, code: string, agencyCode: string, name: string, publicKey: string | null, now: number): Enrolled | null {
  const row = q(db, 'SELECT agency_code AS agencyCode, used_at AS usedAt, station FROM enrolment_codes WHERE code = ?').get(code) as
    | { agencyCode: string; usedAt: number | null; station: string | null }
    | undefined;
  if (!row || row.usedAt !== null || row.agencyCode !== agencyCode) return null;
  const deviceId = randomUUID();
  const token = randomBytes(32).toString('base64url');
  return db
    .transaction((): Enrolled => {
      let station = row.station;
      let replaced: string | null = null;
      if (station === null) {
        const max = q(db, 'SELECT max(CAST(station AS INTEGER)) AS n FROM devices WHERE agency_code = ?').get(agencyCode) as { n: number | null };
        const next = (max.n ?? 0) + 1;
        if (next > MAX_STATIONS) return { refused: `La agencia ya tiene ${MAX_STATIONS} estaciones: use un código de reemplazo de una estación existente.` };
        station = String(next).padStart(2, '0');
      } else {
        const old = q(db, 'SELECT id FROM devices WHERE agency_code = ? AND station = ? AND replaced_at IS NULL').get(agencyCode, station) as { id: string } | undefined;
        replaced = old?.id ?? null;
        if (replaced) q(db, 'UPDATE devices SET replaced_by = ?, replaced_at = ? WHERE id = ?').run(deviceId, now, replaced);
      }
      q(db, 'UPDATE enrolment_codes SET used_at = ? WHERE code = ?').run(now, code);
      q(db, 'INSERT INTO devices (id, agency_code, name, token_hash, created_at, station, public_key) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        deviceId,
        agencyCode,
        name,
        hashToken(token),
        now,
        station,
        publicKey,
      );
      const numbering = q(db, 'SELECT year, last FROM station_numbers WHERE agency_code = ? AND station = ? ORDER BY year').all(agencyCode, station) as { year: number; last: number }[];
      return { deviceId, token, station: { code: station, replacedDevice: replaced, numbering } };
    })
    .immediate();
}

/** The device of an active token; a replaced device's token no longer opens anything. */
export function deviceByToken(db: Database.Database, token: string): Device | null {
  return (
    (q(db, 'SELECT id, agency_code AS agencyCode, station, name, public_key AS publicKey FROM devices WHERE token_hash = ? AND replaced_at IS NULL')
      .get(hashToken(token)) as Device | undefined) ?? null
  );
}

/**
 * A request number a device sends: unique in its agency, and, when it carries a station, this
 * device's own station. Null when fine (and the station's numbering is moved past it).
 */
export function checkNumber(db: Database.Database, device: Device, requestId: string, number: string): string | null {
  const taken = q(db, 'SELECT id FROM requests WHERE agency_code = ? AND number = ? AND id <> ?').get(device.agencyCode, number, requestId);
  if (taken) return `El número ${number} ya pertenece a otra solicitud de la agencia: no se registró esta.`;
  const parts = parseRequestNumber(number);
  if (parts?.station == null) return null;
  if (parts.agencyCode !== device.agencyCode || parts.station !== device.station) {
    return `El número ${number} no corresponde a esta estación (${device.agencyCode}, estación ${device.station ?? 'sin asignar'}).`;
  }
  q(db, 
    `INSERT INTO station_numbers (agency_code, station, year, last) VALUES (?, ?, ?, ?)
     ON CONFLICT (agency_code, station, year) DO UPDATE SET last = max(last, excluded.last)`,
  ).run(device.agencyCode, parts.station, parts.year, parts.seq);
  return null;
}

// --- Audit evidence ------------------------------------------------------------------------

export class AuditRefusal extends Error {
  constructor(
    readonly code: AuditRefusalCode,
    message: string,
    readonly anchorSeq: number,
    /** What to put on record (rewound, forked): the heads compared. */
    readonly incident: { held: ConfirmedAuditHead; pushed: AuditHeadAnchor } | null = null,
  ) {
    super(message);
  }
}

const SUPPORT = 'No se aplicó el envío. Comuníquese con el soporte técnico del IESS.';

export function heldAuditHead(db: Database.Database, deviceId: string): ConfirmedAuditHead | null {
  return (q(db, 'SELECT seq, hash, received_at AS at FROM audit_heads WHERE device_id = ?').get(deviceId) as ConfirmedAuditHead | undefined) ?? null;
}

/**
 * Compares the head a push carries with the one central holds for the device, and keeps the new
 * one; throws AuditRefusal (nothing of the push is applied; the caller records the incident) when
 * it went back or forked. Without
 * `proof` (a desk of an older version) only a head that went back, or the same entry with another
 * hash, can be told. Call inside the push's transaction.
 */
export function anchorAuditHead(db: Database.Database, device: Device, head: AuditHeadAnchor | undefined, proof: AuditHeadAnchor | undefined, now: number): ConfirmedAuditHead | undefined {
  const held = heldAuditHead(db, device.id);
  // No head from a desk central holds one for: its trail is empty now (erased). A desk of an
  // older version sends none ever, so central never holds one for it.
  if (!head && held) {
    throw new AuditRefusal('audit_rewound', `El registro de auditoría de esta estación está vacío: el IESS ya confirmó su entrada ${held.seq} (posible borrado del registro o de la base de datos). ${SUPPORT}`, held.seq, {
      held,
      pushed: { seq: 0, hash: '0'.repeat(64) },
    });
  }
  if (!head) return undefined;
  if (held) {
    let refusal: [AuditRefusalCode, string] | null = null;
    if (head.seq < held.seq) {
      refusal = ['audit_rewound', `El registro de auditoría de esta estación retrocedió: el IESS ya confirmó su entrada ${held.seq} y la estación envía como última la ${head.seq} (posible restauración de un respaldo antiguo o borrado de la base de datos). ${SUPPORT}`];
    } else if (head.seq === held.seq ? head.hash !== held.hash : proof !== undefined && proof.seq === held.seq && proof.hash !== held.hash) {
      refusal = ['audit_forked', `El registro de auditoría de esta estación no continúa el que el IESS confirmó (entrada ${held.seq}): fue reescrito o restaurado desde otra copia. ${SUPPORT}`];
    } else if (head.seq > held.seq && proof !== undefined && proof.seq !== held.seq) {
      throw new AuditRefusal('audit_proof_required', `El IESS necesita la entrada ${held.seq} del registro de auditoría de esta estación para compararla.`, held.seq);
    }
    if (refusal) throw new AuditRefusal(refusal[0], refusal[1], held.seq, { held, pushed: head });
    if (head.seq === held.seq) return held;
  }
  q(db, 'INSERT INTO audit_heads (device_id, seq, hash, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, received_at = excluded.received_at').run(
    device.id,
    head.seq,
    head.hash,
    now,
  );
  return { ...head, at: now };
}

/** Puts a refusal on record; call it after the push's transaction rolled back, so that it stays. */
export function recordIncident(db: Database.Database, deviceId: string, refusal: AuditRefusal, now: number): void {
  if (!refusal.incident) return;
  const { held, pushed } = refusal.incident;
  q(db, 
    `INSERT INTO audit_incidents (device_id, first_at, last_at, code, held_seq, held_hash, pushed_seq, pushed_hash, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, code, pushed_seq, pushed_hash) DO UPDATE SET last_at = excluded.last_at, times = times + 1`,
  ).run(deviceId, now, now, refusal.code, held.seq, held.hash, pushed.seq, pushed.hash, refusal.message);
}

/** The operator, having looked into an incident, accepts the device's trail as it is now. */
export function acceptAuditHead(db: Database.Database, deviceId: string, now: number): boolean {
  return db.transaction(() => {
    q(db, 'UPDATE audit_incidents SET resolved_at = ? WHERE device_id = ? AND resolved_at IS NULL').run(now, deviceId);
    return q(db, 'DELETE FROM audit_heads WHERE device_id = ?').run(deviceId).changes > 0;
  })();
}

/** What /admin/devices shows: every device of the agency, replaced or rewound ones plainly. */
export function listDevices(db: Database.Database, agencyCode: string) {
  const devices = q(db, 
      `SELECT d.id, d.name, d.station, d.created_at AS enrolledAt, d.replaced_by AS replacedBy, d.replaced_at AS replacedAt, d.last_push_at AS lastPushAt,
         d.public_key IS NOT NULL AS signs, h.seq AS headSeq, h.hash AS headHash, h.received_at AS headAt
       FROM devices d LEFT JOIN audit_heads h ON h.device_id = d.id WHERE d.agency_code = ? ORDER BY d.created_at`,
    )
    .all(agencyCode) as { id: string; name: string; station: string | null; enrolledAt: number; replacedBy: string | null; replacedAt: number | null; lastPushAt: number | null; signs: number; headSeq: number | null; headHash: string | null; headAt: number | null }[];
  const incidents = q(db, 
    `SELECT code, first_at AS firstAt, last_at AS lastAt, times, held_seq AS heldSeq, pushed_seq AS pushedSeq, message, resolved_at AS resolvedAt
     FROM audit_incidents WHERE device_id = ? ORDER BY id`,
  );
  return devices.map((d) => {
    const list = incidents.all(d.id) as { code: AuditRefusalCode; resolvedAt: number | null }[];
    const open = list.filter((i) => i.resolvedAt === null);
    const status = d.replacedAt !== null ? 'reemplazada' : open.some((i) => i.code === 'audit_rewound') ? 'retrocedida' : open.some((i) => i.code === 'audit_forked') ? 'bifurcada' : 'activa';
    return {
      id: d.id,
      name: d.name,
      station: d.station,
      status,
      enrolledAt: d.enrolledAt,
      replacedBy: d.replacedBy,
      replacedAt: d.replacedAt,
      lastPushAt: d.lastPushAt,
      signs: d.signs === 1,
      auditHead: d.headSeq === null ? null : { seq: d.headSeq, hash: d.headHash, at: d.headAt },
      incidents: list,
    };
  });
}
