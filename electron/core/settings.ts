// The desk's one typed key/value store (the settings table): agency settings and what each
// capability keeps between runs, every key with its type and default here. It travels with the
// database (and so in backups): what only concerns the running host (the updater's state, the
// screen's unsaved work) is the host's, behind the HostState port (core/context.ts).
import { eq, inArray } from 'drizzle-orm';
import type { Db, DrizzleWriter, ReadDb } from '../../db/open';
import { settings } from '../../db/schema';
import type { AgencyConfig, LastBackup, LastRestore } from '../../shared/contract/ops';
import type { z } from 'zod';
import type { RetentionSettings as RetentionSchema } from '../../shared/contract/security';
import type { RequestState } from '../../shared/domain/lifecycle';
import { SHEET_OPENING_HOURS, type OpeningHours } from '../../shared/domain/opening-hours';

export interface SettingValues {
  /** Agency this desk serves (agencies.id). */
  agencyId: string;
  /** Minutes an account stays locked after 3 consecutive failed logins. */
  lockoutMinutes: number;
  /** Minutes of inactivity before the screen locks. */
  idleLockMinutes: number;
  retention: z.infer<typeof RetentionSchema>;
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

  // Operations (core/ops): what was applied from agencia.json, the backup schedule and its results.
  'ops.updateUrl': string | null;
  /** Absolute folder chosen by IT (null: no backups until one is configured), period, how many kept. */
  'ops.backup': AgencyConfig['backup'];
  'ops.lastBackup': LastBackup | null;
  /** Last backup that succeeded (ms): the schedule counts from it, not from a failed attempt. */
  'ops.lastBackupOkAt': number | null;
  /** SHA-256 of the agencia.json content last applied: a file is applied once, when it changes. */
  'ops.configFileHash': string | null;
  /** The last restore a start applied (recorded in the restored database). */
  'ops.lastRestore': LastRestore | null;
  /** agencia.json foreignerCodePattern (checked safe by its schema); null: the domain's default. */
  'ops.foreignerCodePattern': string | null;
  /** agencia.json signatures: trust anchor files and the unchecked-revocation exception. */
  'ops.signatures': { trustAnchors: string[]; allowUncheckedRevocation: boolean };
  /** agencia.json virtual: the Ventanilla Virtual provinces this agency attends (null: its own). */
  'ops.virtual': { attends: boolean; provinces: string[] } | null;
  /** The virtual routing central last acknowledged for this desk (JSON), so it is sent once per change. */
  'sync.routingSent': string | null;
  /** agencia.json openingHours: when the agency attends (default: the sheet's, docs/seeds/004_…:118). */
  'ops.openingHours': OpeningHours;

  // Retention (core/security/retention).
  /**
   * Stamps (personal_data_purged_at values) of purges whose files (scans, archived forms) are
   * not yet known to be removed. Written in the purge's transaction and cleared once the files
   * are gone: a crash between the commit and the deletions leaves the stamp, and the next run
   * removes what was left behind.
   */
  'retention.pendingFiles': number[];
  /** Last purge that completed (manual or scheduled): the daily schedule counts from it. */
  'retention.lastRunAt': number | null;
}

export type SettingKey = keyof SettingValues;

export const SETTING_DEFAULTS: SettingValues = {
  agencyId: '',
  lockoutMinutes: 15,
  idleLockMinutes: 5,
  // Assumptions: no official IESS retention schedule is public; administrators set these.
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
  'ops.updateUrl': null,
  'ops.backup': { dir: null, everyHours: 24, keep: 14 },
  'ops.lastBackup': null,
  'ops.lastBackupOkAt': null,
  'ops.configFileHash': null,
  'ops.lastRestore': null,
  'ops.foreignerCodePattern': null,
  'ops.signatures': { trustAnchors: [], allowUncheckedRevocation: false },
  'ops.virtual': null,
  'sync.routingSent': null,
  'ops.openingHours': SHEET_OPENING_HOURS,
  'retention.pendingFiles': [],
  'retention.lastRunAt': null,
};

export function getSetting<K extends SettingKey>(db: ReadDb, key: K): SettingValues[K] {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row === undefined ? SETTING_DEFAULTS[key] : (row.value as SettingValues[K]);
}

/** The value column is NOT NULL and drizzle writes a JSON null as SQL NULL: null is "no row". */
/** Writes with drizzle: inside ctx.write, its WriteDb (a ReadDb cannot); a background service, its Db. */
export function setSetting<K extends SettingKey>(db: DrizzleWriter, key: K, value: SettingValues[K]): void {
  if (value === null) return clearSetting(db, key);
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}

/** Back to the default. */
export function clearSetting(db: DrizzleWriter, key: SettingKey): void {
  db.delete(settings).where(eq(settings.key, key)).run();
}

/**
 * Keys older versions kept in the database though they are the host's (the updater's state, the
 * unsaved-work flag): dropped when a database opens, so they leave it and its backups.
 */
const HOST_KEYS_OF_OLDER_VERSIONS = ['ops.update', 'ops.unsavedWork'];

export function dropHostKeys(db: Db): void {
  db.delete(settings).where(inArray(settings.key, HOST_KEYS_OF_OLDER_VERSIONS)).run();
}
