/**
 * Request lifecycle (DOMAIN §3). The transition table is data typed `as const`, so calling
 * `transition('aprobada', 'imprimir_formularios', …)` with literal types does not compile;
 * `applyEvent` takes the same decisions for values that come from outside (DB, IPC, central).
 * Nothing here throws: every answer is a result with Spanish reasons.
 */
import { CHANNELS, isCatalogCode, REJECTION_REASONS, RETURN_REASONS, type Channel, type ReasonEntry } from './catalogs';
import { emailProofGuard, papersGuard, printedFirstWhenPresencial, readinessGuard, type Readiness } from './readiness';

export type { DocumentStatus, Readiness } from './readiness';
import { isAttentionDate, type IsoDate } from './dates';
import { issue, type Issue } from './issues';
import { ACTORS, isActor, ROLE_GROUPS, type Actor } from './roles';

export const REQUEST_STATES = [
  'borrador',
  'en_verificacion',
  'pendiente_firma',
  'pendiente_revision',
  'aprobada',
  'enviada',
  'clave_emitida',
  'devuelta',
  'rechazada',
  'rechazada_central',
  'anulada',
  // A procedure without supervisor review done at the counter (request-types.ts: actualizacion_contacto).
  'completada',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_EVENTS = [
  'iniciar_verificacion',
  'ingreso_virtual',
  'imprimir_formularios',
  'enviar_a_revision',
  'aprobar',
  'devolver',
  'corregir',
  'rechazar',
  'anular',
  'confirmar_envio',
  'rechazo_central',
  'emitir_clave',
  'registrar_actualizacion',
  'asignar_codigo',
] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

export const STATE_LABELS: Readonly<Record<RequestState, string>> = {
  borrador: 'Borrador',
  en_verificacion: 'En verificación',
  pendiente_firma: 'Pendiente de firma',
  pendiente_revision: 'Pendiente de revisión',
  aprobada: 'Aprobada',
  enviada: 'Enviada al IESS',
  clave_emitida: 'Clave emitida',
  devuelta: 'Devuelta',
  rechazada: 'Rechazada',
  rechazada_central: 'Rechazada por el IESS',
  anulada: 'Anulada',
  completada: 'Completada',
};

export const EVENT_LABELS: Readonly<Record<RequestEvent, string>> = {
  iniciar_verificacion: 'Iniciar verificación',
  ingreso_virtual: 'Ingreso desde la Ventanilla Virtual',
  imprimir_formularios: 'Imprimir formularios',
  enviar_a_revision: 'Enviar a revisión',
  aprobar: 'Aprobar',
  devolver: 'Devolver',
  corregir: 'Corregir',
  rechazar: 'Rechazar',
  anular: 'Anular',
  confirmar_envio: 'Confirmar envío',
  rechazo_central: 'Rechazo de servicios centrales',
  emitir_clave: 'Emitir clave',
  registrar_actualizacion: 'Registrar la actualización',
  asignar_codigo: 'Asignar código de extranjero',
};

export const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  ventanillero: 'Ventanillero',
  supervisor: 'Supervisor',
  administrador: 'Administrador',
  central: 'Servicios centrales',
};

export const TERMINAL_STATES = ['clave_emitida', 'rechazada', 'rechazada_central', 'anulada', 'completada'] as const;

interface TransitionSpec {
  readonly to: RequestState;
  readonly actors: readonly Actor[];
}
type TransitionTable = { readonly [S in RequestState]: { readonly [E in RequestEvent]?: TransitionSpec } };

const COUNTER = ROLE_GROUPS.counter;

/**
 * Who may move a request where. The administrador configures the app and never moves
 * requests; central moves them only after approval. Supervisors may also act at a counter.
 */
