// The «Comprobante de recepción» printed alone. When every paper the applicant signs was brought
// already signed (docs/seeds/004_…:35-41), nothing is printed before review
// (shared/domain/readiness.ts, printedFirstWhenPresencial), yet the applicant leaves with a
// comprobante (DOMAIN §5.3: number, what was received and verified, next step). It is the same
// template and drawing as the one printed with the three forms, archived and recorded in
// form_prints with its snapshot (so forms.verifyQr checks its QR), and a reprint is the archived
// bytes, with a reason, as the three forms' reprint is (forms/archived.ts).
import { FORM_LABELS } from '../../../shared/contract/forms';
import type { CallOutput } from '../../../shared/contract';
import { everyPaperBrought } from '../../../shared/domain/readiness';
import { isStateIn, STATE_GROUPS } from '../../../shared/domain/state-groups';
import { run, sql } from '../../../db/sql';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import { assertType, loadChecklist, loadRequest, type RequestRecord } from '../counter/store';
import { archivePdf } from './archive';
import { lastPrintOf, reprintPdfs } from './archived';
import { renderForm } from './render';
import type { FormKind, FormTemplate, PrintableRequest } from './types';

const KIND = 'comprobante' as const;
const TITLE = FORM_LABELS.comprobante;

type Printed = CallOutput<'forms.printReceipt'>;

/** handlers.ts's readers of the record and the templates, handed in (it imports this file). */
export interface ReceiptDeps {
  printableRequest(ctx: AuthedContext, req: RequestRecord): PrintableRequest;
  templateFor(ctx: AuthedContext, kind: FormKind, version?: number): FormTemplate;
}

export async function printReceipt(ctx: AuthedContext, input: { id: string; reprintReason?: string | undefined }, { printableRequest, templateFor }: ReceiptDeps): Promise<Printed> {
  const req = loadRequest(ctx, input.id);
  assertType(req, 'clave_patronal');
  const previous = lastPrintOf(ctx, req.id, KIND);
  if (previous) {
    if (!input.reprintReason) throw new CallFailure('invalid_input', 'Indique el motivo de la reimpresión.', [{ path: 'reprintReason', message: 'Motivo obligatorio.' }]);
    if (previous.snapshot === null) throw new CallFailure('conflict', 'Los datos impresos de esta solicitud fueron depurados: no se puede reimprimir.');
    const [again] = await reprintPdfs(ctx, req.id, [{ kind: KIND, ...previous }], templateFor);
    const now = ctx.clock.now();
    ctx.write((db) => {
      run(
        db,
        sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
          VALUES (${req.id}, ${KIND}, ${now}, ${ctx.actor.userId}, 1, ${input.reprintReason}, ${previous.printedAt}, ${previous.templateVersion}, ${previous.sha256}, ${previous.path}, ${previous.snapshot})`,
      );
      ctx.history.record();
    });
    return { reprint: true, form: { kind: KIND, title: TITLE, templateVersion: previous.templateVersion, sha256: previous.sha256, pdfBase64: again!.pdf.toString('base64') } };
  }

  // A request that printed its forms has its comprobante among them (reprinted with forms.print).
  if (req.channel !== 'presencial' || !everyPaperBrought(loadChecklist(ctx.db, req.id))) {
    throw new CallFailure('conflict', 'El comprobante de esta solicitud se imprime con sus formularios («Imprimir formularios»).');
  }
  if (!isStateIn(STATE_GROUPS.received, req.state)) {
    throw new CallFailure('conflict', 'El comprobante se imprime cuando la solicitud fue enviada a revisión.');
  }
  const data = printableRequest(ctx, req);
  const template = templateFor(ctx, KIND);
  const printedAt = ctx.clock.now();
  const pdf = await renderForm(KIND, data, template, { printedAt });
  const sha256 = ctx.write((db) => {
    const archived = archivePdf(ctx.dataDir, req.id, KIND, pdf);
    // The request's record does not change (no lifecycle event, no version): the print reaches
    // central with the request's next record, as a reprint of the three forms does.
    run(
      db,
      sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
        VALUES (${req.id}, ${KIND}, ${printedAt}, ${ctx.actor.userId}, 0, NULL, ${printedAt}, ${template.version}, ${archived.sha256}, ${archived.path}, ${JSON.stringify(data)})`,
    );
    ctx.history.record();
    return archived.sha256;
  });
  return { reprint: false, form: { kind: KIND, title: TITLE, templateVersion: template.version, sha256, pdfBase64: pdf.toString('base64') } };
}
