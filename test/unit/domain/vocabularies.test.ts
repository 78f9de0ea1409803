// The named groups of the vocabularies mean what their names say, judged against the lifecycle's
// own transition table: a state or event added to the lifecycle without placing it in the groups
// (or placed in the wrong one) fails here, not at a counter.
import { describe, expect, it } from 'vitest';
import {
  catalogCodes,
  CHANNELS,
  isCatalogCode,
  isStateIn,
  OPEN_STATES,
  REQUEST_STATES,
  ROLE_GROUPS,
  ROLES,
  STATE_GROUPS,
  TERMINAL_STATES,
  TRANSITIONS,
  type Actor,
  type RequestEvent,
  type RequestState,
} from '../../../shared/domain';
import { CENTRAL_EVENTS } from '../../../shared/sync/protocol';

type Spec = { to: RequestState; actors: readonly Actor[] };
const moves = (state: RequestState) => Object.entries(TRANSITIONS[state] as Record<RequestEvent, Spec>) as [RequestEvent, Spec][];
const statesWhere = (test: (state: RequestState) => boolean) => REQUEST_STATES.filter(test);
const sorted = (states: readonly string[]) => [...states].sort();

describe('state groups', () => {
  it('open and terminal: a state is terminal exactly when nothing moves it', () => {
    expect(sorted(STATE_GROUPS.terminal)).toEqual(sorted(statesWhere((s) => moves(s).length === 0)));
    expect(sorted(OPEN_STATES)).toEqual(sorted(statesWhere((s) => moves(s).length > 0)));
    expect(sorted([...OPEN_STATES, ...TERMINAL_STATES])).toEqual(sorted(REQUEST_STATES));
  });

  it('intake is editable where the clerk starts (or restarts) the verification', () => {
    const starts = statesWhere((s) => moves(s).some(([e]) => e === 'iniciar_verificacion' || e === 'corregir'));
    expect(sorted(STATE_GROUPS.intakeEditable)).toEqual(sorted(starts));
  });

  it('verifying is where the forms are printed, and the counter holds what is intake or verification', () => {
    expect(sorted(STATE_GROUPS.verifying)).toEqual(sorted(statesWhere((s) => moves(s).some(([e]) => e === 'imprimir_formularios'))));
    expect(sorted(STATE_GROUPS.atCounter)).toEqual(sorted([...STATE_GROUPS.intakeEditable, ...STATE_GROUPS.verifying]));
  });

  it('not submitted: open states from which review is still ahead, never after a return', () => {
    const ahead = statesWhere((s) => s !== 'devuelta' && moves(s).some(([e]) => e === 'iniciar_verificacion' || e === 'imprimir_formularios' || e === 'enviar_a_revision'));
    expect(sorted(STATE_GROUPS.notSubmitted)).toEqual(sorted(ahead));
  });

  it('the file is closed once only central moves the request, or nothing does', () => {
    const centralOnly = statesWhere((s) => moves(s).every(([, spec]) => spec.actors.every((a) => a === 'central')));
    expect(sorted(STATE_GROUPS.fileClosed)).toEqual(sorted(centralOnly));
  });

  it('printed: the states after the print until the key is issued, while the request stays alive', () => {
    // Forward from the print's target, not back through a correction (which re-verifies and prints
    // anew), without the rejections and the cancellation (a reprint serves nothing there).
    const dead = new Set<RequestState>(['rechazada', 'rechazada_central', 'anulada']);
    const reached = new Set<RequestState>([TRANSITIONS.en_verificacion.imprimir_formularios.to]);
    for (const s of reached) for (const [e, spec] of moves(s)) if (e !== 'corregir' && !dead.has(spec.to)) reached.add(spec.to);
    expect(sorted(STATE_GROUPS.printed)).toEqual(sorted([...reached]));
  });

  it('isStateIn answers only for states of the group', () => {
    expect(isStateIn(STATE_GROUPS.verifying, 'pendiente_firma')).toBe(true);
    expect(isStateIn(STATE_GROUPS.verifying, 'borrador')).toBe(false);
    expect(isStateIn(STATE_GROUPS.verifying, 42)).toBe(false);
  });
});

describe('role groups and central events', () => {
  it('the counter group is who may cancel a draft; the supervisor group is who may approve', () => {
    expect(sorted(TRANSITIONS.borrador.anular.actors)).toEqual(sorted(ROLE_GROUPS.counter));
    expect(sorted(TRANSITIONS.pendiente_revision.aprobar.actors)).toEqual(sorted(ROLE_GROUPS.supervisor));
    expect(sorted(ROLE_GROUPS.everyone)).toEqual(sorted(ROLES));
  });

  it("central's decisions on the wire are its lifecycle events, besides the virtual intake (its own change kind)", () => {
    const centralOnly = new Set<RequestEvent>();
    for (const s of REQUEST_STATES) for (const [e, spec] of moves(s)) if (spec.actors.every((a) => a === 'central')) centralOnly.add(e);
    centralOnly.delete('ingreso_virtual');
    expect(sorted(CENTRAL_EVENTS)).toEqual(sorted([...centralOnly]));
  });
});

describe('catalog helpers', () => {
  it('codes and membership come from the catalog', () => {
    expect(catalogCodes(CHANNELS)).toEqual(['presencial', 'virtual']);
    expect(isCatalogCode(CHANNELS, 'virtual')).toBe(true);
    expect(isCatalogCode(CHANNELS, 'Virtual')).toBe(false);
    expect(isCatalogCode(CHANNELS, null)).toBe(false);
  });
});
