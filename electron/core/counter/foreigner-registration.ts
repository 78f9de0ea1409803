// «Registro de extranjero sin cédula» at the counter (shared/domain/foreigner-registration.ts,
// shared/domain/request-types.ts): the foreigner's passport data (read from the MRZ) and the SUT
// contract kept in the request's PERSONAL columns (db/schema.ts), the checklist of the sheet's two
// papers (docs/seeds/002_7cf0ad12e8c8a3b1.txt:17–18, both scanned) and the request signed by hand.
// From there the counter's own calls verify, print, sign and send it to review; the supervisor's
// approval sends central the `foreigner.registration` event, and central answers with the code
// (sync/apply.ts, asignar_codigo).
import { get, sql, run, type WritableDB } from '../../../db/sql';
import {
  checkForeignerRegistration,
  FOREIGNER_DOCUMENTS,
  ForeignerRegistrationDetailsSchema,
  type ForeignerRegistrationData,
  type ForeignerRegistrationDraft,
} from '../../../shared/domain/foreigner-registration';
import type { OutboxPayload } from '../../../shared/sync/protocol';
import { ecuadorDate, type IsoDate } from '../../../shared/domain/dates';
import { applyEvent } from '../../../shared/domain/lifecycle';
import { isStateIn, STATE_GROUPS } from '../../../shared/domain/state-groups';
import type { AuthedContext, AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { appendOutbox, assertEditable, assertType, assertTypeAllows, attentionDateOf, loadRequest, recordDecision, updateRequestColumns, type RequestRecord } from './store';

/** The rule set its checklist is drawn from (sent with iniciar_verificacion / corregir). */
export const FOREIGNER_RULE_SET = 'registro_extranjero.v1';

interface ForeignerColumns {
  passportMrz: string | null;
  birthDate: string | null;
  sex: string | null;
  sutContractNumber: string | null;
  sutContractDate: string | null;
  jobPosition: string | null;
  jobStartDate: string | null;
  foreignerCode: string | null;
}

function columnsOf(db: AuthedReadContext['db'], id: string): ForeignerColumns {
  return get<ForeignerColumns>(
    db,
    sql`SELECT passport_mrz AS passportMrz, birth_date AS birthDate, sex, sut_contract_number AS sutContractNumber, sut_contract_date AS sutContractDate,
         job_position AS jobPosition, job_start_date AS jobStartDate, foreigner_code AS foreignerCode FROM requests WHERE id = ${id}`,
  )!;
}

/** What the screen shows of a foreigner's registration: the draft as stored, and central's code. */
export function foreignerRegistrationOf(ctx: AuthedReadContext, req: RequestRecord): { data: ForeignerRegistrationDraft; foreignerCode: string | null } {
  const c = columnsOf(ctx.db, req.id);
  const sex = c.sex === 'F' || c.sex === 'M' || c.sex === 'X' ? c.sex : null;
  return {
    data: {
      mrz: c.passportMrz ?? '',
      passportNumber: req.intake.representativeIdNumber ?? '',
      passportExpiryDate: req.intake.passportExpiryDate ?? '',
      nationality: req.intake.representativeNationality ?? '',
      names: req.intake.representativeNames ?? '',
      birthDate: c.birthDate ?? '',
      sex,
      employerRuc: req.intake.employerRuc ?? '',
      contractNumber: c.sutContractNumber ?? '',
      contractDate: c.sutContractDate ?? '',
      position: c.jobPosition ?? '',
      startDate: c.jobStartDate ?? '',
    },
    foreignerCode: c.foreignerCode,
  };
}

/**
 * The complete, checked data (the core's own check: a screen is a convenience); invalid_input names
 * each field. `attentionDate`: the day they are judged at (expiry, dates not in the future), today
 * unless the caller prints what was checked on an earlier day.
 */
export function checkedForeignerRegistration(ctx: AuthedContext, req: RequestRecord, attentionDate: IsoDate = attentionDateOf(ctx)): ForeignerRegistrationData {
  const check = checkForeignerRegistration(foreignerRegistrationOf(ctx, req).data, { attentionDate });
  if (!check.ok || !check.normalized) {
    const fields = check.errors.map((e) => ({ path: `data.${e.field}`, message: e.issue.message }));
    throw new CallFailure('invalid_input', `Revise los datos del extranjero: ${check.errors.map((e) => e.issue.message).join(' ')}`, fields);
  }
  return check.normalized;
}

const v = (x: string | null | undefined) => (x === undefined || x === null || x.trim() === '' ? null : x.trim());

function writeForeigner(db: WritableDB, req: RequestRecord, d: ForeignerRegistrationDraft, now: number, mrzChecked: boolean): number {
  const details = { ...req.details, foreigner: ForeignerRegistrationDetailsSchema.parse({ mrzChecked }) };
  const columns = {
    representative_id_type: 'pasaporte', representative_id_number: v(d.passportNumber), passport_expiry_date: v(d.passportExpiryDate),
    representative_nationality: v(d.nationality)?.toUpperCase() ?? null, representative_names: v(d.names), passport_mrz: v(d.mrz),
    birth_date: v(d.birthDate), sex: d.sex ?? null, employer_ruc: (d.employerRuc ?? '').replace(/[\s-]/g, ''),
    sut_contract_number: v(d.contractNumber), sut_contract_date: v(d.contractDate), job_position: v(d.position), job_start_date: v(d.startDate),
  };
  if (!updateRequestColumns(db, req, columns, { details: JSON.stringify(details), updated_at: now })) throw new CallFailure('conflict', 'La solicitud cambió en otra ventana o estación. Vuelva a intentar.');
  return req.version + 1;
}

/**
 * The event central registers the foreigner from (shared/sync/protocol.ts ForeignerRegistrationPayload),
 * from the data checked again at approval (a passport that expired while waiting is not sent).
 */
export function foreignerRegistrationPayload(ctx: AuthedContext, req: RequestRecord): OutboxPayload<'foreigner.registration'> {
  const d = checkedForeignerRegistration(ctx, req);
  return {
    number: req.number,
    at: ctx.clock.now(),
    passportNumber: d.passportNumber,
    passportExpiryDate: d.passportExpiryDate,
    nationality: d.nationality,
    names: d.names,
    birthDate: d.birthDate,
    sex: d.sex,
    employerRuc: d.employerRuc,
    contractNumber: d.contractNumber,
    contractDate: d.contractDate,
    position: d.position,
    startDate: d.startDate,
  };
}

export const foreignerRegistrationHandlers: Pick<HandlersOf<'counter'>, 'requests.saveForeignerRegistration' | 'requests.startForeignerVerification'> = {
  'requests.saveForeignerRegistration': ({ id, version, data }, ctx) => {
    const req = loadRequest(ctx, id);
    assertType(req, 'registro_extranjero');
    assertEditable(ctx, req, version);
    if (!isStateIn(STATE_GROUPS.intakeEditable, req.state)) {
      throw new CallFailure('conflict', 'Los datos del extranjero ya no se pueden modificar: la verificación de documentos empezó. Si hay un error, el supervisor puede devolver el trámite.');
    }
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      ctx.history.record();
      return writeForeigner(db, req, data, now, false);
    });
    return { version: next, updatedAt: now };
  },

  'requests.startForeignerVerification': ({ id, version }, ctx) => {
    const req = loadRequest(ctx, id);
    assertType(req, 'registro_extranjero');
    assertEditable(ctx, req, version);
    const event = req.state === 'devuelta' ? 'corregir' : 'iniciar_verificacion';
    assertTypeAllows(req, event);
    const moved = applyEvent(req.state, event, { actor: ctx.actor.role, channel: req.channel, attentionDate: attentionDateOf(ctx) });
    if (!moved.ok) throw new CallFailure('conflict', moved.errors.map((e) => e.message).join(' '));
    const data = checkedForeignerRegistration(ctx, req);
    const now = ctx.clock.now();
    const next = ctx.write((db) => {
      // The checked values (MRZ normalized, RUC without dashes) are what the papers print and central receives.
      const v2 = writeForeigner(db, req, data, now, true);
      run(db, sql`UPDATE requests SET state = ${moved.to}, state_since = ${now} WHERE id = ${id}`);
      for (const d of FOREIGNER_DOCUMENTS) {
        run(
          db,
          sql`INSERT INTO request_documents (request_id, document_type, rule_id, presentation, signature, signer, origin, updated_at)
            VALUES (${id}, ${d.documentType}, ${`${d.ruleId} (${d.citation.file}:${d.citation.lines[0]}-${d.citation.lines[1]})`}, ${d.presentation}, ${d.signature}, ${d.signer}, ${d.origins.length === 1 ? d.origins[0]! : null}, ${now})
            ON CONFLICT (request_id, document_type) DO NOTHING`,
        );
      }
      // Corrected after a return: the data may have changed, so each document is checked again and
      // the request printed and signed anew (its earlier paper named the old data).
      if (event === 'corregir') {
        run(db, sql`UPDATE request_documents SET status = 'pendiente', checks = NULL, rejection_reason = NULL, signature_marked = 0, updated_at = ${now} WHERE request_id = ${id}`);
      }
      ctx.history.record({ event, decisionId: recordDecision(db, { requestId: id, at: now, actorId: ctx.actor.userId, event }) });
      appendOutbox(db, { agencyId: req.agencyId, requestId: id, type: 'request.transition', payload: { event, from: req.state, to: moved.to, at: now, ruleSet: FOREIGNER_RULE_SET }, now, actor: ctx.actor });
      return v2;
    });
    return { version: next, state: moved.to };
  },
};

/**
 * What the comprobante prints (forms/foreigner.ts): the data as they were sent to review, judged
 * at the day they were (the last enviar_a_revision), so a copy asked for after the passport
 * expired still prints — the registration was done with a valid one. Purged data: a conflict.
 */
export function sentForeignerRegistration(ctx: AuthedContext, req: RequestRecord): ForeignerRegistrationData {
  const row = get<{ purgedAt: number | null; sentAt: number | null }>(
    ctx.db,
    sql`SELECT r.personal_data_purged_at AS purgedAt, (SELECT max(d.at) FROM request_decisions d WHERE d.request_id = r.id AND d.event = 'enviar_a_revision') AS sentAt FROM requests r WHERE r.id = ${req.id}`,
  );
  if (row?.purgedAt != null) throw new CallFailure('conflict', 'Los datos personales de este trámite fueron depurados por retención: ya no se puede imprimir.');
  return checkedForeignerRegistration(ctx, req, row?.sentAt != null ? ecuadorDate(row.sentAt) : attentionDateOf(ctx));
}
