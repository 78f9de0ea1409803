// Typed access to the desk's key/value settings table.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { settings } from '../../db/schema';
import type { z } from 'zod';
import type { RetentionSettings as RetentionSchema } from '../../shared/contract/security';
import type { RequestState } from '../../shared/domain/lifecycle';

type RetentionSettings = z.infer<typeof RetentionSchema>;

export interface SettingValues {
  /** Agency this desk serves (agencies.id). */
  agencyId: string;
  /** Minutes an account stays locked after 3 consecutive failed logins. */
  lockoutMinutes: number;
  /** Minutes of inactivity before the screen locks. */
  idleLockMinutes: number;
  retention: RetentionSettings;
  /** Largest scan accepted at the counter (virtual-channel scans are capped at 1 MB by the seed). */
  counterAttachmentMaxBytes: number;
  /** Minutes a request may wait in a queue before its row turns amber, then red. */
  slaWarnMinutes: number;
  slaBreachMinutes: number;
  /** Last successful contact with central services (ms), null if never. */
  centralLastContactAt: number | null;
  centralUrl: string | null;
  /** Cap on requests waiting for a supervisor's review at this agency (agencia.json caps). */
  maxPendingReview: number;
  /** Minutes a request may stay in a given queue state; states not listed use slaBreachMinutes. */
  slaMinutesByState: Partial<Record<RequestState, number>>;
}

export const SETTING_DEFAULTS: SettingValues = {
  agencyId: '',
  lockoutMinutes: 15,
  idleLockMinutes: 5,
  // Assumptions (DOMAIN.md §8): no official IESS retention schedule is public; administrators set these.
  retention: { requestPersonalDataDays: 5 * 365, appointmentDays: 90, sessionDays: 30 },
  counterAttachmentMaxBytes: 5 * 1_048_576,
  // Assumption: a turno is 20 minutes; a request waiting for review longer than a turno is late.
  slaWarnMinutes: 20,
  slaBreachMinutes: 60,
  centralLastContactAt: null,
  centralUrl: null,
  // Assumption: about a day's work of one desk; IT sets the real cap in agencia.json.
  maxPendingReview: 50,
  slaMinutesByState: {},
};

export function getSetting<K extends keyof SettingValues>(db: Db, key: K): SettingValues[K] {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row === undefined ? SETTING_DEFAULTS[key] : (row.value as SettingValues[K]);
}

export function setSetting<K extends keyof SettingValues>(db: Db, key: K, value: SettingValues[K]): void {
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}
