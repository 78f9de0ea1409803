// The papers of «Registro de extranjero sin cédula» (shared/domain/request-types.ts,
// registro_extranjero), drawn by the forms' machinery (view → render.ts: same fonts, Code 128 and
// QR), archived and recorded in form_prints like the others, so forms.verifyQr checks them:
// - the «Solicitud de registro de extranjero», with the foreigner's consent to the processing of
//   their data (LOPDP), signed by hand at the counter (docs/seeds/002_7cf0ad12e8c8a3b1.txt:14: in
//   person). Its first print moves en_verificacion → pendiente_firma; a reprint is the archived paper.
// - the «Comprobante de registro de extranjero», handed to the foreigner once the request went to
//   review: what was received and, once central assigned it, the foreigner's code. It is drawn
//   from the request as it is at each print (the code appears on the print after central's
//   answer); every print is recorded with its snapshot, against which its QR is checked.
import { createHash } from 'node:crypto';
import { all, get, run, sql, type WritableDB } from '../../../db/sql';
import type { CallOutput } from '../../../shared/contract';
import { PAPER_LABELS, type QrOutcome } from '../../../shared/contract/forms';
import { catalogLabel, PROVINCES } from '../../../shared/domain/catalogs';
import { ecuadorDate, formatDateTimeEs } from '../../../shared/domain/dates';
import { SEXES, type ForeignerRegistrationData } from '../../../shared/domain/foreigner-registration';
import { applyEvent, STATE_LABELS, type RequestState } from '../../../shared/domain/lifecycle';
import { isStateIn } from '../../../shared/domain/state-groups';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { checkedForeignerRegistration, foreignerRegistrationOf, sentForeignerRegistration } from '../counter/foreigner-registration';
import { appendOutbox, assertEditable, assertType, assertTypeAllows, attentionDateOf, loadRequest, recordDecision, type RequestRecord } from '../counter/store';
import { archivePdf } from './archive';
import { readArchived } from './archived';
import { viewDigest, type QrContent } from './digest';
import { clean, formatDate } from './format';
import { nationalityName } from '../../../shared/domain/nationality';
import { renderView } from './render';
import type { Block, FormView } from './view';

export const FOREIGNER_FORMS_VERSION = 1;
type Kind = 'solicitud_extranjero' | 'comprobante_extranjero';

/** What a paper prints, kept as its snapshot: a reprint and a QR check use exactly this. */
export interface PrintableForeigner {
  id: string;
  number: string;
  agency: { code: string; name: string; provinceName: string };
  /** yyyy-mm-dd (Ecuador). */
  date: string;
  data: ForeignerRegistrationData;
  clerk: { name: string };
  /** Comprobante only: the state when printed, and central's code once assigned. */
  state?: RequestState;
  foreignerCode?: string | null;
}

function personBlocks(d: ForeignerRegistrationData): Block[] {
  return [
    { type: 'section', title: 'Datos del extranjero (pasaporte)' },
    {
      type: 'fields',
      fields: [
        { label: 'Apellidos y nombres', value: clean(d.names), wide: true },
        { label: 'Pasaporte N.º', value: clean(d.passportNumber) },
        { label: 'Caduca el', value: formatDate(d.passportExpiryDate) },
        // The passport's ICAO code with its country's name (shared/domain/nationality.ts: D → Alemania).
        { label: 'Nacionalidad', value: clean(nationalityName(d.nationality) ? `${nationalityName(d.nationality)} (${d.nationality})` : d.nationality) },
        { label: 'Fecha de nacimiento', value: formatDate(d.birthDate) },
        { label: 'Sexo', value: catalogLabel(SEXES, d.sex) ?? d.sex },
      ],
    },
    { type: 'section', title: 'Contrato de trabajo registrado en el SUT' },
    {
      type: 'fields',
      fields: [
        { label: 'RUC del empleador', value: clean(d.employerRuc) },
        { label: 'Contrato N.º', value: clean(d.contractNumber) },
        { label: 'Fecha del contrato', value: formatDate(d.contractDate) },
        { label: 'Inicio de labores', value: formatDate(d.startDate) },
        { label: 'Cargo', value: clean(d.position), wide: true },
      ],
    },
  ];
}

