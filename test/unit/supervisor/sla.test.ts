// The colour of a queue row's age: the thresholds of the request's own state, as the core plans
// them from agencia.json (sla.warnMinutes, sla.breachMinutes, sla.byState).
import { describe, expect, it } from 'vitest';
import { slaPlan } from '../../../electron/core/supervisor/queues';
import { slaFor, slaLevel } from '../../../renderer/src/supervisor/sla';

const MIN = 60_000;
// General 20/60; a pending review may wait 2 h (amber from 40 min), a returned request 30 min.
const plan = slaPlan(20, 60, { pendiente_revision: 120, devuelta: 30 });
const colour = (state: Parameters<typeof slaFor>[1], minutes: number) => {
  const t = slaFor(plan, state);
  return t ? slaLevel(minutes * MIN, t) : 'sin plazo';
};

describe('SLA colour per state', () => {
  it('the same age is on time, due soon or late depending on the state it waits in', () => {
    expect(colour('pendiente_revision', 50)).toBe('warn');
    expect(colour('devuelta', 50)).toBe('breach');
    expect(colour('aprobada', 50)).toBe('warn');
    expect(colour('pendiente_revision', 30)).toBe('ok');
    expect(colour('devuelta', 30)).toBe('breach');
    expect(colour('aprobada', 30)).toBe('warn');
    expect(colour('pendiente_revision', 119)).toBe('warn');
    expect(colour('pendiente_revision', 120)).toBe('breach');
  });

  it('a state without its own deadline uses the general thresholds, exactly at their edges', () => {
    expect(colour('en_verificacion', 19.99)).toBe('ok');
    expect(colour('en_verificacion', 20)).toBe('warn');
    expect(colour('en_verificacion', 60)).toBe('breach');
  });

  it('final states have no deadline: their age carries no colour', () => {
    for (const state of ['clave_emitida', 'rechazada', 'rechazada_central', 'anulada'] as const) expect(colour(state, 10_000)).toBe('sin plazo');
  });

  it('the warning keeps the general fraction of each deadline and stays below it', () => {
    expect(slaFor(plan, 'pendiente_revision')).toEqual({ warnMinutes: 40, breachMinutes: 120 });
    expect(slaFor(plan, 'devuelta')).toEqual({ warnMinutes: 10, breachMinutes: 30 });
    expect(slaFor(slaPlan(59, 60, { devuelta: 2 }), 'devuelta')).toEqual({ warnMinutes: 1, breachMinutes: 2 });
    expect(slaFor(slaPlan(1, 60, { devuelta: 1 }), 'devuelta')).toEqual({ warnMinutes: 0, breachMinutes: 1 });
  });
});
