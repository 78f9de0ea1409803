// Push: the outbox goes to central in seq order, in batches, each event with its idempotency key.
// An item is acknowledged only by central's answer for its key (accepted or duplicate); an answer
// that never arrives leaves it unacknowledged, and resending it is harmless because central
// applies each key once (OpenCRVS #7477). Every unacknowledged item always carries a visible
// status, last error and next try (OpenCRVS #12292).
import type Database from 'better-sqlite3';
import { API_PREFIX, EventActor, PushResponse, type AuditHeadAnchor, type ConfirmedAuditHead, type PushEvent, type PushResult, type RequestSnapshot } from '../../../shared/sync/protocol';
import { auditHead, recordAuditAnchor } from '../security/audit/chain';
import { ANCHOR_CALL } from '../security/audit/continuity';
import { uploadListed, type ListedFile } from './files';
import { exchange, SyncError } from './http';
import { listedFiles, recordReader } from './record';
import { readSyncState, updateSyncState } from './state';

export interface PushOptions {
  batchSize: number;
  timeoutMs: number;
  maxResponseBytes: number;
  dataDir: string;
  /** Signs each event with the desk's enrolled key (signing.ts); absent: sent unsigned. */
  sign?: ((e: PushEvent) => Promise<string>) | null;
}

interface OutboxRow {
  seq: number;
  key: string;
  requestId: string | null;
  type: string;
  payload: string;
  createdAt: number;
}

export interface PushTally {
  accepted: number;
  duplicate: number;
  rejected: number;
  batches: number;
}

/** Pushes every unacknowledged item; throws SyncError at the first batch that fails. */
export async function pushAll(sqlite: Database.Database, target: { url: string; token: string }, now: () => number, opts: PushOptions): Promise<PushTally> {
  const tally: PushTally = { accepted: 0, duplicate: 0, rejected: 0, batches: 0 };
  const next = sqlite.prepare(
    `SELECT seq, idempotency_key AS key, request_id AS requestId, type, payload, created_at AS createdAt
     FROM outbox WHERE acked_at IS NULL ORDER BY seq LIMIT ?`,
  );
  for (;;) {
    const batch = next.all(opts.batchSize) as OutboxRow[];
    if (batch.length === 0) return tally;
    markSending(sqlite, batch);
    let results: PushResult[];
    try {
      const { events: unsigned, files } = toEvents(sqlite, batch);
      const sign = opts.sign;
      const events = sign ? await Promise.all(unsigned.map(async (e) => ({ ...e, signature: await sign(e) }))) : unsigned;
      // The scans and forms the records list go first: an accepted event never points at a file central lacks.
      await uploadListed(sqlite, opts.dataDir, files, target, now, { timeoutMs: opts.timeoutMs });
      const answer = await sendWithAuditEvidence(sqlite, target, events, now, opts);
      results = answer.results;
      if (answer.auditAnchor) {
        const a = answer.auditAnchor;
        updateSyncState(sqlite, { auditConfirmedSeq: a.seq, auditConfirmedHash: a.hash, auditConfirmedAt: a.at, auditRefusal: null, auditRefusalAt: null });
      }
    } catch (err) {
      const failure = err instanceof SyncError ? err : new SyncError('dropped', 'Error inesperado al enviar al IESS. Se reintentará.');
      if (failure.audit) {
        updateSyncState(sqlite, { auditRefusal: failure.message, auditRefusalAt: now() });
        if (failure.audit.anchor) noteLostAnchor(sqlite, failure.audit.anchor, now());
      }
      markFailed(sqlite, batch, failure.message, null);
      throw failure;
    }
    const answered = recordAnswers(sqlite, batch, results, now());
    tally.accepted += answered.accepted;
    tally.duplicate += answered.duplicate;
    tally.rejected += answered.rejected;
    tally.batches++;
    if (answered.unanswered > 0) {
      throw new SyncError('invalid', `Los servicios centrales no respondieron por ${answered.unanswered} envío(s) del lote; se reintentarán.`);
    }
  }
}

/**
 * Central refused the push because this trail went back or forked from the entry it holds: the
 * desk writes it in its own trail too (security/audit/continuity.ts: 'alterado', or 'restaurado'
 * when a restore since explains it), once per anchor, however often the push is retried.
 */
function noteLostAnchor(sqlite: Database.Database, anchor: ConfirmedAuditHead, at: number): void {
  const noted = sqlite.prepare('SELECT 1 FROM audit_log WHERE call = ? AND target = ? LIMIT 1').get(ANCHOR_CALL, `anchor:${anchor.seq}`);
  if (!noted) recordAuditAnchor(sqlite, { seq: anchor.seq, hash: anchor.hash, receivedAt: anchor.at }, at);
}

/**
 * The push, with the audit head as evidence and, as proof that the trail continues the anchor
 * central holds, this desk's own entry at that anchor's seq. Central may hold a newer anchor than
 * this desk knows (an answer lost after it was written): it then names the seq it needs and the
 * batch is sent once more with that entry. A refusal (rewound, forked) is thrown as SyncError.
 */