export function foreignerView(kind: Kind, p: PrintableForeigner, version = FOREIGNER_FORMS_VERSION): FormView {
  if (version !== FOREIGNER_FORMS_VERSION) throw new CallFailure('not_found', `No existe la versión ${version} de «${PAPER_LABELS[kind]}».`);
  const head = {
    kind,
    templateVersion: version,
    title: PAPER_LABELS[kind],
    number: clean(p.number),
    numberLabel: 'Trámite N.º',
    agency: `${clean(p.agency.name)} (${clean(p.agency.code)}) · ${clean(p.agency.provinceName)}`,
    date: formatDate(p.date),
  };
  if (kind === 'solicitud_extranjero') {
    return {
      ...head,
      blocks: [
        ...personBlocks(p.data),
        {
          type: 'paragraphs',
          paragraphs: [
            {
              condition: null,
              lead: 'Solicitud.',
              text: 'Como extranjero sin cédula de identidad ecuatoriana que viene a trabajar en el Ecuador, solicito personalmente al IESS mi registro y la asignación del código de identificación para extranjeros, con el que mi empleador emitirá el aviso de entrada y yo generaré mi clave de afiliado. Adjunto la fotocopia a color de mi pasaporte, ampliada, y la copia de mi contrato de trabajo registrado en el Sistema Único de Trabajo (SUT).',
            },
            {
              condition: null,
              lead: 'Declaración.',
              text: 'Declaro que los datos de esta solicitud son verdaderos y corresponden a mi pasaporte y a mi contrato de trabajo.',
            },
            {
              condition: null,
              lead: 'Protección de datos personales.',
              text: 'Conforme a la Ley Orgánica de Protección de Datos Personales (LOPDP), consiento que el IESS trate los datos personales de esta solicitud (nombres, pasaporte, nacionalidad, fecha de nacimiento, sexo y datos de mi contrato de trabajo) con las finalidades de registrarme, asignarme el código de identificación para extranjeros, registrar mi afiliación y atender consultas sobre el trámite. Los datos se conservarán solo el tiempo que exijan esas finalidades y las obligaciones legales del IESS. Puedo ejercer ante el IESS mis derechos de acceso, rectificación y actualización, eliminación, oposición y portabilidad.',
            },
          ],
        },
        {
          type: 'signatures',
          signers: [
            { role: 'Firma del solicitante', name: clean(p.data.names), document: `Pasaporte N.º ${clean(p.data.passportNumber)}` },
            { role: 'Servidor que atendió', name: clean(p.clerk.name), document: null },
          ],
        },
      ],
    };
  }
  const code = p.foreignerCode ?? null;
  return {
    ...head,
    blocks: [
      ...personBlocks(p.data),
      { type: 'section', title: 'Documentos recibidos y verificados' },
      {
        type: 'table',
        columns: ['Documento', 'Presentación'],
        rows: [
          ['Solicitud de registro de extranjero', 'Firmada a mano en ventanilla'],
          ['Fotocopia a color del pasaporte, ampliada', 'Copia, escaneada'],
          ['Copia del contrato de trabajo registrado en el SUT', 'Copia, escaneada'],
        ],
      },
      { type: 'section', title: 'Código de identificación para extranjeros' },
      code
        ? { type: 'fields', fields: [{ label: 'Código asignado por el IESS', value: clean(code), wide: true }] }
        : { type: 'void', text: `PENDIENTE: el IESS asigna el código una vez aprobado el registro (estado al imprimir: ${STATE_LABELS[p.state ?? 'pendiente_revision']}).` },
      {
        type: 'paragraphs',
        paragraphs: [
          {
            condition: null,
            lead: 'Siguiente paso.',
            text: code
              ? 'Con este código genere su clave de afiliado en www.iess.gob.ec: Trámites Virtuales – Asegurados – Afiliados – Generar / Recuperar clave; en «Cédula o código» digite este código.'
              : 'Consulte el estado de su trámite con su número en esta agencia. Cuando el IESS asigne su código, pida aquí este comprobante de nuevo: lo mostrará.',
          },
        ],
      },
    ],
  };
}