export const TRANSITIONS = {
  borrador: {
    iniciar_verificacion: { to: 'en_verificacion', actors: ['ventanillero'] },
    ingreso_virtual: { to: 'en_verificacion', actors: ['central'] },
    anular: { to: 'anulada', actors: COUNTER },
  },
  en_verificacion: {
    imprimir_formularios: { to: 'pendiente_firma', actors: ['ventanillero'] },
    // Virtual requests come e-signed: they go to review without printing (channel guard).
    enviar_a_revision: { to: 'pendiente_revision', actors: COUNTER },
    rechazar: { to: 'rechazada', actors: COUNTER },
    anular: { to: 'anulada', actors: COUNTER },
  },
  pendiente_firma: {
    // A reprint keeps the state; the core records every print.
    imprimir_formularios: { to: 'pendiente_firma', actors: ['ventanillero'] },
    enviar_a_revision: { to: 'pendiente_revision', actors: ['ventanillero'] },
    // A type without supervisor review (request-types.ts) closes at the counter once signed.
    registrar_actualizacion: { to: 'completada', actors: COUNTER },
    rechazar: { to: 'rechazada', actors: COUNTER },
    anular: { to: 'anulada', actors: COUNTER },
  },
  pendiente_revision: {
    aprobar: { to: 'aprobada', actors: ['supervisor'] },
    devolver: { to: 'devuelta', actors: ['supervisor'] },
    rechazar: { to: 'rechazada', actors: ['supervisor'] },
    anular: { to: 'anulada', actors: ['supervisor'] },
  },
  // Once approved the request is in the outbox: only central's answer moves it.
  aprobada: {
    confirmar_envio: { to: 'enviada', actors: ['central'] },
    rechazo_central: { to: 'rechazada_central', actors: ['central'] },
  },
  enviada: {
    emitir_clave: { to: 'clave_emitida', actors: ['central'] },
    // A foreigner's registration (request-types.ts, registro_extranjero) ends with the code central assigns.
    asignar_codigo: { to: 'completada', actors: ['central'] },
    rechazo_central: { to: 'rechazada_central', actors: ['central'] },
  },
  devuelta: {
    corregir: { to: 'en_verificacion', actors: ['ventanillero'] },
    rechazar: { to: 'rechazada', actors: COUNTER },
    anular: { to: 'anulada', actors: COUNTER },
  },
  clave_emitida: {},
  rechazada: {},
  rechazada_central: {},
  anulada: {},
  completada: {},
} as const satisfies TransitionTable;

type Table = typeof TRANSITIONS;
/** Events that exist from state S (never for a terminal state). */
export type EventFrom<S extends RequestState> = keyof Table[S] & RequestEvent;
/** The state event E leads to from S. */
export type TargetOf<S extends RequestState, E extends EventFrom<S>> = Table[S][E] extends {
  readonly to: infer T extends RequestState;
}
  ? T
  : never;

// --- Context and guards -----------------------------------------------------------------

export interface TransitionContext {
  actor: Actor;
  channel: Channel;
  /** Date of attention: expiry guards are judged against it. */
  attentionDate: IsoDate;
  /** Catalog code, for rechazar (REJECTION_REASONS) and devolver (RETURN_REASONS). */
  reasonCode?: string;
  /** Free text; required for anular, rechazo_central and reasons marked requiresNote. */
  note?: string;
  /** Required for enviar_a_revision and aprobar. */
  readiness?: Readiness;
}

type Guard = (context: TransitionContext, from: RequestState) => Issue[];

const GUARDS: Readonly<Partial<Record<RequestEvent, readonly Guard[]>>> = {
  iniciar_verificacion: [requireChannel('presencial')],
  ingreso_virtual: [requireChannel('virtual')],
  imprimir_formularios: [requireChannel('presencial')],
  enviar_a_revision: [printedFirstWhenPresencial, readinessGuard, papersGuard, emailProofGuard],
  aprobar: [readinessGuard],
  rechazar: [requireReason(REJECTION_REASONS, 'rechazo')],
  devolver: [requireReason(RETURN_REASONS, 'devolución')],
  anular: [requireNote],
  rechazo_central: [requireNote],
};

function requireChannel(channel: Channel): Guard {
  return (context) => (context.channel === channel ? [] : [wrongChannel(channel)]);
}

function requireReason(catalog: readonly ReasonEntry[], kind: string): Guard {
  return (context) => {
    if (!hasText(context.reasonCode)) return [reasonRequired(kind)];
    const reason = catalog.find((entry) => entry.code === context.reasonCode);
    if (!reason) return [reasonUnknown(kind)];
    return reason.requiresNote && !hasText(context.note) ? [NOTE_REQUIRED] : [];
  };
}

function requireNote(context: TransitionContext): Issue[] {
  return hasText(context.note) ? [] : [NOTE_REQUIRED];
}

function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

// --- Public API -------------------------------------------------------------------------

export type TransitionResult<To extends RequestState = RequestState> =
  | { ok: true; from: RequestState; event: RequestEvent; to: To }
  | { ok: false; errors: Issue[] };

/** Compile-time checked: only events that exist from `state` are accepted. */
export function transition<S extends RequestState, E extends EventFrom<S>>(
  state: S,
  event: E,
  context: TransitionContext,
): TransitionResult<TargetOf<S, E>> {
  // applyEvent reads the same table, so a success necessarily carries TargetOf<S, E>.
  return applyEvent(state, event, context) as TransitionResult<TargetOf<S, E>>;
}

