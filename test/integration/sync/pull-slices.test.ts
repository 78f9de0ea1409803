// Proof: a pull applies a page in several short transactions (electron/core/sync/pull.ts) and still
// applies every change exactly once, also when the desk stops between two of them (as a crash
// would) and is opened again; what it committed is checkpointed into the database file, also when
// it stops part-way; the next page is asked for while one is applied; a call made while a page is
// applied is answered before the page ends, and a call waiting for the thread gets it between any
// two slices of the pull (a page's parse, its check, its transactions, across pages); and a relayed
// file whose names changed at the origin desk is found under the new names.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { AUTOCHECKPOINT_PAGES, DB_FILE_NAME, setAutocheckpoint } from '../../../db/open';
import { verifyAuditChain } from '../../../electron/core/security/audit/chain';
import { getSetting } from '../../../electron/core/settings';
import { TOKEN_SECRET } from '../../../electron/core/sync';
import { exchangeList } from '../../../electron/core/sync/http';
import { pullAll, type PullOptions } from '../../../electron/core/sync/pull';
import { readSyncState } from '../../../electron/core/sync/state';
import { openDesk } from '../../../electron/hosts/common/open-desk';
import type { OpenedCore } from '../../../electron/core/open';
import type { TestDesk } from '../../support/desk';
import { callOk, checkIn } from './counter-flow';
import { central, enrolledDesk, fabricateEvents, FAST, SUPERVISOR, syncUntilClean, type Central } from './support';

const REQUESTS = 12;

let c: Central;
let origin: TestDesk;
beforeAll(async () => {
  c = await central();
  origin = await enrolledDesk(c);
  fabricateEvents(origin.core.ctx.db.$client, REQUESTS, { prefix: 'SLC' });
  await syncUntilClean(origin, FAST, 20);
});
afterAll(async () => {
  origin.dispose();
  await c.dispose();
});

function pull(desk: Pick<OpenedCore, 'core'>, opts: Partial<PullOptions> = {}) {
  const { db, secrets, dataDir, clock } = desk.core.ctx;
  const state = readSyncState(db.$client);
  const target = { url: getSetting(db, 'centralUrl')!, token: secrets.get(TOKEN_SECRET)! };
  const apply = { dataDir, agencyId: getSetting(db, 'agencyId')!, deviceId: state.deviceId!, stationCode: state.stationCode };
  return pullAll(db.$client, target, apply, clock, { pageSize: 1000, timeoutMs: 5_000, maxResponseBytes: 16 * 1_048_576, ...opts });
}

/** What a pull leaves at a desk: the copies, and every line and entry it wrote for them. */
function applied(desk: Pick<OpenedCore, 'core'>) {
  const rows = (q: string) => desk.core.ctx.db.$client.prepare(q).all();
  return {
    copies: rows('SELECT r.id, r.number, r.state, r.version FROM requests r JOIN sync_mirrors m ON m.request_id = r.id ORDER BY r.number'),
    audit: rows("SELECT target, outcome, count(*) AS n FROM audit_log WHERE call = 'sync.pull' GROUP BY 1, 2 ORDER BY 1, 2"),
    history: rows('SELECT request_id, activity, event, actor_id, count(*) AS n FROM request_events WHERE request_id IN (SELECT request_id FROM sync_mirrors) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4'),
    decisions: rows('SELECT request_id, event, count(*) AS n FROM request_decisions WHERE request_id IN (SELECT request_id FROM sync_mirrors) GROUP BY 1, 2 ORDER BY 1, 2'),
    conflicts: rows('SELECT change_seq, reason FROM sync_conflicts ORDER BY 1'),
  };
}

test('a page applied in several transactions applies each change once, also after the desk stopped between two of them', async () => {
  // The same feed pulled in one go by another desk: what "each change once" looks like.
  const reference = await enrolledDesk(c);
  const desk = await enrolledDesk(c);
  let again: OpenedCore | null = null;
  try {
    const whole = await pull(reference);
    expect(whole.conflicts).toBe(0);
    const expected = applied(reference);
    expect(expected.copies).toHaveLength(REQUESTS);

    let commits = 0;
    const crash = new Error('the desk stopped here');
    // One page of all the changes, 4 per transaction (whatever time they take); the desk stops after the third commit.
    await expect(pull(desk, { maxChangesPerTransaction: 4, sliceMs: Infinity, onCommitted: () => { if (++commits === 3) throw crash; } })).rejects.toBe(crash);
    const stopped = readSyncState(desk.core.ctx.db.$client);
    expect(stopped.pullAppliedSeq).toBeGreaterThan(0);
    expect(stopped.pullCursor).toBe(''); // the page's cursor is not taken before its last change
    expect(applied(desk).copies.length).toBeLessThan(REQUESTS);

    // Opened again on the same files, as after a crash: the page comes again and only the rest is applied.
    desk.close();
    again = openDesk({ dataDir: desk.dataDir, host: 'cli', clock: desk.clock });
    let transactions = 0;
    const rest = await pull(again, { maxChangesPerTransaction: 4, sliceMs: Infinity, onCommitted: () => void transactions++ });
    expect(rest).toMatchObject({ applied: whole.applied - 12, conflicts: 0, skipped: 12 });
    expect(transactions).toBe(Math.ceil((whole.applied - 12) / 4));
    expect(applied(again)).toEqual(expected);
    expect(verifyAuditChain(again.core.ctx.db.$client).ok).toBe(true);
    const done = readSyncState(again.core.ctx.db.$client);
    expect(done).toMatchObject({ pullRunning: 0, pullReceived: whole.applied - 12, pullTotal: whole.applied - 12, pullCursor: readSyncState(reference.core.ctx.db.$client).pullCursor });
  } finally {
    again?.close();
    desk.dispose();
    reference.dispose();
  }
});

