import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../shared/contract/supervisor';
import type { Auth } from '../../electron/core/registry';
import { okCaller, seededDesk, type TestDesk } from '../support/desk';
import { DAY_MS, dayEnd, dayStart, ecuadorDate, todayStart } from '../../shared/domain/dates';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 400, history: true });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const call = okCaller(() => desk, SUPERVISOR);
const raw = (name: string, input: unknown, auth: Auth = SUPERVISOR) => desk.core.call(name, input, auth) as Promise<R>;
const sqlite = () => desk.core.ctx.db.$client;
const queue = async (q: string) => (await call<{ items: QueueRow[] }>('queues.list', { queue: q, limit: 200 })).items;

describe('demo history', () => {
  it('every seeded event history ends in the state its request is in', () => {
    // The last transition: an approved foreigner's registration and a registered contact update
    // send central their data right after it (foreigner.registration, contact.updated), as the app does.
    const rows = sqlite()
      .prepare(
        `SELECT r.state, json_extract(o.payload, '$.to') AS lastTo FROM requests r JOIN outbox o ON o.request_id = r.id
         WHERE o.seq = (SELECT max(seq) FROM outbox WHERE request_id = r.id AND type = 'request.transition')`,
      )
      .all() as { state: string; lastTo: string }[];
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.state !== r.lastTo)).toEqual([]);
  });
});

describe('workqueues', () => {
  it('counts every queue exactly as the database holds it', async () => {
    const { queues } = await call<{ queues: { code: string; count: number; oldestSince: number | null }[] }>('queues.summary', {});
    const count = (where: string) => (sqlite().prepare(`SELECT count(*) AS n FROM requests WHERE agency_id = 'agency-uio' AND ${where}`).get() as { n: number }).n;
    expect(queues.find((q) => q.code === 'por_revisar')?.count).toBe(count("state = 'pendiente_revision' AND channel = 'presencial'"));
    expect(queues.find((q) => q.code === 'devueltas')?.count).toBe(count("state = 'devuelta'"));
    expect(queues.find((q) => q.code === 'aprobadas_sin_enviar')?.count).toBe(count("state = 'aprobada'"));
    expect(queues.find((q) => q.code === 'por_revisar')!.count).toBeGreaterThan(0);
    // Rejections of the last 30 Ecuador days (today included), whatever the channel.
    const since = todayStart(desk.clock.now()) - 29 * DAY_MS;
    expect(queues.find((q) => q.code === 'rechazadas')?.count).toBe(count(`state IN ('rechazada', 'rechazada_central') AND state_since >= ${since}`));
    expect(queues.find((q) => q.code === 'rechazadas')!.count).toBeGreaterThan(count(`state IN ('rechazada', 'rechazada_central') AND state_since >= ${todayStart(desk.clock.now())}`));
  });

  it('lists a queue oldest first and marks what the supervisor has opened since its last change', async () => {
    const items = await queue('por_revisar');
    const since = items.map((i) => i.stateSince);
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(items.every((i) => i.state === 'pendiente_revision' && i.channel === 'presencial' && !i.viewed)).toBe(true);
    await call('requests.get', { id: items[0]!.id });
    expect((await queue('por_revisar')).find((i) => i.id === items[0]!.id)?.viewed).toBe(true);
  });
});

