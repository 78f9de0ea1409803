/**
 * Calendar dates as ISO `yyyy-mm-dd` strings. The domain never reads the clock: the date of
 * attention always comes in as a parameter, so rules are reproducible and testable.
 */

export type IsoDate = string;

/** Options of every check judged at a date: the date of attention, passed in. */
export interface DatedCheckOptions {
  /** Date of attention (yyyy-mm-dd). */
  attentionDate: IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a real calendar date written as yyyy-mm-dd (rejects 2023-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  return isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function toIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO dates compare correctly as strings; this names the intent. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Same day and month `years` later; 29 February falls back to 28 February. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [year, month, day] = splitIsoDate(date);
  const targetYear = year + years;
  return toIsoDate(targetYear, month, Math.min(day, daysInMonth(targetYear, month)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [year, month, day] = splitIsoDate(date);
  // Date.UTC is pure arithmetic here (no clock, no time zone).
  return new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** es-EC display form dd/mm/aaaa, used inside Spanish messages. */
export function formatDateEs(date: IsoDate): string {
  const [year, month, day] = splitIsoDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

function splitIsoDate(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}
