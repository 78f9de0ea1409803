// Central (the stand-in, test/central/store.ts) applies each request type's own transitions
// (shared/domain/request-types.ts), as the desk's core does, and keeps the type it recorded first:
// a forged or buggy desk cannot close an employer trámite as a contact update. Real desk, real
// HTTP, real SQLite; the events are appended with the core's own appendOutbox.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { appendOutbox } from '../../../electron/core/counter/store';
import type { RequestEvent, RequestState } from '../../../shared/domain/lifecycle';
import { transaction } from '../../../db/sql';
import { centralAndDesk, FAST, syncUntilClean } from './support';

const env = centralAndDesk({ requests: 0 });
const AT = Date.UTC(2026, 10, 20, 15);

/** An employer request taken to «pendiente de firma» on the desk, its events synced to central. */
async function employerAwaitingSignature(sqlite: Database.Database, number: string): Promise<string> {
  const id = randomUUID();
  sqlite
    .prepare(
      `INSERT INTO requests (id, agency_id, number, channel, state, state_since, applicant_kind, employer_ruc, employer_branch, employer_legal_name, details, created_at, updated_at)
       VALUES (?, 'agency-uio', ?, 'presencial', 'pendiente_firma', ?, 'juridica_privada', '1792060346001', '0001', 'Comercial Andina Cía. Ltda.', '{}', ?, ?)`,
    )
    .run(id, number, AT, AT, AT);
  // Planted as the core does: inside a transaction (the write helpers refuse to run outside one).
  transaction(sqlite, (db) => {
    appendOutbox(db, { agencyId: 'agency-uio', requestId: id, type: 'request.created', payload: { number, channel: 'presencial', at: AT }, now: AT });
    for (const [event, from, to] of [
      ['iniciar_verificacion', 'borrador', 'en_verificacion'],
      ['imprimir_formularios', 'en_verificacion', 'pendiente_firma'],
    ] as const) {
      appendOutbox(db, { agencyId: 'agency-uio', requestId: id, type: 'request.transition', payload: { event, from, to, at: AT }, now: AT });
    }
  });
  await syncUntilClean(env.desk, FAST, 20);
  expect(env.c.store.request(id)?.state).toBe('pendiente_firma');
  return id;
}

function forge(sqlite: Database.Database, id: string, event: RequestEvent, from: RequestState, to: RequestState, note?: string): void {
  transaction(sqlite, (db) => appendOutbox(db, { agencyId: 'agency-uio', requestId: id, type: 'request.transition', payload: { event, from, to, at: AT + 60_000, ...(note ? { note } : {}) }, now: AT + 60_000 }));
}

const refusal = (sqlite: Database.Database, id: string) =>
  sqlite.prepare("SELECT status, last_error AS reason FROM outbox WHERE request_id = ? AND type = 'request.transition' ORDER BY seq DESC LIMIT 1").get(id) as { status: string; reason: string };

test('a «registrar actualización» on an employer trámite is refused: that type has no such transition', async () => {
  const sqlite = env.desk.core.ctx.db.$client;
  const id = await employerAwaitingSignature(sqlite, 'CAU-UIO-2026-TYP0000001');
  forge(sqlite, id, 'registrar_actualizacion', 'pendiente_firma', 'completada');
  await syncUntilClean(env.desk, FAST, 20);
  expect(env.c.store.request(id)?.state).toBe('pendiente_firma');
  expect(refusal(sqlite, id)).toMatchObject({ status: 'rechazado', reason: expect.stringContaining('no admite «Registrar la actualización»') });
});

test('a snapshot that gives a request another type is refused, even for a transition both types have', async () => {
  const sqlite = env.desk.core.ctx.db.$client;
  const id = await employerAwaitingSignature(sqlite, 'CAU-UIO-2026-TYP0000002');
  // The desk's row says contact update now (a bug, or an edited database): the snapshot pushed with the event says so.
  sqlite.prepare("UPDATE requests SET request_type = 'actualizacion_contacto' WHERE id = ?").run(id);
  forge(sqlite, id, 'anular', 'pendiente_firma', 'anulada', 'Registrada por error');
  await syncUntilClean(env.desk, FAST, 20);
  const atCentral = env.c.store.request(id)!;
  expect(atCentral.state).toBe('pendiente_firma');
  expect(JSON.parse(atCentral.snapshot)).toMatchObject({ requestType: 'clave_patronal' });
  expect(refusal(sqlite, id)).toMatchObject({ status: 'rechazado', reason: expect.stringContaining('otro tipo de trámite') });
});
