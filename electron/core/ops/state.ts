// Operational state of the desk kept in the settings table under 'ops.' keys: what was applied
// from agencia.json, the backup schedule and its last result, the updater's state as the
// desktop host last reported it, and whether the screen has unsaved work. Kept apart from
// core/settings.ts because only this capability reads or writes these keys.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/open';
import { settings } from '../../../db/schema';
import type { LastBackup, LastRestore, UpdateState } from '../../../shared/contract/ops';

export interface BackupSchedule {
  /** Absolute folder chosen by IT; null: no backups until one is configured. */
  dir: string | null;
  everyHours: number;
  keep: number;
}

export interface HostUpdateState {
  state: UpdateState;
  availableVersion: string | null;
  percent: number | null;
  checkedAt: number | null;
  message: string | null;
}

export interface OpsValues {
  'ops.updateUrl': string | null;
  'ops.backup': BackupSchedule;
  'ops.lastBackup': LastBackup | null;
  /** Last backup that succeeded (ms): the schedule counts from it, not from a failed attempt. */
  'ops.lastBackupOkAt': number | null;
  /** SHA-256 of the agencia.json content last applied: a file is applied once, when it changes. */
  'ops.configFileHash': string | null;
  'ops.update': HostUpdateState | null;
  'ops.unsavedWork': { unsaved: boolean; at: number } | null;
  /** The last restore a start applied (recorded in the restored database). */
  'ops.lastRestore': LastRestore | null;
  /** agencia.json foreignerCodePattern (checked safe by its schema); null: the domain's default. */
  'ops.foreignerCodePattern': string | null;
  /** agencia.json signatures: trust anchor files and the unchecked-revocation exception. */
  'ops.signatures': { trustAnchors: string[]; allowUncheckedRevocation: boolean };
}

export const OPS_DEFAULTS: OpsValues = {
  'ops.updateUrl': null,
  'ops.backup': { dir: null, everyHours: 24, keep: 14 },
  'ops.lastBackup': null,
  'ops.lastBackupOkAt': null,
  'ops.configFileHash': null,
  'ops.update': null,
  'ops.unsavedWork': null,
  'ops.lastRestore': null,
  'ops.foreignerCodePattern': null,
  'ops.signatures': { trustAnchors: [], allowUncheckedRevocation: false },
};

export function getOps<K extends keyof OpsValues>(db: Db, key: K): OpsValues[K] {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get();
  return row === undefined ? OPS_DEFAULTS[key] : (row.value as OpsValues[K]);
}

/** The settings column is NOT NULL and drizzle writes a JSON null as SQL NULL: null means "no row". */
export function clearSetting(db: Db, key: string): void {
  db.delete(settings).where(eq(settings.key, key)).run();
}

export function setOps<K extends keyof OpsValues>(db: Db, key: K, value: OpsValues[K]): void {
  if (value === null) return clearSetting(db, key);
  db.insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
}
