// The sync calls: status and items for the sync screen, the manual retry, the administrator's
// enrolment (the token goes to the secrets store, never to the database or the log) and the
// employer registry lookup.
import { AffiliateContactLookup, API_PREFIX, EnrolResponse, EmployerLookup, ForeignerLookup } from '../../../shared/sync/protocol';
import { checkCedula } from '../../../shared/domain/cedula';
import { maskEmail, maskPhone } from '../../../shared/domain/contact-update';
import { checkForeignerCode } from '../../../shared/domain/foreigner-code';
import { foreignerCodePattern } from '../ops/agency-config';
import { askCentral } from './ask';
import type { OutboxStatus } from '../../../shared/contract/sync';
import { CallFailure } from '../errors';
import { all, get, run, sql, value } from '../../../db/sql';
import type { HandlersOf } from '../registry';
import { getSetting, setSetting } from '../settings';
import { skipPastNumber } from '../counter/store';
import { exchange, SyncError } from './http';
import { newSigningKey } from './signing';
import { connectionState, currentEnrolment, readSyncState, TOKEN_SECRET, updateSyncState } from './state';

const LOOKUP_TIMEOUT_MS = 8_000;
const ENROL_TIMEOUT_MS = 15_000;
const SMALL_ANSWER = 256 * 1024;

const FILTERS = {
  pendientes: sql`acked_at IS NULL AND status IN ('pendiente', 'enviando')`,
  fallidos: sql`acked_at IS NULL AND status = 'fallido'`,
  rechazados: sql`status = 'rechazado'`,
} as const;

/**
 * *(assumption)* Lookups of affiliates' contact data one user may make in an hour: a clerk attends
 * a few affiliates an hour and the screen asks once per identification typed; a sweep of
 * identifications (to learn who is an affiliate, or their contact data's shape) is not attending.
 */
export const AFFILIATE_LOOKUPS_PER_HOUR = 30;
const HOUR_MS = 3_600_000;

