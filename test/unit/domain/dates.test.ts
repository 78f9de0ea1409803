// The Ecuador calendar of instants: the day, year and wall-clock time an agency lives, checked
// against instants written with their offset (Date.parse of ISO 8601 with -05:00), so the
// expected values do not come from the helpers under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, ecuadorDate, ecuadorYear, esToIso, formatDateEs, formatDateTimeEs, formatTimeEs, isoToEs, todayStart } from '../../../shared/domain/dates';

const at = (iso: string) => Date.parse(iso);

describe('Ecuador calendar days', () => {
  it('an evening in Ecuador is already the next day in UTC, but still today at the agency', () => {
    expect(ecuadorDate(at('2026-03-16T23:59:59.999-05:00'))).toBe('2026-03-16');
    expect(ecuadorDate(at('2026-03-17T00:00:00-05:00'))).toBe('2026-03-17');
    expect(ecuadorDate(at('2026-03-17T03:00:00Z'))).toBe('2026-03-16');
  });

  it('the year turns at midnight in Ecuador, not in UTC', () => {
    expect(ecuadorYear(at('2027-01-01T02:00:00Z'))).toBe(2026);
    expect(ecuadorYear(at('2027-01-01T00:00:00-05:00'))).toBe(2027);
  });

  it('a day runs from its midnight in Ecuador to the next one', () => {
    expect(dayStart('2026-03-16')).toBe(at('2026-03-16T00:00:00-05:00'));
    expect(dayEnd('2026-03-16')).toBe(at('2026-03-17T00:00:00-05:00'));
    expect(dayEnd('2024-02-28')).toBe(dayStart('2024-02-29'));
    expect(todayStart(at('2026-03-16T21:30:00-05:00'))).toBe(at('2026-03-16T00:00:00-05:00'));
  });

  it('every instant falls inside the day it is said to be on', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2000-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z') }), (ms) => {
        const day = ecuadorDate(ms);
        expect(dayStart(day)).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(dayEnd(day));
      }),
    );
  });
});

describe('dates and times as a person reads them', () => {
  it('dd/mm/aaaa and 24 h, in Ecuador time', () => {
    const ms = at('2026-03-16T21:05:09-05:00');
    expect(formatDateTimeEs(ms)).toBe('16/03/2026 21:05');
    expect(formatDateTimeEs(ms, { seconds: true })).toBe('16/03/2026 21:05:09');
    expect(formatTimeEs(at('2026-03-16T09:05:00-05:00'))).toBe('09:05');
    expect(formatDateEs('2026-03-16')).toBe('16/03/2026');
  });

  it('a date typed as dd/mm/aaaa becomes yyyy-mm-dd once complete, and shows back the same', () => {
    expect(esToIso('16')).toBe('16');
    expect(esToIso('1603')).toBe('16/03');
    expect(esToIso('16/03/20')).toBe('16/03/20');
    expect(esToIso('16032026')).toBe('2026-03-16');
    expect(esToIso('16/03/2026')).toBe('2026-03-16');
    expect(isoToEs('2026-03-16')).toBe('16/03/2026');
    expect(isoToEs('16/03/20')).toBe('16/03/20');
  });
});
