// The core's side of the printed forms: build what goes on paper from the record, render,
// archive, record every print and reprint, print to the OS, check a paper's QR code, and the
// administrator's versions of the wording.
import type { AgencyRow, FormTemplateRow, RequestTableRow } from '../../../db/rows';
import path from 'node:path';
import { APPLICANT_KINDS, PRESENTATIONS, PROVINCES, REPRESENTATIVE_ID_TYPES, catalogLabel } from '../../../shared/domain/catalogs';
import { applyEvent } from '../../../shared/domain/lifecycle';
import { isStateIn, STATE_GROUPS } from '../../../shared/domain/state-groups';
import type { CallOutput } from '../../../shared/contract';
import { FORM_LABELS, PAPER_LABELS, REQUEST_PAPER_KIND_CODES, type PaperKind, type QrOutcome, type RequestPaperKind, type TemplateFile, type TemplateVersion } from '../../../shared/contract/forms';
import type { AuthedContext, AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { ecuadorDate, formatDateTimeEs } from '../../../shared/domain/dates';
import { all, empty, get, run, sql, value } from '../../../db/sql';
import { appendOutbox, assertEditable, assertType, attentionDateOf, bumpVersion, documentLabel, loadChecklist, loadRequest, originsOf, type RequestRecord } from '../counter/store';
import { archivePdf } from './archive';
import { lastPrintOf, lastPrints, readArchived, reprintPdfs, type PrintRow } from './archived';
import { demoRequest } from './demo';
import { barcodeNames, guidanceHandlers, verifyGuidanceQr } from './guidance';
import { constanciaHandlers, verifyConstanciaQr } from './constancia';
import { foreignerFormHandlers, verifyForeignerQr } from './foreigner';
import { parseQrPayload, verifyQrPayload } from './digest';
import { printReceipt } from './receipt';
import { listPrinters, printPdf, PrintError } from './print';
import { renderAll, renderForm } from './render';
import { DEFAULT_TEMPLATES, templateIssues } from './templates';
import { FORM_KINDS, type FormKind, type FormTemplate, type PrintableRequest } from './types';

/** The template of `kind` at `version`, or the newest one; version 1 ships in code. */
export function templateFor(ctx: Pick<AuthedReadContext, 'db'>, kind: FormKind, version?: number): FormTemplate {
  const row = get<Pick<FormTemplateRow, 'version' | 'title' | 'paragraphs'>>(
    ctx.db,
    sql`SELECT version, title, paragraphs FROM form_templates WHERE kind = ${kind} ${version ? sql`AND version = ${version}` : empty} ORDER BY version DESC LIMIT 1`,
  );
  if (row) return { kind, version: row.version, title: row.title, paragraphs: JSON.parse(row.paragraphs) as string[] };
  const fallback = DEFAULT_TEMPLATES[kind];
  if (version && version !== fallback.version) throw new CallFailure('not_found', `No existe la versión ${version} de la plantilla «${FORM_LABELS[kind]}».`);
  return fallback;
}

/** What the paper shows, read from the record at the moment of the first print. */
export function printableRequest(ctx: AuthedContext, req: RequestRecord): PrintableRequest {
  const agency = get<Pick<AgencyRow, 'code' | 'name' | 'provinceCode'>>(ctx.db, sql`SELECT code, name, province_code AS provinceCode FROM agencies WHERE id = ${req.agencyId}`)!;
  const clerk = get<{ name: string }>(ctx.db, sql`SELECT display_name AS name FROM users WHERE id = ${req.clerkId}`);
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
    documents: loadChecklist(ctx.db, req.id).map((d) => ({
      label: documentLabel(d.documentType),
      presentationLabel: catalogLabel(PRESENTATIONS, d.presentedAs ?? d.presentation) ?? d.presentation,
      verified: d.status === 'verificado',
      signedHere: d.status !== 'verificado' && d.signature === 'manuscrita' && d.origin !== 'traido',
    })),
    clerk: { name: clerk?.name ?? '' },
  };
}

// --- Template versions (administrator) -----------------------------------------------------

/** Every version of a form's wording, newest first; version 1 is the one shipped in code. */
function templateVersions(ctx: AuthedReadContext, kind: FormKind): TemplateVersion[] {
  const rows = all<{ version: number; title: string; paragraphs: string; createdAt: number; createdBy: string | null }>(
    ctx.db,
    sql`SELECT t.version, t.title, t.paragraphs, t.created_at AS createdAt, u.display_name AS createdBy
       FROM form_templates t LEFT JOIN users u ON u.id = t.created_by WHERE t.kind = ${kind} ORDER BY t.version DESC`,
  );
  const versions: TemplateVersion[] = rows.map((r) => ({ ...r, paragraphs: JSON.parse(r.paragraphs) as string[] }));
  if (!versions.some((v) => v.version === DEFAULT_TEMPLATES[kind].version)) {
    const builtIn = DEFAULT_TEMPLATES[kind];
    versions.push({ version: builtIn.version, title: builtIn.title, paragraphs: [...builtIn.paragraphs], createdAt: null, createdBy: null });
  }
  return versions;
}