export const syncHandlers: HandlersOf<'sync'> = {
  'sync.status': (_input, ctx) => {
    const state = readSyncState(ctx.db);
    const enrolment = currentEnrolment(ctx.db, ctx.secrets);
    const counts = get<{ pending: number; failed: number; rejected: number; conflicts: number }>(
      ctx.db,
      sql`SELECT
           (SELECT count(*) FROM outbox WHERE acked_at IS NULL AND status <> 'fallido') AS pending,
           (SELECT count(*) FROM outbox WHERE acked_at IS NULL AND status = 'fallido') AS failed,
           (SELECT count(*) FROM outbox WHERE status = 'rechazado') AS rejected,
           (SELECT count(*) FROM sync_conflicts) AS conflicts`,
    )!;
    return {
      enrolled: enrolment !== null,
      centralUrl: getSetting(ctx.db, 'centralUrl'),
      deviceId: state.deviceId,
      deviceName: state.deviceName,
      stationCode: state.stationCode,
      enrolledAt: state.enrolledAt,
      recovering: enrolment !== null && state.recoveredAt === null,
      state: connectionState(ctx.db, ctx.secrets, ctx.clock.now()),
      lastContactAt: getSetting(ctx.db, 'centralLastContactAt'),
      lastError: state.lastError,
      nextAttemptAt: state.nextAttemptAt,
      counts,
      pull: { running: state.pullRunning === 1, received: state.pullReceived, total: state.pullTotal, lastPullAt: state.lastPullAt },
      secretsEncrypted: ctx.secrets.encrypted,
    };
  },

  'sync.items': ({ filter, cursor, limit }, ctx) => {
    const after = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
    const rows = all<{ seq: number; status: OutboxStatus; event: unknown; type: string; requestId: string | null; requestNumber: string | null; createdAt: number; attempts: number; lastError: string | null; nextAttemptAt: number | null }>(
      ctx.db,
      sql`SELECT o.seq, o.type, json_extract(o.payload, '$.event') AS event, o.request_id AS requestId, r.number AS requestNumber,
           o.created_at AS createdAt, o.status, o.attempts, o.last_error AS lastError, o.next_attempt_at AS nextAttemptAt
         FROM outbox o LEFT JOIN requests r ON r.id = o.request_id
         WHERE ${FILTERS[filter]} AND o.seq > ${after} ORDER BY o.seq LIMIT ${limit + 1}`,
    );
    const page = rows.slice(0, limit).map((r) => ({ ...r, event: typeof r.event === 'string' ? r.event : null }));
    return { items: page, nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null };
  },

  'sync.conflicts': ({ limit }, ctx) => ({
    items: all<{ id: number; at: number; requestId: string | null; requestNumber: string | null; event: string | null; reason: string }>(
      ctx.db,
      sql`SELECT c.id, c.at, c.request_id AS requestId, r.number AS requestNumber, c.event, c.reason
         FROM sync_conflicts c LEFT JOIN requests r ON r.id = c.request_id ORDER BY c.id DESC LIMIT ${limit}`,
    ),
  }),

  'sync.retry': ({ seq }, ctx) => {
    if (seq !== undefined) ctx.audit.target(`outbox:${seq}`);
    // The queue leaves in order: retrying one item means retrying from the first pending one.
    return ctx.write((db) => {
      const retried = run(db, sql`UPDATE outbox SET status = 'pendiente', next_attempt_at = NULL WHERE acked_at IS NULL AND status <> 'pendiente'`).changes;
      run(db, sql`UPDATE outbox SET next_attempt_at = NULL WHERE acked_at IS NULL`);
      updateSyncState(db, { nextAttemptAt: null, lastPullAt: null });
      return { retried };
    });
  },

  'sync.enrol': async ({ centralUrl, enrolmentCode, deviceName }, ctx) => {
    const url = centralUrl.replace(/\/+$/, '');
    // A fresh key per enrolment: a replaced or re-enrolled desk signs with a key central just received.
    const signing = newSigningKey(ctx.secrets);
    let answer;
    try {
      answer = await exchange(EnrolResponse, {
        method: 'POST',
        url: `${url}${API_PREFIX}/enrol`,
        body: { enrolmentCode, agencyCode: ctx.actor.agencyCode, deviceName, publicKey: signing.publicKey },
        timeoutMs: ENROL_TIMEOUT_MS,
        maxBytes: SMALL_ANSWER,
        now: ctx.clock.now(),
      });
    } catch (err) {
      if (err instanceof SyncError && err.kind === 'auth') throw new CallFailure('forbidden', 'El IESS no aceptó el código de enrolamiento (inválido, vencido o de otra agencia).');
      throw new CallFailure('unavailable', err instanceof SyncError ? err.message : 'No se pudo enrolar la estación.');
    }
    if (answer.agencyCode !== ctx.actor.agencyCode) throw new CallFailure('conflict', 'El IESS enroló la estación para otra agencia; no se guardó el enrolamiento.');
    ctx.secrets.set(TOKEN_SECRET, answer.token);
    signing.keep();
    ctx.audit.target(`device:${answer.deviceId}`);
    const station = answer.station ?? null;
    ctx.write((db) => {
      setSetting(db, 'centralUrl', url);
      // Numbering continues after what central received from this station (a replaced desk's).
      for (const n of station?.numbering ?? []) skipPastNumber(db, ctx.actor.agencyId, { year: n.year, station: station!.code, seq: n.last });
      // A new enrolment starts the feed from the beginning: central's cursor is per device.
      updateSyncState(db, {
        deviceId: answer.deviceId,
        deviceName,
        agencyCode: answer.agencyCode,
        stationCode: station?.code ?? null,
        enrolledAt: ctx.clock.now(),
        // A replacement recovers its station's requests and files from central's feed first.
        recoveredAt: station?.replacedDevice ? null : ctx.clock.now(),
        auditConfirmedSeq: null,
        auditConfirmedHash: null,
        auditConfirmedAt: null,
        auditRefusal: null,
        auditRefusalAt: null,
        pullCursor: '',
        pullAppliedSeq: 0,
        failures: 0,
        lastError: null,
        nextAttemptAt: null,
        lastPullAt: null,
      });
    });
    ctx.log.info('desk enrolled', { deviceId: answer.deviceId, station: station?.code ?? null, replacement: station?.replacedDevice != null });
    return { deviceId: answer.deviceId, agencyName: answer.agencyName, stationCode: station?.code ?? null, replacement: station?.replacedDevice != null };
  },

  'sync.unenrol': (_input, ctx) => {
    ctx.secrets.delete(TOKEN_SECRET);
    ctx.write((db) => updateSyncState(db, { deviceId: null, enrolledAt: null }));
    return {};
  },

  // Seed 004, line 63: the foreigner code only for foreigners registered or affiliated in the IESS.
  'sync.lookupForeigner': ({ passport, nationality }, ctx) => {
    ctx.audit.target(`foreigner:${nationality}`);
    return askCentral(ctx, ForeignerLookup, { method: 'GET', path: `/foreigners/${passport}?nationality=${nationality}`, what: 'consultar el registro de extranjeros del IESS' });
  },

  // Seed 001, line 21: the counter shows what central holds before recording the new data.
  // The identification is PERSONAL: not in the audit target, nor in any log (POST body, not URL).
  'sync.lookupAffiliateContact': async ({ idType, idNumber }, ctx) => {
    const id = idType === 'cedula' ? checkCedula(idNumber) : checkForeignerCode(idNumber, { pattern: foreignerCodePattern(ctx.db) });
    if (!id.ok || !id.normalized) throw new CallFailure('invalid_input', id.errors[0]?.message ?? 'Identificación no válida.', [{ path: 'idNumber', message: id.errors[0]?.message ?? 'Identificación no válida.' }]);
    ctx.audit.target('affiliate-contact');
    // Asked for the affiliate at the counter: a clerk sweeping identifications is refused (each
    // refusal is in the audit trail with the clerk's name); the update goes on without the lookup.
    const since = ctx.clock.now() - HOUR_MS;
    const recent = value<number>(
      ctx.db,
      sql`SELECT count(*) FROM audit_log WHERE target = 'affiliate-contact' AND actor_id = ${ctx.actor.userId} AND call = 'sync.lookupAffiliateContact' AND outcome = 'ok' AND at > ${since}`,
    );
    if ((recent ?? 0) >= AFFILIATE_LOOKUPS_PER_HOUR) {
      throw new CallFailure(
        'conflict',
        `Hizo ${AFFILIATE_LOOKUPS_PER_HOUR} consultas de datos de contacto en la última hora, el máximo por usuario: el IESS no permite consultas masivas de afiliados. Continúe la actualización sin esta consulta; cada consulta queda registrada a su nombre.`,
      );
    }
    const answer = await askCentral(ctx, AffiliateContactLookup, { method: 'POST', path: '/affiliate-contacts/lookup', body: { idType, idNumber: id.normalized }, what: 'consultar los datos de contacto registrados en el IESS' });
    // Central masks; the desk masks again whatever came (a central bug, or a clear value with a star
    // in it, is never shown): both masks keep their own output as it is, so central's «j***@g***.com»
    // and «09******12» come through unchanged. «Not found» shows nothing that came with it.
    if (!answer.found) return { found: false, email: null, mobile: null, landline: null };
    const masked = (v: string | null, mask: (x: string) => string) => (v === null ? null : mask(v));
    return { found: true, email: masked(answer.email, maskEmail), mobile: masked(answer.mobile, maskPhone), landline: masked(answer.landline, maskPhone) };
  },

  'sync.lookupEmployer': async ({ ruc }, ctx) => {
    const enrolment = currentEnrolment(ctx.db, ctx.secrets);
    if (!enrolment) throw new CallFailure('unavailable', 'Esta estación no está enrolada en los servicios centrales del IESS.');
    ctx.audit.target(`employer:${ruc}`);
    try {
      return await exchange(EmployerLookup, {
        method: 'GET',
        url: `${enrolment.centralUrl}${API_PREFIX}/employers/${ruc}`,
        token: enrolment.token,
        timeoutMs: LOOKUP_TIMEOUT_MS,
        maxBytes: SMALL_ANSWER,
        now: ctx.clock.now(),
      });
    } catch (err) {
      throw new CallFailure('unavailable', err instanceof SyncError ? err.message : 'No se pudo consultar el registro de empleadores.');
    }
  },
};
