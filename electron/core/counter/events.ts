// The request's own record of what happened to it (request_events, db/schema.ts): written with
// each change, read by the request's history and by bulk approval. Nothing here reads the audit
// trail or knows a call's name: a call says what it does through its contract's `history`.
import { run, sql, value, type Reader, type Sql, type Writer } from '../../../db/sql';
import type { DocumentType } from '../../../shared/domain/catalogs';
import type { RequestEvent } from '../../../shared/domain/lifecycle';
import type { DocumentVerdict, RequestActivity, VerdictQualifier } from '../../../shared/domain/request-history';

/** What a history line says beyond its activity: the lifecycle event, the document and its verdict, the decision with its reason. */
export interface RequestEventDetail {
  event?: RequestEvent | null;
  documentType?: DocumentType | null;
  verdict?: DocumentVerdict | null;
  /** For an e-signature verdict: its revocation unchecked, or accepted under the agency's exception. */
  qualifier?: VerdictQualifier | null;
  /** The request_decisions row holding the reason and note of the event (see recordDecision). */
  decisionId?: number | null;
}

export interface RequestEventRecord extends RequestEventDetail {
  requestId: string;
  at: number;
  /** A staff id, CENTRAL_ACTOR, OTHER_DESK_ACTOR, or null for the system. */
  actorId: string | null;
  activity: RequestActivity;
  /** 'ok', or the error code of a refused attempt. */
  outcome?: string;
}

/** Actor of what central services decided or relayed. */
export const CENTRAL_ACTOR = 'central';
/** Actor of a decision taken at another desk of the agency: central relays no user, so who is not known here. */
export const OTHER_DESK_ACTOR = 'otra_estacion';

/** Records one line of a request's history: inside the transaction of what it tells (a Writer). */
export function recordRequestEvent(db: Writer, e: RequestEventRecord): void {
  run(
    db,
    sql`INSERT INTO request_events (request_id, at, actor_id, activity, event, document_type, verdict, qualifier, decision_id, outcome)
       VALUES (${e.requestId}, ${e.at}, ${e.actorId}, ${e.activity}, ${e.event ?? null}, ${e.documentType ?? null}, ${e.verdict ?? null},
         ${e.qualifier ?? null}, ${e.decisionId ?? null}, ${e.outcome ?? 'ok'})`,
  );
}

/**
 * SQL (1 or 0): whether @viewer opened request `r` since its last change. Bulk approval is for
 * requests the supervisor actually looked at (no blind approvals); the queues show it. The
 * "vista" record is written by requests.get (its contract's `history`).
 */
export const viewedSinceLastChangeBy = (userId: string): Sql =>
  sql`EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id AND e.activity = ${'vista' satisfies RequestActivity}
  AND e.actor_id = ${userId} AND e.outcome = 'ok' AND e.at >= r.updated_at)`;

export function viewedSinceLastChange(db: Reader, requestId: string, userId: string): boolean {
  return value<number>(db, sql`SELECT ${viewedSinceLastChangeBy(userId)} AS viewed FROM requests r WHERE r.id = ${requestId}`) === 1;
}
