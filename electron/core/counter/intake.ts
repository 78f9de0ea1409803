// Intake drafts, verification start, and the read side of a request.
import { requiredDocuments } from '../../../shared/domain/requirements';
import { checkIntake } from '../../../shared/domain/intake';
import { availableEvents, applyEvent } from '../../../shared/domain/lifecycle';
import { isStateIn, OPEN_STATES, STATE_GROUPS } from '../../../shared/domain/state-groups';
import type { z } from 'zod';
import type Database from 'better-sqlite3';
import type { AttachmentRow, ChecklistItem, RequestDetail } from '../../../shared/contract/counter';
import { CallFailure } from '../errors';
import { foreignerCodePattern } from '../ops/agency-config';
import type { HandlersOf } from '../registry';
import { ecuadorDate } from '../../../shared/domain/dates';
import { withSafeName } from './attachments/file-name';
import { requestHistory } from './history';
import { appendOutbox, assertEditable, attentionDateOf, documentLabel, loadChecklist, loadRequest, recordDecision, writeIntake } from './store';

/** Placeholders for binding a group of states: `state IN (?, ?, …)` with the states as values. */
const marks = (states: readonly string[]) => states.map(() => '?').join(', ');

export const intakeHandlers: Pick<HandlersOf<'counter'>, 'requests.get' | 'requests.myOpen' | 'requests.findOpenByEmployer' | 'requests.saveDraft' | 'requests.startVerification'> = {
  'requests.get': ({ id }, ctx) => {
    const req = loadRequest(ctx, id);
    const sqlite = ctx.db.$client;
    const checklist = loadChecklist(sqlite, id);
    const appointment = req.appointmentId
      ? ((sqlite.prepare('SELECT time, confirmation_code AS confirmationCode FROM appointments WHERE id = ?').get(req.appointmentId) as { time: string; confirmationCode: string } | undefined) ?? null)
      : null;
    const names = sqlite.prepare('SELECT id, display_name AS name FROM users WHERE id IN (?, ?)').all(req.clerkId, req.walkInAuthorizedBy) as { id: string; name: string }[];
    const nameOf = (userId: string | null) => names.find((n) => n.id === userId)?.name ?? null;
    const attachments = (
      sqlite
        .prepare('SELECT id, document_type AS documentType, file_name AS fileName, mime, size, sha256, created_at AS createdAt FROM attachments WHERE request_id = ? ORDER BY created_at')
        .all(id) as z.infer<typeof AttachmentRow>[]
    ).map(withSafeName);
    // Opening it is recorded for bulk approval ("viewed since its last change"); not shown as history.
    ctx.write(() => ctx.history.record());
    return {
      id: req.id,
      number: req.number,
      version: req.version,
      channel: req.channel,
      state: req.state,
      stateSince: req.stateSince,
      createdAt: req.createdAt,
      attentionDate: ecuadorDate(req.createdAt),
      clerkName: nameOf(req.clerkId),
      appointment,
      walkIn: req.walkInReason ? { authorizedBy: nameOf(req.walkInAuthorizedBy) ?? '—', reason: req.walkInReason } : null,
      intake: req.intake,
      acknowledgedWarnings: req.details.acknowledgedWarnings ?? [],
      checklist: checklist.map((d) => ({
        documentType: d.documentType,
        label: documentLabel(d.documentType),
        ruleId: d.ruleId,
        presentation: d.presentation as ChecklistItem['presentation'],
        signature: d.signature,
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
      availableEvents: availableEvents(req.state, ctx.actor.role),
      history: requestHistory(sqlite, id),
      syncIssues: syncIssuesOf(sqlite, id),
    };
  },

  'requests.myOpen': (_input, ctx) => {
    const items = ctx.db.$client
      .prepare(
        `SELECT id, number, state, employer_legal_name AS employerLegalName, updated_at AS updatedAt FROM requests
         WHERE agency_id = ? AND clerk_id = ? AND state IN (${marks(STATE_GROUPS.atCounter)})
         ORDER BY updated_at DESC LIMIT 50`,
      )
      .all(ctx.actor.agencyId, ctx.actor.userId, ...STATE_GROUPS.atCounter) as { id: string; number: string; state: 'borrador'; employerLegalName: string; updatedAt: number }[];
    return { items };
  },

  'requests.findOpenByEmployer': ({ ruc, branch, excludeId }, ctx) => {
    ctx.audit.target(`employer:${ruc}-${branch}`);
    const items = ctx.db.$client
      .prepare(
        `SELECT r.id, r.number, r.state, r.created_at AS createdAt, u.display_name AS clerkName FROM requests r LEFT JOIN users u ON u.id = r.clerk_id
         WHERE r.employer_ruc = ? AND r.employer_branch = ? AND r.agency_id = ? AND r.id != ? AND r.state IN (${marks(OPEN_STATES)})
         ORDER BY r.created_at DESC LIMIT 10`,
      )
      .all(ruc, branch.padStart(4, '0'), ctx.actor.agencyId, excludeId ?? '', ...OPEN_STATES) as { id: string; number: string; state: 'borrador'; createdAt: number; clerkName: string | null }[];
    return { items };
  },

  'requests.saveDraft': ({ id, version, intake }, ctx) => {
    const req = loadRequest(ctx, id);
    assertEditable(ctx, req, version);
    if (!isStateIn(STATE_GROUPS.intakeEditable, req.state)) throw new CallFailure('conflict', 'Los datos de la solicitud ya no se pueden modificar en su estado actual.');
    const now = ctx.clock.now();
    const next = ctx.write(() => {
      ctx.history.record();
      return writeIntake(ctx.db.$client, req, intake, now);
    });
    return { version: next, updatedAt: now };
  },

  'requests.startVerification': ({ id, version, acknowledgedWarnings }, ctx) => {
    const req = loadRequest(ctx, id);
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
    const sqlite = ctx.db.$client;
    const next = ctx.write(() => {
      const v = writeIntake(sqlite, req, { ...req.intake, ...check.normalized }, now, { acknowledgedWarnings });
      sqlite.prepare('UPDATE requests SET state = ?, state_since = ? WHERE id = ?').run(moved.to, now, id);
      // Keep what was already verified (a returned request), drop what no longer applies.
      const keep = new Set(docs.documents.map((d) => d.documentType));
      for (const row of loadChecklist(sqlite, id)) {
        if (!keep.has(row.documentType)) sqlite.prepare('DELETE FROM request_documents WHERE request_id = ? AND document_type = ?').run(id, row.documentType);
      }
      const insert = sqlite.prepare(
        `INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (request_id, document_type) DO UPDATE SET rule_id = excluded.rule_id, presentation = excluded.presentation, signature = excluded.signature`,
      );
      for (const d of docs.documents) insert.run(id, d.documentType, `${d.ruleId} (${d.citation.file}:${d.citation.lines[0]}-${d.citation.lines[1]})`, d.presentation, d.signature, now);
      ctx.history.record({ event, decisionId: recordDecision(sqlite, { requestId: id, at: now, actorId: ctx.actor.userId, event }) });
      appendOutbox(sqlite, { agencyId: req.agencyId, requestId: id, type: 'request.transition', payload: { event, from: req.state, to: moved.to, at: now, ruleSet: docs.ruleSet.id }, now, actor: ctx.actor });
      return v;
    });
    return { version: next, updatedAt: now };
  },
};

/** Central's refusals about one request: rejected pushes and pulled changes not applied. */
function syncIssuesOf(sqlite: Database.Database, id: string): RequestDetail['syncIssues'] {
  const rejected = sqlite
    .prepare("SELECT acked_at AS at, last_error AS message FROM outbox WHERE request_id = ? AND status = 'rechazado' ORDER BY seq DESC LIMIT 20")
    .all(id) as { at: number | null; message: string | null }[];
  const conflicts = sqlite.prepare('SELECT at, reason AS message FROM sync_conflicts WHERE request_id = ? ORDER BY id DESC LIMIT 20').all(id) as { at: number; message: string }[];
  return [
    ...rejected.map((r) => ({ at: r.at ?? 0, kind: 'rechazado_iess' as const, message: r.message ?? 'El IESS rechazó un cambio de esta solicitud.' })),
    ...conflicts.map((c) => ({ at: c.at, kind: 'conflicto' as const, message: c.message })),
  ].sort((a, b) => b.at - a.at);
}
