// What the supervisor reads of a day and decides about it, through the core's one door on a
// seeded desk: presencial and Ventanilla Virtual apart on the dashboard, attentions outside the
// agency's opening hours in the end-of-day report, the closure as the supervisor's sign-off on
// the PDF (read back by poppler), and no reassigning of a request whose procedure has ended.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import type { EndOfDayReport } from '../../shared/contract/supervisor';
import { dayEnd, dayStart, ecuadorDate, ECUADOR_OFFSET_MS, formatDateTimeEs } from '../../shared/domain/dates';
import { okCaller, seededDesk, type TestDesk } from '../support/desk';
import { GOOD } from '../unit/ops/fixtures';
import { pdfText, renderPages } from './forms/poppler';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 300, history: true });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const call = okCaller(() => desk, SUPERVISOR);
const sqlite = () => desk.core.ctx.db.$client;
const today = () => ecuadorDate(desk.clock.now());

describe('dashboard', () => {
  it('counts presencial and Ventanilla Virtual apart, as the database holds them', async () => {
    const from = '2026-10-01';
    const stats = await call<{ perDay: { date: string; received: number; receivedPresencial: number; receivedVirtual: number }[]; byChannel: Record<'presencial' | 'virtual', { received: number; approved: number }> }>('dashboard.stats', { from, to: today() });
    const count = (channel: string) =>
      (sqlite().prepare("SELECT count(*) AS n FROM requests WHERE agency_id = 'agency-uio' AND channel = ? AND created_at >= ? AND created_at < ?").get(channel, dayStart(from), dayEnd(today())) as { n: number }).n;
    expect(stats.byChannel.presencial.received).toBe(count('presencial'));
    expect(stats.byChannel.virtual.received).toBe(count('virtual'));
    expect(stats.byChannel.virtual.received).toBeGreaterThan(0);
    for (const d of stats.perDay) expect(d.receivedPresencial + d.receivedVirtual).toBe(d.received);
    expect(stats.perDay.reduce((n, d) => n + d.receivedVirtual, 0)).toBe(count('virtual'));
  });
});

describe('attentions outside the opening hours', () => {
  /** Presencial requests opened today, with the Ecuador clock minute of each. */
  const todays = () =>
    (sqlite().prepare("SELECT number, created_at AS at FROM requests WHERE agency_id = 'agency-uio' AND channel = 'presencial' AND created_at >= ? AND created_at < ?").all(dayStart(today()), dayEnd(today())) as { number: string; at: number }[]).map((r) => {
      const local = new Date(r.at - ECUADOR_OFFSET_MS);
      return { ...r, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
    });

  it("by default the sheet's hours, Monday to Friday 08:00–17:00, Ecuador time (docs/seeds/004_…:118)", async () => {
    const report = await call<EndOfDayReport>('reports.endOfDay', { date: today() });
    // The desk's clock: Friday 20/11/2026, a working day; what counts is the hour of each.
    const outside = todays().filter((r) => r.minute < 8 * 60 || r.minute >= 17 * 60);
    expect(report.outsideHours.hours).toBe('lunes a viernes de 08:00 a 17:00');
    expect(report.outsideHours.count).toBe(outside.length);
    expect(report.outsideHours.items.map((i) => i.number).sort()).toEqual(outside.map((r) => r.number).sort().slice(0, 50));
  });

  it('an agency that does not open that day (agencia.json openingHours.closedDates): every attention of the day is listed, with why', async () => {
    const config = { ...GOOD, openingHours: { days: [1, 2, 3, 4, 5, 6], open: '09:00', close: '13:00', closedDates: [today()] } };
    expect(await desk.core.call('config.update', config, ADMIN)).toMatchObject({ ok: true });
    expect(JSON.parse(fs.readFileSync(path.join(desk.dataDir, 'agencia.json'), 'utf8')).openingHours).toEqual(config.openingHours);
    const report = await call<EndOfDayReport>('reports.endOfDay', { date: today() });
    expect(report.outsideHours.hours).toBe('lunes a sábado de 09:00 a 13:00');
    expect(report.outsideHours.count).toBe(todays().length);
    expect(report.outsideHours.count).toBeGreaterThan(0);
    expect(new Set(report.outsideHours.items.map((i) => i.reason))).toEqual(new Set(['dia_no_laborable']));
    // The clerk's screens read the same hours.
    expect(await call('config.intakeRules', {}, { kind: 'cli', username: 'ventanilla1' })).toMatchObject({ openingHours: config.openingHours });
  });

  it('a bad value in agencia.json is refused in Spanish, naming the field, and changes nothing', async () => {
    const before = await call<EndOfDayReport>('reports.endOfDay', { date: today() });
    const r = (await desk.core.call('config.update', { ...GOOD, openingHours: { days: [1], open: '18:00', close: '08:00', closedDates: [] } }, ADMIN)) as R & { error?: { fields?: { path: string; message: string }[] } };
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('Hora de cierre') } });
    expect((await call<EndOfDayReport>('reports.endOfDay', { date: today() })).outsideHours).toEqual(before.outsideHours);
  });
});

