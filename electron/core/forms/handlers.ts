// The core's side of the printed forms: build what goes on paper from the record, render,
// archive, record every print and reprint, print to the OS, and check a paper's QR code.
import fs from 'node:fs';
import path from 'node:path';
import { APPLICANT_KINDS, PRESENTATIONS, PROVINCES, REPRESENTATIVE_ID_TYPES, catalogLabel } from '../../../shared/domain/catalogs';
import { applyEvent } from '../../../shared/domain/lifecycle';
import { FORM_LABELS } from '../../../shared/contract/forms';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { Handlers } from '../registry';
import { ecuadorDate } from '../ecuador-time';
import { appendOutbox, assertEditable, attentionDateOf, bumpVersion, documentLabel, loadChecklist, loadRequest, type RequestRecord } from '../counter/store';
import { archivePdf } from './archive';
import { parseQrPayload, verifyQrPayload } from './digest';
import { listPrinters, printPdf, PrintError } from './print';
import { renderAll } from './render';
import { DEFAULT_TEMPLATES } from './templates';
import { FORM_KINDS, type FormKind, type FormTemplate, type PrintableRequest } from './types';

/** The template of `kind` at `version`, or the newest one; version 1 ships in code. */
export function templateFor(ctx: AuthedContext, kind: FormKind, version?: number): FormTemplate {
  const row = ctx.db.$client
    .prepare(`SELECT version, title, paragraphs FROM form_templates WHERE kind = ? ${version ? 'AND version = ?' : ''} ORDER BY version DESC LIMIT 1`)
    .get(...(version ? [kind, version] : [kind])) as { version: number; title: string; paragraphs: string } | undefined;
  if (row) return { kind, version: row.version, title: row.title, paragraphs: JSON.parse(row.paragraphs) as string[] };
  const fallback = DEFAULT_TEMPLATES[kind];
  if (version && version !== fallback.version) throw new CallFailure('not_found', `No existe la versión ${version} de la plantilla «${FORM_LABELS[kind]}».`);
  return fallback;
}

/** What the paper shows, read from the record at the moment of the first print. */
export function printableRequest(ctx: AuthedContext, req: RequestRecord): PrintableRequest {
  const sqlite = ctx.db.$client;
  const agency = sqlite.prepare('SELECT code, name, province_code AS provinceCode FROM agencies WHERE id = ?').get(req.agencyId) as { code: string; name: string; provinceCode: string };
  const clerk = sqlite.prepare('SELECT display_name AS name FROM users WHERE id = ?').get(req.clerkId) as { name: string } | undefined;
  const i = req.intake;
  const idType = i.representativeIdType ?? 'cedula';
  return {
    number: req.number,
    id: req.id,
    agency: { code: agency.code, name: agency.name, provinceName: catalogLabel(PROVINCES, agency.provinceCode) ?? agency.provinceCode },
    attentionDate: ecuadorDate(req.createdAt),
    channel: req.channel,
    applicantKind: { code: i.applicantKind ?? '', label: catalogLabel(APPLICANT_KINDS, i.applicantKind) ?? '' },
    employer: { ruc: i.employerRuc ?? '', branch: i.employerBranch ?? '0001', legalName: i.employerLegalName ?? '' },
    representative: {
      names: i.representativeNames ?? '',
      idType,
      idTypeLabel: catalogLabel(REPRESENTATIVE_ID_TYPES, idType) ?? idType,
      idNumber: i.representativeIdNumber ?? '',
      nationality: i.representativeNationality ?? 'ECU',
    },
    contact: { email: i.email ?? '', mobile: i.mobile ?? null, address: i.address ?? null },
    thirdParty: i.viaThirdParty ? { names: i.thirdPartyNames ?? '', cedula: i.thirdPartyCedula ?? '' } : null,
    artisan: i.artisan ? { number: i.artisanNumber ?? '', branch: i.artisanBranch ?? '', expiryDate: i.artisanExpiryDate && i.artisanExpiryDate !== 'Indefinida' ? i.artisanExpiryDate : null } : null,
    documents: loadChecklist(sqlite, req.id).map((d) => ({
      label: documentLabel(d.documentType),
      presentationLabel: catalogLabel(PRESENTATIONS, d.presentedAs ?? d.presentation) ?? d.presentation,
      verified: d.status === 'verificado',
    })),
    clerk: { name: clerk?.name ?? '' },
  };
}

