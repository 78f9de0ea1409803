/**
 * Calendar dates as ISO `yyyy-mm-dd` strings, and the Ecuador calendar of instants. The domain
 * never reads the clock: the date of attention, or the instant, always comes in as a parameter,
 * so rules are reproducible and testable. Used alike by the core, the screens, the reports and
 * the demo seed, so that "today" and a date shown to a person mean the same everywhere.
 */

export type IsoDate = string;

/** Options of every check judged at a date: the date of attention, passed in. */
export interface DatedCheckOptions {
  /** Date of attention (yyyy-mm-dd, within ATTENTION_DATE_RANGE). */
  attentionDate: IsoDate;
}

/**
 * Years any date the app holds can have. Births of living people, documents and attention
 * days all fall inside; `0000-02-29` and `9999-12-31` (placeholders, or a year typed with a
 * finger slip) do not, so they can never pass as an expiry or attention date.
 */
export const DATE_RANGE = { from: '1900-01-01', to: '2199-12-31' } as const;

/**
 * The date of attention is "today" in Ecuador, from the computer's clock. Outside this range
 * the clock is wrong (a dead CMOS battery gives 1970 or 2000-01-01 at best), and MRZ two-digit
 * years, resolved against it, would land in the wrong century. 2000 rather than the app's
 * first rule set (2020) so the ICAO specimens, which expired in 2012, can be judged as of
 * their own day.
 */
