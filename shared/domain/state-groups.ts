/**
 * Named groups of request states: every place that asks "is the request in one of …" (the core's
 * guards, the SQL of lists and reports, the screens, the demo seed) takes its group from here, so
 * a state added to the lifecycle (lifecycle.ts) is placed in each group once, with the compiler
 * checking every member is a state.
 */
import { REQUEST_STATES, TERMINAL_STATES, type RequestState } from './lifecycle';

type TerminalState = (typeof TERMINAL_STATES)[number];
export type OpenState = Exclude<RequestState, TerminalState>;

/** Not closed: the request may still move (DOMAIN §3). */
export const OPEN_STATES: readonly OpenState[] = REQUEST_STATES.filter((s): s is OpenState => !(TERMINAL_STATES as readonly string[]).includes(s));

export const STATE_GROUPS = {
  /** The intake may still be edited: a draft, or a request the supervisor returned. */
  intakeEditable: ['borrador', 'devuelta'],
  /** The checklist is being worked on: documents verified, forms printed, signatures marked. */
  verifying: ['en_verificacion', 'pendiente_firma'],
  /** In the clerk's hands at the counter: the clerk's "open work" list. */
  atCounter: ['borrador', 'en_verificacion', 'pendiente_firma', 'devuelta'],
  /** Not yet sent to review: what the end of day counts as pending at the desk. */
  notSubmitted: ['borrador', 'en_verificacion', 'pendiente_firma'],
  /** The forms were printed at least once, so a reprint (with its reason) is what remains. */
  printed: ['pendiente_firma', 'pendiente_revision', 'devuelta', 'aprobada', 'enviada', 'clave_emitida', 'completada'],
  /** Received for review and not refused: the applicant may still be handed the comprobante (forms.printReceipt). */
  received: ['pendiente_revision', 'aprobada', 'enviada', 'clave_emitida'],
  /** The file is frozen: approved and in central's hands, or closed. No new scans. */
  fileClosed: ['aprobada', 'enviada', ...TERMINAL_STATES],
  /** Closed: nothing moves it any more. */
  terminal: TERMINAL_STATES,
} as const satisfies Readonly<Record<string, readonly RequestState[]>>;
export type StateGroup = keyof typeof STATE_GROUPS;

/** Whether `state` belongs to `states` (a group above or OPEN_STATES); false for anything else. */
export function isStateIn<S extends RequestState>(states: readonly S[], state: unknown): state is S {
  return typeof state === 'string' && Array.isArray(states) && (states as readonly string[]).includes(state);
}
