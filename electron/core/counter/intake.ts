// Intake drafts, verification start, and the read side of a request.
import type { AppointmentTableRow } from '../../../db/rows';
import { requiredDocuments } from '../../../shared/domain/requirements';
import { checkIntake } from '../../../shared/domain/intake';
import { availableEvents, applyEvent } from '../../../shared/domain/lifecycle';
import { typeAllows } from '../../../shared/domain/request-types';
import { contactUpdateOf } from './contact-update';
import { foreignerRegistrationOf } from './foreigner-registration';
import { isStateIn, OPEN_STATES, STATE_GROUPS } from '../../../shared/domain/state-groups';
import type { z } from 'zod';
import { all, get, join, run, sql, value, type Reader } from '../../../db/sql';
import type { AttachmentRow, ChecklistItem, RequestDetail } from '../../../shared/contract/counter';
import { CallFailure } from '../errors';
import { foreignerCodePattern } from '../ops/agency-config';
import type { HandlersOf } from '../registry';
import { ecuadorDate } from '../../../shared/domain/dates';
import { withSafeName } from './attachments/file-name';
import { emailProofView } from './email-proof';
import { requestHistory } from './history';
import { appendOutbox, assertEditable, assertType, attentionDateOf, documentLabel, loadChecklist, loadRequest, originsOf, partOf, recordDecision, writeIntake } from './store';

