// End of day: the figures per clerk and for the agency, as a screen, a PDF and a CSV, and the
// closing of the day once nothing is pending locally (or it is carried over with a reason).
import type { AgencyRow } from '../../../db/rows';
import { all, empty, get, join, pluck, run, sql, value, type Reader, type Sql } from '../../../db/sql';
import PDFDocument from 'pdfkit';
import { DAY_FIGURE_COLUMNS, type DayFigures, type EndOfDayReport } from '../../../shared/contract/supervisor';
import { dayEnd, dayStart, formatDateEs, formatDateTimeEs } from '../../../shared/domain/dates';
import type { RequestEvent } from '../../../shared/domain/lifecycle';
import { STATE_GROUPS } from '../../../shared/domain/state-groups';
import type { AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import { loadFonts } from '../forms/fonts';
import type { HandlersOf } from '../registry';
import { CSV_MIME, writeCsv } from '../csv';
import { getSetting } from '../settings';
import { deskLabel } from '../../../shared/domain/desks';
import { attentionTiming, describeOpeningHours, OUTSIDE_HOURS_LABELS } from '../../../shared/domain/opening-hours';

/** Still at the desk, not yet sent to review: STATE_GROUPS.notSubmitted, bound. */
const NOT_SUBMITTED = join(STATE_GROUPS.notSubmitted);

/** The day's figures for the agency (clerk null) or one clerk, from the per-day figures (db/schema-figures.ts). */
/** Guidance sheets printed at this desk in [from, to), by one clerk or all (local rows: they are not synced). */
function guidanceCount(sqlite: Reader, agencyId: string, from: number, to: number, clerkId: string | null): number {
  // A guidance sheet has no request behind it (its clerk is who printed it): a few a day, counted
  // live through guidance_sheets_agency_day.
  return value<number>(
    sqlite,
    sql`SELECT count(*) AS n FROM guidance_sheets WHERE agency_id = ${agencyId} ${clerkId ? sql`AND created_by = ${clerkId}` : empty} AND created_at >= ${from} AND created_at < ${to}`,
  )!;
}

/**
 * Contact updates registered in [from, to), by one clerk (who registered it) or all: a type without
 * supervisor review (shared/domain/request-types.ts) is audited here instead. Counted live off the
 * decisions (request_decisions_event index), a few a day.
 */
function contactUpdateCount(sqlite: Reader, agencyId: string, from: number, to: number, clerkId: string | null): number {
  return value<number>(
    sqlite,
    sql`SELECT count(*) AS n FROM request_decisions d JOIN requests r ON r.id = d.request_id
        WHERE r.agency_id = ${agencyId} AND d.event = 'registrar_actualizacion' AND d.at >= ${from} AND d.at < ${to} ${clerkId ? sql`AND d.actor_id = ${clerkId}` : empty}`,
  )!;
}

/**
 * Foreigners' registrations received in [from, to), by the clerk who holds them or all: they also
 * count in Recibidas/Aprobadas/…, this column tells them apart. Counted live (requests_agency_created).
 */
function foreignerRegistrationCount(sqlite: Reader, agencyId: string, from: number, to: number, clerkId: string | null): number {
  return value<number>(
    sqlite,
    sql`SELECT count(*) AS n FROM requests WHERE agency_id = ${agencyId} AND created_at >= ${from} AND created_at < ${to} AND request_type = 'registro_extranjero' ${clerkId ? sql`AND clerk_id = ${clerkId}` : empty}`,
  )!;
}

function figures(sqlite: Reader, agencyId: string, date: string, from: number, to: number, clerkId: string | null): DayFigures {
  const row = get<Omit<DayFigures, 'pending' | 'guidanceSheets' | 'contactUpdates' | 'foreignerRegistrations'>>(
    sqlite,
    sql`SELECT coalesce(sum(received), 0) AS received, coalesce(sum(approved), 0) AS approved, coalesce(sum(returned), 0) AS returned,
              coalesce(sum(rejected), 0) AS rejected, coalesce(sum(printed), 0) AS printedForms, coalesce(sum(reprinted), 0) AS reprints,
              coalesce(sum(walk_ins), 0) AS walkInsAuthorized
       FROM daily_figures WHERE agency_id = ${agencyId} AND day = ${date} ${clerkId ? sql`AND clerk_id = ${clerkId}` : empty}`,
  )!;
  // Open drafts are few and change state all day: counted live (requests_agency_state index).
  const pending = value<number>(
    sqlite,
    sql`SELECT count(*) AS n FROM requests r WHERE r.agency_id = ${agencyId} ${clerkId ? sql`AND r.clerk_id = ${clerkId}` : empty} AND r.state IN (${NOT_SUBMITTED}) AND r.created_at < ${to}`,
  )!;
  return { ...row, pending, guidanceSheets: guidanceCount(sqlite, agencyId, from, to, clerkId), contactUpdates: contactUpdateCount(sqlite, agencyId, from, to, clerkId),
    foreignerRegistrations: foreignerRegistrationCount(sqlite, agencyId, from, to, clerkId),
  };
}

/**
 * One desk's figures in the agency-wide view (station null: requests without one). Decisions are
 * read off request_decisions, where this desk's own and those relayed from the others both land
 * (sync/apply.ts recordRemoteDecision), so each desk's row counts what any desk decided on it.
 */
function deskFigures(sqlite: Reader, agencyId: string, from: number, to: number, station: string | null, own: boolean): DayFigures {
  const db = sqlite;
  const desk = station === null ? sql`r.station IS NULL` : sql`r.station = ${station}`;
  const one = (q: Sql) => value<number>(db, q)!;
  const decisions = (event: RequestEvent) =>
    one(sql`SELECT count(*) AS n FROM request_decisions d JOIN requests r ON r.id = d.request_id WHERE r.agency_id = ${agencyId} AND ${desk} AND d.event = ${event} AND d.at >= ${from} AND d.at < ${to}`);
  const prints = (reprint: 0 | 1) =>
    one(sql`SELECT count(*) AS n FROM form_prints f JOIN requests r ON r.id = f.request_id WHERE r.agency_id = ${agencyId} AND ${desk} AND f.kind = 'solicitud' AND f.reprint = ${reprint} AND f.at >= ${from} AND f.at < ${to}`);
  return {
    received: one(sql`SELECT count(*) AS n FROM requests r WHERE r.agency_id = ${agencyId} AND ${desk} AND r.created_at >= ${from} AND r.created_at < ${to}`),
    approved: decisions('aprobar'),
    returned: decisions('devolver'),
    rejected: decisions('rechazar'),
    pending: one(sql`SELECT count(*) AS n FROM requests r WHERE r.agency_id = ${agencyId} AND ${desk} AND r.state IN (${NOT_SUBMITTED}) AND r.created_at < ${to}`),
    printedForms: prints(0),
    reprints: prints(1),
    walkInsAuthorized: one(sql`SELECT count(*) AS n FROM requests r WHERE r.agency_id = ${agencyId} AND ${desk} AND r.walk_in_reason IS NOT NULL AND r.created_at >= ${from} AND r.created_at < ${to}`),
    // Guidance sheets stay at the desk that printed them (they are not synced): this desk's line.
    guidanceSheets: own ? guidanceCount(sqlite, agencyId, from, to, null) : 0,
    contactUpdates: decisions('registrar_actualizacion'),
    foreignerRegistrations: one(sql`SELECT count(*) AS n FROM requests r WHERE r.agency_id = ${agencyId} AND ${desk} AND r.request_type = 'registro_extranjero' AND r.created_at >= ${from} AND r.created_at < ${to}`),
  };
}

/** The desks with requests received in the day or still open, each with its figures; this desk first. */
function perDesk(sqlite: Reader, agencyId: string, from: number, to: number, own: string | null): EndOfDayReport['perDesk'] {
  const stations = pluck<string | null>(
    sqlite,
    sql`SELECT DISTINCT station FROM requests WHERE agency_id = ${agencyId} AND created_at >= ${from} AND created_at < ${to}
       UNION SELECT DISTINCT station FROM requests WHERE agency_id = ${agencyId} AND state IN (${NOT_SUBMITTED}) AND created_at < ${to}`,
  );
  if (own !== null && !stations.includes(own)) stations.push(own);
  const order = (s: string | null) => (s === own ? '' : (s ?? '~'));
  return stations
    .sort((a, b) => order(a).localeCompare(order(b)))
    .map((station) => ({ station, label: station === null ? 'Sin ventanilla (Ventanilla Virtual y números sin estación)' : deskLabel(station), own: station === own, ...deskFigures(sqlite, agencyId, from, to, station, station === own) }));
}

export function endOfDay(ctx: AuthedReadContext, date: string): EndOfDayReport {
  const sqlite = ctx.db;
  const agencyId = ctx.actor.agencyId;
  const from = dayStart(date);
  const to = dayEnd(date);
  const agency = get<Pick<AgencyRow, 'code' | 'name'>>(sqlite, sql`SELECT code, name FROM agencies WHERE id = ${agencyId}`)!;
  const clerks = all<{ id: string; name: string }>(sqlite, sql`SELECT id, display_name AS name FROM users WHERE agency_id = ${agencyId} AND role = 'ventanillero' ORDER BY display_name`);
  const closure = get<{ closedAt: number; closedBy: string; carriedOver: number; reason: string | null }>(
    sqlite,
    sql`SELECT c.closed_at AS closedAt, u.display_name AS closedBy, c.carried_over AS carriedOver, c.reason FROM day_closures c JOIN users u ON u.id = c.closed_by WHERE c.agency_id = ${agencyId} AND c.date = ${date}`,
  );
  const station = value<string | null>(sqlite, sql`SELECT station_code FROM sync_state WHERE id = 1`) ?? null;
  return {
    date,
    agency,
    total: figures(sqlite, agencyId, date, from, to, null),
    perClerk: clerks.map((c) => ({ clerkId: c.id, name: c.name, ...figures(sqlite, agencyId, date, from, to, c.id) })),
    desk: { station, label: station ? deskLabel(station) : 'Esta estación (sin código de estación)' },
    perDesk: perDesk(sqlite, agencyId, from, to, station),
    pendingLocally: {
      unsentEvents: value<number>(sqlite, sql`SELECT count(*) AS n FROM outbox WHERE agency_id = ${agencyId} AND acked_at IS NULL`)!,
      openRequests: value<number>(sqlite, sql`SELECT count(*) AS n FROM requests WHERE agency_id = ${agencyId} AND state IN (${NOT_SUBMITTED}) AND created_at < ${to}`)!,
    },
    closure: closure ? { ...closure, carriedOver: closure.carriedOver === 1 } : null,
    outsideHours: outsideHours(ctx, from, to),
  };
}

/** Most lines the report lists of attentions outside hours (the count covers them all). */
export const OUTSIDE_HOURS_LISTED = 50;
const PDF_OUTSIDE_HOURS_LISTED = 10;

/**
 * Counter attentions (presencial requests opened) of the day outside the opening hours. A
 * Ventanilla Virtual request arrives from the portal at any hour: not an attention.
 */
function outsideHours(ctx: AuthedReadContext, from: number, to: number): EndOfDayReport['outsideHours'] {
  const hours = getSetting(ctx.db, 'ops.openingHours');
  const rows = all<{ number: string; at: number; clerkName: string | null; station: string | null }>(
    ctx.db,
    sql`SELECT r.number, r.created_at AS at, coalesce(u.display_name, m.clerk_name) AS clerkName, r.station FROM requests r
       LEFT JOIN users u ON u.id = r.clerk_id LEFT JOIN sync_mirrors m ON m.request_id = r.id
       WHERE r.agency_id = ${ctx.actor.agencyId} AND r.channel = 'presencial' AND r.created_at >= ${from} AND r.created_at < ${to} ORDER BY r.created_at`,
  );
  const items: EndOfDayReport['outsideHours']['items'] = [];
  for (const r of rows) {
    const timing = attentionTiming(r.at, hours);
    if (!timing.within) items.push({ ...r, reason: timing.reason });
  }
  return { hours: describeOpeningHours(hours), count: items.length, items: items.slice(0, OUTSIDE_HOURS_LISTED) };
}

const COLUMNS = DAY_FIGURE_COLUMNS;

/**
 * One line per clerk of this desk (named with the desk), the desk's total, then one line per desk
 * of the agency («TODOS» its clerks): a spreadsheet filters by either column.
 */
export function endOfDayCsv(report: EndOfDayReport): string {
  const header = ['fecha', 'agencia', 'ventanilla', 'ventanillero', ...COLUMNS.map(([, label]) => label.toLowerCase().replace(/ /g, '_'))];
  const row = (desk: string, name: string, f: DayFigures) => [report.date, report.agency.code, desk, name, ...COLUMNS.map(([k]) => f[k])];
  return writeCsv(header, [
    ...report.perClerk.map((c) => row(report.desk.label, c.name, c)),
    row(report.desk.label, 'TOTAL AGENCIA', report.total),
    ...report.perDesk.map((d) => row(d.label, 'TODOS', d)),
  ]);
}

export function endOfDayPdf(report: EndOfDayReport, generatedAt: number): Promise<Buffer> {
  const fonts = loadFonts();
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, font: fonts.regular as unknown as string, info: { Title: `Cierre del día ${formatDateEs(report.date)} — ${report.agency.name}`, CreationDate: new Date(generatedAt) } });
  doc.registerFont('regular', fonts.regular as unknown as Buffer);
  doc.registerFont('bold', fonts.bold as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(14).text('INSTITUTO ECUATORIANO DE SEGURIDAD SOCIAL');
  doc.font('regular').fontSize(10).text(`${report.agency.name} (${report.agency.code}) · Ventanilla Patronal`);
  doc.moveDown(0.5).font('bold').fontSize(16).text(`Cierre del día ${formatDateEs(report.date)}`);
  doc.font('regular').fontSize(9).fillColor('#555').text(
    report.closure
      ? `Cerrado el ${formatDateTimeEs(report.closure.closedAt)} por ${report.closure.closedBy}${report.closure.carriedOver ? `, con pendientes arrastrados: ${(report.closure.reason ?? '').replace(/\.$/, '')}` : ''}.`
      : `Sin cerrar. Pendientes en la estación: ${report.pendingLocally.unsentEvents} eventos sin enviar, ${report.pendingLocally.openRequests} solicitudes abiertas.`,
  );
  doc.fillColor('#000').moveDown();
  const x0 = 40;
  const right = doc.page.width - 40;
  // Eleven figures and a name on a landscape A4: each figure column is as wide as its header's
  // longest word (pdfkit would break a word that does not fit anywhere: «Reimpresione / s»), the
  // name takes the rest. The header takes the largest size at which that leaves the name room.
  const GAP = 6;
  const MIN_NAME = 150;
  const layout = (size: number) => {
    doc.font('bold').fontSize(size);
    const widths = COLUMNS.map(([, l]) => Math.max(28, ...l.split(' ').map((w) => doc.widthOfString(w))) + GAP);
    return { size, widths, nameWidth: right - x0 - widths.reduce((a, b) => a + b, 0) };
  };
  let table = layout(9);
  for (let size = 8.5; table.nameWidth < MIN_NAME && size >= 6; size -= 0.5) table = layout(size);
  const { widths, nameWidth } = table;
  const headerSize = table.size;
  const columnX = widths.map((_, i) => x0 + nameWidth + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const drawRow = (name: string, values: (string | number)[], bold: boolean, size = 9) => {
    const y = doc.y;
    doc.font(bold ? 'bold' : 'regular').fontSize(size);
    const heights = [doc.heightOfString(name, { width: nameWidth - GAP }), ...values.map((v, i) => doc.heightOfString(String(v), { width: widths[i]! - GAP }))];
    doc.text(name, x0, y, { width: nameWidth - GAP });
    values.forEach((v, i) => doc.text(String(v), columnX[i]!, y, { width: widths[i]! - GAP, align: 'right' }));
    const bottom = y + Math.max(...heights);
    doc.moveTo(x0, bottom + 3).lineTo(right, bottom + 3).strokeColor('#ccc').stroke();
    doc.y = bottom + 6;
  };
  drawRow(`Ventanillero · ${report.desk.label}`, COLUMNS.map(([, l]) => l), true, headerSize);
  for (const c of report.perClerk) drawRow(c.name, COLUMNS.map(([k]) => c[k]), false);
  drawRow('Total de la agencia', COLUMNS.map(([k]) => report.total[k]), true);

  // The agency-wide view: every desk's requests as this desk knows them after its last sync.
  if (report.perDesk.length > 0) {
    doc.moveDown().font('bold').fontSize(10).text('Por ventanilla (solicitudes de cada estación de la agencia, según la última sincronización)', x0);
    doc.moveDown(0.3);
    drawRow('Ventanilla', COLUMNS.map(([, l]) => l), true, headerSize);
    for (const d of report.perDesk) drawRow(d.own ? `${d.label} (esta)` : d.label, COLUMNS.map(([k]) => d[k]), false);
  }

  // Attentions outside the opening hours (agencia.json openingHours).
  const o = report.outsideHours;
  doc.moveDown().font('bold').fontSize(10).text(`Atenciones fuera del horario de la agencia (${o.hours}): ${o.count}`, x0);
  if (o.count > 0) {
    doc.font('regular').fontSize(8);
    // A page holds the figures, the first of these and the signature; the screen lists more.
    const listed = o.items.slice(0, PDF_OUTSIDE_HOURS_LISTED);
    for (const item of listed) {
      doc.text(`${item.number} · ${formatDateTimeEs(item.at)} · ${item.station ? `${deskLabel(item.station)} · ` : ''}${item.clerkName ?? '—'} · ${OUTSIDE_HOURS_LABELS[item.reason]}`, x0 + 10);
    }
    // The screen lists OUTSIDE_HOURS_LISTED of them: say how far it goes, not that it shows them all.
    if (o.count > listed.length) {
      const onScreen = Math.min(o.count, OUTSIDE_HOURS_LISTED);
      doc.text(`… y ${o.count - listed.length} más (la pantalla «Cierre del día» de la estación muestra ${onScreen === o.count ? 'todas' : `las primeras ${onScreen}`}).`, x0 + 10);
    }
  }

  // The supervisor's sign-off: closing the day is it (day.close, audited); the line is signed by hand.
  if (doc.y > doc.page.height - 150) doc.addPage();
  doc.moveDown(3);
  const signY = doc.y + 30;
  doc.moveTo(x0, signY).lineTo(x0 + 260, signY).strokeColor('#000').stroke();
  doc.font('regular').fontSize(9).fillColor('#000').text('Firma del supervisor', x0, signY + 4, { width: 260, align: 'center' });
  doc.font('bold').text(report.closure ? report.closure.closedBy : 'Nombre: ______________________________', x0, doc.y, { width: 260, align: 'center' });
  doc.font('regular').text(report.closure ? `Día cerrado el ${formatDateTimeEs(report.closure.closedAt)}` : 'Fecha y hora: ____/____/________  ____:____', x0, doc.y, { width: 260, align: 'center' });
  doc.moveDown(2).font('regular').fontSize(8).fillColor('#555').text(`Generado el ${formatDateTimeEs(generatedAt)} (hora de Ecuador).`, x0);
  doc.end();
  return done;
}

export const reportHandlers: Pick<HandlersOf<'supervisor'>, 'reports.endOfDay' | 'reports.endOfDayFile' | 'day.close'> = {
  'reports.endOfDay': ({ date }, ctx) => endOfDay(ctx, date),

  'reports.endOfDayFile': async ({ date, format }, ctx) => {
    const report = endOfDay(ctx, date);
    ctx.audit.target(`report:end-of-day:${date}`);
    const base = `cierre_${report.agency.code}_${date}`;
    if (format === 'csv') return { fileName: `${base}.csv`, mime: CSV_MIME, dataBase64: Buffer.from(endOfDayCsv(report), 'utf8').toString('base64') };
    return { fileName: `${base}.pdf`, mime: 'application/pdf', dataBase64: (await endOfDayPdf(report, ctx.clock.now())).toString('base64') };
  },

  'day.close': ({ date, carryOverReason }, ctx) => {
    const report = endOfDay(ctx, date);
    ctx.audit.target(`day:${date}`);
    if (report.closure) throw new CallFailure('conflict', `El día ${formatDateEs(date)} ya fue cerrado por ${report.closure.closedBy}.`);
    const { unsentEvents, openRequests } = report.pendingLocally;
    const pending = unsentEvents + openRequests > 0;
    if (pending && !carryOverReason) {
      throw new CallFailure(
        'conflict',
        `No se puede cerrar el día: quedan ${unsentEvents} eventos sin enviar al IESS y ${openRequests} solicitudes abiertas. Resuélvalos o indique el motivo para arrastrarlos.`,
      );
    }
    const closedAt = ctx.clock.now();
    ctx.write((db) =>
      run(
        db,
        sql`INSERT INTO day_closures (agency_id, date, closed_at, closed_by, carried_over, reason, figures)
          VALUES (${ctx.actor.agencyId}, ${date}, ${closedAt}, ${ctx.actor.userId}, ${pending ? 1 : 0}, ${pending ? carryOverReason! : null}, ${JSON.stringify(report.total)})`,
      ),
    );
    return { closedAt, carriedOver: pending };
  },
};
