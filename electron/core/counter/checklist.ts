// The verification checklist and the clerk's transitions.
import { checkCedula } from '../../../shared/domain/cedula';
import { DOCUMENT_REJECTION_REASONS, documentRejectionReasons, type DocumentType } from '../../../shared/domain/catalogs';
import { compareIsoDates, formatDateEs } from '../../../shared/domain/dates';
import { checkForeignerCode } from '../../../shared/domain/foreigner-code';
import { foreignerDocumentOf } from '../../../shared/domain/foreigner-registration';
import { applyEvent } from '../../../shared/domain/lifecycle';
import { isStateIn, STATE_GROUPS } from '../../../shared/domain/state-groups';
import { checkRuc } from '../../../shared/domain/ruc';
import type { IntakeDraft } from '../../../shared/domain/intake';
import { get, run, sql, type Reader } from '../../../db/sql';
import { appendAudit } from '../security/audit/chain';
import { documentSignature, SIGNATURE_VERDICT_CALL, verdictOutcome, type DocumentSignatureStatus } from './attachments/signature';
import { CallFailure } from '../errors';
import { foreignerCodePattern } from '../ops/agency-config';
import type { HandlersOf } from '../registry';
import { releaseWork } from './working';
import { appendOutbox, assertEditable, assertTypeAllows, attentionDateOf, bumpVersion, documentLabel, loadChecklist, loadRequest, originsOf, readinessOf, recordDecision } from './store';

/**
 * Checks the core recomputes from the intake for each document: a clerk cannot mark as
 * verified a cédula whose number fails módulo 10 or a visa that expired.
 */
export function automaticChecks(type: DocumentType, intake: IntakeDraft, attentionDate: string, codePattern?: string): { check: string; ok: boolean; message: string }[] {
  const notExpired = (date: string | undefined, what: string) =>
    date && date !== 'Indefinida' ? [{ check: 'notExpired', ok: compareIsoDates(date, attentionDate) >= 0, message: `${what} caducó el ${formatDateEs(date)}.` }] : [];
  switch (type) {
    case 'cedula_representante':
      return [{ check: 'numberValid', ok: checkCedula(intake.representativeIdNumber).ok, message: 'El número de cédula del representante no es válido.' }];
    case 'cedula_tercero_autorizado':
      return [{ check: 'numberValid', ok: checkCedula(intake.thirdPartyCedula).ok, message: 'El número de cédula del tercero autorizado no es válido.' }];
    case 'codigo_extranjero': {
      // Identified by passport, the code is its own field (seed 004, line 63).
      const code = intake.representativeIdType === 'pasaporte' ? intake.foreignerCode : intake.representativeIdNumber;
      return [{ check: 'numberValid', ok: checkForeignerCode(code, { pattern: codePattern }).ok, message: 'El código de identificación para extranjeros no es válido.' }];
    }
    case 'ruc':
      return [{ check: 'numberValid', ok: checkRuc(intake.employerRuc).ok, message: 'El RUC no es válido.' }];
    case 'pasaporte':
      return notExpired(intake.passportExpiryDate, 'El pasaporte');
    case 'visa':
      return notExpired(intake.visaExpiryDate, 'La visa');
    case 'calificacion_artesanal':
      return notExpired(intake.artisanExpiryDate, 'La calificación artesanal');
    // registro_extranjero: the passport copy of a passport still valid, the contract of a valid RUC.
    case 'copia_pasaporte':
      return notExpired(intake.passportExpiryDate, 'El pasaporte');
    case 'contrato_sut':
      return [{ check: 'numberValid', ok: checkRuc(intake.employerRuc).ok, message: 'El RUC del empleador del contrato no es válido.' }];
    default:
      return [];
  }
}

function hasScan(db: Reader, requestId: string, documentType: string): boolean {
  return get(db, sql`SELECT 1 FROM attachments WHERE request_id = ${requestId} AND document_type = ${documentType} LIMIT 1`) !== undefined;
}


