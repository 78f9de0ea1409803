// Proof: 10,000 events (× VP_SYNC_SCALE) pushed through every fault mode of central arrive
// exactly once, and central's decisions pulled back through the same faults apply exactly once.
import { expect, test } from 'vitest';
import { FAULT_KINDS } from '../../central/faults';
import { centralAndDesk, fabricateEvents, FAST, outboxCount, SCALE, syncUntilClean, unacked } from './support';

const env = centralAndDesk();

test(`${10_000 * SCALE} events through every fault mode arrive exactly once`, { timeout: 120_000 }, async () => {
  const sqlite = env.desk.core.ctx.db.$client;
  const requests = 2_000 * SCALE;
  const events = fabricateEvents(sqlite, requests);
  expect(events).toBe(10_000 * SCALE);
  // Retry-After 0 keeps the proof fast; honouring a real Retry-After is proven in client.test.ts.
  await env.c.admin.faults({ rate: 0.3, kinds: [...FAULT_KINDS], retryAfterSeconds: 0, stallMs: 600, seed: 2026 });

  const run = await syncUntilClean(env.desk, FAST, 2_000);
  await env.c.admin.faults({ rate: 0, kinds: [] });
  // One clean cycle to pull whatever the last faulty pull left behind.
  await syncUntilClean(env.desk, FAST, 5);

  const stats = await env.c.admin.stats();
  const desks = outboxCount(sqlite);
  console.log(`sync faults proof: ${desks} events, ${run.cycles} cycles, ${run.failures.length} failed cycles, ${stats.resent} resent keys answered 'duplicate', faults ${JSON.stringify(stats.faults)}`);
  // Exactly once: central holds one row per key (primary key) and as many keys as the desk has events.
  expect(stats.keys).toBe(desks);
  expect(stats.accepted).toBe(desks);
  expect(stats.rejected).toBe(0);
  expect(unacked(sqlite)).toBe(0);
  for (const kind of FAULT_KINDS) expect(stats.faults[kind] ?? 0, kind).toBeGreaterThan(0);
  expect(stats.resent).toBeGreaterThan(0);

  // Every approval was confirmed by central (confirmar_envio) and applied here once, via the lifecycle.
  const states = sqlite.prepare("SELECT state, count(*) AS n FROM requests WHERE number LIKE 'CAU-UIO-2026-FAB%' GROUP BY state").all();
  expect(states).toEqual([{ state: 'enviada', n: requests }]);
  const decisions = sqlite.prepare("SELECT count(*) AS n, count(DISTINCT request_id) AS d FROM request_decisions WHERE actor_id = 'central'").get();
  expect(decisions).toEqual({ n: requests, d: requests });
  expect(sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
});
