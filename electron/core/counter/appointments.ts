// Turno check-in, no-shows and supervisor-authorized walk-ins (docs/seeds/004_b3a097c2fb3b9007.txt:85-96, «Genere su turno en línea»).
import type { AppointmentTableRow, RequestTableRow } from '../../../db/rows';
import { checkCedula, normalizeCedula } from '../../../shared/domain/cedula';
import { findUser } from '../accounts/users';
import { CallFailure } from '../errors';
import type { HandlersOf } from '../registry';
import { MAX_FAILED_LOGINS, minutesLeft, verifyWithLockout } from '../accounts/session';
import { ecuadorDate } from '../../../shared/domain/dates';
import type { AuthedContext } from '../context';
import { getSetting } from '../settings';
import { createDraft } from './store';
import { all, get, run, sql } from '../../../db/sql';
import { REQUEST_TYPE_LABELS, requestTypeSpec, type RequestType } from '../../../shared/domain/request-types';

interface AppointmentRow {
  id: string;
  status: string;
  requestId: string | null;
  cedula: string;
  names: string;
  email: string | null;
  mobile: string | null;
  requestType: RequestType;
}

/**
 * Guardrail after MOSIP ("a maximum of items pending review, past which new intakes
 * warn"): once more requests wait for a supervisor than the agency's cap — at the cap is still
 * within it — new intakes still proceed (the applicant is at the counter) but the clerk is told.
 */
