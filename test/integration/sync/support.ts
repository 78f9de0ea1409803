// Shared setup of the sync proofs: a real central on 127.0.0.1 (own SQLite), real seeded desks
// enrolled through the real 'sync.enrol' call, and outbox events made the way the core makes them.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type Database from 'better-sqlite3';
import { appendOutbox } from '../../../electron/core/counter/store';
import type { RequestEvent, RequestState } from '../../../shared/domain/lifecycle';
import type { Auth } from '../../../electron/core/registry';
import { syncOnce, type CycleResult, type SyncOptions } from '../../../electron/core/sync';
import { centralAdmin, type CentralAdmin } from '../../central/admin';
import { startCentral, type CentralServer } from '../../central/server';
import { seededDesk, tempDir, type TestDesk } from '../../support/desk';

export const ADMIN: Auth = { kind: 'cli', username: 'admin' };
export const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
export const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };

/** Scale of the proofs: VP_SYNC_SCALE=10 runs ten times the events for a longer local run. */
export const SCALE = Number(process.env.VP_SYNC_SCALE ?? '1') || 1;

/** Fast retries for tests: the real policy waits seconds; the logic is the same. */
export const FAST: Partial<SyncOptions> = { timeoutMs: 400, backoff: { baseMs: 5, maxMs: 50 }, batchSize: 200, pageSize: 500 };

export interface Central extends CentralServer {
  admin: CentralAdmin;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function central(port = 0): Promise<Central> {
  const dataDir = tempDir('vp-central-');
  const server = await startCentral({ port, dataDir });
  return {
    ...server,
    dataDir,
    admin: centralAdmin(server.url),
    async dispose() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function enrol(desk: TestDesk, c: { url: string; admin: CentralAdmin }, deviceName = 'Ventanilla de prueba'): Promise<string> {
  const code = await c.admin.enrolmentCode('UIO');
  const r = await desk.core.call('sync.enrol', { centralUrl: c.url, enrolmentCode: code, deviceName }, ADMIN);
  if (!r.ok) throw new Error(`enrol failed: ${r.error.message}`);
  return (r.value as { deviceId: string }).deviceId;
}

export async function enrolledDesk(c: Central, opts: { requests?: number } = {}): Promise<TestDesk> {
  const desk = await seededDesk({ requests: opts.requests ?? 20 });
  await enrol(desk, c);
  return desk;
}

/**
 * One central stand-in and one enrolled desk shared by the tests of a file (or of the `describe`
 * it is called in): started before them, disposed after them even when one fails.
 */
export function centralAndDesk(opts: { requests?: number } = {}): { c: Central; desk: TestDesk } {
  const env = {} as { c: Central; desk: TestDesk };
  beforeAll(async () => {
    env.c = await central();
    env.desk = await enrolledDesk(env.c, opts);
  });
  afterAll(async () => {
    env.desk?.dispose();
    await env.c?.dispose();
  });
  return env;
}

/**
 * `requests` new presencial requests, each with `perRequest` events (created + transitions along
 * the lifecycle), appended with the core's own appendOutbox, as the counter handlers do.
 */
export function fabricateEvents(sqlite: Database.Database, requests: number, opts: { prefix?: string; at?: number } = {}): number {
  const path: [RequestEvent, RequestState, RequestState][] = [
    ['iniciar_verificacion', 'borrador', 'en_verificacion'],
    ['imprimir_formularios', 'en_verificacion', 'pendiente_firma'],
    ['enviar_a_revision', 'pendiente_firma', 'pendiente_revision'],
    ['aprobar', 'pendiente_revision', 'aprobada'],
  ];
  const at = opts.at ?? Date.UTC(2026, 10, 20, 15);
  const prefix = opts.prefix ?? 'FAB';
  const insert = sqlite.prepare(
    `INSERT INTO requests (id, agency_id, number, channel, state, state_since, applicant_kind, employer_ruc, employer_branch, employer_legal_name, details, created_at, updated_at)
     VALUES (?, 'agency-uio', ?, 'presencial', 'aprobada', ?, 'juridica_privada', '1792060346001', '0001', 'Comercial Andina Cía. Ltda.', '{}', ?, ?)`,
  );
  let events = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < requests; i++) {
      const id = randomUUID();
      insert.run(id, `CAU-UIO-2026-${prefix}${String(i).padStart(7, '0')}`, at, at, at);
      appendOutbox(sqlite, { agencyId: 'agency-uio', requestId: id, type: 'request.created', payload: { number: 'x', channel: 'presencial', at }, now: at });
      events++;
      for (const [event, from, to] of path) {
        appendOutbox(sqlite, { agencyId: 'agency-uio', requestId: id, type: 'request.transition', payload: { event, from, to, at }, now: at });
        events++;
      }
    }
  })();
  return events;
}

export const unacked = (sqlite: Database.Database) => (sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get() as { n: number }).n;
export const outboxCount = (sqlite: Database.Database) => (sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

/** Runs cycles until one succeeds with nothing left to push (or gives up after `max`). */
export async function syncUntilClean(desk: TestDesk, opts: Partial<SyncOptions> = FAST, max = 500): Promise<{ cycles: number; failures: string[]; last: CycleResult }> {
  const failures: string[] = [];
  for (let cycles = 1; cycles <= max; cycles++) {
    const last = await syncOnce(desk.core.ctx, opts);
    if (last.ok && unacked(desk.core.ctx.db.$client) === 0) return { cycles, failures, last };
    if (!last.ok && last.error) failures.push(last.error);
    if (!last.ok && last.kind !== 'not_enrolled') await new Promise((r) => setTimeout(r, Math.min(last.retryInMs, 1_100)));
  }
  throw new Error(`did not converge: ${failures.slice(-3).join(' | ')}`);
}

export function centralState(c: Central, requestId: string): string | undefined {
  return c.store.request(requestId)?.state;
}
