/**
 * Calendar dates as ISO `yyyy-mm-dd` strings. The domain never reads the clock: the date of
 * attention always comes in as a parameter, so rules are reproducible and testable.
 *
 * Every function here answers for any input (the domain never throws, see issues.ts).
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
const MS_PER_DAY = 86_400_000;

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
  const time = Date.UTC(year, month - 1, day) + days * MS_PER_DAY;
  const shifted = new Date(time);
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

function splitIsoDate(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}
