// «Actualización presencial de datos de contacto» at the counter (shared/domain/contact-update.ts,
// shared/domain/request-types.ts): the affiliate's identification and new contact data kept in
// the request's PERSONAL columns, the non-personal answers in details.contactUpdate (validated by
// the type's schema), and the close at the counter once the printed constancia is signed by hand.
// No supervisor review (docs/domain.md, «Actualización de datos de contacto»): the change is
// audited, in the request's history and on the end-of-day report, and it reaches central as a
// `contact.updated` event with the data (shared/sync/protocol.ts).
import { sql, run, type WritableDB } from '../../../db/sql';
import { checkContactUpdate, ContactUpdateDetailsSchema, type ContactUpdateData, type ContactUpdateDraft } from '../../../shared/domain/contact-update';
import { applyEvent } from '../../../shared/domain/lifecycle';
import type { AuthedContext } from '../context';
import { CallFailure } from '../errors';
import { foreignerCodePattern } from '../ops/agency-config';
import type { HandlersOf } from '../registry';
import { appendOutbox, assertEditable, assertType, assertTypeAllows, attentionDateOf, loadRequest, recordDecision, updateRequestColumns, type RequestRecord } from './store';

/** What the screen shows of a contact update (the draft as stored). */
export function contactUpdateOf(req: RequestRecord): ContactUpdateDraft {
  const details = ContactUpdateDetailsSchema.safeParse(req.details.contactUpdate ?? { affiliateKind: null });
  const idType = req.intake.representativeIdType;
  return {
    affiliateKind: details.success ? details.data.affiliateKind : null,
    idType: idType === 'cedula' || idType === 'codigo_extranjero' ? idType : null,
    idNumber: req.intake.representativeIdNumber ?? '',
    names: req.intake.representativeNames ?? '',
    email: req.intake.email ?? '',
    mobile: req.intake.mobile ?? '',
    landline: req.landline ?? '',
  };
}

/** The complete, checked data (the core's own check: a screen is a convenience); invalid_input names each field. */
export function checkedContactUpdate(ctx: AuthedContext, req: RequestRecord): ContactUpdateData {
  const check = checkContactUpdate(contactUpdateOf(req), { foreignerCodePattern: foreignerCodePattern(ctx.db) });
  if (!check.ok || !check.normalized) {
    const fields = check.errors.map((e) => ({ path: `data.${e.field}`, message: e.issue.message }));
    throw new CallFailure('invalid_input', `Revise los datos: ${check.errors.map((e) => e.issue.message).join(' ')}`, fields);
  }
  return check.normalized;
}

/** The e-mail proof the contact update needs before its constancia (the same proof as the employer intake's, seed 001:25). */
export function assertEmailProof(req: RequestRecord): void {
  if (!req.details.emailProof) {
    throw new CallFailure('conflict', 'Compruebe el correo con el código que envía el IESS, o registre por qué no se pudo, antes de imprimir la constancia.');
  }
}

/**
 * The input is partial (the screen may send only what changed): a field absent from it keeps its
 * stored value, one sent as '' (or null for the choices) is cleared.
 */
function writeContactUpdate(db: WritableDB, req: RequestRecord, sent: ContactUpdateDraft, now: number): number {
  const given = Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) as ContactUpdateDraft;
  const draft: ContactUpdateDraft = { ...contactUpdateOf(req), ...given };
  const emailChanged = (draft.email ?? '').trim().toLowerCase() !== (req.intake.email ?? '').trim().toLowerCase();
  const details = {
    ...req.details,
    contactUpdate: ContactUpdateDetailsSchema.parse({ affiliateKind: draft.affiliateKind ?? null }),
    // The proof was about one address: another address has to be proven again.
    ...(emailChanged ? { emailProof: null, emailChallenge: null } : {}),
  };
  const v = (x: string | undefined) => (x === undefined || x.trim() === '' ? null : x.trim());
  const columns = { representative_id_type: draft.idType ?? null, representative_id_number: v(draft.idNumber), representative_names: v(draft.names), email: v(draft.email), mobile: v(draft.mobile), landline: v(draft.landline) };
  if (!updateRequestColumns(db, req, columns, { details: JSON.stringify(details), updated_at: now })) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  return req.version + 1;
}

export const contactUpdateHandlers: Pick<HandlersOf<'counter'>, 'requests.saveContactUpdate' | 'requests.completeContactUpdate'> = {
  'requests.saveContactUpdate': ({ id, version, data }, ctx) => {
    const req = loadRequest(ctx, id);
    assertType(req, 'actualizacion_contacto');
    assertEditable(ctx, req, version);
    if (req.state !== 'borrador') throw new CallFailure('conflict', 'La constancia ya se imprimió: los datos ya no se pueden modificar. Anule el trámite y abra otro si hay un error.');
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      ctx.history.record();
      return writeContactUpdate(db, req, data, now);
    });
    return { version: next, updatedAt: now };
  },

  'requests.completeContactUpdate': ({ id, version }, ctx) => {
    const req = loadRequest(ctx, id);
    assertType(req, 'actualizacion_contacto');
    assertEditable(ctx, req, version);
    assertTypeAllows(req, 'registrar_actualizacion');
    const moved = applyEvent(req.state, 'registrar_actualizacion', { actor: ctx.actor.role, channel: req.channel, attentionDate: attentionDateOf(ctx) });
    if (!moved.ok) throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '));
    const data = checkedContactUpdate(ctx, req);
    const proof = req.details.emailProof;
    if (!proof) throw new CallFailure('conflict', 'Falta comprobar el correo o registrar por qué no se pudo.');
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      const changed = run(
        db,
        sql`UPDATE requests SET state = ${moved.to}, state_since = ${now}, updated_at = ${now}, version = version + 1 WHERE id = ${id} AND version = ${req.version}`,
      ).changes;
      if (changed !== 1) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
      const decisionId = recordDecision(db, { requestId: id, at: now, actorId: ctx.actor.userId, event: 'registrar_actualizacion' });
      appendOutbox(db, { agencyId: req.agencyId, requestId: id, type: 'request.transition', payload: { event: 'registrar_actualizacion', from: req.state, to: moved.to, at: now }, now, actor: ctx.actor });
      // What central records for the affiliate: the new contact data, and how the e-mail was proven.
      appendOutbox(db, {
        agencyId: req.agencyId,
        requestId: id,
        type: 'contact.updated',
        payload: {
          number: req.number,
          at: now,
          affiliateKind: data.affiliateKind,
          idType: data.idType,
          idNumber: data.idNumber,
          names: data.names,
          email: data.email,
          mobile: data.mobile,
          landline: data.landline === '' ? null : data.landline,
          emailProof: proof.status,
        },
        now,
        actor: ctx.actor,
      });
      ctx.history.record({ event: 'registrar_actualizacion', decisionId });
      return req.version + 1;
    });
    return { version: next, state: moved.to };
  },
};
