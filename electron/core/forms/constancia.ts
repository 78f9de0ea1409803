// «Constancia de actualización de datos de contacto»: the one page a contact update prints for the
// affiliate's handwritten signature (shared/domain/request-types.ts, actualizacion_contacto). Drawn
// by the forms' machinery (view → render.ts: same fonts, Code 128 and QR), archived and recorded in
// form_prints like the employer forms, so a reprint is the same bytes and forms.verifyQr checks it.
// The first print moves the request borrador → en_verificacion (data checked, cédula shown) →
// pendiente_firma, each a lifecycle event sent to central.
import { createHash } from 'node:crypto';
import type { CallOutput } from '../../../shared/contract';
import { PAPER_LABELS, type QrOutcome } from '../../../shared/contract/forms';
import { catalogLabel, EMAIL_UNVERIFIED_REASONS, PROVINCES } from '../../../shared/domain/catalogs';
import { AFFILIATE_ID_TYPES, AFFILIATE_KINDS, type ContactUpdateData } from '../../../shared/domain/contact-update';
import { ecuadorDate, formatDateTimeEs } from '../../../shared/domain/dates';
import { applyEvent, type RequestState } from '../../../shared/domain/lifecycle';
import { all, get, run, sql } from '../../../db/sql';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { assertEmailProof, checkedContactUpdate } from '../counter/contact-update';
import { appendOutbox, assertEditable, assertType, assertTypeAllows, attentionDateOf, loadRequest, recordDecision } from '../counter/store';
import { archivePdf } from './archive';
import { readArchived } from './archived';
import { viewDigest, type QrContent } from './digest';
import { clean, formatDate } from './format';
import { renderView } from './render';
import type { FormView } from './view';

export const CONSTANCIA_VERSION = 1;
const KIND = 'constancia_contacto' as const;
const TITLE = PAPER_LABELS.constancia_contacto;

/** What the constancia prints, kept as its snapshot: a reprint and a QR check use exactly this. */
export interface PrintableConstancia {
  id: string;
  number: string;
  agency: { code: string; name: string; provinceName: string };
  /** yyyy-mm-dd (Ecuador). */
  date: string;
  data: ContactUpdateData;
  /** How the e-mail was proven at the counter, in words. */
  emailProof: string;
  clerk: { name: string };
}

export function constanciaView(c: PrintableConstancia, version = CONSTANCIA_VERSION): FormView {
  if (version !== CONSTANCIA_VERSION) throw new CallFailure('not_found', `No existe la versión ${version} de la constancia de actualización de datos de contacto.`);
  const d = c.data;
  const idLabel = catalogLabel(AFFILIATE_ID_TYPES, d.idType) ?? d.idType;
  return {
    kind: KIND,
    templateVersion: version,
    title: TITLE,
    number: clean(c.number),
    numberLabel: 'Trámite N.º',
    agency: `${clean(c.agency.name)} (${clean(c.agency.code)}) · ${clean(c.agency.provinceName)}`,
    date: formatDate(c.date),
    blocks: [
      { type: 'section', title: 'Datos del solicitante' },
      {
        type: 'fields',
        fields: [
          { label: 'Apellidos y nombres', value: clean(d.names), wide: true },
          { label: idLabel, value: clean(d.idNumber) },
          { label: 'Calidad', value: catalogLabel(AFFILIATE_KINDS, d.affiliateKind) ?? d.affiliateKind },
        ],
      },
      { type: 'section', title: 'Datos de contacto registrados' },
      {
        type: 'fields',
        fields: [
          { label: 'Correo electrónico', value: clean(d.email), wide: true },
          { label: 'Teléfono celular', value: d.mobile },
          { label: 'Teléfono fijo', value: d.landline === '' ? 'No registra' : d.landline },
          { label: 'Comprobación del correo', value: clean(c.emailProof), wide: true },
        ],
      },
      {
        type: 'paragraphs',
        paragraphs: [
          {
            condition: null,
            lead: 'Declaración.',
            text: 'Declaro que los datos de contacto registrados en esta constancia son correctos y de mi uso personal, y autorizo al IESS a utilizarlos para comunicarse conmigo. Al generar o recuperar mi clave de afiliado en el portal del IESS, el mensaje «ACTIVACIÓN CLAVE» llegará a este correo electrónico y su enlace dura 3 minutos.',
          },
          {
            condition: null,
            lead: 'Tratamiento de datos.',
            text: 'Los datos personales se tratan conforme a la Ley Orgánica de Protección de Datos Personales, solo para la finalidad indicada.',
          },
        ],
      },
      {
        type: 'signatures',
        signers: [
          { role: 'Firma del solicitante', name: clean(d.names), document: `${d.idType === 'cedula' ? 'C.I.' : 'Código'} N.º ${clean(d.idNumber)}` },
          { role: 'Servidor que atendió', name: clean(c.clerk.name), document: null },
        ],
      },
    ],
  };
}