/**
 * The version an administrator's file would become, checked: the next number, valid wording,
 * and not the same words as the version in use. Throws a CallFailure with one field issue per
 * problem (Spanish); nothing is written.
 */
function candidateTemplate(ctx: AuthedReadContext, input: TemplateFile): { template: FormTemplate; current: FormTemplate } {
  const label = FORM_LABELS[input.kind];
  const current = templateFor(ctx, input.kind);
  const next = current.version + 1;
  if (input.version !== undefined && input.version !== next) {
    const message =
      input.version <= current.version
        ? `Campo «version»: la versión ${input.version} de «${label}» ya existe; la siguiente es la ${next}. Cambie «version» a ${next} o quítelo del archivo.`
        : `Campo «version»: la siguiente versión de «${label}» es la ${next}, no la ${input.version}. Cambie «version» a ${next} o quítelo del archivo.`;
    throw new CallFailure('invalid_input', message, [{ path: 'version', message }]);
  }
  const template: FormTemplate = { kind: input.kind, version: next, title: input.title.trim(), paragraphs: input.paragraphs.map((p) => p.trim()) };
  const issues = templateIssues(template);
  if (issues.length > 0) {
    const count = issues.length === 1 ? 'un problema' : `${issues.length} problemas`;
    throw new CallFailure('invalid_input', `La plantilla de «${label}» tiene ${count}; no se cambió nada. Corrija el archivo y vuelva a importarlo.`, issues);
  }
  if (template.title === current.title.trim() && JSON.stringify(template.paragraphs) === JSON.stringify(current.paragraphs.map((p) => p.trim()))) {
    throw new CallFailure('conflict', `El archivo tiene el mismo texto que la versión ${current.version} de «${label}», que es la que se imprime: no hay nada que publicar.`);
  }
  return { template, current };
}

/** A request that exists nowhere, with this agency's name, for the administrator's preview. */
function sampleRequests(ctx: AuthedReadContext): { label: string; data: PrintableRequest }[] {
  const agency = get<Pick<AgencyRow, 'code' | 'name' | 'provinceCode'>>(ctx.db, sql`SELECT code, name, province_code AS provinceCode FROM agencies WHERE id = ${ctx.actor.agencyId}`);
  const adapt = (data: PrintableRequest): PrintableRequest => ({
    ...data,
    // Not a real number: a sample printed by mistake cannot pass for a request's paper.
    number: `CAU-${agency?.code ?? data.agency.code}-MUESTRA`,
    agency: agency ? { code: agency.code, name: agency.name, provinceName: catalogLabel(PROVINCES, agency.provinceCode) ?? agency.provinceCode } : data.agency,
    attentionDate: ecuadorDate(ctx.clock.now()),
  });
  return [
    {
      label: 'Con tercero autorizado y artesano calificado',
      data: adapt({ ...demoRequest(true), artisan: { number: 'JNDA-2024-0815', branch: 'Carpintería', expiryDate: null } }),
    },
    { label: 'El representante retira personalmente', data: adapt(demoRequest(false)) },
  ];
}

/** How many paragraphs of `a` are not in `b` (new or reworded ones, or removed ones the other way round). */
/** What forms.sendToPrinter says when the paper asked for was never printed (the employer forms: the generic sentence). */
const NOT_PRINTED_YET: Partial<Record<PaperKind, string>> = {
  constancia_contacto: 'Primero imprima la constancia del trámite.',
  solicitud_extranjero: 'Primero imprima la solicitud de registro de extranjero.',
  comprobante_extranjero: 'Primero imprima el comprobante de registro de extranjero.',
};
const notIn = (a: readonly string[], b: readonly string[]) => a.filter((p) => !b.includes(p)).length;


type VerifyOutput = CallOutput<'forms.verifyQr'>;