/** Run-time checked version for data from outside the program. */
export function applyEvent(state: unknown, event: unknown, context: TransitionContext): TransitionResult {
  if (!isRequestState(state)) return failure(unknownState(state));
  if (!isRequestEvent(event)) return failure(unknownEvent(event));
  const spec = specFor(state, event);
  if (spec === undefined) {
    return failure(isTerminal(state) ? terminal(state) : notAllowed(state, event));
  }
  const contextIssues = contextProblems(context);
  if (contextIssues.length > 0) return { ok: false, errors: contextIssues };
  if (!spec.actors.includes(context.actor)) return failure(forbidden(context.actor, event));
  const errors = (GUARDS[event] ?? []).flatMap((guard) => guard(context, state));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, from: state, event, to: spec.to };
}

/** Whether `actor` may attempt `event` from `state` (guards are checked by applyEvent). */
export function canFire(state: unknown, event: unknown, actor: unknown): boolean {
  if (!isRequestState(state) || !isRequestEvent(event) || !isActor(actor)) return false;
  return specFor(state, event)?.actors.includes(actor) ?? false;
}

/** Events to offer `actor` for a request in `state`, in a stable order. */
export function availableEvents(state: unknown, actor: unknown): RequestEvent[] {
  return REQUEST_EVENTS.filter((event) => canFire(state, event, actor));
}

export function isTerminal(state: RequestState): boolean {
  return (TERMINAL_STATES as readonly RequestState[]).includes(state);
}

export function isRequestState(value: unknown): value is RequestState {
  return typeof value === 'string' && (REQUEST_STATES as readonly string[]).includes(value);
}

export function isRequestEvent(value: unknown): value is RequestEvent {
  return typeof value === 'string' && (REQUEST_EVENTS as readonly string[]).includes(value);
}

function specFor(state: RequestState, event: RequestEvent): TransitionSpec | undefined {
  const fromState: { readonly [E in RequestEvent]?: TransitionSpec } = TRANSITIONS[state];
  return fromState[event];
}

function contextProblems(context: unknown): Issue[] {
  if (typeof context !== 'object' || context === null) return [CONTEXT_MISSING];
  const { actor, channel, attentionDate } = context as Partial<Record<keyof TransitionContext, unknown>>;
  const problems: Issue[] = [];
  if (!isActor(actor)) problems.push(ACTOR_UNKNOWN);
  if (!isCatalogCode(CHANNELS, channel)) problems.push(CHANNEL_UNKNOWN);
  if (!isAttentionDate(attentionDate)) problems.push(ATTENTION_DATE);
  return problems;
}

function failure(found: Issue): TransitionResult {
  return { ok: false, errors: [found] };
}

// --- Messages ---------------------------------------------------------------------------

const CONTEXT_MISSING = issue('lifecycle.context', 'Faltan los datos de quién realiza la acción.');
const ACTOR_UNKNOWN = issue('lifecycle.actor_unknown', `El usuario no tiene un rol válido (${ACTORS.join(', ')}).`);
const CHANNEL_UNKNOWN = issue('lifecycle.channel_unknown', 'El canal de la solicitud no es válido.');
const ATTENTION_DATE = issue('lifecycle.attention_date', 'La fecha de atención no es válida.');
const NOTE_REQUIRED = issue('lifecycle.note_required', 'Escriba una observación que explique el motivo.');

function wrongChannel(channel: Channel): Issue {
  const name = channel === 'presencial' ? 'presenciales' : 'de la Ventanilla Virtual';
  return issue('lifecycle.channel', `Esta acción solo aplica a solicitudes ${name}.`);
}

function reasonRequired(kind: string): Issue {
  return issue('lifecycle.reason_required', `Seleccione el motivo de ${kind}.`);
}

function reasonUnknown(kind: string): Issue {
  return issue('lifecycle.reason_unknown', `El motivo de ${kind} seleccionado no está en el catálogo.`);
}

function unknownState(state: unknown): Issue {
  return issue('lifecycle.unknown_state', `Estado de solicitud desconocido: ${shown(state)}.`);
}

function unknownEvent(event: unknown): Issue {
  return issue('lifecycle.unknown_event', `Acción desconocida: ${shown(event)}.`);
}

/** Outside values may be anything (even objects without toString): show strings only. */
function shown(value: unknown): string {
  return typeof value === 'string' ? `«${value.slice(0, 40)}»` : `(${typeof value})`;
}

function terminal(state: RequestState): Issue {
  return issue(
    'lifecycle.terminal',
    `La solicitud está cerrada (${STATE_LABELS[state]}) y ya no admite cambios.`,
  );
}

function notAllowed(state: RequestState, event: RequestEvent): Issue {
  return issue(
    'lifecycle.not_allowed',
    `No se puede «${EVENT_LABELS[event]}» una solicitud en estado «${STATE_LABELS[state]}».`,
  );
}

function forbidden(actor: Actor, event: RequestEvent): Issue {
  return issue('lifecycle.role_forbidden', `El rol ${ACTOR_LABELS[actor]} no puede «${EVENT_LABELS[event]}».`);
}
