// «Hojas de orientación»: one page per affiliate password procedure (shared/domain/guidance.ts,
// seeds 000–003) with the applicant's own data, printed from Atención so the clerk hands over
// paper instead of repeating the steps aloud. Drawn by the forms' machinery (view → render.ts,
// same fonts, barcode and QR), archived and recorded like the request forms: who printed which
// procedure's sheet for which identification (guidance_sheets), every print and reprint with the
// printed data (guidance_prints), so a reprint is the same bytes and the QR can be checked.
import type { AgencyRow, GuidanceSheetRow } from '../../../db/rows';
import { all, get, run, sql, value } from '../../../db/sql';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { CallOutput } from '../../../shared/contract';
import { PAPER_LABELS, type GuidanceApplicant, type QrOutcome } from '../../../shared/contract/forms';
import { PROVINCES, catalogLabel } from '../../../shared/domain/catalogs';
import { checkCedula } from '../../../shared/domain/cedula';
import { checkEmail, checkPersonName } from '../../../shared/domain/contact';
import { ecuadorDate, ecuadorYear, formatDateTimeEs } from '../../../shared/domain/dates';
import { checkForeignerCode } from '../../../shared/domain/foreigner-code';
import { parseRequestNumber } from '../../../shared/domain/request-number';
import {
  GUIDANCE_ID_LABELS,
  GUIDANCE_SHEETS,
  GUIDANCE_VERSION,
  guidanceText,
  type GuidanceIdType,
  type GuidanceLine,
  type GuidanceProcedure,
} from '../../../shared/domain/guidance';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { foreignerCodePattern } from '../ops/agency-config';
import { archivePdf } from './archive';
import { viewDigest, type QrContent } from './digest';
import { clean, formatDate } from './format';
import { printPdf, PrintError } from './print';
import { renderView } from './render';
import { readSyncState } from '../sync/state';
import type { FormView } from './view';

/** What a sheet prints, kept as its snapshot: a reprint and a QR check use exactly this. */
export interface PrintableGuidance {
  id: string;
  number: string;
  procedure: GuidanceProcedure;
  agency: { code: string; name: string; provinceName: string };
  /** yyyy-mm-dd (Ecuador). */
  date: string;
  applicant: { idType: GuidanceIdType; idNumber: string; names: string; email: string };
  clerk: { name: string };
}

const bullet = (l: GuidanceLine, applicant: PrintableGuidance['applicant']) => ({ condition: null, lead: '•', text: guidanceText(l.text, applicant) });

/** The page as data (the QR digest is computed over it, as for the request forms). */
export function guidanceView(data: PrintableGuidance, version = GUIDANCE_VERSION): FormView {
  // One wording so far; a second one would keep this one for the papers that carry v1.
  if (version !== GUIDANCE_VERSION) throw new CallFailure('not_found', `No existe la versión ${version} de las hojas de orientación.`);
  const sheet = GUIDANCE_SHEETS[data.procedure];
  const a = { ...data.applicant, email: clean(data.applicant.email) };
  return {
    kind: 'orientacion',
    templateVersion: version,
    title: sheet.title,
    number: clean(data.number),
    numberLabel: 'Hoja de orientación N.º',
    agency: `${clean(data.agency.name)} (${clean(data.agency.code)}) · ${clean(data.agency.provinceName)}`,
    date: formatDate(data.date),
    blocks: [
      { type: 'section', title: 'Sus datos' },
      {
        type: 'fields',
        fields: [
          { label: 'Nombres y apellidos', value: clean(a.names), wide: true },
          { label: GUIDANCE_ID_LABELS[a.idType], value: clean(a.idNumber) },
          { label: 'Su correo electrónico', value: a.email },
        ],
      },
      { type: 'paragraphs', plain: true, paragraphs: [{ condition: null, lead: null, text: guidanceText(sheet.purpose.text, a) }] },
      { type: 'section', title: 'Lo que necesita' },
      // Only the identification this applicant uses: a cédula holder is not told about foreigner codes.
      { type: 'paragraphs', plain: true, paragraphs: sheet.needs.filter((n) => n.covers !== (a.idType === 'cedula' ? 'codigo_extranjero' : 'identificacion')).map((l) => bullet(l, a)) },
      { type: 'section', title: 'Pasos en el portal del IESS (www.iess.gob.ec)' },
      { type: 'paragraphs', plain: true, paragraphs: sheet.steps.map((l, i) => ({ condition: null, lead: `${i + 1}.`, text: guidanceText(l.text, a) })) },
      { type: 'section', title: 'Importante' },
      { type: 'paragraphs', plain: true, paragraphs: sheet.notes.map((l) => bullet(l, a)) },
      {
        type: 'paragraphs',
        plain: true,
        paragraphs: [{ condition: null, lead: 'Le atendió:', text: `${clean(data.clerk.name)}. Si tiene dudas, vuelva a cualquier ventanilla del IESS con esta hoja.` }],
      },
    ],
  };
}