export function pendingReviewWarning(ctx: AuthedContext): string | null {
  const cap = getSetting(ctx.db, 'maxPendingReview');
  const { n } = get<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM requests WHERE agency_id = ${ctx.actor.agencyId} AND state = 'pendiente_revision'`)!;
  return n > cap ? `Hay ${n} solicitudes esperando revisión del supervisor, más que el máximo configurado (${cap}). Atienda normalmente y avise al supervisor.` : null;
}

export const checkInHandlers: Pick<HandlersOf<'counter'>, 'appointments.checkIn' | 'appointments.markNoShow' | 'appointments.walkIn'> = {
  'appointments.checkIn': ({ query }, ctx) => {
    const today = ecuadorDate(ctx.clock.now());
    // A cédula is typed as people write it ("171430710-3", "1714 307 103"); the turno stores
    // its ten digits. Anything else is a confirmation code, compared without spaces or case.
    const cedula = normalizeCedula(query);
    const byCedula = cedula !== null;
    // Ten digits are a cédula (confirmation codes have letters): one that fails its checks was
    // mistyped, and the clerk is told so rather than that no turno has that code.
    const typed = query.replace(/[\s-]/g, '');
    if (!byCedula && /^\d{10}$/.test(typed)) {
      const why = checkCedula(typed).errors[0]?.message ?? 'El número de cédula no es válido.';
      throw new CallFailure('invalid_input', `La cédula ${typed} no es válida. ${why}`, [{ path: 'query', message: why }]);
    }
    const code = cedula ?? query.replace(/\s+/g, '').toUpperCase();
    const rows = all<AppointmentRow>(
      ctx.db,
      sql`SELECT id, status, request_id AS requestId, cedula, names, email, mobile, request_type AS requestType FROM appointments
         WHERE agency_id = ${ctx.actor.agencyId} AND date = ${today} AND ${byCedula ? sql`cedula` : sql`upper(confirmation_code)`} = ${code} ORDER BY time`,
    );
    const open = rows.filter((r) => r.status !== 'no_asistio');
    if (rows.length === 0) {
      throw new CallFailure('not_found', byCedula ? 'No hay turno para hoy con esa cédula en esta agencia.' : 'No hay turno para hoy con ese código de confirmación en esta agencia.');
    }
    const appointment = open[0];
    if (!appointment) throw new CallFailure('conflict', 'Ese turno fue marcado como "no asistió". Para atenderlo se requiere una atención sin turno autorizada.');
    ctx.audit.target(`appointment:${appointment.id}`);
    if (appointment.requestId) {
      // Said, not done: the screen tells the clerk this turno was attended and offers its request.
      const existing = get<Pick<RequestTableRow, 'number' | 'state'>>(ctx.db, sql`SELECT number, state FROM requests WHERE id = ${appointment.requestId}`)!;
      return { requestId: appointment.requestId, alreadyCheckedIn: true, existing, warning: pendingReviewWarning(ctx) };
    }
    // A turno central booked for a procedure the counter does not take yet opens nothing.
    if (!requestTypeSpec(appointment.requestType).available) {
      throw new CallFailure('conflict', `El turno es para «${REQUEST_TYPE_LABELS[appointment.requestType]}», trámite que aún no se atiende en esta ventanilla: no se abrió ninguna solicitud.`);
    }
    const requestId = ctx.write((db) => {
      const id = createDraft(ctx, db, {
        // The turno's procedure opens a request of that type (shared/domain/request-types.ts).
        requestType: appointment.requestType,
        clerkId: ctx.actor.userId,
        appointmentId: appointment.id,
        // Whoever booked is usually the legal representative (or, for an affiliate's procedure, the
        // affiliate): a starting point the clerk confirms.
        intake: { representativeIdType: 'cedula', representativeIdNumber: appointment.cedula, representativeNames: appointment.names, representativeNationality: 'ECU', email: appointment.email ?? '', mobile: appointment.mobile ?? '' },
      });
      run(db, sql`UPDATE appointments SET status = 'atendido', status_at = ${ctx.clock.now()}, request_id = ${id} WHERE id = ${appointment.id}`);
      ctx.history.record();
      return id;
    });
    return { requestId, alreadyCheckedIn: false, existing: null, warning: pendingReviewWarning(ctx) };
  },

  'appointments.markNoShow': ({ appointmentId }, ctx) => {
    const row = get<Pick<AppointmentTableRow, 'agencyId' | 'status' | 'date'>>(ctx.db, sql`SELECT agency_id AS agencyId, status, date FROM appointments WHERE id = ${appointmentId}`);
    if (!row || row.agencyId !== ctx.actor.agencyId) throw new CallFailure('not_found', 'El turno no existe en esta agencia.');
    ctx.audit.target(`appointment:${appointmentId}`);
    if (row.status === 'atendido') throw new CallFailure('conflict', 'El turno ya fue atendido: no se puede marcar como "no asistió".');
    ctx.write((db) => run(db, sql`UPDATE appointments SET status = 'no_asistio', status_at = ${ctx.clock.now()} WHERE id = ${appointmentId}`));
    return {};
  },

  'appointments.walkIn': async ({ reason, supervisorUsername, supervisorPassword, requestType }, ctx) => {
    if (!requestTypeSpec(requestType).available) throw new CallFailure('invalid_input', `El trámite «${REQUEST_TYPE_LABELS[requestType]}» aún no está disponible en ventanilla.`, [{ path: 'requestType', message: 'Trámite no disponible.' }]);
    const supervisor = findUser(ctx.db, { username: supervisorUsername });
    const notASupervisor = new CallFailure('forbidden', 'La autorización debe darla un supervisor habilitado de esta agencia.');
    if (!supervisor || supervisor.disabled || supervisor.agencyId !== ctx.actor.agencyId) throw notASupervisor;
    if (supervisor.role !== 'supervisor') throw notASupervisor;
    // The supervisor's password goes through the same lockout rule as a login, but a failure is
    // the supervisor's, not the clerk's: 'unauthenticated' would tell the screen that the clerk's
    // own session had ended (and sign the clerk out).
    const check = await verifyWithLockout(ctx, supervisor, supervisorPassword);
    if (!check.ok && check.lockedUntil) {
      throw new CallFailure(
        'authorization_failed',
        `La cuenta del supervisor está bloqueada por ${MAX_FAILED_LOGINS} intentos fallidos. Puede autorizar otro supervisor, o este en ${minutesLeft(check.lockedUntil, ctx.clock.now())}.`,
      );
    }
    if (!check.ok) throw new CallFailure('authorization_failed', 'La contraseña del supervisor no es correcta. Pídale que la ingrese de nuevo.', [{ path: 'supervisorPassword', message: 'Contraseña incorrecta.' }]);
    const requestId = ctx.write((db) => {
      const id = createDraft(ctx, db, { requestType, clerkId: ctx.actor.userId, walkIn: { authorizedBy: supervisor.id, reason }, intake: { representativeNationality: 'ECU', representativeIdType: 'cedula' } });
      ctx.history.record();
      return id;
    });
    return { requestId, warning: pendingReviewWarning(ctx) };
  },
};
