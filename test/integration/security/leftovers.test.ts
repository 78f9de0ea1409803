// A restore or a verification stages a full copy of a backup (personal data included). If the
// process dies half-way (power cut, killed), the next start of the desk removes those copies:
// `.restaurando-*`, `.verificando-*` and `.restauracion-pendiente.preparando*` in the data
// directory, and `.verificando-*` that older versions of the CLI left in the OS temp folder.
// A copy still being made by a live process is left alone.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { tempDir } from '../../support/desk';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A folder holding what a staged copy holds: a database with personal data. */
function copyAt(dir: string, ageMs = 0): string {
  fs.mkdirSync(path.join(dir, 'adjuntos'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ventanilla.db'), 'copia de la base con datos personales');
  fs.writeFileSync(path.join(dir, 'adjuntos', 'cedula.jpg'), 'escaneo');
  if (ageMs) {
    const then = new Date(Date.now() - ageMs);
    fs.utimesSync(dir, then, then);
  }
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('copies left by an interrupted restore or verification', () => {
  it('are removed at the next start; a copy a live process is making stays', async () => {
    const dataDir = tempDir('vp-sobrantes-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const dead = deadPid();
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    cleanups.push(() => live.kill('SIGKILL'));

    const leftovers = [
      copyAt(path.join(dataDir, '.restaurando-20261120T140000Z')), // an older version's name (no pid)
      copyAt(path.join(dataDir, `.restaurando-20261120T150000Z-p${dead}`)),
      copyAt(path.join(dataDir, `.verificando-p${dead}-Ab12Cd`)),
      copyAt(path.join(dataDir, '.restauracion-pendiente.preparando')),
      copyAt(path.join(dataDir, `.restauracion-pendiente.preparando-p${dead}`)),
      copyAt(path.join(os.tmpdir(), `.verificando-${path.basename(dataDir)}`), 2 * 3_600_000), // older CLI, two hours ago
    ];
    const inUse = copyAt(path.join(dataDir, `.restaurando-20261120T160000Z-p${live.pid}`));
    const recentInTmp = copyAt(path.join(os.tmpdir(), `.verificando-${path.basename(dataDir)}-reciente`)); // may be a running older CLI
    const unrelated = copyAt(path.join(dataDir, 'anterior-20261120T140000Z')); // kept on purpose by a restore

    const opened = openDesk({ dataDir, host: 'cli' });
    opened.close();

    for (const dir of leftovers) expect(fs.existsSync(dir), dir).toBe(false);
    for (const dir of [inUse, recentInTmp, unrelated]) expect(fs.existsSync(dir), dir).toBe(true);
  });
});