export const intakeHandlers: Pick<HandlersOf<'counter'>, 'requests.get' | 'requests.myOpen' | 'requests.findOpenByEmployer' | 'requests.saveDraft' | 'requests.startVerification'> = {
  'requests.get': ({ id }, ctx) => {
    const req = loadRequest(ctx, id);
    const checklist = loadChecklist(ctx.db, id);
    const appointment = req.appointmentId
      ? (get<Pick<AppointmentTableRow, 'time' | 'confirmationCode'>>(ctx.db, sql`SELECT time, confirmation_code AS confirmationCode FROM appointments WHERE id = ${req.appointmentId}`) ?? null)
      : null;
    const names = all<{ id: string; name: string }>(ctx.db, sql`SELECT id, display_name AS name FROM users WHERE id IN (${req.clerkId}, ${req.walkInAuthorizedBy})`);
    const nameOf = (userId: string | null) => names.find((n) => n.id === userId)?.name ?? null;
    const attachments = all<z.infer<typeof AttachmentRow>>(
      ctx.db,
      sql`SELECT id, document_type AS documentType, file_name AS fileName, mime, size, sha256, created_at AS createdAt FROM attachments WHERE request_id = ${id} ORDER BY created_at`,
    ).map(withSafeName);
    // Opening it is recorded for bulk approval ("viewed since its last change"); not shown as history.
    ctx.write(() => ctx.history.record());
    return {
      id: req.id,
      number: req.number,
      version: req.version,
      channel: req.channel,
      requestType: req.requestType,
      contactUpdate: req.requestType === 'actualizacion_contacto' ? contactUpdateOf(req) : null,
      foreignerRegistration: req.requestType === 'registro_extranjero' ? foreignerRegistrationOf(ctx, req) : null,
      state: req.state,
      stateSince: req.stateSince,
      createdAt: req.createdAt,
      attentionDate: ecuadorDate(req.createdAt),
      // Another desk's request: its clerk's account lives there; the name it sent (sync/apply.ts).
      clerkName: nameOf(req.clerkId) ?? value<string | null>(ctx.db, sql`SELECT clerk_name FROM sync_mirrors WHERE request_id = ${id}`) ?? null,
      appointment,
      walkIn: req.walkInReason ? { authorizedBy: nameOf(req.walkInAuthorizedBy) ?? '—', reason: req.walkInReason } : null,
      intake: req.intake,
      acknowledgedWarnings: req.details.acknowledgedWarnings ?? [],
      emailProof: emailProofView(req.details),
      checklist: checklist.map((d) => ({
        documentType: d.documentType,
        label: documentLabel(d.documentType),
        ruleId: d.ruleId,
        presentation: d.presentation as ChecklistItem['presentation'],
        signature: d.signature,
        signer: d.signer,
        origins: originsOf(d, req.intake.viaThirdParty === true),
        origin: d.origin,
        partOf: partOf(d),
        citation: d.ruleId,
        presented: d.presented === 1,
        presentedAs: d.presentedAs,
        checks: d.checks ? (JSON.parse(d.checks) as Record<string, boolean>) : {},
        status: d.status,
        rejectionReason: d.rejectionReason,
        note: d.note,
        signatureMarked: d.signatureMarked === 1,
      })),
      attachments,
      // The lifecycle's events that this request's type takes (shared/domain/request-types.ts).
      availableEvents: availableEvents(req.state, ctx.actor.role).filter((e) => typeAllows(req.requestType, req.state, e)),
      history: requestHistory(ctx.db, id),
      syncIssues: syncIssuesOf(ctx.db, id),
    };
  },

  'requests.myOpen': (_input, ctx) => {
    const items = all<{ id: string; number: string; state: 'borrador'; employerLegalName: string; updatedAt: number }>(
      ctx.db,
      sql`SELECT id, number, state, employer_legal_name AS employerLegalName, updated_at AS updatedAt FROM requests
         WHERE agency_id = ${ctx.actor.agencyId} AND clerk_id = ${ctx.actor.userId} AND state IN (${join(STATE_GROUPS.atCounter)})
         ORDER BY updated_at DESC LIMIT 50`,
    );
    return { items };
  },

  'requests.findOpenByEmployer': ({ ruc, branch, excludeId }, ctx) => {
    ctx.audit.target(`employer:${ruc}-${branch}`);
    const items = all<{ id: string; number: string; state: 'borrador'; createdAt: number; clerkName: string | null }>(
      ctx.db,
      sql`SELECT r.id, r.number, r.state, r.created_at AS createdAt, coalesce(u.display_name, m.clerk_name) AS clerkName FROM requests r
         LEFT JOIN users u ON u.id = r.clerk_id LEFT JOIN sync_mirrors m ON m.request_id = r.id
         WHERE r.employer_ruc = ${ruc} AND r.employer_branch = ${branch.padStart(4, '0')} AND r.agency_id = ${ctx.actor.agencyId} AND r.id != ${excludeId ?? ''}
         AND r.state IN (${join(OPEN_STATES)})
         ORDER BY r.created_at DESC LIMIT 10`,
    );
    return { items };
  },

  'requests.saveDraft': ({ id, version, intake }, ctx) => {
    const req = loadRequest(ctx, id);
    assertType(req, 'clave_patronal');
    assertEditable(ctx, req, version);
    if (!isStateIn(STATE_GROUPS.intakeEditable, req.state)) throw new CallFailure('conflict', 'Los datos de la solicitud ya no se pueden modificar en su estado actual.');
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      ctx.history.record();
      return writeIntake(db, req, intake, now);
    });
    return { version: next, updatedAt: now };
  },

  'requests.startVerification': ({ id, version, acknowledgedWarnings }, ctx) => {
    const req = loadRequest(ctx, id);
    assertType(req, 'clave_patronal');
    assertEditable(ctx, req, version);
    const attentionDate = attentionDateOf(ctx);
    const check = checkIntake(req.intake, { attentionDate, channel: req.channel, foreignerCodePattern: foreignerCodePattern(ctx.db) });
    if (!check.ok || !check.profile) {
      throw new CallFailure(
        'invalid_input',
        `Corrija los datos antes de verificar documentos: ${check.errors[0]?.issue.message ?? 'faltan datos.'}`,
        check.errors.map((e) => ({ path: `intake.${e.field}`, message: e.issue.message })),
      );
    }
    const pending = check.warnings.filter((w) => !acknowledgedWarnings.includes(w.issue.code));
    if (pending.length > 0) {
      throw new CallFailure(
        'invalid_input',
        `Confirme las advertencias antes de continuar: ${pending.map((w) => w.issue.message).join(' ')}`,
        pending.map((w) => ({ path: `intake.${w.field}`, message: w.issue.message })),
      );
    }
    const event = req.state === 'devuelta' ? 'corregir' : 'iniciar_verificacion';
    const moved = applyEvent(req.state, event, { actor: ctx.actor.role, channel: req.channel, attentionDate });
    if (!moved.ok) throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '));
    const docs = requiredDocuments(check.profile);
    if (!docs.ok) throw new CallFailure('invalid_input', docs.errors.map((e) => e.message).join(' '));
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      const v = writeIntake(db, req, { ...req.intake, ...check.normalized }, now, { acknowledgedWarnings });
      run(db, sql`UPDATE requests SET state = ${moved.to}, state_since = ${now} WHERE id = ${id}`);
      // Keep what was already verified (a returned request), drop what no longer applies.
      const keep = new Set(docs.documents.map((d) => d.documentType));
      for (const row of loadChecklist(db, id)) {
        if (!keep.has(row.documentType)) run(db, sql`DELETE FROM request_documents WHERE request_id = ${id} AND document_type = ${row.documentType}`);
      }
      for (const d of docs.documents) {
        run(
          db,
          sql`INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, signer, updated_at)
            VALUES (${id}, ${d.documentType}, ${`${d.ruleId} (${d.citation.file}:${d.citation.lines[0]}-${d.citation.lines[1]})`}, ${d.presentation}, ${d.signature}, ${d.signer}, ${now})
            ON CONFLICT (request_id, document_type) DO UPDATE SET rule_id = excluded.rule_id, presentation = excluded.presentation, signature = excluded.signature, signer = excluded.signer`,
        );
      }
      // A way of bringing a paper that no longer applies (a third party now files) is asked again;
      // where only one way is allowed (a third party: brought), it is that one.
      for (const d of docs.documents) {
        if (d.origins.length === 0) continue;
        run(db, sql`UPDATE request_documents SET origin = NULL, signature_marked = 0 WHERE request_id = ${id} AND document_type = ${d.documentType} AND origin IS NOT NULL AND origin NOT IN (${join(d.origins)})`);
        if (d.origins.length === 1) run(db, sql`UPDATE request_documents SET origin = ${d.origins[0]} WHERE request_id = ${id} AND document_type = ${d.documentType} AND origin IS NULL`);
      }
      ctx.history.record({ event, decisionId: recordDecision(db, { requestId: id, at: now, actorId: ctx.actor.userId, event }) });
      appendOutbox(db, { agencyId: req.agencyId, requestId: id, type: 'request.transition', payload: { event, from: req.state, to: moved.to, at: now, ruleSet: docs.ruleSet.id }, now, actor: ctx.actor });
      return v;
    });
    return { version: next, updatedAt: now };
  },
};

/** Central's refusals about one request: rejected pushes and pulled changes not applied. */
function syncIssuesOf(db: Reader, id: string): RequestDetail['syncIssues'] {
  const rejected = all<{ at: number | null; message: string | null }>(
    db,
    sql`SELECT acked_at AS at, last_error AS message FROM outbox WHERE request_id = ${id} AND status = 'rechazado' AND type <> 'request.working' ORDER BY seq DESC LIMIT 20`,
  );
  const conflicts = all<{ at: number; message: string }>(db, sql`SELECT at, reason AS message FROM sync_conflicts WHERE request_id = ${id} ORDER BY id DESC LIMIT 20`);
  return [
    ...rejected.map((r) => ({ at: r.at ?? 0, kind: 'rechazado_iess' as const, message: r.message ?? 'El IESS rechazó un cambio de esta solicitud.' })),
    ...conflicts.map((c) => ({ at: c.at, kind: 'conflicto' as const, message: c.message })),
  ].sort((a, b) => b.at - a.at);
}
