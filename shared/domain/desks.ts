/**
 * The agency-wide view (docs/protocol/README.md «Vista de la agencia»): which desk (station) a
 * request was recorded at, and the advisory «being worked» marker a desk shares through central
 * when someone opens a request to work on it, so that no two people work it unknowingly.
 */
import type { CatalogEntry } from './catalogs';
import { formatTimeEs } from './dates';
import { readField } from './fields';
import type { Role } from './roles';

/** What a person is doing with the request they opened. */
export const WORK_ACTIVITIES = [
  { code: 'atencion', label: 'atención en ventanilla' },
  { code: 'revision', label: 'revisión del supervisor' },
] as const satisfies readonly CatalogEntry[];
export type WorkActivity = (typeof WORK_ACTIVITIES)[number]['code'];
export const WORK_ACTIVITY_CODES = WORK_ACTIVITIES.map((a) => a.code) as [WorkActivity, ...WorkActivity[]];

/**
 * How long a marker holds without being renewed. The screen that holds a request open renews its
 * marker every WORK_MARKER_RENEW_MS, so one lost renewal (a sync cycle that failed, the desk's
 * 10-second pull interval) never lets a marker lapse while someone is still working. A desk that
 * crashed, lost power or its network stops renewing: its marker lapses within these 10 minutes,
 * half the supervisor's default warning threshold (settings slaWarnMinutes, 20), so a stale marker
 * never keeps a request from being taken before its wait turns amber in the queues.
 */
export const WORK_MARKER_TTL_MS = 10 * 60_000;
export const WORK_MARKER_RENEW_MS = 4 * 60_000;
/** Central keeps a marker at most this long after receiving it, whatever a desk claims. */
export const WORK_MARKER_MAX_TTL_MS = 15 * 60_000;

/** «Ventanilla 03» from the station code; a Ventanilla Virtual request has no desk of origin. */
export function deskLabel(station: string | null, channel?: string): string {
  if (typeof station === 'string' && station !== '') return `Ventanilla ${station}`;
  return channel === 'virtual' ? 'Ventanilla Virtual' : 'Sin estación';
}

/** Someone else working a request: at another desk, or signed in at this one. */
export interface WorkMarkerView {
  station: string | null;
  /** The other desk's name as enrolled (when it has no station code). */
  deskName: string | null;
  /** Whether the marker is this desk's own (another person signed in here). */
  ownDesk: boolean;
  userName: string;
  role: Role;
  activity: WorkActivity;
  since: number;
}

/** «En atención en Ventanilla 03 — Ana Pérez, desde 10:42» (Ecuador time). */
export function workingLabel(m: WorkMarkerView): string {
  // Total like the rest of shared/domain: a marker read off the wire may lack any field.
  const station = readField(m, 'station');
  const deskName = readField(m, 'deskName');
  const userName = readField(m, 'userName');
  const since = readField(m, 'since');
  const desk =
    readField(m, 'ownDesk') === true ? 'esta ventanilla' : typeof station === 'string' && station !== '' ? `Ventanilla ${station}` : typeof deskName === 'string' && deskName !== '' ? deskName : 'otra ventanilla de la agencia';
  const who = typeof userName === 'string' && userName !== '' ? userName : 'otra persona';
  return typeof since === 'number' && Number.isFinite(since) ? `En atención en ${desk} — ${who}, desde ${formatTimeEs(since)}` : `En atención en ${desk} — ${who}`;
}
