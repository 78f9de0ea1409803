import { Chip } from '@mui/material';

/** "2 h 05 min", "35 min", "3 d 4 h": how long a request has waited in its state. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export type SlaLevel = 'ok' | 'warn' | 'breach';

export function slaLevel(ageMs: number, sla: { warnMinutes: number; breachMinutes: number }): SlaLevel {
  const minutes = ageMs / 60_000;
  return minutes >= sla.breachMinutes ? 'breach' : minutes >= sla.warnMinutes ? 'warn' : 'ok';
}

const COLORS = { ok: 'success', warn: 'warning', breach: 'error' } as const;
const WORDS = { ok: 'a tiempo', warn: 'por vencer', breach: 'vencida' } as const;

/** The age with its SLA colour — and the word, so colour is never the only signal. */
export function AgeChip({ ageMs, sla }: { ageMs: number; sla: { warnMinutes: number; breachMinutes: number } }) {
  const level = slaLevel(ageMs, sla);
  return <Chip size="small" color={COLORS[level]} variant={level === 'ok' ? 'outlined' : 'filled'} label={`${formatAge(ageMs)} · ${WORDS[level]}`} />;
}