type Printed = CallOutput<'forms.printGuidance'>;

async function render(data: PrintableGuidance, printedAt: number): Promise<{ pdf: Buffer; sha256: string; title: string }> {
  const view = guidanceView(data);
  const pdf = await renderView(view, data.id, { printedAt });
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex'), title: view.title };
}

const answer = (data: PrintableGuidance, r: { pdf: Buffer; sha256: string; title: string }, reprint: boolean): Printed => ({
  id: data.id,
  number: data.number,
  procedure: data.procedure,
  reprint,
  form: { kind: 'orientacion', title: r.title, templateVersion: GUIDANCE_VERSION, sha256: r.sha256, pdfBase64: r.pdf.toString('base64') },
});

/** The applicant's data, normalized by the domain's checks; the foreigner code against the agency's pattern. */
function applicantOf(ctx: AuthedContext, input: GuidanceApplicant): PrintableGuidance['applicant'] {
  const id =
    input.idType === 'cedula' ? checkCedula(input.idNumber) : checkForeignerCode(input.idNumber, { pattern: foreignerCodePattern(ctx.db) });
  const names = checkPersonName(input.names);
  const email = checkEmail(input.email);
  const issues = [
    ...id.errors.map((e) => ({ path: 'idNumber', message: e.message })),
    ...names.errors.map((e) => ({ path: 'names', message: e.message })),
    ...email.errors.map((e) => ({ path: 'email', message: e.message })),
  ];
  if (issues.length > 0 || !id.normalized || !names.normalized || !email.normalized) {
    throw new CallFailure('invalid_input', issues[0]?.message ?? 'Revise los datos del solicitante.', issues);
  }
  return { idType: input.idType, idNumber: id.normalized, names: names.normalized, email: email.normalized };
}

/**
 * ORI-UIO-2026-000045, or ORI-UIO-2026-03-000045 on a desk central enrolled as station 03: the
 * two shapes of shared/domain/request-number.ts. Sheets stay on the desk that printed them, so
 * the station code is what keeps two desks of one agency from printing the same number.
 */
const GUIDANCE_NUMBER = /^ORI-([A-Z0-9]{2,6})-(\d{4})-(?:(\d{2})-)?(\d{1,9})$/;

/** A sheet's number (the Code 128 beside its QR): its station, '' for a desk without one; null if not a sheet's. */
export function guidanceNumberStation(text: string): string | null {
  const m = GUIDANCE_NUMBER.exec(text);
  return m ? (m[3] ?? '') : null;
}

/** What a scanned Code 128 names (a request's number or a sheet's), or null: the QR is what verifies. */
export function barcodeNames(text: string): 'solicitud' | 'hoja de orientación' | null {
  return parseRequestNumber(text) ? 'solicitud' : guidanceNumberStation(text) !== null ? 'hoja de orientación' : null;
}

function stationOf(ctx: AuthedContext): string | null {
  return readSyncState(ctx.db).stationCode;
}

/** The agency's next sheet number of the year on this station (read again under the write lock). */
function nextNumber(ctx: AuthedContext, now: number): string {
  const station = stationOf(ctx);
  const prefix = `ORI-${ctx.actor.agencyCode}-${ecuadorYear(now)}-${station === null ? '' : `${station}-`}`;
  // Only this shape's numbers: without a station, the prefix also begins every station number.
  const last = value<number | null>(
    ctx.db,
    sql`SELECT max(CAST(substr(number, length(${prefix}) + 1) AS INTEGER)) AS n FROM guidance_sheets
       WHERE substr(number, 1, length(${prefix})) = ${prefix} AND substr(number, length(${prefix}) + 1) NOT GLOB '*[^0-9]*'`,
  );
  return `${prefix}${String((last ?? 0) + 1).padStart(6, '0')}`;
}