async function sendWithAuditEvidence(sqlite: Database.Database, target: { url: string; token: string }, events: PushEvent[], now: () => number, opts: PushOptions) {
  const head = auditHead(sqlite) ?? undefined;
  const entryAt = (seq: number | null): AuditHeadAnchor | undefined => {
    if (seq === null) return undefined;
    const row = sqlite.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(seq) as AuditHeadAnchor | undefined;
    return row ?? undefined;
  };
  // Without an anchor known here, the head itself: an absent proof would read as an older desk's push.
  let proof = entryAt(readSyncState(sqlite).auditConfirmedSeq) ?? head;
  for (let attempt = 0; ; attempt++) {
    try {
      return await exchange(PushResponse, {
        method: 'POST',
        url: `${target.url}${API_PREFIX}/events`,
        token: target.token,
        body: { events, auditHead: head, auditProof: head ? proof : undefined, sentAt: now() },
        timeoutMs: opts.timeoutMs,
        maxBytes: opts.maxResponseBytes,
        now: now(),
      });
    } catch (err) {
      if (!(err instanceof SyncError) || err.audit?.code !== 'audit_proof_required' || attempt > 0) throw err;
      // No entry there: the trail is shorter than central's anchor, and central will say so.
      proof = entryAt(err.audit.anchorSeq) ?? { seq: err.audit.anchorSeq, hash: '0'.repeat(64) };
    }
  }
}

function markSending(sqlite: Database.Database, batch: OutboxRow[]): void {
  const first = batch[0]!.seq;
  const last = batch[batch.length - 1]!.seq;
  sqlite.prepare("UPDATE outbox SET status = 'enviando' WHERE acked_at IS NULL AND seq BETWEEN ? AND ?").run(first, last);
}

/** The batch failed as a whole (transport, HTTP status, unreadable answer): nothing was acknowledged. */
export function markFailed(sqlite: Database.Database, batch: { seq: number }[], message: string, nextAttemptAt: number | null): void {
  if (batch.length === 0) return;
  sqlite
    .prepare("UPDATE outbox SET status = 'fallido', attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE acked_at IS NULL AND seq BETWEEN ? AND ?")
    .run(message, nextAttemptAt, batch[0]!.seq, batch[batch.length - 1]!.seq);
}

/** Applies central's per-event answers in one transaction; duplicates and reordering are harmless. */
function recordAnswers(sqlite: Database.Database, batch: OutboxRow[], results: PushResult[], now: number) {
  const byKey = new Map<string, PushResult>();
  // A key answered twice keeps its first answer: central's answer per key never changes.
  for (const r of results) if (!byKey.has(r.key)) byKey.set(r.key, r);
  const count = { accepted: 0, duplicate: 0, rejected: 0, unanswered: 0 };
  const ack = sqlite.prepare("UPDATE outbox SET acked_at = ?, status = 'enviado', last_error = NULL, next_attempt_at = NULL, attempts = attempts + 1 WHERE seq = ? AND acked_at IS NULL");
  const reject = sqlite.prepare("UPDATE outbox SET acked_at = ?, status = 'rechazado', last_error = ?, next_attempt_at = NULL, attempts = attempts + 1 WHERE seq = ? AND acked_at IS NULL");
  const missing = sqlite.prepare("UPDATE outbox SET status = 'fallido', attempts = attempts + 1, last_error = ? WHERE seq = ? AND acked_at IS NULL");
  sqlite.transaction(() => {
    for (const item of batch) {
      const r = byKey.get(item.key);
      if (!r) {
        count.unanswered++;
        missing.run('Los servicios centrales no respondieron por este envío; se reintentará.', item.seq);
      } else if (r.status === 'rejected') {
        count.rejected++;
        reject.run(now, `Rechazado por el IESS: ${r.reason ?? 'sin motivo indicado'}`, item.seq);
      } else {
        count[r.status]++;
        ack.run(now, item.seq);
      }
    }
  }).immediate();
  return count;
}

// The clerk by name: this desk's account, or for a copy of another desk's request the name its desk sent.
const SNAPSHOT = `SELECT r.id, r.number, r.channel, r.applicant_kind AS applicantKind, r.employer_ruc AS employerRuc, r.employer_branch AS employerBranch,
  r.employer_legal_name AS employerLegalName, r.representative_names AS representativeNames, r.email, r.created_at AS createdAt,
  r.request_type AS requestType, coalesce(u.display_name, m.clerk_name) AS clerkName
  FROM requests r LEFT JOIN users u ON u.id = r.clerk_id LEFT JOIN sync_mirrors m ON m.request_id = r.id WHERE r.id = ?`;

/** Event types that say nothing about the request's data: they travel without its snapshot and file. */
const WITHOUT_SNAPSHOT = new Set(['request.working']);

function toEvents(sqlite: Database.Database, batch: OutboxRow[]): { events: PushEvent[]; files: ListedFile[] } {
  const read = sqlite.prepare(SNAPSHOT);
  const readRecord = recordReader(sqlite);
  const snapshots = new Map<string, RequestSnapshot | null>();
  const snapshot = (id: string | null): RequestSnapshot | null => {
    if (id === null) return null;
    if (!snapshots.has(id)) {
      const snap = read.get(id) as RequestSnapshot | undefined;
      const record = snap && readRecord(id);
      snapshots.set(id, snap ? { ...snap, ...(record ? { record } : {}) } : null);
      if (record) files.push(...listedFiles(id, record));
    }
    return snapshots.get(id)!;
  };
  const files: ListedFile[] = [];
  const events = batch.map((row): PushEvent => {
    // The person who made it rides in the outbox row (appendOutbox) and travels beside the payload.
    const { actor, ...payload } = parsePayload(row.payload);
    const who = EventActor.safeParse(actor);
    const request = WITHOUT_SNAPSHOT.has(row.type) ? null : snapshot(row.requestId);
    return { key: row.key, type: row.type, requestId: row.requestId, occurredAt: row.createdAt, payload, request, ...(who.success ? { actor: who.data } : {}) };
  });
  return { events, files };
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return {};
  }
}