describe('decisions', () => {
  it('approves a reviewed request and refuses a stale version', async () => {
    const [first] = await queue('por_revisar');
    expect(await raw('review.approve', { id: first!.id, version: first!.version + 5 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call('review.approve', { id: first!.id, version: first!.version })).toMatchObject({ state: 'aprobada' });
    expect(sqlite().prepare("SELECT count(*) AS n FROM outbox WHERE request_id = ? AND type = 'request.transition' AND acked_at IS NULL AND json_extract(payload, '$.event') = 'aprobar'").get(first!.id)).toEqual({ n: 1 });
  });

  it('never lets a supervisor approve a request they attended themselves', async () => {
    const [r] = await queue('por_revisar');
    const me = (sqlite().prepare("SELECT id FROM users WHERE username = 'supervisora'").get() as { id: string }).id;
    sqlite().prepare('UPDATE requests SET clerk_id = ? WHERE id = ?').run(me, r!.id);
    expect(await raw('review.approve', { id: r!.id, version: r!.version })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('otro supervisor') } });
    sqlite().prepare('UPDATE requests SET clerk_id = ? WHERE id = ?').run(r!.clerkId, r!.id);
  });

  it('approves in bulk only the requests opened after their last change, saying why for the others', async () => {
    const items = (await queue('por_revisar')).slice(0, 3);
    await call('requests.get', { id: items[0]!.id });
    await call('requests.get', { id: items[1]!.id });
    const { results } = await call<{ results: { id: string; ok: boolean; message: string }[] }>('review.bulkApprove', { items: items.map((i) => ({ id: i.id, version: i.version })) });
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2]!.message).toContain('Ábrala y revísela');
    // Each approved request's own history says so, with who approved (the batch is one audit entry).
    for (const approved of items.slice(0, 2)) {
      const { history } = await call<{ history: { event: string | null; actor: string | null }[] }>('requests.get', { id: approved.id });
      expect(history).toContainEqual(expect.objectContaining({ event: 'aprobar', actor: 'Mónica Peña Yánez' }));
    }
  });

  it('returns with a catalogued reason and rejects only with the note a reason requires', async () => {
    const [a, b] = await queue('por_revisar');
    expect(await call('review.return', { id: a!.id, version: a!.version, reasonCode: 'firma_faltante', note: 'Falta la firma del Acuerdo.' })).toMatchObject({ state: 'devuelta' });
    expect(sqlite().prepare("SELECT event, reason_code AS reasonCode, note FROM request_decisions WHERE request_id = ? AND event = 'devolver'").get(a!.id)).toEqual({ event: 'devolver', reasonCode: 'firma_faltante', note: 'Falta la firma del Acuerdo.' });
    expect(await raw('review.reject', { id: b!.id, version: b!.version, reasonCode: 'otro' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('observación') } });
    expect(await raw('review.reject', { id: b!.id, version: b!.version, reasonCode: 'inexistente' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('reassigns to another clerk of the agency, never to someone else', async () => {
    const [r] = await queue('devueltas');
    const clerks = await call<{ items: { id: string; displayName: string }[] }>('review.clerks', {});
    expect(clerks.items.map((c) => c.displayName)).toEqual(['Ana Lucía Castañeda', 'Begoña Núñez Cárdenas', 'José Muñoz Quishpe']);
    const target = clerks.items.find((c) => c.id !== r!.clerkId)!;
    await call('review.reassign', { id: r!.id, version: r!.version, clerkId: target.id });
    expect((sqlite().prepare('SELECT clerk_id AS c FROM requests WHERE id = ?').get(r!.id) as { c: string }).c).toBe(target.id);
    const supervisorId = (sqlite().prepare("SELECT id FROM users WHERE username = 'supervisora'").get() as { id: string }).id;
    expect(await raw('review.reassign', { id: r!.id, version: r!.version + 1, clerkId: supervisorId })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('search', () => {
  type Found = { items: { id: string; number: string; representativeNames: string | null; employerRuc: string; createdAt: number }[]; nextCursor: string | null };
  it('finds names without accents and by prefix, and by number, RUC and cédula', async () => {
    const byName = await call<Found>('search.requests', { text: 'munoz begon', limit: 100 });
    expect(byName.items.length).toBeGreaterThan(0);
    const row = sqlite().prepare("SELECT number, employer_ruc AS ruc, representative_id_number AS doc FROM requests WHERE representative_id_type = 'cedula' LIMIT 1").get() as { number: string; ruc: string; doc: string };
    expect((await call<Found>('search.requests', { text: row.number })).items.map((i) => i.number)).toEqual([row.number]);
    expect((await call<Found>('search.requests', { text: row.ruc })).items.every((i) => i.employerRuc === row.ruc)).toBe(true);
    expect((await call<Found>('search.requests', { text: row.doc })).items.length).toBeGreaterThan(0);
  });

  it('matches the FTS answer to a plain scan of the names', async () => {
    const found = await call<Found>('search.requests', { text: 'Nuñez', limit: 100 });
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const expected = (sqlite().prepare('SELECT representative_names AS a, employer_legal_name AS b, third_party_names AS c FROM requests').all() as { a: string | null; b: string; c: string | null }[]).filter((r) =>
      [r.a, r.b, r.c].some((n) => n && fold(n).split(/\s+/).some((w) => w.startsWith('nunez'))),
    ).length;
    expect(found.items.length).toBe(Math.min(100, expected));
  });

  it('pages through a common name without overlap', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const r = await call<Found>('search.requests', { text: 'muñoz', limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...r.items.map((i) => i.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen.length).toBeGreaterThan(7);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('pages newest first without overlap and explains an empty query in Spanish', async () => {
    const first = await call<Found>('search.requests', { limit: 10 });
    const second = await call<Found>('search.requests', { limit: 10, cursor: first.nextCursor! });
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(20);
    expect(first.items[9]!.createdAt).toBeGreaterThanOrEqual(second.items[0]!.createdAt);
    expect(await raw('search.requests', { text: '¿?' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Escriba') } });
  });
});

describe('dashboard and end of day', () => {
  const today = () => ecuadorDate(desk.clock.now());

  it('the dashboard figures are the database figures', async () => {
    const stats = await call<{ perDay: { date: string; received: number; approved: number }[]; appointments: { attended: number; noShow: number; pending: number } }>('dashboard.stats', { from: today(), to: today() });
    const from = dayStart(today());
    const received = (sqlite().prepare("SELECT count(*) AS n FROM requests WHERE agency_id = 'agency-uio' AND created_at >= ? AND created_at < ?").get(from, dayEnd(today())) as { n: number }).n;
    expect(stats.perDay).toEqual([expect.objectContaining({ date: today(), received })]);
    const approvedEvents = (sqlite().prepare("SELECT count(*) AS n FROM outbox WHERE type = 'request.transition' AND json_extract(payload, '$.event') = 'aprobar' AND created_at >= ?").get(from) as { n: number }).n;
    expect(stats.perDay[0]!.approved).toBe(approvedEvents);
    expect(stats.appointments.attended + stats.appointments.noShow + stats.appointments.pending).toBe(27);
  });

  it('end of day counts per clerk add up to the agency, and the day closes only with nothing pending or a reason', async () => {
    const report = await call<{ total: Record<string, number>; perClerk: Record<string, number>[]; pendingLocally: { unsentEvents: number; openRequests: number } }>('reports.endOfDay', { date: today() });
    const sum = (k: string) => report.perClerk.reduce((acc, c) => acc + (c[k] ?? 0), 0);
    expect(report.total.approved).toBeGreaterThan(0);
    expect(sum('received')).toBeLessThanOrEqual(report.total.received!);
    expect(report.pendingLocally.unsentEvents).toBeGreaterThan(0);
    expect(await raw('day.close', { date: today() })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('eventos sin enviar') } });
    expect(await call('day.close', { date: today(), carryOverReason: 'Sin conexión con el IESS desde el mediodía.' })).toMatchObject({ carriedOver: true });
    expect(await raw('day.close', { date: today(), carryOverReason: 'otra vez, por si acaso' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('ya fue cerrado') } });
  });

  it('writes the end-of-day report as PDF and CSV', async () => {
    const pdf = await call<{ fileName: string; dataBase64: string }>('reports.endOfDayFile', { date: today(), format: 'pdf' });
    expect(pdf.fileName).toBe(`cierre_UIO_${today()}.pdf`);
    expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const csv = Buffer.from((await call<{ dataBase64: string }>('reports.endOfDayFile', { date: today(), format: 'csv' })).dataBase64, 'base64').toString('utf8');
    expect(csv).toContain('TOTAL AGENCIA');
    expect(csv).toContain('José Muñoz Quishpe');
  });
});
