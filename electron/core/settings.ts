// Typed access to the desk's key/value settings table.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { settings } from '../../db/schema';
import type { z } from 'zod';
import type { RetentionSettings as RetentionSchema } from '../../shared/contract/accounts';

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
  /** Last successful contact with central services (ms), null if never. */
  centralLastContactAt: number | null;
  centralUrl: string | null;
}

export const SETTING_DEFAULTS: SettingValues = {
  agencyId: '',
  lockoutMinutes: 15,
  idleLockMinutes: 5,
  // Assumptions (DOMAIN.md §8): no official IESS retention schedule is public; administrators set these.
  retention: { requestPersonalDataDays: 5 * 365, appointmentDays: 90, sessionDays: 30 },
  counterAttachmentMaxBytes: 5 * 1_048_576,
  centralLastContactAt: null,
  centralUrl: null,
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