export async function printGuidance(ctx: AuthedContext, input: GuidanceApplicant): Promise<Printed> {
  const applicant = applicantOf(ctx, input);
  const agency = get<Pick<AgencyRow, 'code' | 'name' | 'provinceCode'>>(ctx.db, sql`SELECT code, name, province_code AS provinceCode FROM agencies WHERE id = ${ctx.actor.agencyId}`)!;
  const printedAt = ctx.clock.now();
  const id = uuidv7();
  ctx.audit.target(`guidance:${id}`);
  // The number is on the paper, so the page is drawn before the row is written; another desk
  // taking the same number meanwhile makes this one draw again with the next.
  for (let attempt = 0; attempt < 5; attempt++) {
    const data: PrintableGuidance = {
      id,
      number: nextNumber(ctx, printedAt),
      procedure: input.procedure,
      agency: { code: agency.code, name: agency.name, provinceName: catalogLabel(PROVINCES, agency.provinceCode) ?? agency.provinceCode },
      date: ecuadorDate(printedAt),
      applicant,
      clerk: { name: ctx.actor.displayName },
    };
    const rendered = await render(data, printedAt);
    const written = ctx.write((db) => {
      if (get(db, sql`SELECT 1 FROM guidance_sheets WHERE number = ${data.number}`)) return false;
      run(
        db,
        sql`INSERT INTO guidance_sheets (id, agency_id, number, procedure, id_type, id_number, created_at, created_by)
          VALUES (${id}, ${ctx.actor.agencyId}, ${data.number}, ${data.procedure}, ${applicant.idType}, ${applicant.idNumber}, ${printedAt}, ${ctx.actor.userId})`,
      );
      const archived = archivePdf(ctx.dataDir, id, 'orientacion', rendered.pdf);
      run(
        db,
        sql`INSERT INTO guidance_prints (sheet_id, at, actor_id, reprint, printed_at, template_version, sha256, path, snapshot)
          VALUES (${id}, ${printedAt}, ${ctx.actor.userId}, 0, ${printedAt}, ${GUIDANCE_VERSION}, ${rendered.sha256}, ${archived.path}, ${JSON.stringify(data)})`,
      );
      return true;
    });
    if (written) return answer(data, rendered, false);
  }
  throw new CallFailure('conflict', 'Otra estación está numerando hojas de orientación al mismo tiempo. Vuelva a intentar.');
}

interface LastPrint {
  printedAt: number;
  templateVersion: number;
  sha256: string;
  path: string;
  snapshot: string | null;
}

/** The sheet of this agency and its newest print; not_found for another agency's sheet. */
function loadSheet(ctx: AuthedContext, id: string): { number: string; last: LastPrint } {
  const sheet = get<Pick<GuidanceSheetRow, 'number' | 'agencyId'>>(ctx.db, sql`SELECT number, agency_id AS agencyId FROM guidance_sheets WHERE id = ${id}`);
  if (!sheet || sheet.agencyId !== ctx.actor.agencyId) throw new CallFailure('not_found', 'No existe esa hoja de orientación en esta agencia.');
  ctx.audit.target(`guidance:${id}`);
  const last = get<LastPrint>(
    ctx.db,
    sql`SELECT printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM guidance_prints WHERE sheet_id = ${id} ORDER BY id DESC LIMIT 1`,
  )!;
  return { number: sheet.number, last };
}

/**
 * A reprint is the archived paper, checked against the hash recorded at the first print (as
 * forms/archived.ts does for the request forms). Drawn again from its snapshot only when the file
 * is gone, and given out only when those are the same bytes.
 */
export async function reprintGuidance(ctx: AuthedContext, id: string): Promise<Printed> {
  const { last } = loadSheet(ctx, id);
  if (last.snapshot === null) throw new CallFailure('conflict', 'Los datos impresos de esta hoja de orientación fueron depurados por retención: no se puede reimprimir.');
  const data = JSON.parse(last.snapshot) as PrintableGuidance;
  const file = path.join(ctx.dataDir, ...last.path.split('/'));
  const archived = fs.existsSync(file);
  const pdf = archived ? fs.readFileSync(file) : (await render(data, last.printedAt)).pdf;
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  if (sha256 !== last.sha256) {
    ctx.log.error('reprinted guidance sheet does not match its recorded hash', { archived });
    throw new CallFailure('conflict', 'El PDF de la hoja de orientación no coincide con el que se imprimió: no se reimprime. Comuníquese con soporte técnico.');
  }
  const now = ctx.clock.now();
  ctx.write((db) => {
    const kept = archivePdf(ctx.dataDir, id, 'orientacion', pdf);
    run(
      db,
      sql`INSERT INTO guidance_prints (sheet_id, at, actor_id, reprint, printed_at, template_version, sha256, path, snapshot)
        VALUES (${id}, ${now}, ${ctx.actor.userId}, 1, ${last.printedAt}, ${last.templateVersion}, ${sha256}, ${kept.path}, ${last.snapshot})`,
    );
  });
  return answer(data, { pdf, sha256, title: guidanceView(data, last.templateVersion).title }, true);
}

