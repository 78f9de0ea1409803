// Proof of the agency-wide view (docs/protocol/README.md «Vista de la agencia»): three desks, each
// with its own data directory, and the real central stand-in over HTTP. Every desk's requests show
// at the others with their desk and clerk named, in the supervisor's queues, search and end-of-day
// report; a request opened at one desk shows «en atención» at the others, asks before it is
// worked there, and is released on decision or close; a marker lapses when it is not renewed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkMarker } from '../../../shared/contract/agency';
import { ecuadorDate } from '../../../shared/domain/dates';
import { WORK_MARKER_TTL_MS, workingLabel } from '../../../shared/domain/desks';
import type { Auth } from '../../../electron/core/registry';
import type { TestDesk } from '../../support/desk';
import { pdfText } from '../forms/poppler';
import { callOk, toReview } from './counter-flow';
import { central, CLERK, enrolledDesk, FAST, SUPERVISOR, syncUntilClean, type Central } from './support';

let c: Central;
let a: TestDesk;
let b: TestDesk;
let d: TestDesk;
beforeAll(async () => {
  c = await central();
  // Enrolled in this order, central gives them stations 01, 02 and 03.
  a = await enrolledDesk(c);
  b = await enrolledDesk(c);
  d = await enrolledDesk(c);
});
afterAll(async () => {
  for (const desk of [a, b, d]) desk.dispose();
  await c.dispose();
});

const sync = (...desks: TestDesk[]) => desks.reduce((p, desk) => p.then(() => syncUntilClean(desk, FAST, 20)).then(() => undefined), Promise.resolve());

interface Row {
  id: string;
  number: string;
  station: string | null;
  clerkName: string | null;
  working: WorkMarker | null;
}

async function queue(desk: TestDesk, station?: string): Promise<Row[]> {
  return (await callOk<{ items: Row[] }>(desk, 'queues.list', { queue: 'por_revisar', limit: 200, ...(station ? { station } : {}) }, SUPERVISOR)).items;
}
const rowOf = async (desk: TestDesk, id: string) => (await queue(desk)).find((r) => r.id === id);

