/**
 * The agency's opening hours, and whether an attention happened within them. The sheet gives
 * the CAU hours as "de lunes a viernes de 8:00 a 17:00 horas. Horarios diferenciados para puntos
 * en centros comerciales" (docs/seeds/004_b3a097c2fb3b9007.txt:118): those are the default, and an
 * agency in a mall sets its own in agencia.json (openingHours). Times are Ecuador's clock
 * (America/Guayaquil, UTC−5 all year).
 */
import { ECUADOR_OFFSET_MS, ecuadorDate, formatDateEs, type IsoDate } from './dates';
import { readField } from './fields';

/** 1 = lunes … 7 = domingo (ISO 8601 weekday numbers). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OpeningHours {
  /** Days the agency opens. */
  days: Weekday[];
  /** 'HH:MM', 24 h: first minute open. */
  open: string;
  /** 'HH:MM', 24 h: first minute closed. */
  close: string;
  /** Holidays and other days closed (yyyy-mm-dd), on top of the weekly rest days. */
  closedDates: IsoDate[];
}

export const SHEET_OPENING_HOURS: OpeningHours = { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00', closedDates: [] };

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = { 1: 'lunes', 2: 'martes', 3: 'miércoles', 4: 'jueves', 5: 'viernes', 6: 'sábado', 7: 'domingo' };

export const HOUR_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Hours as configured: read from settings, so checked before use (a bad value judges nothing). */
export function isOpeningHours(value: unknown): value is OpeningHours {
  const days = readField(value, 'days');
  const closed = readField(value, 'closedDates');
  const open = readField(value, 'open');
  const close = readField(value, 'close');
  return (
    Array.isArray(days) &&
    days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) &&
    Array.isArray(closed) &&
    closed.every((d) => typeof d === 'string') &&
    typeof open === 'string' &&
    HOUR_PATTERN.test(open) &&
    typeof close === 'string' &&
    HOUR_PATTERN.test(close)
  );
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Why an attention is outside the hours, as a report line says it. */
export const OUTSIDE_HOURS_LABELS = { fuera_de_horario: 'fuera del horario', dia_no_laborable: 'día no laborable' } as const;

export type AttentionTiming =
  | { within: true }
  | { within: false; reason: 'fuera_de_horario' | 'dia_no_laborable'; message: string };

/** "lunes a viernes de 08:00 a 17:00"; days that are not a run are listed ("lunes, miércoles y sábado"). */
export function describeOpeningHours(hours: OpeningHours): string {
  if (!isOpeningHours(hours)) return 'horario no configurado';
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const run = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const names = days.map((d) => WEEKDAY_NAMES[d]);
  const list = run ? `${names[0]} a ${names.at(-1)}` : names.length > 1 ? `${names.slice(0, -1).join(', ')} y ${names.at(-1)}` : (names[0] ?? 'ningún día');
  return `${list} de ${hours.open} a ${hours.close}`;
}

/** Whether the instant `ms` falls within the agency's hours, and if not, why, in Spanish. */
export function attentionTiming(ms: number, hours: OpeningHours): AttentionTiming {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || !isOpeningHours(hours)) return { within: true };
  const local = new Date(ms - ECUADOR_OFFSET_MS);
  const weekday = (((local.getUTCDay() + 6) % 7) + 1) as Weekday;
  const date = ecuadorDate(ms);
  const when = describeOpeningHours(hours);
  if (hours.closedDates.includes(date)) {
    return { within: false, reason: 'dia_no_laborable', message: `El ${formatDateEs(date)} es un día no laborable de la agencia (atiende ${when}).` };
  }
  if (!hours.days.includes(weekday)) {
    return { within: false, reason: 'dia_no_laborable', message: `El ${WEEKDAY_NAMES[weekday]} no es día de atención de la agencia (atiende ${when}).` };
  }
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  if (minute < minutesOf(hours.open) || minute >= minutesOf(hours.close)) {
    return { within: false, reason: 'fuera_de_horario', message: `Fuera del horario de atención de la agencia (${when}).` };
  }
  return { within: true };
}
