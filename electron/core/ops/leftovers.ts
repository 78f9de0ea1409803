// Staged copies of a backup hold a whole desk's personal data. A restore or a verification
// removes its copy when it ends; if the process dies half-way (power cut, killed), the next start
// removes it instead. The copy's folder names the process that makes it (`-p<pid>`), so a copy a
// live process is still making (the CLI restoring while the app starts) is left alone; a name
// without it comes from an older version.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../context';

/** `<prefix>-p<pid>` (plus what each kind adds after it): the name of a staged copy. */
export const stagingTag = () => `p${process.pid}`;

const IN_DATA_DIR = /^\.(restaurando|verificando|restauracion-pendiente\.preparando)(-|$)/;
const IN_TMP = /^\.verificando-/;
/** A live pid older than this is taken as reused by another program: the copy is debris. */
const MAX_AGE_MS = 86_400_000;
/** Older versions of the CLI verified in the OS temp folder, without a pid: one this recent may still be running. */
const TMP_GRACE_MS = 3_600_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to another user
  }
}

function removable(full: string, name: string, now: number, untaggedGraceMs: number): boolean {
  let age: number;
  try {
    age = now - fs.lstatSync(full).mtimeMs;
  } catch {
    return false;
  }
  const pid = /-p(\d+)(-|$)/.exec(name)?.[1];
  if (pid === undefined) return age > untaggedGraceMs;
  return !alive(Number(pid)) || age > MAX_AGE_MS;
}

/** Removes staged copies left by interrupted restores and verifications; returns how many. */
export function removeInterruptedCopies(dataDir: string, log: Logger, now = Date.now()): number {
  let removed = 0;
  const sweep = (dir: string, pattern: RegExp, untaggedGraceMs: number) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.filter((n) => pattern.test(n))) {
      const full = path.join(dir, name);
      if (!removable(full, name, now, untaggedGraceMs)) continue;
      try {
        fs.rmSync(full, { recursive: true, force: true });
        removed++;
      } catch (err) {
        log.warn('interrupted copy not removed', { error: (err as NodeJS.ErrnoException).code ?? 'error' });
      }
    }
  };
  sweep(dataDir, IN_DATA_DIR, -1);
  sweep(os.tmpdir(), IN_TMP, TMP_GRACE_MS);
  if (removed > 0) log.info('interrupted restore or verification copies removed', { count: removed });
  return removed;
}