export async function sendGuidanceToPrinter(ctx: AuthedContext, id: string, printer: string): Promise<{ jobId: string | null }> {
  const { number, last } = loadSheet(ctx, id);
  const file = path.join(ctx.dataDir, ...last.path.split('/'));
  if (!fs.existsSync(file)) throw new CallFailure('not_found', 'El PDF archivado ya no está en esta estación (pudo ser depurado por retención).');
  try {
    // The job title names the sheet number only: print queues are not a place for personal data.
    return { jobId: (await printPdf(file, printer, { jobTitle: number })).jobId };
  } catch (err) {
    if (err instanceof PrintError) throw new CallFailure('unavailable', err.message);
    throw err;
  }
}

type Verified = CallOutput<'forms.verifyQr'>;

/** The QR of a «Hoja de orientación», checked against the sheet's record. */
export function verifyGuidanceQr(ctx: AuthedContext, content: QrContent): Verified {
  const label = PAPER_LABELS.orientacion;
  const base = { number: content.number, kind: content.kind, templateVersion: content.templateVersion, request: null, printed: null, guidance: null };
  const reply = (outcome: QrOutcome, message: string, guidance: Verified['guidance'] = null): Verified => ({ ...base, valid: outcome === 'autentico', outcome, message, guidance });
  const sheet = get<Pick<GuidanceSheetRow, 'agencyId' | 'number'> & { procedure: GuidanceProcedure }>(
    ctx.db,
    sql`SELECT agency_id AS agencyId, number, procedure FROM guidance_sheets WHERE id = ${content.id}`,
  );
  if (!sheet || sheet.agencyId !== ctx.actor.agencyId || sheet.number !== content.number) {
    const station = guidanceNumberStation(content.number);
    if (!sheet && station && station !== stationOf(ctx)) {
      return reply('desconocido', `La hoja de orientación ${content.number} se imprimió en otra ventanilla (estación ${station}): se verifica en la ventanilla que la imprimió.`);
    }
    return reply('desconocido', `No existe en esta agencia la hoja de orientación ${content.number}: no se imprimió aquí o su código fue alterado.`);
  }
  ctx.audit.target(`guidance:${content.id}`);
  const rows = all<{ at: number; actor: string | null; reprint: number; snapshot: string | null }>(
    ctx.db,
    sql`SELECT p.at, u.display_name AS actor, p.reprint, p.snapshot FROM guidance_prints p LEFT JOIN users u ON u.id = p.actor_id
       WHERE p.sheet_id = ${content.id} AND p.template_version = ${content.templateVersion} ORDER BY p.id`,
  );
  if (rows.length === 0) return reply('alterado', `La hoja de orientación ${content.number} existe, pero no se imprimió con la plantilla v${content.templateVersion}: el documento no corresponde al registro.`);
  const snapshot = rows.find((r) => r.snapshot !== null)?.snapshot;
  if (!snapshot) return reply('desconocido', `Los datos impresos de la hoja de orientación ${content.number} fueron depurados por retención: ya no se puede verificar.`);
  const data = JSON.parse(snapshot) as PrintableGuidance;
  if (viewDigest(guidanceView(data, content.templateVersion)) !== content.digest) {
    return reply('alterado', `El contenido impreso no coincide con el registro de la hoja de orientación ${content.number}: el documento pudo ser alterado.`);
  }
  const prints = rows.map((r) => ({ at: r.at, actor: r.actor, reprint: r.reprint === 1, reason: null }));
  const first = prints.find((p) => !p.reprint) ?? prints[0]!;
  const reprints = prints.filter((p) => p.reprint).length;
  return reply(
    'autentico',
    `Documento auténtico: ${label} «${GUIDANCE_SHEETS[sheet.procedure].label}» N.º ${content.number}, impresa el ${formatDateTimeEs(first.at)}${first.actor ? ` por ${first.actor}` : ''}${reprints > 0 ? `; reimpresa ${reprints === 1 ? 'una vez' : `${reprints} veces`}` : ''}.`,
    {
      procedureLabel: GUIDANCE_SHEETS[sheet.procedure].label,
      names: data.applicant.names,
      identification: `${GUIDANCE_ID_LABELS[data.applicant.idType]} ${data.applicant.idNumber}`,
      prints,
    },
  );
}

/** The guidance calls, spread into the forms' handlers (handlers.ts). */
export const guidanceHandlers: Pick<HandlersOf<'forms'>, 'forms.printGuidance' | 'forms.reprintGuidance' | 'forms.sendGuidanceToPrinter'> = {
  'forms.printGuidance': (input, ctx) => printGuidance(ctx, input),
  'forms.reprintGuidance': ({ id }, ctx) => reprintGuidance(ctx, id),
  'forms.sendGuidanceToPrinter': ({ id, printer }, ctx) => sendGuidanceToPrinter(ctx, id, printer),
};