async function render(c: PrintableConstancia, printedAt: number): Promise<{ pdf: Buffer; sha256: string }> {
  const pdf = await renderView(constanciaView(c), c.id, { printedAt });
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}

function emailProofWords(proof: { status: 'verificado' | 'no_verificado'; reason: string | null }): string {
  if (proof.status === 'verificado') return 'Comprobado en ventanilla con el código enviado por el IESS.';
  return `No comprobado: ${catalogLabel(EMAIL_UNVERIFIED_REASONS, proof.reason) ?? 'motivo registrado'}.`;
}

type Printed = CallOutput<'forms.printConstancia'>;

interface PrintRow {
  printedAt: number;
  templateVersion: number;
  sha256: string;
  path: string;
  snapshot: string | null;
}

export async function printConstancia(ctx: AuthedContext, input: { id: string; version: number; reprintReason?: string | undefined }): Promise<Printed> {
  const req = loadRequest(ctx, input.id);
  assertType(req, 'actualizacion_contacto');
  const previous = get<PrintRow>(
    ctx.db,
    sql`SELECT printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM form_prints WHERE request_id = ${req.id} AND kind = ${KIND} ORDER BY id DESC LIMIT 1`,
  );
  if (previous) {
    // A reprint is the archived paper, checked against the hash of the first print (as forms/archived.ts).
    if (!input.reprintReason) throw new CallFailure('invalid_input', 'Indique el motivo de la reimpresión.', [{ path: 'reprintReason', message: 'Motivo obligatorio.' }]);
    if (previous.snapshot === null) throw new CallFailure('conflict', 'Los datos impresos de este trámite fueron depurados: no se puede reimprimir.');
    const pdf = readArchived(ctx, previous);
    if (createHash('sha256').update(pdf).digest('hex') !== previous.sha256) {
      throw new CallFailure('conflict', 'El PDF archivado no coincide con el que se imprimió: no se reimprime. Comuníquese con soporte técnico.');
    }
    const now = ctx.clock.now();
    ctx.write((db) => {
      run(
        db,
        sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
          VALUES (${req.id}, ${KIND}, ${now}, ${ctx.actor.userId}, 1, ${input.reprintReason}, ${previous.printedAt}, ${previous.templateVersion}, ${previous.sha256}, ${previous.path}, ${previous.snapshot})`,
      );
      ctx.history.record({ event: 'imprimir_formularios' });
    });
    return { version: req.version, state: req.state, reprint: true, form: { kind: KIND, title: TITLE, templateVersion: previous.templateVersion, sha256: previous.sha256, pdfBase64: pdf.toString('base64') } };
  }

  assertEditable(ctx, req, input.version);
  if (req.state !== 'borrador') throw new CallFailure('conflict', 'La constancia se imprime desde el borrador del trámite.');
  assertTypeAllows(req, 'iniciar_verificacion');
  const data = checkedContactUpdate(ctx, req);
  assertEmailProof(req);
  const context = { actor: ctx.actor.role, channel: req.channel, attentionDate: attentionDateOf(ctx) };
  // The data are complete and the original cédula was shown (001:10): verification, then the print.
  const started = applyEvent('borrador', 'iniciar_verificacion', context);
  if (!started.ok) throw new CallFailure('conflict', started.errors.map((e) => e.message).join(' '));
  const printedState: RequestState = 'en_verificacion';
  const printed = applyEvent(printedState, 'imprimir_formularios', context);
  if (!printed.ok) throw new CallFailure('conflict', printed.errors.map((e) => e.message).join(' '));
  const agency = get<{ code: string; name: string; provinceCode: string }>(ctx.db, sql`SELECT code, name, province_code AS provinceCode FROM agencies WHERE id = ${ctx.actor.agencyId}`)!;
  const printedAt = ctx.clock.now();
  const constancia: PrintableConstancia = {
    id: req.id,
    number: req.number,
    agency: { code: agency.code, name: agency.name, provinceName: catalogLabel(PROVINCES, agency.provinceCode) ?? agency.provinceCode },
    date: ecuadorDate(printedAt),
    data,
    emailProof: emailProofWords(req.details.emailProof!),
    clerk: { name: ctx.actor.displayName },
  };
  const rendered = await render(constancia, printedAt);
  const next = ctx.write((db) => {
    // The checked values (171430710-3 → 1714307103) replace the typed ones as the paper prints them:
    // central matches its contact.updated against the request's record, and search finds it.
    const changed = run(
      db,
      sql`UPDATE requests SET state = ${printed.to}, state_since = ${printedAt}, updated_at = ${printedAt}, version = version + 1, representative_id_number = ${data.idNumber},
           representative_names = ${data.names}, email = ${data.email}, mobile = ${data.mobile}, landline = ${data.landline === '' ? null : data.landline} WHERE id = ${req.id} AND version = ${req.version}`,
    ).changes;
    if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
    const archived = archivePdf(ctx.dataDir, req.id, KIND, rendered.pdf);
    run(
      db,
      sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
        VALUES (${req.id}, ${KIND}, ${printedAt}, ${ctx.actor.userId}, 0, NULL, ${printedAt}, ${CONSTANCIA_VERSION}, ${rendered.sha256}, ${archived.path}, ${JSON.stringify(constancia)})`,
    );
    for (const [from, event, to] of [
      ['borrador', 'iniciar_verificacion', started.to],
      [printedState, 'imprimir_formularios', printed.to],
    ] as const) {
      recordDecision(db, { requestId: req.id, at: printedAt, actorId: ctx.actor.userId, event });
      appendOutbox(db, { agencyId: req.agencyId, requestId: req.id, type: 'request.transition', payload: { event, from, to, at: printedAt }, now: printedAt, actor: ctx.actor });
    }
    ctx.history.record({ event: 'imprimir_formularios' });
    return req.version + 1;
  });
  return { version: next, state: printed.to, reprint: false, form: { kind: KIND, title: TITLE, templateVersion: CONSTANCIA_VERSION, sha256: rendered.sha256, pdfBase64: rendered.pdf.toString('base64') } };
}

type Verified = CallOutput<'forms.verifyQr'>;

/** The QR of a constancia, checked against what was printed (form_prints' snapshot). */
export function verifyConstanciaQr(ctx: AuthedContext, content: QrContent): Verified {
  const base = { number: content.number, kind: content.kind, templateVersion: content.templateVersion, request: null, printed: null, guidance: null };
  const reply = (outcome: QrOutcome, message: string, more: Partial<Verified> = {}): Verified => ({ ...base, valid: outcome === 'autentico', outcome, message, ...more });
  const owner = get<{ agencyId: string; number: string; state: RequestState }>(ctx.db, sql`SELECT agency_id AS agencyId, number, state FROM requests WHERE id = ${content.id}`);
  if (!owner || owner.agencyId !== ctx.actor.agencyId || owner.number !== content.number) {
    return reply('desconocido', `No existe en esta agencia el trámite ${content.number}: la constancia no se imprimió aquí o su código fue alterado.`);
  }
  ctx.audit.target(`request:${content.id}`);
  const request = { id: content.id, state: owner.state };
  const rows = all<{ at: number; actor: string | null; reprint: number; reason: string | null; snapshot: string | null }>(
    ctx.db,
    sql`SELECT p.at, u.display_name AS actor, p.reprint, p.reason, p.snapshot FROM form_prints p LEFT JOIN users u ON u.id = p.actor_id
      WHERE p.request_id = ${content.id} AND p.kind = ${KIND} AND p.template_version = ${content.templateVersion} ORDER BY p.id`,
  );
  if (rows.length === 0) return reply('alterado', `El trámite ${content.number} existe, pero no se imprimió su constancia con la versión v${content.templateVersion}.`, { request });
  const snapshot = rows.find((r) => r.snapshot !== null)?.snapshot;
  if (!snapshot) return reply('desconocido', `Los datos impresos del trámite ${content.number} fueron depurados por retención: ya no se puede verificar.`, { request });
  const c = JSON.parse(snapshot) as PrintableConstancia;
  if (viewDigest(constanciaView(c, content.templateVersion)) !== content.digest) {
    return reply('alterado', `El contenido impreso no coincide con el registro del trámite ${content.number}: la constancia pudo ser alterada.`, { request });
  }
  const first = rows[0]!;
  return reply('autentico', `Documento auténtico: ${TITLE} del trámite ${content.number}, de ${c.data.names}, impresa el ${formatDateTimeEs(first.at)}${first.actor ? ` por ${first.actor}` : ''}.`, { request });
}

export const constanciaHandlers: Pick<HandlersOf<'forms'>, 'forms.printConstancia'> = {
  'forms.printConstancia': (input, ctx) => printConstancia(ctx, input),
};