export const checklistHandlers: Pick<HandlersOf<'counter'>, 'requests.verifyDocument' | 'requests.markSignature' | 'requests.setPaperOrigin' | 'requests.transition'> = {
  'requests.setPaperOrigin': ({ id, version, documentType, origin }, ctx) => {
    const req = loadRequest(ctx, id);
    assertEditable(ctx, req, version);
    if (req.channel !== 'presencial') throw new CallFailure('invalid_input', 'En la Ventanilla Virtual los documentos llegan escaneados.');
    if (!isStateIn(STATE_GROUPS.verifying, req.state)) throw new CallFailure('conflict', 'Cómo llegó cada formulario se registra mientras la solicitud está en verificación.');
    const item = loadChecklist(ctx.db, id).find((d) => d.documentType === documentType);
    const label = documentLabel(documentType);
    const allowed = item ? originsOf(item, req.intake.viaThirdParty === true) : [];
    if (!item || allowed.length === 0) throw new CallFailure('invalid_input', `${label} no es un formulario que el solicitante firme.`);
    if (!allowed.includes(origin)) {
      throw new CallFailure('invalid_input', `${label}: cuando presenta un tercero autorizado, el representante legal lo firma antes y el tercero lo trae firmado (ficha del trámite, línea 38).`);
    }
    // A paper already printed here stays printed: its signature is the one marked after printing.
    if (item.origin === 'impreso' && origin === 'traido' && req.state === 'pendiente_firma') {
      throw new CallFailure('conflict', `${label} ya se imprimió en ventanilla: se firma el impreso.`);
    }
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      // A changed way of bringing it is a new paper: its signature is marked again.
      run(
        db,
        sql`UPDATE request_documents SET origin = ${origin}, signature_marked = CASE WHEN origin IS ${origin} THEN signature_marked ELSE 0 END, updated_by = ${ctx.actor.userId}, updated_at = ${now}
          WHERE request_id = ${id} AND document_type = ${documentType}`,
      );
      ctx.history.record({ documentType, verdict: origin });
      return bumpVersion(db, req, now);
    });
    return { version: next, updatedAt: now };
  },

  'requests.verifyDocument': (input, ctx) => {
    const req = loadRequest(ctx, input.id);
    assertEditable(ctx, req, input.version);
    if (!isStateIn(STATE_GROUPS.verifying, req.state)) throw new CallFailure('conflict', 'Los documentos se verifican cuando la solicitud está en verificación.');
    const item = loadChecklist(ctx.db, req.id).find((d) => d.documentType === input.documentType);
    if (!item) throw new CallFailure('invalid_input', `${documentLabel(input.documentType)} no es un requisito de esta solicitud.`);
    const label = documentLabel(input.documentType);
    if (input.status === 'verificado') {
      if (!input.presented) throw new CallFailure('invalid_input', `Marque que ${label.toLowerCase()} fue presentado antes de darlo por verificado.`);
      const failed = automaticChecks(input.documentType, req.intake, attentionDateOf(ctx), foreignerCodePattern(ctx.db)).filter((c) => !c.ok);
      if (failed.length > 0) throw new CallFailure('invalid_input', failed.map((c) => c.message).join(' '));
      // Ventanilla Virtual: the document is its scan (seed 004, lines 49–57); no scan, nothing to verify.
      if (req.channel === 'virtual' && !hasScan(ctx.db, req.id, input.documentType)) {
        throw new CallFailure('invalid_input', `${label} no tiene escaneo adjunto: no se puede dar por verificado.`);
      }
      // A foreigner's papers are reviewed by the supervisor on their scans (shared/domain/foreigner-registration.ts).
      if (foreignerDocumentOf(item.ruleId)?.scanRequired && !hasScan(ctx.db, req.id, input.documentType)) {
        throw new CallFailure('invalid_input', `${label}: escanéela y adjúntela antes de darla por verificada (el supervisor revisa el escaneo).`);
      }
      const unconfirmed = Object.entries(input.checks).filter(([, ok]) => !ok);
      if (unconfirmed.length > 0) throw new CallFailure('invalid_input', `No se puede dar por verificado: hay comprobaciones sin confirmar en ${label.toLowerCase()}.`);
    }
    if (input.status === 'rechazado') {
      const reason = documentRejectionReasons(req.channel).find((r) => r.code === input.rejectionReason);
      const otherChannel = DOCUMENT_REJECTION_REASONS.find((r) => r.code === input.rejectionReason);
      if (!reason && otherChannel) {
        throw new CallFailure('invalid_input', `«${otherChannel.label}» no aplica a una solicitud ${req.channel === 'virtual' ? 'de la Ventanilla Virtual' : 'presencial'}: elija otro motivo.`, [{ path: 'rejectionReason', message: 'Este motivo no aplica a este canal.' }]);
      }
      if (!reason) throw new CallFailure('invalid_input', 'Seleccione el motivo del rechazo del documento.', [{ path: 'rejectionReason', message: 'Seleccione un motivo.' }]);
      if (reason.requiresNote && !input.note) throw new CallFailure('invalid_input', 'Este motivo requiere una observación.', [{ path: 'note', message: 'Escriba la observación.' }]);
    }
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      run(
        db,
        sql`UPDATE request_documents SET presented = ${input.presented ? 1 : 0}, presented_as = ${input.presentedAs}, checks = ${JSON.stringify(input.checks)}, status = ${input.status},
            rejection_reason = ${input.status === 'rechazado' ? input.rejectionReason : null}, note = ${input.note}, updated_by = ${ctx.actor.userId}, updated_at = ${now}
          WHERE request_id = ${req.id} AND document_type = ${input.documentType}`,
      );
      ctx.history.record({ documentType: input.documentType, verdict: input.status });
      return bumpVersion(db, req, now);
    });
    return { version: next, updatedAt: now };
  },

  'requests.markSignature': async ({ id, version, documentType, marked }, ctx) => {
    const req = loadRequest(ctx, id);
    assertEditable(ctx, req, version);
    const item = loadChecklist(ctx.db, id).find((d) => d.documentType === documentType);
    let verdict: DocumentSignatureStatus | null = null;
    if (req.channel === 'presencial') {
      if (!item || item.signature !== 'manuscrita') throw new CallFailure('invalid_input', `${documentLabel(documentType)} no lleva firma manuscrita.`);
      // A brought paper carries its signature already (seed 004, lines 35–41): checked during
      // verification. A paper printed here is signed after printing.
      if (item.origin === 'traido') {
        if (!isStateIn(STATE_GROUPS.verifying, req.state)) throw new CallFailure('conflict', 'Las firmas se registran mientras la solicitud está en verificación.');
      } else if (req.state !== 'pendiente_firma') {
        throw new CallFailure('conflict', item.origin === null ? `Indique primero si «${documentLabel(documentType)}» fue traído firmado o se imprime en ventanilla.` : 'Las firmas de lo impreso en ventanilla se marcan después de imprimir los formularios.');
      }
    } else {
      if (req.state !== 'en_verificacion') throw new CallFailure('conflict', 'Las firmas electrónicas se verifican mientras la solicitud está en verificación.');
      if (!item || item.signature !== 'electronica') throw new CallFailure('invalid_input', `${documentLabel(documentType)} no lleva firma electrónica.`);
      if (marked) {
        // The e-signature is accepted only on a verified «válida» (docs/signatures.md).
        verdict = await documentSignature(ctx, req, documentType);
        if (verdict.acceptance === 'no') {
          const why = verdict.result?.summary ?? 'no hay un PDF firmado electrónicamente';
          throw new CallFailure('invalid_input', `${documentLabel(documentType)}: la firma electrónica no es válida (${why}).`);
        }
      }
    }
    const now = ctx.clock.now();
    // Verifying awaited the files: someone may have changed the request meanwhile.
    if (verdict) assertEditable(ctx, loadRequest(ctx, id), version);
    const next = ctx.write((db) => {
      if (verdict) appendAudit(db, { at: now, actorId: ctx.actor.userId, call: SIGNATURE_VERDICT_CALL, target: `request:${id}`, outcome: verdictOutcome(documentType, verdict) });
      run(db, sql`UPDATE request_documents SET signature_marked = ${marked ? 1 : 0}, updated_by = ${ctx.actor.userId}, updated_at = ${now} WHERE request_id = ${id} AND document_type = ${documentType}`);
      ctx.history.record({ documentType, verdict: marked ? 'marcada' : 'desmarcada' });
      return bumpVersion(db, req, now);
    });
    return { version: next, updatedAt: now };
  },

  'requests.transition': ({ id, version, event, reasonCode, note }, ctx) => {
    const req = loadRequest(ctx, id);
    assertEditable(ctx, req, version);
    assertTypeAllows(req, event);
    const attentionDate = attentionDateOf(ctx);
    const moved = applyEvent(req.state, event, {
      actor: ctx.actor.role,
      channel: req.channel,
      attentionDate,
      ...(reasonCode ? { reasonCode } : {}),
      ...(note ? { note } : {}),
      readiness: readinessOf(req, loadChecklist(ctx.db, id)),
    });
    if (!moved.ok) {
      throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '), moved.errors.map((e) => ({ path: e.code, message: e.message })));
    }
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      const v = bumpVersion(db, req, now);
      run(db, sql`UPDATE requests SET state = ${moved.to}, state_since = ${now} WHERE id = ${id}`);
      const decisionId = recordDecision(db, { requestId: id, at: now, actorId: ctx.actor.userId, event, reasonCode: reasonCode ?? null, note: note ?? null });
      ctx.history.record({ event, decisionId });
      appendOutbox(db, { agencyId: req.agencyId, requestId: id, type: 'request.transition', payload: { event, from: req.state, to: moved.to, at: now, reasonCode: reasonCode ?? null, note: note ?? null }, now, actor: ctx.actor });
      // Sent to review, rejected or annulled: the clerk's work on it is over (the other desks see so).
      releaseWork(db, ctx.actor, req, now);
      return v;
    });
    return { version: next, updatedAt: now, state: moved.to };
  },
};
