// The outbox is typed by the wire protocol on both sides: every event type has its payload schema,
// the desk's writer cannot compile a payload central would not read, and central (the real
// stand-in over HTTP) refuses, event by event, a type or payload that does not follow the schema.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendOutbox } from '../../../electron/core/counter/store';
import { OUTBOX_EVENT_TYPES, type OutboxEventType } from '../../../shared/domain/outbox';
import { OUTBOX_PAYLOADS, OutboxEvent, parseOutboxEvent, type OutboxPayload } from '../../../shared/sync/protocol';
import { centralAndDesk, FAST, syncUntilClean } from './support';

/** One valid payload per type: a type added without a sample here does not compile. */
const SAMPLES: { [T in OutboxEventType]: OutboxPayload<T> } = {
  'request.created': { number: 'CAU-UIO-2026-000777', channel: 'presencial', at: 1 },
  'request.transition': { event: 'devolver', from: 'pendiente_revision', to: 'devuelta', at: 2, reasonCode: 'firma_faltante', note: 'Falta la firma.' },
  'request.working': { working: true, activity: 'revision', at: 3, until: 600_003 },
  'contact.updated': {
    number: 'CAU-UIO-2026-000779',
    at: 4,
    affiliateKind: 'jubilado',
    idType: 'cedula',
    idNumber: '1714307103',
    names: 'María José Pérez',
    email: 'maria@gmail.com',
    mobile: '0991234567',
    landline: null,
    emailProof: 'verificado',
  },
  'foreigner.registration': {
    number: 'CAU-UIO-2026-000781',
    at: 5,
    passportNumber: 'L898902C3',
    passportExpiryDate: '2031-04-15',
    nationality: 'COL',
    names: 'Eriksson Anna María',
    birthDate: '1974-08-12',
    sex: 'F',
    employerRuc: '1792060346001',
    contractNumber: 'SUT-2026-000123',
    contractDate: '2026-11-20',
    position: 'Analista de sistemas',
    startDate: '2026-12-01',
  },
};

/** Payloads central would not understand, one list per type. */
const WRONG: { [T in OutboxEventType]: unknown[] } = {
  'request.created': [{}, { number: 'CAU-UIO-2026-000778', channel: 'ventanilla', at: 1 }, { number: 7, channel: 'presencial', at: 1 }],
  'request.transition': [
    { event: 'x', from: 'borrador', to: 'en_verificacion', at: 1 },
    { event: 'aprobar', from: 'pendiente_revision', at: 1 },
    { event: 'aprobar', from: 'pendiente_revision', to: 'aprobadísima', at: 1 },
    { event: 'imprimir_formularios', from: 'en_verificacion', to: 'pendiente_firma', at: 1, forms: [{ kind: 'solicitud', sha256: 'no', templateVersion: 1 }] },
  ],
  'request.working': [{ working: true, at: 1 }, { working: 'sí', activity: 'revision', at: 1 }, { working: true, activity: 'siesta', at: 1 }],
  'contact.updated': [
    { number: 'CAU-UIO-2026-000780', at: 1, affiliateKind: 'empleador', idType: 'cedula', idNumber: '1714307103', names: 'Ana', email: 'a@b.ec', mobile: '0991234567', landline: null, emailProof: 'verificado' },
    { number: 'CAU-UIO-2026-000780', at: 1, affiliateKind: 'afiliado', idType: 'cedula', idNumber: '1714307103', names: 'Ana', email: 'no es correo', mobile: '0991234567', landline: null, emailProof: 'verificado' },
    { number: 'CAU-UIO-2026-000780', at: 1, affiliateKind: 'afiliado', idType: 'cedula', idNumber: '1714307103', names: 'Ana', email: 'a@b.ec', mobile: '022345678', landline: null, emailProof: 'verificado' },
  ],
  'foreigner.registration': [
    { number: 'CAU-UIO-2026-000782', at: 1, passportNumber: 'l898 902', passportExpiryDate: '2031-04-15', nationality: 'COL', names: 'Ana', birthDate: '1974-08-12', sex: 'F', employerRuc: '1792060346001', contractNumber: 'X1', contractDate: '2026-11-20', position: 'Analista', startDate: '2026-12-01' },
    { number: 'CAU-UIO-2026-000782', at: 1, passportNumber: 'L898902C3', passportExpiryDate: '2031-04-15', nationality: 'COL', names: 'Ana', birthDate: '12/08/1974', sex: 'F', employerRuc: '1792060346001', contractNumber: 'X1', contractDate: '2026-11-20', position: 'Analista', startDate: '2026-12-01' },
    { number: 'CAU-UIO-2026-000782', at: 1, passportNumber: 'L898902C3', passportExpiryDate: '2031-04-15', nationality: 'COL', names: 'Ana', birthDate: '1974-08-12', sex: 'F', employerRuc: '1792060346', contractNumber: 'X1', contractDate: '2026-11-20', position: 'Analista', startDate: '2026-12-01' },
  ],
};

