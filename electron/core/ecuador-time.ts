// Calendar days as the agencies live them: Ecuador (mainland) is UTC−5 all year, no daylight
// saving. Timestamps are stored in UTC milliseconds; days are 'yyyy-mm-dd' in Ecuador.

export const ECUADOR_OFFSET_MS = 5 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The Ecuador calendar day of an instant. */
export function ecuadorDate(ms: number): string {
  return new Date(ms - ECUADOR_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (ms) a calendar day starts in Ecuador. */
export function dayStart(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00-05:00`);
}

/** The instant today started in Ecuador, for an instant `now`. */
export const todayStart = (now: number): number => dayStart(ecuadorDate(now));