describe('the desk named', () => {
  test("every desk's requests show at every other desk in the supervisor's queues and search, with their desk and clerk; the desk filter narrows to one desk", async () => {
    const atA = await toReview(a, { ruc: '1714307103001', names: 'Peña Muñoz Begoña', cedula: '1714307103', address: 'Calle Sucre 4-52, Cuenca' });
    const atB = await toReview(b, { ruc: '0926687856001', names: 'Ochoa Vintimilla Jorge', cedula: '0926687856', address: 'Gran Colombia 5-20, Cuenca' });
    expect(atA.number).toMatch(/^CAU-UIO-\d{4}-01-/);
    expect(atB.number).toMatch(/^CAU-UIO-\d{4}-02-/);
    await sync(a, b, d, a);

    // At the third desk, which recorded neither: both in the queue, each with its desk and clerk.
    const rows = await queue(d);
    expect(rows.find((r) => r.id === atA.id)).toMatchObject({ station: '01', clerkName: 'José Muñoz Quishpe', working: null });
    expect(rows.find((r) => r.id === atB.id)).toMatchObject({ station: '02', clerkName: 'José Muñoz Quishpe', working: null });
    // The same at the desk that recorded it (its own account) and at the other one (the name sent).
    expect(await rowOf(a, atB.id)).toMatchObject({ station: '02', clerkName: 'José Muñoz Quishpe' });
    expect(await rowOf(b, atA.id)).toMatchObject({ station: '01', clerkName: 'José Muñoz Quishpe' });

    // The filter by desk, in the queue and in the search.
    expect((await queue(d, '01')).map((r) => r.id)).toContain(atA.id);
    expect((await queue(d, '01')).map((r) => r.id)).not.toContain(atB.id);
    const found = await callOk<{ items: Row[] }>(d, 'search.requests', { text: 'Ochoa', station: '02' }, SUPERVISOR);
    expect(found.items.map((r) => [r.number, r.station, r.clerkName])).toEqual([[atB.number, '02', 'José Muñoz Quishpe']]);
    expect((await callOk<{ items: Row[] }>(d, 'search.requests', { text: 'Ochoa', station: '01' }, SUPERVISOR)).items).toEqual([]);
    expect((await callOk<{ items: { station: string; label: string; own: boolean }[] }>(d, 'search.desks', {}, SUPERVISOR)).items).toEqual(
      expect.arrayContaining([
        { station: '01', label: 'Ventanilla 01', own: false },
        { station: '02', label: 'Ventanilla 02', own: false },
        { station: '03', label: 'Ventanilla 03', own: true },
      ]),
    );
    // A bad desk code is refused in Spanish and reads nothing.
    expect(await d.core.call('search.requests', { text: 'Ochoa', station: '1; DROP' }, SUPERVISOR)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // A clerk sees the agency's request list with the desk named (shared/contract/counter.ts
    // 'requests.list', the counter's; the queues and search are the supervisor's) — and not the queues.
    const list = await callOk<{ items: Row[] }>(d, 'requests.list', { limit: 200 }, CLERK);
    expect(list.items.find((r) => r.id === atA.id)).toMatchObject({ station: '01', clerkName: 'José Muñoz Quishpe' });
    expect(await d.core.call('queues.list', { queue: 'por_revisar' }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await d.core.call('search.requests', { text: 'Ochoa' }, CLERK)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('the end-of-day report, on screen, in CSV and in PDF, has a line per desk of the agency', async () => {
    const date = ecuadorDate(d.clock.now());
    // What desks A and B recorded that day, as they know it themselves.
    const recorded = (desk: TestDesk) =>
      (desk.core.ctx.db.$client.prepare("SELECT count(*) AS n FROM requests WHERE station = (SELECT station_code FROM sync_state) AND date(created_at / 1000 - 18000, 'unixepoch') = ?").get(date) as { n: number }).n;
    const report = await callOk<{ desk: { station: string | null; label: string }; perDesk: { station: string | null; label: string; own: boolean; received: number; printedForms: number }[] }>(
      d,
      'reports.endOfDay',
      { date },
      SUPERVISOR,
    );
    expect(report.desk).toEqual({ station: '03', label: 'Ventanilla 03' });
    expect(report.perDesk[0]).toMatchObject({ station: '03', own: true, received: 0 });
    expect(report.perDesk.find((r) => r.station === '01')).toMatchObject({ label: 'Ventanilla 01', own: false, received: recorded(a), printedForms: recorded(a) });
    expect(report.perDesk.find((r) => r.station === '02')).toMatchObject({ label: 'Ventanilla 02', own: false, received: recorded(b) });
    expect(recorded(a)).toBeGreaterThan(0);

    const csv = Buffer.from((await callOk<{ dataBase64: string }>(d, 'reports.endOfDayFile', { date, format: 'csv' }, SUPERVISOR)).dataBase64, 'base64').toString('utf8');
    // Semicolons: what a spreadsheet in es-EC opens as columns (electron/core/csv.ts).
    expect(csv.split(/\r?\n/)[0]).toContain('fecha;agencia;ventanilla;ventanillero');
    expect(csv).toContain(`${date};UIO;Ventanilla 01;TODOS;${recorded(a)};`);
    expect(csv).toContain(`${date};UIO;Ventanilla 02;TODOS;${recorded(b)};`);
    const pdf = Buffer.from((await callOk<{ dataBase64: string }>(d, 'reports.endOfDayFile', { date, format: 'pdf' }, SUPERVISOR)).dataBase64, 'base64');
    const text = pdfText(pdf);
    expect(text).toContain('Por ventanilla');
    expect(text).toContain('Ventanilla 01');
    expect(text).toContain('Ventanilla 03 (esta)');
  });
});

describe('being worked', () => {
  const markersAtCentral = () => c.store.db.prepare('SELECT count(*) AS n FROM working').get() as { n: number };
  const ownMarkers = (desk: TestDesk) => desk.core.ctx.db.$client.prepare("SELECT count(*) AS n FROM work_markers WHERE device_id = ''").get() as { n: number };
  const workingEvents = (desk: TestDesk) => desk.core.ctx.db.$client.prepare("SELECT count(*) AS n FROM outbox WHERE type = 'request.working'").get() as { n: number };
  const start = (desk: TestDesk, id: string, who: Auth, confirmed = false) =>
    callOk<{ started: boolean; others: WorkMarker[]; expiresAt: number | null }>(desk, 'requests.workStart', { id, activity: 'revision', confirmed }, who);

  test('a request opened for review at one desk shows «en atención» at the others, asks before it is worked there, and is released on decision and on close', async () => {
    const req = await toReview(a, { ruc: '1710034065001', names: 'Vaca Ruiz Ana', cedula: '1710034065', address: 'Av. Amazonas N24-03, Quito' });
    await sync(a, b, d);

    // The supervisor at B opens it: nobody else works it, B records its marker and tells central.
    expect(await start(b, req.id, SUPERVISOR)).toMatchObject({ started: true, others: [] });
    await sync(b, d, a);
    expect(markersAtCentral()).toEqual({ n: 1 });
    const atD = (await rowOf(d, req.id))!.working!;
    expect(atD).toMatchObject({ station: '02', ownDesk: false, userName: 'Mónica Peña Yánez', role: 'supervisor', activity: 'revision' });
    // «desde hh:mm»: when B opened it, on D's clock. The test desks' clocks (a fixed day) are not
    // central's (the machine's): markers still last what they should, measured on each desk's clock.
    expect(Math.abs(atD.since - b.clock.now())).toBeLessThan(60_000);
    expect(workingLabel(atD)).toMatch(/^En atención en Ventanilla 02 — Mónica Peña Yánez, desde \d{2}:\d{2}$/);
    // The clerk's list at the recording desk says so too.
    const atA = (await callOk<{ items: Row[] }>(a, 'requests.list', { limit: 200 }, CLERK)).items.find((r) => r.id === req.id)!;
    expect(atA.working).toMatchObject({ station: '02', userName: 'Mónica Peña Yánez' });

    // The supervisor at D opens it too: asked first, nothing recorded until they confirm.
    const asked = await start(d, req.id, SUPERVISOR);
    expect(asked).toMatchObject({ started: false, expiresAt: null, others: [expect.objectContaining({ station: '02', userName: 'Mónica Peña Yánez' })] });
    expect(ownMarkers(d)).toEqual({ n: 0 });
    expect(workingEvents(d)).toEqual({ n: 0 });
    expect(await start(d, req.id, SUPERVISOR, true)).toMatchObject({ started: true, others: [expect.objectContaining({ station: '02' })] });
    await sync(d, a);
    // A now sees both, the earliest first.
    const both = (await rowOf(a, req.id))!.working;
    expect(both).toMatchObject({ station: '02' });

    // B decides: its marker goes with the decision (same transaction), central drops it.
    const version = (await callOk<{ version: number }>(b, 'requests.get', { id: req.id }, SUPERVISOR)).version;
    expect(await b.core.call('review.approve', { id: req.id, version }, SUPERVISOR)).toMatchObject({ ok: true });
    expect(ownMarkers(b)).toEqual({ n: 0 });
    await sync(b, a);
    expect((await rowOf(a, req.id)) ?? null).toBeNull(); // approved: out of the review queue
    const listed = (await callOk<{ items: Row[] }>(a, 'requests.list', { limit: 200 }, CLERK)).items.find((r) => r.id === req.id)!;
    expect(listed.working).toMatchObject({ station: '03', userName: 'Mónica Peña Yánez' });

    // D closes it: released, and gone everywhere at the next sync.
    expect(await callOk(d, 'requests.workEnd', { id: req.id }, SUPERVISOR)).toEqual({ released: true });
    await sync(d, a);
    expect((await callOk<{ items: Row[] }>(a, 'requests.list', { limit: 200 }, CLERK)).items.find((r) => r.id === req.id)!.working).toBeNull();
    expect(markersAtCentral()).toEqual({ n: 0 });
    // Closing again releases nothing and tells central nothing.
    const before = workingEvents(d).n;
    expect(await callOk(d, 'requests.workEnd', { id: req.id }, SUPERVISOR)).toEqual({ released: false });
    expect(workingEvents(d).n).toBe(before);
  });

  test('a marker not renewed lapses at the other desks; one that lapsed while its desk was offline never shows', async () => {
    const req = await toReview(a, { ruc: '1712345675001', names: 'Guerrero Lema Rosa', cedula: '1712345675', address: 'Av. 10 de Agosto N30-12, Quito' });
    await sync(a, b, d);

    expect(await start(b, req.id, SUPERVISOR)).toMatchObject({ started: true });
    await sync(b, d);
    expect((await rowOf(d, req.id))!.working).toMatchObject({ station: '02' });
    // Nobody renews it (B crashed): past its lifetime, D no longer shows it, with no sync needed.
    d.clock.advance(WORK_MARKER_TTL_MS + 1_000);
    expect((await rowOf(d, req.id))!.working).toBeNull();
    // And D may open it without being asked.
    expect(await start(d, req.id, SUPERVISOR)).toMatchObject({ started: true, others: [] });
    expect(await callOk(d, 'requests.workEnd', { id: req.id }, SUPERVISOR)).toEqual({ released: true });
    await sync(d);

    // A opens it while offline; it is not sent until after its lifetime: central drops it.
    c.store.db.prepare('DELETE FROM working').run();
    expect(await start(a, req.id, SUPERVISOR)).toMatchObject({ started: true });
    a.clock.advance(WORK_MARKER_TTL_MS + 1_000);
    await sync(a, b);
    expect(markersAtCentral()).toEqual({ n: 0 });
    expect((await rowOf(b, req.id))!.working).toBeNull();
  });

  test('a request whose procedure ended is only read: opening it records nothing', async () => {
    const ended = a.core.ctx.db.$client.prepare("SELECT id FROM requests WHERE state IN ('anulada', 'rechazada', 'clave_emitida') LIMIT 1").get() as { id: string };
    const before = workingEvents(a).n;
    expect(await start(a, ended.id, SUPERVISOR)).toMatchObject({ started: false, others: [], expiresAt: null });
    expect(workingEvents(a).n).toBe(before);
  });
});
