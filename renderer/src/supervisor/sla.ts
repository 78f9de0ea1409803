// The SLA colour of a row: pure, so it is tested without a browser.
import type { SlaPlan, SlaThresholds } from '../../../shared/contract/supervisor';
import type { RequestState } from '../../../shared/domain/lifecycle';

export type SlaLevel = 'ok' | 'warn' | 'breach';

/**
 * The thresholds that apply to a request in `state` (the agency may give a state its own
 * deadline), or null for a final state: it no longer waits, so it cannot be late.
 */
export function slaFor(sla: SlaPlan, state: RequestState): SlaThresholds | null {
  return sla.byState[state] ?? null;
}

export function slaLevel(ageMs: number, sla: SlaThresholds): SlaLevel {
  const minutes = ageMs / 60_000;
  return minutes >= sla.breachMinutes ? 'breach' : minutes >= sla.warnMinutes ? 'warn' : 'ok';
}