test('a pull leaves what it committed in the database file itself, not only in the WAL, also when it stops part-way', async () => {
  const desk = await enrolledDesk(c);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-pull-file-'));
  try {
    let commits = 0;
    const stop = new Error('the page could not go on');
    // Pages of 10 changes, 4 per transaction; it stops after the fifth commit, inside the second page.
    await expect(pull(desk, { pageSize: 10, maxChangesPerTransaction: 4, sliceMs: Infinity, onCommitted: () => { if (++commits === 5) throw stop; } })).rejects.toBe(stop);
    const live = desk.core.ctx.db.$client;
    const committed = (live.prepare("SELECT count(*) AS n FROM audit_log WHERE call = 'sync.pull'").get() as { n: number }).n;
    expect(committed).toBeGreaterThan(10);
    // The database file alone, without its WAL beside it: what a checkpoint has copied there.
    const file = path.join(copy, DB_FILE_NAME);
    fs.copyFileSync(path.join(desk.dataDir, DB_FILE_NAME), file);
    const alone = new Database(file, { readonly: true });
    try {
      expect((alone.prepare("SELECT count(*) AS n FROM audit_log WHERE call = 'sync.pull'").get() as { n: number }).n).toBe(committed);
    } finally {
      alone.close();
    }
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
    desk.dispose();
  }
});

test('with a checkpointer thread running (the writer at the backstop), the pull leaves the checkpoints to it', async () => {
  const desk = await enrolledDesk(c);
  try {
    const live = desk.core.ctx.db.$client;
    setAutocheckpoint(live, 'backstop'); // as electron/hosts/common/checkpointer.ts leaves the writer
    const seen: number[] = [];
    const autocheckpoint = () => Number(live.pragma('wal_autocheckpoint', { simple: true }));
    await pull(desk, { pageSize: 10, maxChangesPerTransaction: 4, sliceMs: Infinity, onCommitted: () => void seen.push(autocheckpoint()) });
    expect(seen.length).toBeGreaterThan(2);
    // Never switched off nor put back to SQLite's default: the backstop stays, during and after.
    expect(new Set([...seen, autocheckpoint()])).toEqual(new Set([AUTOCHECKPOINT_PAGES.backstop]));
  } finally {
    desk.dispose();
  }
});