async function render(kind: Kind, p: PrintableForeigner, printedAt: number): Promise<{ pdf: Buffer; sha256: string }> {
  const pdf = await renderView(foreignerView(kind, p), p.id, { printedAt });
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}

interface PrintRow {
  printedAt: number;
  templateVersion: number;
  sha256: string;
  path: string;
  snapshot: string | null;
}

const lastPrint = (ctx: AuthedContext, id: string, kind: Kind) =>
  get<PrintRow>(ctx.db, sql`SELECT printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM form_prints WHERE request_id = ${id} AND kind = ${kind} ORDER BY id DESC LIMIT 1`);

function printable(ctx: AuthedContext, req: RequestRecord, data: ForeignerRegistrationData, printedAt: number): PrintableForeigner {
  const agency = get<{ code: string; name: string; provinceCode: string }>(ctx.db, sql`SELECT code, name, province_code AS provinceCode FROM agencies WHERE id = ${ctx.actor.agencyId}`)!;
  return {
    id: req.id,
    number: req.number,
    agency: { code: agency.code, name: agency.name, provinceName: catalogLabel(PROVINCES, agency.provinceCode) ?? agency.provinceCode },
    date: ecuadorDate(printedAt),
    data,
    clerk: { name: ctx.actor.displayName },
  };
}

