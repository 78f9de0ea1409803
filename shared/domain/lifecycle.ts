// Over 400 lines on purpose: the transition table and its guards read as one piece.
/**
 * Request lifecycle (DOMAIN §3). The transition table is data typed `as const`, so calling
 * `transition('aprobada', 'imprimir_formularios', …)` with literal types does not compile;
 * `applyEvent` takes the same decisions for values that come from outside (DB, IPC, central).
 * Nothing here throws: every answer is a result with Spanish reasons.
 */
import { CHANNELS, isCatalogCode, REJECTION_REASONS, RETURN_REASONS, SIGNATURE_KINDS, type Channel, type DocumentType, type ReasonEntry, type SignatureKind } from './catalogs';
import { checkEmail } from './contact';
import { compareIsoDates, formatDateEs, isAttentionDate, isIsoDate, type IsoDate } from './dates';
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
};

export const ACTOR_LABELS: Readonly<Record<Actor, string>> = {
  ventanillero: 'Ventanillero',
  supervisor: 'Supervisor',
  administrador: 'Administrador',
  central: 'Servicios centrales',
};

export const TERMINAL_STATES = ['clave_emitida', 'rechazada', 'rechazada_central', 'anulada'] as const;

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

export interface DocumentStatus {
  documentType: DocumentType;
  label: string;
  verified: boolean;
  /** Signature the document requires (from requiredDocuments), null if none. */
  signature: SignatureKind | null;
  signatureMarked: boolean;
}

/** What submission and approval check: the state of the required documents and contact data. */
export interface Readiness {
  /** One entry per required document of the request. */
  documents: readonly DocumentStatus[];
  email: string | null;
  /** Expiry of the visa presented, when one is required; null = no expiry. */
  visaExpiryDate?: IsoDate | null;
  /** Expiry of the artisan qualification, when required; null = "Indefinida". */
  artisanExpiryDate?: IsoDate | null;
}

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
  enviar_a_revision: [printedFirstWhenPresencial, readinessGuard],
  aprobar: [readinessGuard],
  rechazar: [requireReason(REJECTION_REASONS, 'rechazo')],
  devolver: [requireReason(RETURN_REASONS, 'devolución')],
  anular: [requireNote],
  rechazo_central: [requireNote],
};

function requireChannel(channel: Channel): Guard {
  return (context) => (context.channel === channel ? [] : [wrongChannel(channel)]);
}

/** At the counter the applicant signs printed forms: those must exist before review. */
function printedFirstWhenPresencial(context: TransitionContext, from: RequestState): Issue[] {
  return from === 'en_verificacion' && context.channel === 'presencial' ? [PRINT_FIRST] : [];
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

/** DOMAIN §3: nothing moves on while a document, signature, email or validity is missing. */
function readinessGuard(context: TransitionContext): Issue[] {
  const readiness = context.readiness;
  if (!isReadiness(readiness)) return [READINESS_MISSING];
  // Every profile requires documents (at least the Solicitud): an empty checklist means the
  // file is not here (e.g. a request copied from a desk that sent no checklist), never "ready".
  if (readiness.documents.length === 0) return [NO_DOCUMENTS];
  const issues: Issue[] = [];
  for (const document of readiness.documents) {
    if (!document.verified) issues.push(unverified(document.label));
    if (document.signature !== null && !document.signatureMarked) {
      issues.push(unsigned(document.label, document.signature));
    }
  }
  if (!hasText(readiness.email)) issues.push(EMAIL_MISSING);
  else if (!checkEmail(readiness.email).ok) issues.push(EMAIL_INVALID);
  if (isExpired(readiness.visaExpiryDate, context.attentionDate)) {
    issues.push(expired('lifecycle.visa_expired', 'La visa', readiness.visaExpiryDate));
  }
  if (isExpired(readiness.artisanExpiryDate, context.attentionDate)) {
    issues.push(expired('lifecycle.artisan_expired', 'La calificación artesanal', readiness.artisanExpiryDate));
  }
  return issues;
}

function isExpired(expiryDate: IsoDate | null | undefined, attentionDate: IsoDate): expiryDate is IsoDate {
  return isIsoDate(expiryDate) && compareIsoDates(expiryDate, attentionDate) < 0;
}

function isReadiness(value: unknown): value is Readiness {
  if (typeof value !== 'object' || value === null) return false;
  const documents: unknown = (value as { documents?: unknown }).documents;
  return Array.isArray(documents) && documents.every(isDocumentStatus);
}

function isDocumentStatus(value: unknown): value is DocumentStatus {
  if (typeof value !== 'object' || value === null) return false;
  const status = value as Partial<Record<keyof DocumentStatus, unknown>>;
  return (
    typeof status.label === 'string' &&
    typeof status.verified === 'boolean' &&
    typeof status.signatureMarked === 'boolean' &&
    (status.signature === null || isCatalogCode(SIGNATURE_KINDS, status.signature))
  );
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
const PRINT_FIRST = issue(
  'lifecycle.print_first',
  'Imprima los formularios y registre las firmas del solicitante antes de enviar a revisión.',
);
const NOTE_REQUIRED = issue('lifecycle.note_required', 'Escriba una observación que explique el motivo.');
const NO_DOCUMENTS = issue(
  'lifecycle.no_documents',
  'No hay documentos verificados registrados para esta solicitud en esta estación: revísela en la estación donde se registró.',
);
const READINESS_MISSING = issue(
  'lifecycle.readiness_missing',
  'No se pudo comprobar el estado de los documentos de la solicitud.',
);
const EMAIL_MISSING = issue(
  'lifecycle.email_missing',
  'Falta el correo electrónico del empleador o representante legal: la clave se entrega a ese correo.',
);
const EMAIL_INVALID = issue('lifecycle.email_invalid', 'El correo electrónico registrado no es válido.');

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

function unverified(label: string): Issue {
  return issue('lifecycle.document_unverified', `Falta verificar el documento: ${label}.`);
}

function unsigned(label: string, signature: SignatureKind): Issue {
  const kind = signature === 'manuscrita' ? 'la firma manuscrita' : 'la firma electrónica';
  return issue('lifecycle.signature_unmarked', `Falta registrar ${kind} en: ${label}.`);
}

function expired(code: string, what: string, expiryDate: IsoDate): Issue {
  return issue(code, `${what} está caducada a la fecha de atención (venció el ${formatDateEs(expiryDate)}).`);
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
