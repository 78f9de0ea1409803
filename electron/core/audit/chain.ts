// The hash-chained audit trail. Each entry's hash covers its own fields and the previous entry's
// hash; the newest (seq, hash) is also kept in `settings` as the chain's head, so that cutting
// entries off the end is detected too. Entries name staff and record ids, never personal data.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  at: number;
  actorId: string | null;
  call: string;
  target: string | null;
  /** 'ok' or the error code the call answered with. */
  outcome: string;
}

interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export function entryHash(seq: number, e: AuditEntry, prevHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify([seq, e.at, e.actorId, e.call, e.target, e.outcome, prevHash]))
    .digest('hex');
}

const HEAD_KEY = 'auditHead';

/** Appends one entry. Call it inside the transaction of the change it records. */
export function appendAudit(sqlite: Database.Database, e: AuditEntry): void {
  const last = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(seq, e, prevHash);
  sqlite
    .prepare('INSERT INTO audit_log (seq, at, actor_id, call, target, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(seq, e.at, e.actorId, e.call, e.target, e.outcome, prevHash, hash);
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(HEAD_KEY, JSON.stringify({ seq, hash }));
}

export interface ChainBreak {
  seq: number;
  reason: 'hash' | 'link' | 'sequence' | 'head';
  message: string;
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  firstBroken: ChainBreak | null;
}

/** Walks the whole chain in order and names the first entry that does not hold. */
export function verifyAuditChain(sqlite: Database.Database): ChainReport {
  const rows = sqlite
    .prepare('SELECT seq, at, actor_id AS actorId, call, target, outcome, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<AuditRow>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  const broken = (seq: number, reason: ChainBreak['reason'], message: string): ChainReport => ({ ok: false, entries, firstBroken: { seq, reason, message } });
  for (const row of rows) {
    entries++;
    if (row.seq !== expectedSeq) {
      return broken(expectedSeq, 'sequence', `Falta la entrada ${expectedSeq} del registro de auditoría (la siguiente es la ${row.seq}).`);
    }
    if (row.prevHash !== prevHash) {
      return broken(row.seq, 'link', `La entrada ${row.seq} no enlaza con la anterior: se eliminaron o reordenaron entradas.`);
    }
    if (entryHash(row.seq, row, row.prevHash) !== row.hash) {
      return broken(row.seq, 'hash', `El contenido de la entrada ${row.seq} fue modificado.`);
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  const headRow = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(HEAD_KEY) as { value: string } | undefined;
  const head = headRow ? (JSON.parse(headRow.value) as { seq: number; hash: string }) : null;
  const lastSeq = expectedSeq - 1;
  if (head ? head.seq !== lastSeq || head.hash !== prevHash : lastSeq !== 0) {
    return broken(lastSeq + 1, 'head', `Faltan entradas al final del registro de auditoría: la última registrada fue la ${head?.seq ?? 0}.`);
  }
  return { ok: true, entries, firstBroken: null };
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. A dozen lines do not justify a dependency. */
const csvField = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function auditCsv(sqlite: Database.Database, fromMs: number, toMs: number): { csv: string; rows: number } {
  const rows = sqlite
    .prepare(
      `SELECT a.seq, a.at, a.actor_id AS actorId, u.username, a.call, a.target, a.outcome, a.hash
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE a.at >= ? AND a.at < ? ORDER BY a.seq`,
    )
    .all(fromMs, toMs) as { seq: number; at: number; actorId: string | null; username: string | null; call: string; target: string | null; outcome: string; hash: string }[];
  const header = ['secuencia', 'fecha_hora_utc', 'usuario_id', 'usuario', 'operacion', 'objetivo', 'resultado', 'hash'];
  const lines = rows.map((r) => [r.seq, new Date(r.at).toISOString(), r.actorId, r.username, r.call, r.target, r.outcome, r.hash].map(csvField).join(','));
  return { csv: [header.join(','), ...lines].join('\r\n') + '\r\n', rows: rows.length };
}
