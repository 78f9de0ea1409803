import type { SlaPlan } from '../../../shared/contract/supervisor';
import type { RequestState } from '../../../shared/domain/lifecycle';
import { chipClass } from '../app/chip-like';
import { slaFor, slaLevel } from './sla';

/** "2 h 05 min", "35 min", "3 d 4 h": how long a request has waited in its state. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const COLORS = { ok: 'success', warn: 'warning', breach: 'error' } as const;
const OUTLINED = chipClass('default', 'outlined');
const WORDS = { ok: 'a tiempo', warn: 'por vencer', breach: 'vencida' } as const;

/**
 * The age with the SLA colour of the request's state — and the word, so colour is never the only
 * signal. A final state (clave emitida, rechazada) shows its age alone. Until the agency's SLA
 * has arrived (`sla` null), the age alone too, rather than a colour from a guessed deadline.
 * A chip-like span (app/chip-like.ts): one per queue row; its table styles the classes.
 */
export function AgeChip({ ageMs, state, sla }: { ageMs: number; state: RequestState; sla: SlaPlan | null }) {
  const thresholds = sla ? slaFor(sla, state) : null;
  if (!thresholds) return <span className={OUTLINED}>{formatAge(ageMs)}</span>;
  const level = slaLevel(ageMs, thresholds);
  return <span className={chipClass(COLORS[level], level === 'ok' ? 'outlined' : 'filled')}>{`${formatAge(ageMs)} · ${WORDS[level]}`}</span>;
}
