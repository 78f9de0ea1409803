// The demo requests' recent history: the lifecycle events that led each one to its state, as the
// desk recorded them in the outbox (already acknowledged by central), for the dashboard and the
// per-day figures; and the decisions the supervisor's reports read. Shared by the employer rows
// (./demo.ts) and the affiliate procedures' rows (./affiliate.ts).
import type Database from 'better-sqlite3';
import { TRANSITIONS, type RequestEvent, type RequestState } from '../../shared/domain/lifecycle';
import type { RequestActivity } from '../../shared/domain/request-history';
import type { OutboxEventType } from '../../shared/domain/outbox';
import type { OutboxPayload } from '../../shared/sync/protocol';
import { pick, type Rng } from './generate';

/** The last weeks carry their event history (already acknowledged by central) for the dashboard. */
export const HISTORY_DAYS = 30;

export type Paths = Partial<Record<RequestState, RequestEvent[]>>;

/** The events that lead to each state of an employer request, in order (shared/domain/lifecycle.ts). */
export const EMPLOYER_PATHS: Paths = {
  en_verificacion: ['iniciar_verificacion'],
  pendiente_firma: ['iniciar_verificacion', 'imprimir_formularios'],
  pendiente_revision: ['iniciar_verificacion', 'imprimir_formularios', 'enviar_a_revision'],
  aprobada: ['iniciar_verificacion', 'imprimir_formularios', 'enviar_a_revision', 'aprobar'],
  enviada: ['iniciar_verificacion', 'imprimir_formularios', 'enviar_a_revision', 'aprobar', 'confirmar_envio'],
  clave_emitida: ['iniciar_verificacion', 'imprimir_formularios', 'enviar_a_revision', 'aprobar', 'confirmar_envio', 'emitir_clave'],
  devuelta: ['iniciar_verificacion', 'imprimir_formularios', 'enviar_a_revision', 'devolver'],
  rechazada: ['iniciar_verificacion', 'rechazar'],
  rechazada_central: ['iniciar_verificacion', 'imprimir_formularios', 'enviar_a_revision', 'aprobar', 'rechazo_central'],
  anulada: ['anular'],
};
const VIRTUAL_SKIPS = new Set<RequestEvent>(['iniciar_verificacion', 'imprimir_formularios']);

/** Where `event` leads from `from`, read off the lifecycle's transition table. */
export function target(from: RequestState, event: RequestEvent): RequestState {
  const spec = (TRANSITIONS[from] as Partial<Record<RequestEvent, { to: RequestState }>>)[event];
  if (!spec) throw new Error(`Demo seed: «${event}» does not leave «${from}».`);
  return spec.to;
}

/** The states a path table leads to, with the draft every request starts as. */
export const statesOf = (paths: Paths): RequestState[] => ['borrador', ...(Object.keys(paths) as RequestState[])];

export interface Reasons {
  rechazar: readonly string[];
  devolver: readonly string[];
}
export const EMPLOYER_REASONS: Reasons = {
  rechazar: ['requisitos_incompletos', 'representante_no_acreditado', 'empleador_no_registrado', 'documento_caducado', 'solicitud_duplicada'],
  devolver: ['firma_faltante', 'documento_ilegible', 'nombres_mal_escritos', 'datos_empleador_incorrectos'],
};

export interface HistoryStatements {
  event: Database.Statement;
  decision: Database.Statement;
  historyLine: Database.Statement;
  supervisorId: string;
  agencyId: string;
}

/** Statements that write nothing: a row replaced by another type still draws its numbers, so the rows after it stay as they were. */
const NOOP = { run: () => ({ changes: 0, lastInsertRowid: 0 }) } as unknown as Database.Statement;
export const noopHistory = (h: HistoryStatements): HistoryStatements => ({ ...h, event: NOOP, decision: NOOP, historyLine: NOOP });
export const NOOP_STATEMENT = NOOP;

export interface HistoryOptions {
  paths?: Paths;
  reasons?: Reasons;
  /**
   * Decisions the reports read besides the reasoned ones, recorded with the clerk who took them
   * (electron/core/supervisor/reports.ts counts registrar_actualizacion off request_decisions).
   */
  clerkDecisions?: { events: ReadonlySet<RequestEvent>; clerkId: string | null };
  /** Called after each event, with when it happened (the extra outbox events some events send). */
  after?: (event: RequestEvent, at: number) => void;
}

export function seedHistory(h: HistoryStatements, rng: Rng, requestId: string, state: RequestState, virtual: boolean, createdAt: number, stateSince: number, o: HistoryOptions = {}): void {
  const path = (o.paths ?? EMPLOYER_PATHS)[state];
  if (!path) return;
  const reasons = o.reasons ?? EMPLOYER_REASONS;
  const events: RequestEvent[] = virtual ? ['ingreso_virtual', ...path.filter((e) => !VIRTUAL_SKIPS.has(e))] : path;
  // The counter work takes minutes; the last event lands exactly when the state began.
  let at = createdAt;
  let from: RequestState = 'borrador';
  events.forEach((event, i) => {
    const last = i === events.length - 1;
    at = last ? Math.max(at + 1000, stateSince) : Math.min(stateSince - (events.length - i) * 1000, at + (3 + Math.floor(rng() * 12)) * 60_000);
    const to = target(from, event);
    const reason = event === 'rechazar' ? pick(rng, reasons.rechazar) : event === 'devolver' ? pick(rng, reasons.devolver) : null;
    const type = 'request.transition' satisfies OutboxEventType;
    const payload: OutboxPayload<typeof type> = { event, from, to, at, reasonCode: reason };
    h.event.run(crypto.randomUUID(), h.agencyId, requestId, type, JSON.stringify(payload), at, at + 1000);
    if (reason || event === 'aprobar') {
      // Every supervisor decision has its row, reason or not (electron/core/supervisor/review.ts):
      // the end-of-day report counts each desk's approvals off them.
      const decisionId = h.decision.run(requestId, at, h.supervisorId, event, reason).lastInsertRowid;
      const activity: RequestActivity = event === 'devolver' ? 'devuelta' : event === 'aprobar' ? 'aprobada' : 'rechazada';
      h.historyLine.run(requestId, at, h.supervisorId, activity, event, decisionId);
    } else if (o.clerkDecisions?.events.has(event) && o.clerkDecisions.clerkId) {
      h.decision.run(requestId, at, o.clerkDecisions.clerkId, event, null);
    }
    o.after?.(event, at);
    from = to;
  });
}