describe('end-of-day PDF', () => {
  const pdf = async () => Buffer.from((await call<{ dataBase64: string }>('reports.endOfDayFile', { date: today(), format: 'pdf' })).dataBase64, 'base64');

  it('keeps every column header whole, lists the attentions outside hours and leaves a signature line', async () => {
    const text = pdfText(await pdf());
    // pdfkit used to break a header word that did not fit its column: «Reimpresion / es».
    for (const word of ['Recibidas', 'Aprobadas', 'Devueltas', 'Rechazadas', 'Pendientes', 'Formularios', 'impresos', 'Reimpresiones', 'autorizadas']) expect(text).toContain(word);
    expect(text).not.toMatch(/Reimpresion es/);
    expect(text).toMatch(/Atenciones fuera del horario de la agencia \(lunes a sábado de 09:00 a 13:00\): \d+/);
    expect(text).toContain('Firma del supervisor');
    expect(text).toContain('Fecha y hora:');
  });

  it("after closing the day, carries the supervisor's name and the time of the closure over the signature line (the closure is audited)", async () => {
    const closed = await call<{ closedAt: number }>('day.close', { date: today(), carryOverReason: 'Borradores de la tarde que se completan mañana.' });
    const bytes = await pdf();
    const text = pdfText(bytes);
    expect(text).toContain(`Cerrado el ${formatDateTimeEs(closed.closedAt)} por Mónica Peña Yánez`);
    expect(text).toMatch(new RegExp(`Firma del supervisor Mónica Peña Yánez Día cerrado el ${formatDateTimeEs(closed.closedAt)}`));
    expect(text).toMatch(/Generado el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(hora de Ecuador\)/);
    expect(sqlite().prepare("SELECT outcome, target FROM audit_log WHERE call = 'day.close'").all()).toEqual([{ outcome: 'ok', target: `day:${today()}` }]);
    // Rendered to look at (test-results/screens/cierre-del-dia-pdf.png).
    const pages = renderPages(bytes, 60);
    const dir = path.join(import.meta.dirname, '../../test-results/screens');
    fs.mkdirSync(dir, { recursive: true });
    pages.forEach((page, i) => fs.writeFileSync(path.join(dir, `cierre-del-dia-pdf${i === 0 ? '' : `-${i + 1}`}.png`), page));
    expect(pages).toHaveLength(1);
  });
});

describe('reassigning', () => {
  it('is refused once the procedure has ended (key issued), and allowed while it is open', async () => {
    const clerks = await call<{ items: { id: string; displayName: string }[] }>('review.clerks', {});
    const ended = sqlite().prepare("SELECT id, version, clerk_id AS clerkId FROM requests WHERE agency_id = 'agency-uio' AND state = 'clave_emitida' LIMIT 1").get() as { id: string; version: number; clerkId: string };
    const other = clerks.items.find((c) => c.id !== ended.clerkId)!;
    const r = await desk.core.call('review.reassign', { id: ended.id, version: ended.version, clerkId: other.id }, SUPERVISOR);
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('ya terminó (Clave emitida): no se reasigna') } });
    expect((sqlite().prepare('SELECT clerk_id AS c FROM requests WHERE id = ?').get(ended.id) as { c: string }).c).toBe(ended.clerkId);
    const open = sqlite().prepare("SELECT id, version, clerk_id AS clerkId FROM requests WHERE agency_id = 'agency-uio' AND state = 'devuelta' AND channel = 'presencial' LIMIT 1").get() as { id: string; version: number; clerkId: string };
    const to = clerks.items.find((c) => c.id !== open.clerkId)!;
    expect(await desk.core.call('review.reassign', { id: open.id, version: open.version, clerkId: to.id }, SUPERVISOR)).toMatchObject({ ok: true });
  });
});