test('the next page is asked for while the one before is applied, and every change is still applied once', async () => {
  const reference = await enrolledDesk(c);
  const desk = await enrolledDesk(c);
  // Between the desk and central: what it asks for, in order.
  const asked: string[] = [];
  const proxy = http.createServer((req, res) => {
    asked.push(new URL(req.url!, 'http://x').searchParams.get('cursor') ?? '');
    void fetch(`${c.url}${req.url}`, { headers: { authorization: req.headers.authorization ?? '' } }).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const whole = await pull(reference);
    const { db, secrets, dataDir, clock } = desk.core.ctx;
    const state = readSyncState(db.$client);
    const target = { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, token: secrets.get(TOKEN_SECRET)! };
    // Pages of 30 changes, one per transaction: 29 turns of the event loop inside the first page.
    const askedAtCommit: number[] = [];
    const tally = await pullAll(db.$client, target, { dataDir, agencyId: getSetting(db, 'agencyId')!, deviceId: state.deviceId!, stationCode: state.stationCode }, clock, {
      pageSize: 30,
      maxChangesPerTransaction: 1,
      sliceMs: Infinity,
      timeoutMs: 5_000,
      maxResponseBytes: 16 * 1_048_576,
      onCommitted: () => void askedAtCommit.push(asked.length),
    });
    expect(tally.pages).toBeGreaterThan(1);
    // By the first page's last transaction, the second page had been asked for already.
    expect(askedAtCommit[29]).toBe(2);
    expect(asked[0]).toBe('');
    expect(asked).toHaveLength(tally.pages);
    expect(new Set(asked).size).toBe(asked.length);
    expect(tally).toMatchObject({ applied: whole.applied, conflicts: 0, skipped: 0 });
    expect(applied(desk)).toEqual(applied(reference));
  } finally {
    proxy.close();
    desk.dispose();
    reference.dispose();
  }
});

test('a call waiting for the thread gets its turn between any two transactions, also where one page ends and the next begins', async () => {
  const desk = await enrolledDesk(c);
  try {
    const order: string[] = [];
    // Pages of 20 changes, one per transaction: the next page has arrived and been checked by the time one ends.
    const tally = await pull(desk, {
      pageSize: 20,
      maxChangesPerTransaction: 1,
      sliceMs: Infinity,
      onCommitted: (seq) => {
        order.push(`commit ${seq}`);
        // A clerk's call that came in during this transaction.
        setImmediate(() => order.push(`call after ${seq}`));
      },
    });
    expect(tally.pages).toBeGreaterThan(2);
    const commits = order.filter((o) => o.startsWith('commit'));
    expect(commits).toHaveLength(tally.applied + tally.conflicts);
    // Each commit is followed by the call that waited on it, before the next commit.
    expect(order).toEqual(commits.flatMap((c) => [c, c.replace('commit', 'call after')]));
  } finally {
    desk.dispose();
  }
});

test("a long answer's parse, its items' check and the caller's work on it each leave a call its turn between them", async () => {
  const order: string[] = [];
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: [1, 2, 3], total: 3 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    // A call that comes in while a slice runs waits for that slice only.
    const callDuring = (what: string) => setImmediate(() => order.push(`call during ${what}`));
    const head = z.preprocess((v) => (callDuring('parse'), v), z.object({ items: z.array(z.unknown()), total: z.number() }));
    const item = z.custom<number>((v) => (order.push(`item ${String(v)}`), v === 3 && callDuring('check'), typeof v === 'number'));
    const answer = await exchangeList(
      head as unknown as z.ZodObject<{ items: z.ZodArray<z.ZodUnknown>; total: z.ZodNumber }>,
      'items',
      item,
      { method: 'GET', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, timeoutMs: 5_000, maxBytes: 1_048_576, now: Date.now() },
      { sliceMs: Infinity, pause: () => new Promise((resolve) => setImmediate(resolve)) },
    );
    order.push('answer used');
    expect(answer).toEqual({ items: [1, 2, 3], total: 3 });
    expect(order).toEqual(['call during parse', 'item 1', 'item 2', 'item 3', 'call during check', 'answer used']);
  } finally {
    server.close();
  }
});

test('a call made while a page is applied is answered before the page ends', async () => {
  const desk = await enrolledDesk(c);
  try {
    let applied = 0;
    let answeredAt: number | null = null;
    await pull(desk, {
      maxChangesPerTransaction: 2,
      onCommitted: (seq) => {
        applied = seq;
        // A supervisor opens the queue while the first transaction of the page has just committed.
        if (answeredAt === null) void callOk(desk, 'requests.list', { limit: 5 }, SUPERVISOR).then(() => (answeredAt = applied));
        answeredAt ??= -1;
      },
    });
    expect(answeredAt).toBeGreaterThan(0);
    expect(answeredAt).toBeLessThan(applied);
  } finally {
    desk.dispose();
  }
});

test("a copy whose names changed at its desk is found at the others under the new names", async () => {
  const desk = await enrolledDesk(c);
  try {
    const req = await checkIn(origin);
    await syncUntilClean(origin, FAST, 20);
    await pull(desk);
    const find = async (text: string) => (await callOk<{ items: { id: string }[] }>(desk, 'search.requests', { text, limit: 100 }, SUPERVISOR)).items.map((i) => i.id);
    expect(await find('Begoña Peña')).not.toContain(req.id);

    let { version } = await callOk<{ version: number }>(origin, 'requests.get', { id: req.id });
    // The intake the counter flow records (counter-flow.ts toReview), for a natural person.
    const intake = {
      applicantKind: 'natural_ecuatoriana',
      employerRuc: '1714307103001',
      employerBranch: '0001',
      employerLegalName: 'Begoña Peña Muñoz',
      representativeIdType: 'cedula',
      representativeIdNumber: '1714307103',
      representativeNames: 'Begoña Peña Muñoz',
      representativeNationality: 'ECU',
      email: 'empleador@correo.ec',
      mobile: '0991234567',
      address: 'Av. Amazonas N34-120 y Juan Pablo Sanz, Quito',
      viaThirdParty: false,
      artisan: false,
    };
    version = (await callOk<{ version: number }>(origin, 'requests.saveDraft', { id: req.id, version, intake })).version;
    await callOk(origin, 'requests.startVerification', { id: req.id, version });
    await syncUntilClean(origin, FAST, 20);
    await pull(desk);
    expect(await find('begona pena')).toContain(req.id);
  } finally {
    desk.dispose();
  }
});
