// The history of one request, typed: who did what and when (the audit trail), and for each
// lifecycle decision which event it was, with its catalogued reason and note
// (request_decisions), including those central sent through sync. The renderer words it.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { HistoryEntry } from '../../../shared/contract/counter';
import { REQUEST_EVENTS, type RequestEvent } from '../../../shared/domain/lifecycle';
import { REVOCATION_UNCHECKED, VERDICT_LABELS } from '../../../shared/contract/signature-report';
import { SIGNATURE_VERDICT_CALL } from './attachments/signature';
import { documentLabel, OTHER_DESK_ACTOR } from './store';

type Entry = z.infer<typeof HistoryEntry>;

/** Calls that record a decision row in the same transaction, and the events each can record. */
const DECIDING_CALLS: Readonly<Record<string, readonly RequestEvent[]>> = {
  'requests.startVerification': ['iniciar_verificacion', 'corregir'],
  'requests.transition': ['enviar_a_revision', 'rechazar', 'anular'],
  'review.approve': ['aprobar'],
  'review.bulkApprove': ['aprobar'],
  'review.return': ['devolver'],
  'review.reject': ['rechazar'],
};

/** Calls that always mean the same event (no decision row needed to tell which). */
const FIXED_EVENT: Readonly<Record<string, RequestEvent>> = {
  // Every print (a reprint too) is the lifecycle's imprimir_formularios.
  'forms.print': 'imprimir_formularios',
  'review.approve': 'aprobar',
  'review.bulkApprove': 'aprobar',
  'review.return': 'devolver',
  'review.reject': 'rechazar',
};

/** Reads that are not part of what happened to the request (opening it is audited, not history). */
const HIDDEN_CALLS = new Set(['requests.get']);

interface AuditRow {
  at: number;
  actorId: string | null;
  actor: string | null;
  call: string;
  outcome: string;
}

interface DecisionRow {
  at: number;
  actorId: string;
  actor: string | null;
  event: string;
  reasonCode: string | null;
  note: string | null;
}

/** «Solicitud de entrega de clave: Firma válida · revocación no comprobada (excepción de la agencia)». */
function verdictNote(outcome: string): string {
  const [documentType = '', verdict = '', ...flags] = outcome.split(':');
  const label = (VERDICT_LABELS as Record<string, string>)[verdict] ?? verdict;
  const extra = [flags.includes('revocacion_no_comprobada') ? ` · ${REVOCATION_UNCHECKED}` : '', flags.includes('excepcion') ? ' (aprobada por la excepción configurada por la agencia)' : ''].join('');
  return `${documentLabel(documentType)}: ${label}${extra}`;
}

const asEvent = (e: string): RequestEvent | null => ((REQUEST_EVENTS as readonly string[]).includes(e) ? (e as RequestEvent) : null);

export function requestHistory(sqlite: Database.Database, requestId: string): Entry[] {
  const audit = sqlite
    .prepare(
      `SELECT a.at, a.actor_id AS actorId, u.display_name AS actor, a.call, a.outcome FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       WHERE a.target = ? ORDER BY a.seq`,
    )
    .all(`request:${requestId}`) as AuditRow[];
  const decisions = sqlite
    .prepare(
      `SELECT d.at, d.actor_id AS actorId, coalesce(u.display_name, d.actor_label) AS actor, d.event, d.reason_code AS reasonCode, d.note FROM request_decisions d
       LEFT JOIN users u ON u.id = d.actor_id WHERE d.request_id = ? ORDER BY d.at, d.id`,
    )
    .all(requestId) as DecisionRow[];
  const used = new Set<DecisionRow>();
  // A decision row is written in the same transaction as its audit entry, so before it: the
  // first unused row of the same actor and kind of event, not later than the entry, is its own.
  const take = (match: (d: DecisionRow) => boolean, notAfter: number, into = used): DecisionRow | undefined => {
    const d = decisions.find((row) => !into.has(row) && row.at <= notAfter && match(row));
    if (d) into.add(d);
    return d;
  };
  // Pull entries already told by one of central's decisions (which is listed on its own).
  const told = new Set<DecisionRow>();

  const entries: Entry[] = [];
  for (const a of audit) {
    if (HIDDEN_CALLS.has(a.call)) continue;
    if (a.call === 'sync.pull') {
      // Central's decisions get their own entry below, at the time central took them; what
      // else a pull brought (another desk's change, a virtual request) stays as it is.
      if (a.outcome === 'ok' && take((d) => d.actorId === 'central', a.at, told)) continue;
      entries.push({ at: a.at, source: 'central', actor: null, call: a.call, event: null, reasonCode: null, note: null, outcome: a.outcome });
      continue;
    }
    if (a.call === SIGNATURE_VERDICT_CALL) {
      entries.push({ at: a.at, source: 'user', actor: a.actor, call: a.call, event: null, reasonCode: null, note: verdictNote(a.outcome), outcome: 'ok' });
      continue;
    }
    const events = DECIDING_CALLS[a.call];
    const decision = events && a.outcome === 'ok' ? take((d) => d.actorId === a.actorId && events.includes(d.event as RequestEvent), a.at) : undefined;
    entries.push({
      at: a.at,
      source: a.actorId ? 'user' : 'system',
      actor: a.actor,
      call: a.call,
      event: decision ? asEvent(decision.event) : a.outcome === 'ok' ? (FIXED_EVENT[a.call] ?? null) : null,
      reasonCode: decision?.reasonCode ?? null,
      note: decision?.note ?? null,
      outcome: a.outcome,
    });
  }
  // Decisions with no audit entry of this request: central's, and those recorded elsewhere
  // (an approval in a batch is audited against the batch).
  for (const d of decisions) {
    if (used.has(d)) continue;
    const central = d.actorId === 'central';
    // Decided at another desk of the agency (relayed by sync): the person and desk its signed event
    // named (actor_label), or, from a desk of an older version, only that it was another desk.
    const actor = central ? null : (d.actor ?? (d.actorId === OTHER_DESK_ACTOR ? 'Otra estación de la agencia' : null));
    entries.push({ at: d.at, source: central ? 'central' : 'user', actor, call: null, event: asEvent(d.event), reasonCode: d.reasonCode, note: d.note, outcome: 'ok' });
  }
  // Stable sort: entries of the same instant keep the audit trail's order.
  return entries.sort((x, y) => x.at - y.at);
}
