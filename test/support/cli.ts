// The CLI (electron/hosts/cli/main.ts) in a process of its own, as `npm run cli` runs it, but with
// tsx as Node's loader rather than through tsx's wrapper process: one process less per call for
// the same program, arguments, output and exit code. test/integration/cli.test.ts keeps running
// it through the tsx binary, exactly as npm does.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function spawnCli(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/hosts/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}
