// Backup folders are named for the person who picks one to restore: Ecuador time (America/Guayaquil,
// UTC−5 all year), still sortable and valid as a Windows folder name.
import { describe, expect, it } from 'vitest';
import { backupStamp, isBackupName } from '../../../electron/core/ops/backup';

describe('backup folder names', () => {
  it('carry the Ecuador clock time, with its offset', () => {
    // 14:00 UTC on 20/11/2026 is 09:00 in Quito.
    expect(backupStamp(Date.UTC(2026, 10, 20, 14, 0, 0))).toBe('20261120T090000-0500');
    // 02:30 UTC on 1 January is still 31 December in Quito.
    expect(backupStamp(Date.UTC(2027, 0, 1, 2, 30, 15))).toBe('20261231T213015-0500');
  });

  it('sort in time order and are recognised, as are the UTC names of earlier versions', () => {
    const names = [Date.UTC(2026, 10, 20, 23, 0), Date.UTC(2026, 10, 21, 4, 0), Date.UTC(2026, 10, 21, 6, 0)].map((t) => `respaldo-${backupStamp(t)}`);
    expect([...names].sort()).toEqual(names);
    for (const n of [...names, 'respaldo-20261120T140000Z', `${names[0]}-2`]) expect(isBackupName(n)).toBe(true);
    for (const n of ['respaldo-20261120T140000', 'respaldo-20261120T140000+0100', 'respaldo-x']) expect(isBackupName(n)).toBe(false);
  });
});
