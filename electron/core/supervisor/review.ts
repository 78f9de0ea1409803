// The supervisor's decisions: approve (one or several after viewing each), return, reject,
// reassign. Every decision goes through the same lifecycle rules as the counter's.
//
// Ventanilla Virtual requests (DOMAIN §1.2, §3) arrive from central at en_verificacion with no
// clerk: the supervisor is their back office. The supervisor verifies each scan with the
// counter's own calls (requests.verifyDocument, requests.markSignature — the core refuses a
// "verified" without a scan and an e-signature mark without a signed PDF), then approves here.
// Approving one at en_verificacion takes the lifecycle's own path in one transaction:
// enviar_a_revision, then aprobar (both events go to central, in order).
import type { UserRow } from '../../../db/rows';
import type { DocumentType } from '../../../shared/domain/catalogs';
import { applyEvent, isTerminal, STATE_LABELS, type RequestEvent, type RequestState } from '../../../shared/domain/lifecycle';
import type { AttachmentMime } from '../counter/attachments/files';
import { VIRTUAL_MAX_BYTES } from '../counter/attachments/handlers';
import { withSafeName } from '../counter/attachments/file-name';
import { acceptable, documentSignature, signatureSettings, SIGNATURE_VERDICT_CALL, verdictLine, verdictOutcome, verifyAttachmentSignature, type DocumentSignatureStatus } from '../counter/attachments/signature';
import { appendAudit } from '../security/audit/chain';
import type { AuthedContext } from '../context';
import { all, get, run, sql, type Reader } from '../../../db/sql';
import { recordRequestEvent, viewedSinceLastChange } from '../counter/events';
import { releaseWork } from '../counter/working';
import { foreignerRegistrationPayload } from '../counter/foreigner-registration';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { appendOutbox, recordDecision, attentionDateOf, bumpVersion, documentLabel, loadChecklist, loadRequest, readinessOf, type RequestRecord } from '../counter/store';

interface DecisionInput {
  id: string;
  version: number;
  reasonCode?: string;
  note?: string;
}

interface ScanRow {
  id: string;
  documentType: string;
  fileName: string | null;
  mime: AttachmentMime;
  size: number;
  sha256: string;
}

function scansOf(db: Reader, requestId: string): ScanRow[] {
  return all<ScanRow>(db, sql`SELECT id, document_type AS documentType, file_name AS fileName, mime, size, sha256 FROM attachments WHERE request_id = ${requestId} ORDER BY created_at, id`).map(
    withSafeName,
  );
}

interface VirtualCheck {
  problems: string[];
  /** The verdict of each document the sheet wants e-signed, recorded with the approval. */
  signatures: { documentType: DocumentType; status: DocumentSignatureStatus }[];
}

/**
 * What keeps a virtual request from approval beyond the lifecycle's readiness guard (which
 * already wants every document verified and every e-signature marked): each required document
 * must have its scan here, and each one that requires an electronic signature (seed 004 lines
 * 51 and 57) a PDF whose signature verifies as «válida» — checked again on the files, so a mark
 * is never trusted over the scan it was made on.
 */
async function virtualApprovalCheck(ctx: AuthedContext, req: RequestRecord): Promise<VirtualCheck> {
  const scans = scansOf(ctx.db, req.id);
  const check: VirtualCheck = { problems: [], signatures: [] };
  for (const doc of loadChecklist(ctx.db, req.id)) {
    const own = scans.filter((a) => a.documentType === doc.documentType);
    const label = documentLabel(doc.documentType);
    if (own.length === 0) check.problems.push(`${label}: no tiene escaneo de la Ventanilla Virtual.`);
    else if (doc.signature === 'electronica') {
      const status = await documentSignature(ctx, req, doc.documentType);
      check.signatures.push({ documentType: doc.documentType, status });
      if (status.acceptance === 'no') check.problems.push(`${label}: ${status.result?.summary ?? 'Sin firma electrónica'}.`);
    }
  }
  return check;
}

/** The checks a decision needs that read files (async), done before its transaction. */
async function decide(ctx: AuthedContext, event: RequestEvent, input: DecisionInput): Promise<{ version: number; state: RequestState }> {
  const req = loadRequest(ctx, input.id);
  const virtualCheck = event === 'aprobar' && req.channel === 'virtual' ? await virtualApprovalCheck(ctx, req) : null;
  return decideNow(ctx, event, input, virtualCheck);
}