function recordPrint(db: WritableDB, ctx: AuthedContext, req: RequestRecord, kind: Kind, row: PrintRow & { reprint: boolean; reason: string | null }): void {
  run(
    db,
    sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
      VALUES (${req.id}, ${kind}, ${ctx.clock.now()}, ${ctx.actor.userId}, ${row.reprint ? 1 : 0}, ${row.reason}, ${row.printedAt}, ${row.templateVersion}, ${row.sha256}, ${row.path}, ${row.snapshot})`,
  );
}

type PrintedRequest = CallOutput<'forms.printForeignerRequest'>;

export async function printForeignerRequest(ctx: AuthedContext, input: { id: string; version: number; reprintReason?: string | undefined }): Promise<PrintedRequest> {
  const kind = 'solicitud_extranjero' as const;
  const req = loadRequest(ctx, input.id);
  assertType(req, 'registro_extranjero');
  assertEditable(ctx, req, input.version);
  const form = (templateVersion: number, sha256: string, pdf: Buffer) => ({ kind, title: PAPER_LABELS[kind], templateVersion, sha256, pdfBase64: pdf.toString('base64') });
  const previous = lastPrint(ctx, req.id, kind);
  if (req.state === 'pendiente_firma' && previous) {
    // A reprint while awaiting the signature is the archived paper, checked against its hash (as forms/archived.ts).
    if (!input.reprintReason) throw new CallFailure('invalid_input', 'Indique el motivo de la reimpresión.', [{ path: 'reprintReason', message: 'Motivo obligatorio.' }]);
    if (previous.snapshot === null) throw new CallFailure('conflict', 'Los datos impresos de este trámite fueron depurados: no se puede reimprimir.');
    const pdf = readArchived(ctx, previous);
    if (createHash('sha256').update(pdf).digest('hex') !== previous.sha256) {
      throw new CallFailure('conflict', 'El PDF archivado no coincide con el que se imprimió: no se reimprime. Comuníquese con soporte técnico.');
    }
    ctx.write((db) => {
      recordPrint(db, ctx, req, kind, { ...previous, reprint: true, reason: input.reprintReason ?? null });
      ctx.history.record({ event: 'imprimir_formularios' });
    });
    return { version: req.version, state: req.state, reprint: true, form: form(previous.templateVersion, previous.sha256, pdf) };
  }
  // A first print (or, after a return and its correction, the print of the corrected data).
  if (req.state !== 'en_verificacion') throw new CallFailure('conflict', `La solicitud se imprime durante la verificación de documentos (estado actual: ${STATE_LABELS[req.state]}).`);
  assertTypeAllows(req, 'imprimir_formularios');
  const moved = applyEvent(req.state, 'imprimir_formularios', { actor: ctx.actor.role, channel: req.channel, attentionDate: attentionDateOf(ctx) });
  if (!moved.ok) throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '));
  const data = checkedForeignerRegistration(ctx, req);
  const printedAt = ctx.clock.now();
  const paper = printable(ctx, req, data, printedAt);
  const rendered = await render(kind, paper, printedAt);
  const next = ctx.write((db) => {
    const changed = run(db, sql`UPDATE requests SET state = ${moved.to}, state_since = ${printedAt}, updated_at = ${printedAt}, version = version + 1 WHERE id = ${req.id} AND version = ${req.version}`).changes;
    if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
    const archived = archivePdf(ctx.dataDir, req.id, kind, rendered.pdf);
    recordPrint(db, ctx, req, kind, { printedAt, templateVersion: FOREIGNER_FORMS_VERSION, sha256: rendered.sha256, path: archived.path, snapshot: JSON.stringify(paper), reprint: false, reason: null });
    // Printed here for the foreigner's signature in front of the clerk: a new paper, signed again.
    run(db, sql`UPDATE request_documents SET signature_marked = 0, origin = 'impreso' WHERE request_id = ${req.id} AND document_type = 'solicitud_registro_extranjero'`);
    recordDecision(db, { requestId: req.id, at: printedAt, actorId: ctx.actor.userId, event: 'imprimir_formularios' });
    appendOutbox(db, { agencyId: req.agencyId, requestId: req.id, type: 'request.transition', payload: { event: 'imprimir_formularios', from: req.state, to: moved.to, at: printedAt }, now: printedAt, actor: ctx.actor });
    ctx.history.record({ event: 'imprimir_formularios' });
    return req.version + 1;
  });
  return { version: next, state: moved.to, reprint: false, form: form(FOREIGNER_FORMS_VERSION, rendered.sha256, rendered.pdf) };
}

type PrintedReceipt = CallOutput<'forms.printForeignerReceipt'>;

/** States in which the foreigner has handed everything in: sent to review and after. */
const RECEIPT_STATES: readonly RequestState[] = ['pendiente_revision', 'aprobada', 'enviada', 'completada', 'devuelta'];

export async function printForeignerReceipt(ctx: AuthedContext, input: { id: string; reprintReason?: string | undefined }): Promise<PrintedReceipt> {
  const kind = 'comprobante_extranjero' as const;
  const req = loadRequest(ctx, input.id);
  assertType(req, 'registro_extranjero');
  if (!isStateIn(RECEIPT_STATES, req.state)) {
    throw new CallFailure('conflict', `El comprobante se entrega una vez enviada la solicitud a revisión (estado actual: ${STATE_LABELS[req.state]}).`);
  }
  const previous = lastPrint(ctx, req.id, kind);
  if (previous && !input.reprintReason) throw new CallFailure('invalid_input', 'Indique el motivo de la reimpresión.', [{ path: 'reprintReason', message: 'Motivo obligatorio.' }]);
  const stored = foreignerRegistrationOf(ctx, req);
  // The data as sent to review (checked then); the code as central assigned it.
  const data = sentForeignerRegistration(ctx, req);
  const printedAt = ctx.clock.now();
  const paper: PrintableForeigner = { ...printable(ctx, req, data, printedAt), state: req.state, foreignerCode: req.state === 'completada' ? stored.foreignerCode : null };
  const rendered = await render(kind, paper, printedAt);
  ctx.write((db) => {
    const archived = archivePdf(ctx.dataDir, req.id, kind, rendered.pdf);
    recordPrint(db, ctx, req, kind, { printedAt, templateVersion: FOREIGNER_FORMS_VERSION, sha256: rendered.sha256, path: archived.path, snapshot: JSON.stringify(paper), reprint: previous !== undefined, reason: input.reprintReason ?? null });
    ctx.history.record({ event: 'imprimir_formularios' });
  });
  return { version: req.version, state: req.state, reprint: previous !== undefined, form: { kind, title: PAPER_LABELS[kind], templateVersion: FOREIGNER_FORMS_VERSION, sha256: rendered.sha256, pdfBase64: rendered.pdf.toString('base64') } };
}

type Verified = CallOutput<'forms.verifyQr'>;

/** The QR of a foreigner's paper, checked against what was printed (any print's snapshot of that kind). */
export function verifyForeignerQr(ctx: AuthedContext, content: QrContent): Verified {
  const kind = content.kind as Kind;
  const base = { number: content.number, kind: content.kind, templateVersion: content.templateVersion, request: null, printed: null, guidance: null };
  const reply = (outcome: QrOutcome, message: string, more: Partial<Verified> = {}): Verified => ({ ...base, valid: outcome === 'autentico', outcome, message, ...more });
  const owner = get<{ agencyId: string; number: string; state: RequestState }>(ctx.db, sql`SELECT agency_id AS agencyId, number, state FROM requests WHERE id = ${content.id}`);
  if (!owner || owner.agencyId !== ctx.actor.agencyId || owner.number !== content.number) {
    return reply('desconocido', `No existe en esta agencia el trámite ${content.number}: el documento no se imprimió aquí o su código fue alterado.`);
  }
  ctx.audit.target(`request:${content.id}`);
  const request = { id: content.id, state: owner.state };
  const rows = all<{ at: number; actor: string | null; snapshot: string | null }>(
    ctx.db,
    sql`SELECT p.at, u.display_name AS actor, p.snapshot FROM form_prints p LEFT JOIN users u ON u.id = p.actor_id WHERE p.request_id = ${content.id} AND p.kind = ${kind} AND p.template_version = ${content.templateVersion} ORDER BY p.id`,
  );
  if (rows.length === 0) return reply('alterado', `El trámite ${content.number} existe, pero no se imprimió «${PAPER_LABELS[kind]}» con la versión v${content.templateVersion}.`, { request });
  if (rows.every((r) => r.snapshot === null)) return reply('desconocido', `Los datos impresos del trámite ${content.number} fueron depurados por retención: ya no se puede verificar.`, { request });
  const match = rows.find((r) => r.snapshot !== null && viewDigest(foreignerView(kind, JSON.parse(r.snapshot) as PrintableForeigner, content.templateVersion)) === content.digest);
  if (!match) return reply('alterado', `El contenido impreso no coincide con el registro del trámite ${content.number}: el documento pudo ser alterado.`, { request });
  const names = (JSON.parse(match.snapshot!) as PrintableForeigner).data.names;
  return reply('autentico', `Documento auténtico: ${PAPER_LABELS[kind]} del trámite ${content.number}, de ${names}, impreso el ${formatDateTimeEs(match.at)}${match.actor ? ` por ${match.actor}` : ''}.`, { request });
}

export const foreignerFormHandlers: Pick<HandlersOf<'forms'>, 'forms.printForeignerRequest' | 'forms.printForeignerReceipt'> = {
  'forms.printForeignerRequest': (input, ctx) => printForeignerRequest(ctx, input),
  'forms.printForeignerReceipt': (input, ctx) => printForeignerReceipt(ctx, input),
};