export const formsHandlers: HandlersOf<'forms'> = {
  'forms.print': async ({ id, version, reprintReason }, ctx) => {
    const req = loadRequest(ctx, id);
    // The three employer forms; a contact update prints its constancia (forms.printConstancia).
    assertType(req, 'clave_patronal');
    const previous = lastPrints(ctx, id);
    const reprint = isStateIn(STATE_GROUPS.printed, req.state) && previous.length === FORM_KINDS.length;
    if (reprint) {
      if (!reprintReason) throw new CallFailure('invalid_input', 'Indique el motivo de la reimpresión.', [{ path: 'reprintReason', message: 'Motivo obligatorio.' }]);
      // The reprint is the archived file itself (formularios/<id>/<kind>-<sha>.pdf): the same
      // bytes as the signed paper by construction, read and checked against the hash recorded
      // at the first print, with no rendering (an archive read, not a PDF rendered again).
      if (previous[0]!.snapshot === null) throw new CallFailure('conflict', 'Los datos impresos de esta solicitud fueron depurados: no se puede reimprimir.');
      const rendered = await reprintPdfs(ctx, id, previous, templateFor);
      const now = ctx.clock.now();
      ctx.write((db) => {
        for (const r of rendered) {
          run(
            db,
            sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
              VALUES (${id}, ${r.kind}, ${now}, ${ctx.actor.userId}, 1, ${reprintReason}, ${previous[0]!.printedAt}, ${r.templateVersion}, ${r.sha256}, ${r.path}, ${previous[0]!.snapshot})`,
          );
        }
        // A reprint is the lifecycle's imprimir_formularios too (the state stays where it is).
        ctx.history.record({ event: 'imprimir_formularios' });
      });
      return { version: req.version, state: req.state, reprint: true, forms: rendered.map((r) => ({ kind: r.kind, title: FORM_LABELS[r.kind], templateVersion: r.templateVersion, sha256: r.sha256, pdfBase64: r.pdf.toString('base64') })) };
    }

    assertEditable(ctx, req, version);
    const moved = applyEvent(req.state, 'imprimir_formularios', { actor: ctx.actor.role, channel: req.channel, attentionDate: attentionDateOf(ctx) });
    if (!moved.ok) throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '));
    // The comprobante lists what was verified: the documents without a signature come first.
    const missing = loadChecklist(ctx.db, id).filter((d) => d.signature !== 'manuscrita' && d.status !== 'verificado');
    if (missing.length > 0) {
      throw new CallFailure('conflict', `Antes de imprimir, verifique: ${missing.map((d) => documentLabel(d.documentType)).join('; ')}.`);
    }
    const data = printableRequest(ctx, req);
    const templates = Object.fromEntries(FORM_KINDS.map((k) => [k, templateFor(ctx, k)])) as Record<FormKind, FormTemplate>;
    const printedAt = ctx.clock.now();
    const rendered = await renderAll(data, templates, { printedAt });
    const snapshot = JSON.stringify(data);
    const next = ctx.write((db) => {
      const v = bumpVersion(db, req, printedAt);
      for (const r of rendered) {
        const archived = archivePdf(ctx.dataDir, id, r.kind, r.pdf);
        run(
          db,
          sql`INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, reason, printed_at, template_version, sha256, path, snapshot)
            VALUES (${id}, ${r.kind}, ${printedAt}, ${ctx.actor.userId}, 0, NULL, ${printedAt}, ${templates[r.kind].version}, ${r.sha256}, ${archived.path}, ${snapshot})`,
        );
      }
      run(db, sql`UPDATE requests SET state = ${moved.to}, state_since = ${printedAt} WHERE id = ${id}`);
      // What was not brought signed is the printed paper the applicant signs here.
      for (const d of loadChecklist(db, id)) {
        if (d.origin === null && d.signature === 'manuscrita' && originsOf(d, req.intake.viaThirdParty === true).includes('impreso')) {
          run(db, sql`UPDATE request_documents SET origin = 'impreso' WHERE request_id = ${id} AND document_type = ${d.documentType}`);
        }
      }
      appendOutbox(db, {
        agencyId: req.agencyId,
        requestId: id,
        type: 'request.transition',
        payload: { event: 'imprimir_formularios', from: req.state, to: moved.to, at: printedAt, forms: rendered.map((r) => ({ kind: r.kind, sha256: r.sha256, templateVersion: templates[r.kind].version })) },
        now: printedAt,
        actor: ctx.actor,
      });
      ctx.history.record({ event: 'imprimir_formularios' });
      return v;
    });
    return { version: next, state: moved.to, reprint: false, forms: rendered.map((r) => ({ kind: r.kind, title: FORM_LABELS[r.kind], templateVersion: templates[r.kind].version, sha256: r.sha256, pdfBase64: r.pdf.toString('base64') })) };
  },

  'forms.get': ({ id }, ctx) => {
    loadRequest(ctx, id);
    // Every paper of the request, whatever its type: the employer's three forms, a contact update's
    // constancia, a foreigner's Solicitud and comprobante (the newest print of each), in their order.
    const order = REQUEST_PAPER_KIND_CODES as readonly string[];
    const forms = all<Omit<PrintRow, 'kind'> & { kind: RequestPaperKind }>(
      ctx.db,
      sql`SELECT kind, printed_at AS printedAt, template_version AS templateVersion, sha256, path, snapshot FROM form_prints
         WHERE id IN (SELECT max(id) FROM form_prints WHERE request_id = ${id} GROUP BY kind)`,
    )
      .filter((row) => order.includes(row.kind))
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
      .map((row) => ({ kind: row.kind, title: PAPER_LABELS[row.kind], templateVersion: row.templateVersion, sha256: row.sha256, pdfBase64: readArchived(ctx, row).toString('base64') }));
    const prints = all<{ at: number; actor: string | null; reprint: number; reason: string | null }>(
      ctx.db,
      sql`SELECT p.at, u.display_name AS actor, p.reprint, p.reason FROM form_prints p LEFT JOIN users u ON u.id = p.actor_id
         WHERE p.request_id = ${id} AND p.kind IN ('solicitud', 'constancia_contacto', 'solicitud_extranjero') ORDER BY p.id`,
    );
    ctx.write(() => ctx.history.record());
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
    const row = lastPrintOf(ctx, id, kind);
    if (!row) throw new CallFailure('conflict', NOT_PRINTED_YET[kind] ?? 'Primero genere los formularios de la solicitud.');
    const file = path.join(ctx.dataDir, ...row.path.split('/'));
    readArchived(ctx, row);
    try {
      // The job title names the request number only: print queues are not a place for personal data.
      const result = await printPdf(file, printer, { jobTitle: `${req.number}-${kind}` });
      ctx.write(() => ctx.history.record());
      return { jobId: result.jobId };
    } catch (err) {
      if (err instanceof PrintError) throw new CallFailure('unavailable', err.message);
      throw err;
    }
  },

  'forms.verifyQr': ({ payload }, ctx): VerifyOutput => {
    const content = parseQrPayload(payload);
    const answer = (outcome: QrOutcome, message: string, more: Partial<VerifyOutput> = {}): VerifyOutput => ({
      valid: outcome === 'autentico',
      outcome,
      message,
      number: content?.number ?? null,
      kind: content?.kind ?? null,
      templateVersion: content?.templateVersion ?? null,
      request: null,
      printed: null,
      guidance: null,
      ...more,
    });
    if (!content) {
      const what = barcodeNames(payload.trim()); // the Code 128 beside the QR holds only the number: a common first scan
      if (what) {
        return answer('no_reconocido', `Eso es el código de barras (${what} ${payload.trim()}). Para verificar el documento escanee el código QR, el cuadrado junto a él.`);
      }
      return answer('no_reconocido', 'El contenido no corresponde a un código QR de un formulario de Ventanilla Patronal.');
    }
    if (content.kind === 'orientacion') return verifyGuidanceQr(ctx, content);
    if (content.kind === 'constancia_contacto') return verifyConstanciaQr(ctx, content);
    if (content.kind === 'solicitud_extranjero' || content.kind === 'comprobante_extranjero') return verifyForeignerQr(ctx, content);
    const owner = get<Pick<RequestTableRow, 'agencyId' | 'number' | 'state'>>(ctx.db, sql`SELECT agency_id AS agencyId, number, state FROM requests WHERE id = ${content.id}`);
    if (!owner || owner.agencyId !== ctx.actor.agencyId || owner.number !== content.number) {
      return answer('desconocido', `No existe en esta agencia la solicitud ${content.number}: el documento no se imprimió aquí o su código fue alterado.`);
    }
    ctx.audit.target(`request:${content.id}`);
    ctx.history.subject(content.id); // the paper names a request of this agency: checking it is part of its history
    const checked = (out: VerifyOutput): VerifyOutput => {
      ctx.write(() => ctx.history.record());
      return out;
    };
    const request = { id: content.id, state: owner.state };
    const label = FORM_LABELS[content.kind];
    const rows = all<{ at: number; actor: string | null; reprint: number; reason: string | null; snapshot: string | null }>(
      ctx.db,
      sql`SELECT p.at, u.display_name AS actor, p.reprint, p.reason, p.snapshot FROM form_prints p LEFT JOIN users u ON u.id = p.actor_id
         WHERE p.request_id = ${content.id} AND p.kind = ${content.kind} AND p.template_version = ${content.templateVersion} ORDER BY p.id`,
    );
    if (rows.length === 0) {
      return checked(answer('alterado', `La solicitud ${content.number} existe, pero aquí no se imprimió su «${label}» con la plantilla v${content.templateVersion}: el documento no corresponde al registro.`, { request }));
    }
    const snapshots = [...new Set(rows.map((r) => r.snapshot).filter((s): s is string => s !== null))];
    if (snapshots.length === 0) {
      return checked(answer('desconocido', `Los datos impresos de la solicitud ${content.number} fueron depurados por retención: ya no se puede verificar el documento.`, { request }));
    }
    const template = templateFor(ctx, content.kind, content.templateVersion);
    const matched = snapshots.find((s) => verifyQrPayload(payload, JSON.parse(s) as PrintableRequest, template));
    if (matched === undefined) {
      return checked(answer('alterado', `El contenido impreso no coincide con el registro de la solicitud ${content.number}: el documento pudo ser alterado.`, { request }));
    }
    const data = JSON.parse(matched) as PrintableRequest;
    const prints = rows.filter((r) => r.snapshot === matched).map((r) => ({ at: r.at, actor: r.actor, reprint: r.reprint === 1, reason: r.reason }));
    const first = prints.find((p) => !p.reprint) ?? prints[0]!;
    const reprints = prints.filter((p) => p.reprint).length;
    return checked(
      answer(
        'autentico',
        `Documento auténtico: ${label} de la solicitud ${content.number} (plantilla v${content.templateVersion}), impreso el ${formatDateTimeEs(first.at)}${first.actor ? ` por ${first.actor}` : ''}${reprints > 0 ? `; reimpreso ${reprints === 1 ? 'una vez' : `${reprints} veces`}` : ''}.`,
        {
          request,
          printed: {
            employerLegalName: data.employer.legalName,
            employerRuc: data.employer.ruc,
            representativeNames: data.representative.names,
            representativeId: `${data.representative.idTypeLabel} ${data.representative.idNumber}`,
            thirdPartyNames: data.thirdParty?.names ?? null,
            prints,
          },
        },
      ),
    );
  },

  ...guidanceHandlers,
  ...constanciaHandlers,
  'forms.printReceipt': (input, ctx) => printReceipt(ctx, input, { printableRequest, templateFor }),
  ...foreignerFormHandlers,
  'forms.templates': (_input, ctx) => ({
    templates: FORM_KINDS.map((kind) => {
      const versions = templateVersions(ctx, kind);
      return { kind, label: FORM_LABELS[kind], current: versions[0]!.version, versions };
    }),
  }),

  'forms.checkTemplate': async (input, ctx) => {
    const { template, current } = candidateTemplate(ctx, input);
    const printedAt = ctx.clock.now();
    const previews = [];
    for (const sample of sampleRequests(ctx)) {
      const pdf = await renderForm(template.kind, sample.data, template, { printedAt });
      previews.push({ label: sample.label, pdfBase64: pdf.toString('base64') });
    }
    return {
      kind: template.kind,
      label: FORM_LABELS[template.kind],
      version: template.version,
      currentVersion: current.version,
      changes: {
        title: template.title !== current.title.trim(),
        added: notIn(template.paragraphs, current.paragraphs.map((p) => p.trim())),
        removed: notIn(current.paragraphs.map((p) => p.trim()), template.paragraphs),
      },
      previews,
    };
  },

  'forms.publishTemplate': (input, ctx) => {
    const { template, current } = candidateTemplate(ctx, input);
    const label = FORM_LABELS[template.kind];
    const now = ctx.clock.now();
    ctx.audit.target(`form_template:${template.kind}:v${template.version}`);
    ctx.write((db) => {
      // Checked again under the write lock: two administrators importing at once get one version each, or a clear refusal.
      const latest = value<number | null>(db, sql`SELECT max(version) AS v FROM form_templates WHERE kind = ${template.kind}`) ?? DEFAULT_TEMPLATES[template.kind].version;
      if (latest !== current.version) {
        throw new CallFailure('conflict', `Mientras tanto se publicó la versión ${latest} de «${label}»: revise las versiones y vuelva a importar el archivo.`);
      }
      run(
        db,
        sql`INSERT INTO form_templates (kind, version, title, paragraphs, created_at, created_by)
          VALUES (${template.kind}, ${template.version}, ${template.title}, ${JSON.stringify(template.paragraphs)}, ${now}, ${ctx.actor.userId})`,
      );
    });
    ctx.log.info('form template published', { kind: template.kind, version: template.version });
    return { kind: template.kind, label, version: template.version, createdAt: now };
  },
};