function decideNow(ctx: AuthedContext, event: RequestEvent, input: DecisionInput, virtualCheck: VirtualCheck | null): { version: number; state: RequestState } {
  const req = loadRequest(ctx, input.id);
  if (req.version !== input.version) {
    throw new CallFailure('conflict', `La solicitud ${req.number} cambió mientras la revisaba. Ábrala de nuevo antes de decidir.`);
  }
  // Four eyes: supervisors may attend at a counter, but never approve what they attended.
  // A virtual request has no clerk (clerkId is null): the supervisor who verified its scans may
  // approve it. The second party is the applicant, whose electronic signature on the Solicitud
  // and the Acuerdo (seed 004) binds what was filed; DOMAIN §2 and §3 put virtual requests in
  // the supervisor's own queue, and a CAU may have a single supervisor on duty (the demo agency
  // does), so requiring a second supervisor would leave them unapprovable.
  if (event === 'aprobar' && req.clerkId === ctx.actor.userId) {
    throw new CallFailure('forbidden', `${req.number}: usted atendió esta solicitud; debe aprobarla otro supervisor.`);
  }
  const virtual = req.channel === 'virtual';
  if (virtualCheck && virtualCheck.problems.length > 0) throw new CallFailure('conflict', `${req.number}: ${virtualCheck.problems.join(' ')}`);
  // A virtual request still at en_verificacion goes to review and is approved in one step.
  const events: RequestEvent[] = event === 'aprobar' && virtual && req.state === 'en_verificacion' ? ['enviar_a_revision', 'aprobar'] : [event];
  const readiness = readinessOf(req, loadChecklist(ctx.db, req.id));
  const moves: { event: RequestEvent; from: RequestState; to: RequestState }[] = [];
  let state = req.state;
  for (const e of events) {
    const moved = applyEvent(state, e, {
      actor: ctx.actor.role,
      channel: req.channel,
      attentionDate: attentionDateOf(ctx),
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      ...(input.note ? { note: input.note } : {}),
      readiness,
    });
    if (!moved.ok) throw new CallFailure('conflict', `${req.number}: ${moved.errors.map((x) => x.message).join(' ')}`);
    moves.push({ event: e, from: state, to: moved.to });
    state = moved.to;
  }
  // A foreigner's registration: central registers the person from the data checked again now.
  const foreigner = event === 'aprobar' && req.requestType === 'registro_extranjero' ? foreignerRegistrationPayload(ctx, req) : null;
  const now = ctx.clock.now();
  const version = ctx.write((db) => {
    const v = bumpVersion(db, req, now);
    run(db, sql`UPDATE requests SET state = ${state}, state_since = ${now} WHERE id = ${req.id}`);
    // Every decision has its row, reason or not, and its line in the request's history (an
    // approval in a batch too: the call's activity says it was one).
    // The verdicts the approval rested on, first: audited (an approval under the agency's
    // «revocación no comprobada» exception is recorded as such, outcome …:excepcion) and in the
    // request's history.
    for (const s of virtualCheck?.signatures ?? []) {
      appendAudit(db, { at: now, actorId: ctx.actor.userId, call: SIGNATURE_VERDICT_CALL, target: `request:${req.id}`, outcome: verdictOutcome(s.documentType, s.status) });
      recordRequestEvent(db, { requestId: req.id, at: now, actorId: ctx.actor.userId, activity: 'firma_electronica_verificada', ...verdictLine(s.documentType, s.status) });
    }
    const decisionId = recordDecision(db, { requestId: req.id, at: now, actorId: ctx.actor.userId, event, reasonCode: input.reasonCode ?? null, note: input.note ?? null });
    ctx.history.record({ event, decisionId }, req.id);
    for (const m of moves) {
      const decided = m.event === event;
      appendOutbox(db, {
        agencyId: req.agencyId,
        requestId: req.id,
        type: 'request.transition',
        payload: { event: m.event, from: m.from, to: m.to, at: now, reasonCode: decided ? (input.reasonCode ?? null) : null, note: decided ? (input.note ?? null) : null },
        now,
        actor: ctx.actor,
      });
    }
    if (foreigner) appendOutbox(db, { agencyId: req.agencyId, requestId: req.id, type: 'foreigner.registration', payload: foreigner, now, actor: ctx.actor });
    // Decided: the supervisor's work on it is over (the other desks see so).
    releaseWork(db, ctx.actor, req, now);
    return v;
  });
  return { version, state };
}

