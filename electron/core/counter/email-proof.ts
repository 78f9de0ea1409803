// The active e-mail proof at the counter (seed 004, line 43: "cuenta de correo electrónico
// activa"): central sends a short code to the address, the applicant reads it on their phone and
// the clerk types it; central counts the attempts and the minutes. Offline, or when the applicant
// cannot receive it, the clerk records «no verificado» with a reason the supervisor reads.
import { EMAIL_UNVERIFIED_REASONS } from '../../../shared/domain/catalogs';
import { checkEmail } from '../../../shared/domain/contact';
import type { EmailProofView } from '../../../shared/contract/counter';
import { EmailChallenge, EmailConfirmation } from '../../../shared/sync/protocol';
import { run, sql, type Writer } from '../../../db/sql';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { askCentral } from '../sync/ask';
import { assertEditable, loadRequest, type RequestDetails, type RequestRecord } from './store';

/** While the applicant is at the counter: from intake until the papers are signed. */
const PROOF_STATES = new Set(['borrador', 'devuelta', 'en_verificacion', 'pendiente_firma']);

function editableForProof(ctx: AuthedContext, id: string, version: number): RequestRecord {
  const req = loadRequest(ctx, id);
  assertEditable(ctx, req, version);
  if (req.channel !== 'presencial') throw new CallFailure('invalid_input', 'El correo se comprueba en ventanilla: esta solicitud es de la Ventanilla Virtual.');
  if (!PROOF_STATES.has(req.state)) throw new CallFailure('conflict', 'El correo se comprueba mientras el solicitante está en ventanilla (antes de enviar a revisión).');
  // A contact update's constancia prints the proof: once printed, it is what the paper says.
  if (req.requestType === 'actualizacion_contacto' && req.state !== 'borrador') {
    throw new CallFailure('conflict', 'La constancia ya se imprimió con la comprobación del correo: para cambiarla, anule el trámite y abra otro.');
  }
  return req;
}

/** Writes `patch` into the request's details and bumps its version (optimistic concurrency). */
function writeDetails(db: Writer, req: RequestRecord, patch: Partial<RequestDetails>, now: number): number {
  const details: RequestDetails = { ...req.details, ...patch };
  const changed = run(db, sql`UPDATE requests SET details = ${JSON.stringify(details)}, updated_at = ${now}, version = version + 1 WHERE id = ${req.id} AND version = ${req.version}`).changes;
  if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  return req.version + 1;
}

/** What the screens show of the proof. */
export function emailProofView(details: RequestDetails): EmailProofView {
  const proof = details.emailProof ?? null;
  const challenge = details.emailChallenge ?? null;
  return {
    status: proof?.status ?? 'pendiente',
    reason: proof?.reason ?? null,
    note: proof?.note ?? null,
    at: proof?.at ?? null,
    challenge: challenge ? { expiresAt: challenge.expiresAt, attemptsLeft: challenge.attemptsLeft } : null,
  };
}

const OFFLINE_HINT = 'Si no hay conexión, registre «no verificado» con el motivo.';

export const emailProofHandlers: Pick<HandlersOf<'counter'>, 'requests.sendEmailCode' | 'requests.confirmEmailCode' | 'requests.recordEmailUnverified'> = {
  'requests.sendEmailCode': async ({ id, version }, ctx) => {
    const req = editableForProof(ctx, id, version);
    const email = checkEmail(req.intake.email);
    if (!email.ok || !email.normalized) throw new CallFailure('invalid_input', 'Registre primero un correo electrónico válido.', [{ path: 'intake.email', message: 'Correo no válido.' }]);
    let challenge: EmailChallenge;
    try {
      challenge = await askCentral(ctx, EmailChallenge, { method: 'POST', path: '/email-verifications', body: { email: email.normalized }, what: 'enviar el código al correo' });
    } catch (err) {
      if (err instanceof CallFailure) throw new CallFailure(err.code, `No se pudo enviar el código: ${err.message} ${OFFLINE_HINT}`);
      throw err;
    }
    const now = ctx.clock.now();
    // Asking central took time: the request may have changed meanwhile.
    const fresh = loadRequest(ctx, id);
    assertEditable(ctx, fresh, version);
    const next = ctx.write((db) => {
      ctx.history.record({});
      return writeDetails(db, fresh, { emailChallenge: { id: challenge.id, expiresAt: challenge.expiresAt, attemptsLeft: challenge.maxAttempts } }, now);
    });
    return { version: next, updatedAt: now, expiresAt: challenge.expiresAt, maxAttempts: challenge.maxAttempts };
  },

  'requests.confirmEmailCode': async ({ id, version, code }, ctx) => {
    const req = editableForProof(ctx, id, version);
    const challenge = req.details.emailChallenge;
    if (!challenge) throw new CallFailure('conflict', 'Primero envíe el código al correo del solicitante.');
    let answer: EmailConfirmation;
    try {
      answer = await askCentral(ctx, EmailConfirmation, { method: 'POST', path: `/email-verifications/${encodeURIComponent(challenge.id)}/confirm`, body: { code }, what: 'comprobar el código' });
    } catch (err) {
      if (err instanceof CallFailure) throw new CallFailure(err.code, `No se pudo comprobar el código: ${err.message} ${OFFLINE_HINT}`);
      throw err;
    }
    const now = ctx.clock.now();
    const fresh = loadRequest(ctx, id);
    assertEditable(ctx, fresh, version);
    const patch: Partial<RequestDetails> =
      answer.status === 'verificado'
        ? { emailProof: { status: 'verificado', reason: null, note: null, at: now, by: ctx.actor.userId }, emailChallenge: null }
        : answer.status === 'codigo_incorrecto'
          ? { emailChallenge: { ...challenge, attemptsLeft: answer.attemptsLeft } }
          : // Expired or locked: a new code has to be sent.
            { emailChallenge: null };
    const next = ctx.write((db) => {
      ctx.history.record({});
      return writeDetails(db, fresh, patch, now);
    });
    return { version: next, updatedAt: now, status: answer.status, attemptsLeft: answer.attemptsLeft };
  },

  'requests.recordEmailUnverified': ({ id, version, reason, note }, ctx) => {
    const req = editableForProof(ctx, id, version);
    const entry = EMAIL_UNVERIFIED_REASONS.find((r) => r.code === reason)!;
    if (entry.requiresNote && !note) throw new CallFailure('invalid_input', 'Este motivo requiere una observación.', [{ path: 'note', message: 'Escriba la observación.' }]);
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      ctx.history.record({});
      return writeDetails(db, req, { emailProof: { status: 'no_verificado', reason, note: note ?? null, at: now, by: ctx.actor.userId }, emailChallenge: null }, now);
    });
    return { version: next, updatedAt: now };
  },
};
