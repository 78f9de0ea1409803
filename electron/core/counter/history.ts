// The history of one request, typed: what was done to it and when, by whom, and for each lifecycle
// decision which event it was, with its catalogued reason and note — including those central sent
// through sync. Read from the request's own records (request_events, with request_decisions for
// the reason and note), never from the audit trail. The renderer words it.
import { all, join, sql, type Reader } from '../../../db/sql';
import type { HistoryEntry } from '../../../shared/contract/counter';
import { catalogLabel, E_SIGNATURE_VERDICTS } from '../../../shared/domain/catalogs';
import { HIDDEN_ACTIVITIES, VERDICT_QUALIFIERS, type VerdictQualifier } from '../../../shared/domain/request-history';
import { CENTRAL_ACTOR, OTHER_DESK_ACTOR } from './events';
import { documentLabel } from './store';

interface Row {
  at: number;
  actorId: string | null;
  actor: string | null;
  activity: HistoryEntry['activity'];
  event: HistoryEntry['event'];
  documentType: HistoryEntry['documentType'];
  verdict: HistoryEntry['verdict'];
  qualifier: VerdictQualifier | null;
  reasonCode: string | null;
  note: string | null;
  outcome: string;
}


/** «Solicitud de entrega de clave: Firma válida · revocación no comprobada (…excepción…)»: the verdict an approval rested on. */
function signatureNote(r: Row): string {
  const verdict = catalogLabel(E_SIGNATURE_VERDICTS, r.verdict) ?? r.verdict ?? '';
  const qualifier = catalogLabel(VERDICT_QUALIFIERS, r.qualifier);
  return `${documentLabel(r.documentType ?? '')}: ${verdict}${qualifier ? ` · ${qualifier}` : ''}`;
}

export function requestHistory(db: Reader, requestId: string): HistoryEntry[] {
  const rows = all<Row>(
    db,
    sql`SELECT e.at, e.actor_id AS actorId, coalesce(u.display_name, d.actor_label) AS actor, e.activity, e.event, e.document_type AS documentType, e.verdict, e.qualifier,
         d.reason_code AS reasonCode, d.note, e.outcome
       FROM request_events e LEFT JOIN request_decisions d ON d.id = e.decision_id LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.request_id = ${requestId} AND e.activity NOT IN (${join(HIDDEN_ACTIVITIES)}) ORDER BY e.at, e.id`,
  );
  return rows.map((r) => {
    const central = r.actorId === CENTRAL_ACTOR;
    // Decided at another desk of the agency (relayed by sync): the person and desk its signed event
    // named (request_decisions.actor_label), or, from a desk of an older version, only that it was another desk.
    const actor = central ? null : (r.actor ?? (r.actorId === OTHER_DESK_ACTOR ? 'Otra estación de la agencia' : null));
    return {
      at: r.at,
      source: central ? 'central' : r.actorId === null ? 'system' : 'user',
      actor,
      activity: r.activity,
      event: r.event,
      documentType: r.documentType,
      verdict: r.verdict,
      reasonCode: r.reasonCode,
      note: r.activity === 'firma_electronica_verificada' ? signatureNote(r) : r.note,
      outcome: r.outcome,
    };
  });
}