export const reviewHandlers: Pick<HandlersOf<'supervisor'>, 'review.approve' | 'review.scans' | 'review.bulkApprove' | 'review.return' | 'review.reject' | 'review.reassign' | 'review.clerks'> = {
  'review.approve': (input, ctx) => decide(ctx, 'aprobar', input),

  'review.scans': async ({ id }, ctx) => {
    const req = loadRequest(ctx, id);
    if (req.channel !== 'virtual') throw new CallFailure('invalid_input', `${req.number} no es de la Ventanilla Virtual: sus documentos se verifican en ventanilla.`);
    const allow = signatureSettings(ctx.db).allowUncheckedRevocation;
    const items = [];
    for (const { sha256, ...a } of scansOf(ctx.db, id)) {
      const signature = a.mime === 'application/pdf' ? await verifyAttachmentSignature(ctx, { id: a.id, mime: a.mime, sha256 }, req) : null;
      items.push({
        ...a,
        formatOk: a.mime === 'image/jpeg' || a.mime === 'application/pdf',
        sizeOk: a.size <= VIRTUAL_MAX_BYTES,
        signature,
        acceptance: signature ? acceptable(signature, allow) : null,
      });
    }
    ctx.write(() => ctx.history.record());
    return { maxBytes: VIRTUAL_MAX_BYTES, items };
  },

  'review.bulkApprove': async ({ items }, ctx) => {
    ctx.audit.target(`requests:${items.map((i) => i.id).join(',')}`.slice(0, 500));
    const results = [];
    for (const item of items) {
      try {
        // No blind approvals: only what this supervisor opened since its last change.
        if (!viewedSinceLastChange(ctx.db, item.id, ctx.actor.userId)) {
          results.push({ id: item.id, ok: false, message: 'Ábrala y revísela antes de aprobarla en lote.', state: null });
          continue;
        }
        const done = await decide(ctx, 'aprobar', item);
        results.push({ id: item.id, ok: true, message: 'Aprobada.', state: done.state });
      } catch (err) {
        if (err instanceof CallFailure) results.push({ id: item.id, ok: false, message: err.message, state: null });
        else throw err;
      }
    }
    return { results };
  },

  'review.return': (input, ctx) => decide(ctx, 'devolver', input),
  'review.reject': (input, ctx) => decide(ctx, 'rechazar', input),

  'review.reassign': ({ id, version, clerkId }, ctx) => {
    const req = loadRequest(ctx, id);
    if (req.version !== version) throw new CallFailure('conflict', 'La solicitud cambió mientras la revisaba. Ábrala de nuevo.');
    // The procedure has ended (key issued, rejected, annulled): there is no work left to hand over.
    if (isTerminal(req.state)) throw new CallFailure('conflict', `La solicitud ${req.number} ya terminó (${STATE_LABELS[req.state]}): no se reasigna.`);
    const clerk = get(ctx.db, sql`SELECT id FROM users WHERE id = ${clerkId} AND agency_id = ${ctx.actor.agencyId} AND role = 'ventanillero' AND disabled = 0`);
    if (!clerk) throw new CallFailure('invalid_input', 'Seleccione un ventanillero habilitado de esta agencia.');
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      const v = bumpVersion(db, req, now);
      run(db, sql`UPDATE requests SET clerk_id = ${clerkId} WHERE id = ${id}`);
      ctx.history.record();
      return v;
    });
    return { version: next };
  },

  'review.clerks': (_input, ctx) => ({
    items: all<Pick<UserRow, 'id' | 'displayName'>>(
      ctx.db,
      sql`SELECT id, display_name AS displayName FROM users WHERE agency_id = ${ctx.actor.agencyId} AND role = 'ventanillero' AND disabled = 0 ORDER BY display_name`,
    ),
  }),
};