describe('the union of outbox events and the protocol schema agree', () => {
  it('every outbox event type has a payload schema, and nothing else does', () => {
    expect(Object.keys(OUTBOX_PAYLOADS).sort()).toEqual(OUTBOX_EVENT_TYPES.map((t) => t.code).sort());
  });

  it('a sample of each type reads back as itself, through the union and through central’s parse', () => {
    for (const { code: type } of OUTBOX_EVENT_TYPES) {
      const event = { type, payload: SAMPLES[type] };
      expect(OutboxEvent.parse(event)).toEqual(event);
      expect(parseOutboxEvent(type, SAMPLES[type])).toEqual({ ok: true, event });
    }
  });

  it('a wrong payload of each type, and an unknown type, are refused by central’s parse', () => {
    for (const { code: type } of OUTBOX_EVENT_TYPES) {
      for (const payload of WRONG[type]) {
        expect(parseOutboxEvent(type, payload), JSON.stringify(payload)).toEqual({ ok: false, problem: 'invalid_payload' });
        expect(OutboxEvent.safeParse({ type, payload }).success).toBe(false);
      }
    }
    expect(parseOutboxEvent('request.deleted', SAMPLES['request.created'])).toEqual({ ok: false, problem: 'unknown_type' });
  });
});

/** Never run: tsc checks it (npm run typecheck), and each line must stay a compile error. */
export function payloadsThatDoNotCompile(sqlite: Parameters<typeof appendOutbox>[0]): void {
  const at = { agencyId: 'agency-uio', requestId: 'r', now: 1 };
  // @ts-expect-error an event the lifecycle does not have
  appendOutbox(sqlite, { ...at, type: 'request.transition', payload: { event: 'x', from: 'borrador', to: 'en_verificacion', at: 1 } });
  // @ts-expect-error a transition without its target state
  appendOutbox(sqlite, { ...at, type: 'request.transition', payload: { event: 'aprobar', from: 'pendiente_revision', at: 1 } });
  // @ts-expect-error the payload of another type
  appendOutbox(sqlite, { ...at, type: 'request.created', payload: { event: 'aprobar', from: 'pendiente_revision', to: 'aprobada', at: 1 } });
  // @ts-expect-error a type central does not know
  appendOutbox(sqlite, { ...at, type: 'request.deleted', payload: {} });
}

describe('central refuses what it would not understand, event by event', () => {
  const env = centralAndDesk();

  it('a wrong payload or an unknown type, written past the types (an older or broken desk), is rejected with its reason; the good events of the batch are applied', async () => {
    const sqlite = env.desk.core.ctx.db.$client;
    await syncUntilClean(env.desk, FAST, 20);
    const id = (sqlite.prepare("SELECT id FROM requests WHERE state = 'pendiente_revision' LIMIT 1").get() as { id: string }).id;
    const raw = sqlite.prepare("INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at) VALUES (?, 'agency-uio', ?, ?, ?, ?) RETURNING seq");
    const push = (type: string, payload: unknown) => (raw.get(randomUUID(), id, type, JSON.stringify(payload), 1_700_000_000_000) as { seq: number }).seq;
    const badTransition = push('request.transition', WRONG['request.transition'][1]);
    const badCreated = push('request.created', WRONG['request.created'][1]);
    const unknown = push('request.deleted', {});
    const good = push('request.transition', { event: 'devolver', from: 'pendiente_revision', to: 'devuelta', at: 1_700_000_000_000, reasonCode: 'firma_faltante', note: null });
    await syncUntilClean(env.desk, FAST, 20);

    const row = (seq: number) => sqlite.prepare('SELECT status, last_error AS lastError FROM outbox WHERE seq = ?').get(seq) as { status: string; lastError: string | null };
    expect(row(badTransition)).toEqual({ status: 'rechazado', lastError: 'Rechazado por el IESS: El cambio de estado llegó incompleto o con un estado desconocido.' });
    expect(row(badCreated)).toEqual({ status: 'rechazado', lastError: 'Rechazado por el IESS: El registro de la solicitud llegó incompleto.' });
    expect(row(unknown)).toEqual({ status: 'rechazado', lastError: 'Rechazado por el IESS: Tipo de evento desconocido para el IESS: «request.deleted».' });
    expect(row(good)).toEqual({ status: 'enviado', lastError: null });
    expect(env.c.store.request(id)?.state).toBe('devuelta');
  });
});
