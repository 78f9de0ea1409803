// The archived PDFs of a request's prints (formularios/<id>/<kind>-<sha>.pdf, archive.ts): the
// newest print of each form, read back for forms.get, the printer and reprints.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FORM_LABELS } from '../../../shared/contract/forms';
import { all, get, sql } from '../../../db/sql';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import { archivePdf } from './archive';
import { renderForm } from './render';
import { FORM_KINDS, type FormKind, type FormTemplate, type PaperKind, type PrintableRequest } from './types';

export interface PrintRow {
  kind: FormKind;
  printedAt: number;
  templateVersion: number;
  sha256: string;
  path: string;
  snapshot: string | null;
}

/** The newest print of each form of a request. */
export function lastPrints(ctx: AuthedContext, requestId: string): PrintRow[] {
  return (
    all<PrintRow>(
      ctx.db,
      sql`SELECT kind, printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM form_prints
       WHERE id IN (SELECT max(id) FROM form_prints WHERE request_id = ${requestId} GROUP BY kind) ORDER BY kind`,
    )
      // The employer forms only: a contact update's constancia is read by forms/constancia.ts.
      .filter((r) => (FORM_KINDS as readonly string[]).includes(r.kind))
  );
}

/**
 * The newest print of one paper of a request, any kind (a contact update's constancia too, or a
 * comprobante printed alone): what goes to the printer.
 */
export function lastPrintOf(ctx: AuthedContext, requestId: string, kind: PaperKind): Omit<PrintRow, 'kind'> | undefined {
  return get<Omit<PrintRow, 'kind'>>(
    ctx.db,
    sql`SELECT printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM form_prints
      WHERE request_id = ${requestId} AND kind = ${kind} ORDER BY id DESC LIMIT 1`,
  );
}

export function readArchived(ctx: AuthedContext, row: Pick<PrintRow, 'path'>): Buffer {
  const file = path.join(ctx.dataDir, ...row.path.split('/'));
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CallFailure('not_found', 'El PDF archivado ya no está en esta estación (pudo ser depurado por retención).');
  }
}

/**
 * The PDFs of a reprint (the three forms, or a comprobante printed alone), in FORM_KINDS order: the archived files, checked against the hash
 * recorded at the first print. A set printed at another desk of the agency has its rows here but
 * not always its files (sync/record.ts: only a replacement desk fetches them): that one is
 * rendered again from its snapshot, as it was printed, archived here, and accepted only when it
 * is byte-identical to the recorded hash.
 */
export async function reprintPdfs(
  ctx: AuthedContext,
  id: string,
  previous: PrintRow[],
  templateFor: (ctx: AuthedContext, kind: FormKind, version: number) => FormTemplate,
): Promise<(Pick<PrintRow, 'kind' | 'templateVersion' | 'sha256' | 'path'> & { pdf: Buffer })[]> {
  const sorted = [...previous].sort((a, b) => FORM_KINDS.indexOf(a.kind) - FORM_KINDS.indexOf(b.kind));
  const onDisk = (p: PrintRow) => fs.existsSync(path.join(ctx.dataDir, ...p.path.split('/')));
  let again: Map<FormKind, Buffer> | null = null;
  if (!sorted.every(onDisk)) {
    const data = JSON.parse(sorted[0]!.snapshot ?? 'null') as PrintableRequest;
    // Only the kinds printed (a comprobante may have been printed alone: forms/receipt.ts).
    again = new Map();
    for (const p of sorted) again.set(p.kind, await renderForm(p.kind, data, templateFor(ctx, p.kind, p.templateVersion), { printedAt: p.printedAt }));
  }
  return sorted.map((p) => {
    const pdf = again?.get(p.kind) ?? readArchived(ctx, p);
    if (createHash('sha256').update(pdf).digest('hex') !== p.sha256) {
      ctx.log.error('reprinted form does not match its recorded hash', { kind: p.kind });
      throw new CallFailure('conflict', `El PDF del formulario «${FORM_LABELS[p.kind]}» no coincide con el que se imprimió: no se reimprime. Comuníquese con soporte técnico.`);
    }
    if (again) archivePdf(ctx.dataDir, id, p.kind, pdf);
    return { kind: p.kind, templateVersion: p.templateVersion, sha256: p.sha256, path: p.path, pdf };
  });
}
