// A desk process for the SIGKILL proof: opens the data directory, keeps creating outbox events
// (a clerk at work) while syncing in small batches, until it is killed. Run bundled (esbuild) so
// each of the many restarts costs little; see sigkill.test.ts.
import { openDesk } from '../../../electron/hosts/common/open-desk';
import { recoverAfterRestart, syncOnce } from '../../../electron/core/sync';
import { fabricateEvents } from './support';

const [dataDir, migrationsDir, mode] = process.argv.slice(2);
if (!dataDir || !migrationsDir) throw new Error('usage: desk-worker DATA_DIR MIGRATIONS_DIR [work|drain]');
const { core, close } = openDesk({ dataDir, migrationsDir, host: 'cli' });
const ctx = core.ctx;
const sqlite = ctx.db.$client;
recoverAfterRestart(ctx);
const opts = { timeoutMs: 2_000, batchSize: 20, pageSize: 50, backoff: { baseMs: 5, maxMs: 50 } };

async function work(): Promise<void> {
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    // A clerk at work between sync steps: a new request and its transitions, committed locally.
    fabricateEvents(sqlite, 1, { prefix: `K${process.pid}x${i}x`, at: Date.now() });
    await syncOnce(ctx, opts);
  }
}

async function drain(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await syncOnce(ctx, { ...opts, batchSize: 500, pageSize: 1000 });
    const left = (sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
    if (r.ok && left === 0) break;
  }
  close();
  process.stdout.write('drained\n');
}

void (mode === 'drain' ? drain() : work());