interface PrintRow {
  kind: FormKind;
  printedAt: number;
  templateVersion: number;
  sha256: string;
  path: string;
  snapshot: string | null;
}

/** The newest print of each form of a request. */
function lastPrints(ctx: AuthedContext, requestId: string): PrintRow[] {
  return ctx.db.$client
    .prepare(
      `SELECT kind, printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM form_prints
       WHERE id IN (SELECT max(id) FROM form_prints WHERE request_id = ? GROUP BY kind) ORDER BY kind`,
    )
    .all(requestId) as PrintRow[];
}

function readArchived(ctx: AuthedContext, row: PrintRow): Buffer {
  const file = path.join(ctx.dataDir, ...row.path.split('/'));
  try {
    return fs.readFileSync(file);
  } catch {
    throw new CallFailure('not_found', 'El PDF archivado ya no está en esta estación (pudo ser depurado por retención).');
  }
}

const REPRINT_STATES = new Set(['pendiente_firma', 'pendiente_revision', 'devuelta', 'aprobada', 'enviada', 'clave_emitida']);

export const formHandlers: Pick<Handlers, 'forms.print' | 'forms.get' | 'forms.printers' | 'forms.sendToPrinter' | 'forms.verifyQr'> = {
  'forms.print': async ({ id, version, reprintReason }, ctx) => {
    const req = loadRequest(ctx, id);
    const sqlite = ctx.db.$client;
    const previous = lastPrints(ctx, id);
    const reprint = REPRINT_STATES.has(req.state) && previous.length === FORM_KINDS.length;
    if (reprint) {
      if (!reprintReason) throw new CallFailure('invalid_input', 'Indique el motivo de la reimpresión.', [{ path: 'reprintReason', message: 'Motivo obligatorio.' }]);
      // Same snapshot, same date, same template versions: the same bytes as the signed paper.
      const data = JSON.parse(previous[0]!.snapshot ?? 'null') as PrintableRequest | null;
      if (!data) throw new CallFailure('conflict', 'Los datos impresos de esta solicitud fueron depurados: no se puede reimprimir.');
      const templates = Object.fromEntries(previous.map((p) => [p.kind, templateFor(ctx, p.kind, p.templateVersion)])) as Record<FormKind, FormTemplate>;
      const rendered = await renderAll(data, templates, { printedAt: previous[0]!.printedAt });
      const now = ctx.clock.now();
      ctx.write(() => {
        for (const r of rendered) {
          const archived = archivePdf(ctx.dataDir, id, r.kind, r.pdf);
          sqlite
            .prepare('INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)')
            .run(id, r.kind, now, ctx.actor.userId, reprintReason, previous[0]!.printedAt, templates[r.kind].version, r.sha256, archived.path, previous[0]!.snapshot);
        }
      });
      return { version: req.version, state: req.state, reprint: true, forms: rendered.map((r) => ({ kind: r.kind, title: FORM_LABELS[r.kind], templateVersion: templates[r.kind].version, sha256: r.sha256, pdfBase64: r.pdf.toString('base64') })) };
    }

    assertEditable(ctx, req, version);
    const moved = applyEvent(req.state, 'imprimir_formularios', { actor: ctx.actor.role, channel: req.channel, attentionDate: attentionDateOf(ctx) });
    if (!moved.ok) throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '));
    // The comprobante lists what was verified: the documents without a signature come first.
    const missing = loadChecklist(sqlite, id).filter((d) => d.signature !== 'manuscrita' && d.status !== 'verificado');
    if (missing.length > 0) {
      throw new CallFailure('conflict', `Antes de imprimir, verifique: ${missing.map((d) => documentLabel(d.documentType)).join('; ')}.`);
    }
    const data = printableRequest(ctx, req);
    const templates = Object.fromEntries(FORM_KINDS.map((k) => [k, templateFor(ctx, k)])) as Record<FormKind, FormTemplate>;
    const printedAt = ctx.clock.now();
    const rendered = await renderAll(data, templates, { printedAt });
    const snapshot = JSON.stringify(data);
    const next = ctx.write(() => {
      const v = bumpVersion(sqlite, req, printedAt);
      for (const r of rendered) {
        const archived = archivePdf(ctx.dataDir, id, r.kind, r.pdf);
        sqlite
          .prepare('INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot) VALUES (?, ?, ?, ?, 0, NULL, ?, ?, ?, ?, ?)')
          .run(id, r.kind, printedAt, ctx.actor.userId, printedAt, templates[r.kind].version, r.sha256, archived.path, snapshot);
      }
      sqlite.prepare('UPDATE requests SET state = ?, state_since = ? WHERE id = ?').run(moved.to, printedAt, id);
      appendOutbox(sqlite, {
        agencyId: req.agencyId,
        requestId: id,
        type: 'request.transition',
        payload: { event: 'imprimir_formularios', from: req.state, to: moved.to, at: printedAt, forms: rendered.map((r) => ({ kind: r.kind, sha256: r.sha256, templateVersion: templates[r.kind].version })) },
        now: printedAt,
      });
      return v;
    });
    return { version: next, state: moved.to, reprint: false, forms: rendered.map((r) => ({ kind: r.kind, title: FORM_LABELS[r.kind], templateVersion: templates[r.kind].version, sha256: r.sha256, pdfBase64: r.pdf.toString('base64') })) };
  },

  'forms.get': ({ id }, ctx) => {
    loadRequest(ctx, id);
    const forms = lastPrints(ctx, id).map((row) => ({ kind: row.kind, title: FORM_LABELS[row.kind], templateVersion: row.templateVersion, sha256: row.sha256, pdfBase64: readArchived(ctx, row).toString('base64') }));
    const prints = ctx.db.$client
      .prepare(
        `SELECT p.at, u.display_name AS actor, p.reprint, p.reason FROM form_prints p LEFT JOIN users u ON u.id = p.actor_id
         WHERE p.request_id = ? AND p.kind = 'solicitud' ORDER BY p.id`,
      )
      .all(id) as { at: number; actor: string | null; reprint: number; reason: string | null }[];
    return { forms, prints: prints.map((p) => ({ ...p, reprint: p.reprint === 1 })) };
  },

  'forms.printers': async () => {
    try {
      return { printers: await listPrinters(), available: true };
    } catch (err) {
      if (err instanceof PrintError) return { printers: [], available: false };
      throw err;
    }
  },

  'forms.sendToPrinter': async ({ id, kind, printer }, ctx) => {
    const req = loadRequest(ctx, id);
    const row = lastPrints(ctx, id).find((p) => p.kind === kind);
    if (!row) throw new CallFailure('conflict', 'Primero genere los formularios de la solicitud.');
    const file = path.join(ctx.dataDir, ...row.path.split('/'));
    readArchived(ctx, row);
    try {
      // The job title names the request number only: print queues are not a place for personal data.
      const result = await printPdf(file, printer, { jobTitle: `${req.number}-${kind}` });
      return { jobId: result.jobId };
    } catch (err) {
      if (err instanceof PrintError) throw new CallFailure('unavailable', err.message);
      throw err;
    }
  },

  'forms.verifyQr': ({ payload }, ctx) => {
    const content = parseQrPayload(payload);
    const invalid = (message: string) => ({ valid: false, message, number: content?.number ?? null, kind: content?.kind ?? null });
    if (!content) return invalid('El contenido no corresponde a un código QR de Ventanilla Patronal.');
    const owner = ctx.db.$client.prepare('SELECT agency_id AS agencyId, number FROM requests WHERE id = ?').get(content.id) as { agencyId: string; number: string } | undefined;
    if (!owner || owner.agencyId !== ctx.actor.agencyId || owner.number !== content.number) return invalid('No existe en esta agencia una solicitud con ese número.');
    ctx.audit.target(`request:${content.id}`);
    const prints = ctx.db.$client
      .prepare('SELECT snapshot FROM form_prints WHERE request_id = ? AND kind = ? AND template_version = ? ORDER BY id DESC')
      .all(content.id, content.kind, content.templateVersion) as { snapshot: string | null }[];
    const template = templateFor(ctx, content.kind, content.templateVersion);
    const matches = prints.some((p) => p.snapshot !== null && verifyQrPayload(payload, JSON.parse(p.snapshot) as PrintableRequest, template));
    return matches
      ? { valid: true, message: `Documento auténtico: ${FORM_LABELS[content.kind]} de la solicitud ${content.number}.`, number: content.number, kind: content.kind }
      : invalid('El contenido impreso no coincide con el registro: el documento pudo ser alterado.');
  },
};