export const ATTENTION_DATE_RANGE = { from: '2000-01-01', to: '2099-12-31' } as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function isLeapYear(year: unknown): boolean {
  if (!isInteger(year)) return false;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days of `month` in `year`; 0 when the month is not 1–12. */
export function daysInMonth(year: unknown, month: unknown): number {
  if (!isInteger(month) || month < 1 || month > 12) return 0;
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(year: unknown, month: unknown, day: unknown): boolean {
  return isInteger(year) && isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a real calendar date written as yyyy-mm-dd within DATE_RANGE (rejects 2023-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  if (value < DATE_RANGE.from || value > DATE_RANGE.to) return false;
  return isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** A date that can be the date of attention (see ATTENTION_DATE_RANGE). */
export function isAttentionDate(value: unknown): value is IsoDate {
  return isIsoDate(value) && value >= ATTENTION_DATE_RANGE.from && value <= ATTENTION_DATE_RANGE.to;
}

/** yyyy-mm-dd from numbers; '' when they are not whole numbers (the result is then no date). */
export function toIsoDate(year: unknown, month: unknown, day: unknown): IsoDate {
  if (!isInteger(year) || !isInteger(month) || !isInteger(day)) return '';
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO dates compare correctly as strings; this names the intent. NaN when either is no text. */
export function compareIsoDates(a: unknown, b: unknown): number {
  if (typeof a !== 'string' || typeof b !== 'string') return Number.NaN;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Same day and month `years` later; 29 February falls back to 28 February.
 * `date` comes back unchanged when it is not a date or `years` is not a whole number.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  if (!isIsoDate(date) || !isInteger(years)) return date;
  const [year, month, day] = splitIsoDate(date);
  const targetYear = year + years;
  return toIsoDate(targetYear, month, Math.min(day, daysInMonth(targetYear, month)));
}

/** `days` later (or earlier); `date` unchanged when it is not a date or `days` not a whole number. */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!isIsoDate(date) || !isInteger(days)) return date;
  const [year, month, day] = splitIsoDate(date);
  // Date.UTC is pure arithmetic here (no clock, no time zone).
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return Number.isNaN(shifted.getTime()) ? date : shifted.toISOString().slice(0, 10);
}

/** es-EC display form dd/mm/aaaa, used inside Spanish messages; other text is shown as it is. */
export function formatDateEs(date: unknown): string {
  if (typeof date !== 'string') return '';
  if (!ISO_DATE.test(date)) return date;
  const [year, month, day] = splitIsoDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

/** True when `date` is at most `years` after `attentionDate` (a plausibility bound for expiries). */
export function isWithinYearsAfter(date: IsoDate, attentionDate: IsoDate, years: number): boolean {
  if (!isIsoDate(date) || !isIsoDate(attentionDate) || !isInteger(years)) return false;
  return date <= addYears(attentionDate, years);
}

/** yyyy-mm-dd → dd/mm/aaaa for the eye; anything else (a date half typed) is returned as it is. */
export function isoToEs(value: unknown): string {
  if (typeof value !== 'string') return '';
  return ISO_DATE.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
}

/**
 * dd/mm/aaaa as typed (slashes added while typing) → yyyy-mm-dd once all eight digits are there;
 * until then the digits typed so far with their slashes. Screens take dates this way because a
 * native date input follows the operating system's locale (mm/dd on many installations).
 */
export function esToIso(typed: unknown): string {
  if (typeof typed !== 'string') return '';
  const digits = typed.replace(/\D/g, '').slice(0, 8);
  if (digits.length === 8) return `${digits.slice(4, 8)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
  if (digits.length > 4) return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
  return digits.length > 2 ? `${digits.slice(0, 2)}/${digits.slice(2)}` : digits;
}

// ---- Instants on the Ecuador calendar ----
// Agencies live on mainland Ecuador time (America/Guayaquil): UTC−5 all year, with no daylight
// saving since 1993. Instants are UTC milliseconds; their days are yyyy-mm-dd in Ecuador. Plain
// arithmetic rather than Intl: the same answer in Node, in Chromium and in SQL (the core groups
// by day with the same offset), whatever the zone or language of the machine.

export const ECUADOR_TIME_ZONE = 'America/Guayaquil';
export const ECUADOR_OFFSET_MS = 5 * HOUR_MS;

/** The instant shifted so that its UTC fields read as Ecuador's wall clock; null for no instant. */
function wallClock(ms: unknown): Date | null {
  if (typeof ms !== 'number') return null;
  const date = new Date(ms - ECUADOR_OFFSET_MS);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The Ecuador calendar day of an instant. */
export function ecuadorDate(ms: number): IsoDate {
  return wallClock(ms)?.toISOString().slice(0, 10) ?? '';
}

/** The Ecuador calendar year of an instant (request numbers are counted per year). */
export function ecuadorYear(ms: number): number {
  return wallClock(ms)?.getUTCFullYear() ?? Number.NaN;
}

/** The instant (ms) a calendar day starts in Ecuador. */
export function dayStart(date: IsoDate): number {
  if (typeof date !== 'string' || !ISO_DATE.test(date)) return Number.NaN;
  const [year, month, day] = splitIsoDate(date);
  return Date.UTC(year, month - 1, day) + ECUADOR_OFFSET_MS;
}

/** The instant the day after starts: the exclusive end of a range of whole days. */
export const dayEnd = (date: IsoDate): number => dayStart(date) + DAY_MS;

/** The instant today started in Ecuador, for an instant `now`. */
export const todayStart = (now: number): number => dayStart(ecuadorDate(now));

/** Ecuador's wall-clock time of an instant, 24 h: "14:05", or "14:05:09" with seconds. */
export function formatTimeEs(ms: number, options: { seconds?: boolean } = {}): string {
  const seconds = typeof options === 'object' && options !== null && options.seconds === true;
  return wallClock(ms)?.toISOString().slice(11, seconds ? 19 : 16) ?? '';
}

/** The Ecuador day of an instant as a person reads it: dd/mm/aaaa. */
export const formatDayEs = (ms: number): string => formatDateEs(ecuadorDate(ms));

/** An instant as a person in Ecuador reads it: "dd/mm/aaaa hh:mm" (24 h, Ecuador time). */
export function formatDateTimeEs(ms: number, options: { seconds?: boolean } = {}): string {
  if (wallClock(ms) === null) return '';
  return `${formatDateEs(ecuadorDate(ms))} ${formatTimeEs(ms, options)}`;
}

function splitIsoDate(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}
