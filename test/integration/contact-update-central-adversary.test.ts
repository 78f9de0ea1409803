// Adversarial review (second round) of «actualización presencial de datos de contacto»
// (electron/core/counter/contact-update.ts) as central records it (test/central/store.ts
// contactUpdated, the stand-in for what central does with shared/sync/protocol.ts's
// contact.updated): real desks, real HTTP, real SQLite. Each test failed before its fix.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendOutbox } from '../../electron/core/counter/store';
import { AFFILIATE_LOOKUPS_PER_HOUR } from '../../electron/core/sync/handlers';
import type { Actor } from '../../electron/core/context';
import type { TestDesk } from '../support/desk';
import { CLERK, central, enrolledDesk, syncUntilClean, type Central } from './sync/support';

let c: Central;
const desks: TestDesk[] = [];
beforeEach(async () => {
  c = await central();
});
afterEach(async () => {
  for (const d of desks.splice(0)) d.dispose();
  await c.dispose();
});

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
async function ok<T>(desk: TestDesk, name: string, input: unknown): Promise<T> {
  const r = (await desk.core.call(name, input, CLERK)) as R;
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const AFFILIATE = { affiliateKind: 'jubilado', idType: 'cedula', idNumber: '1714307103', names: 'Pérez Guamán María José', mobile: '0991234567', landline: '' } as const;

/** A walk-in contact update, e-mail recorded as not verifiable (no code needed), printed and closed. */
async function completeContactUpdate(desk: TestDesk, email: string): Promise<void> {
  const walk = await ok<{ requestId: string }>(desk, 'appointments.walkIn', { reason: 'Afiliado sin turno: cambió de correo', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType: 'actualizacion_contacto' });
  const id = walk.requestId;
  let version = (await ok<{ version: number }>(desk, 'requests.get', { id })).version;
  version = (await ok<{ version: number }>(desk, 'requests.saveContactUpdate', { id, version, data: { ...AFFILIATE, email } })).version;
  version = (await ok<{ version: number }>(desk, 'requests.recordEmailUnverified', { id, version, reason: 'no_recibe', note: null })).version;
  version = (await ok<{ version: number }>(desk, 'forms.printConstancia', { id, version })).version;
  await ok(desk, 'requests.completeContactUpdate', { id, version, signed: true });
}

describe('contact.updated at central', () => {
  it('a desk that was offline does not overwrite an affiliate’s newer contact data with older data (the latest update wins, not the latest received)', async () => {
    const offline = await enrolledDesk(c, { requests: 0 });
    desks.push(offline);
    const online = await enrolledDesk(c, { requests: 0 });
    desks.push(online);
    // 08:00: the affiliate updates at a desk whose link to central is down (its outbox waits).
    await completeContactUpdate(offline, 'maria.antiguo@gmail.com');
    // 11:00: the same affiliate, at another counter, gives a newer address; central gets it at once.
    online.clock.advance(3 * 3_600_000);
    await completeContactUpdate(online, 'maria.nuevo@gmail.com');
    await syncUntilClean(online);
    expect(await c.admin.affiliateContact('cedula', '1714307103')).toMatchObject({ email: 'maria.nuevo@gmail.com' });
    // The first desk's link comes back: its older update arrives last.
    await syncUntilClean(offline);
    expect(await c.admin.affiliateContact('cedula', '1714307103')).toMatchObject({ email: 'maria.nuevo@gmail.com' });
  });

  it('is refused on a request that is not a completed contact update (an employer trámite still open)', async () => {
    const desk = await enrolledDesk(c, { requests: 0 });
    desks.push(desk);
    // An employer trámite opened at this desk and known to central (its request.created was accepted).
    const { requestId } = await ok<{ requestId: string }>(desk, 'appointments.walkIn', { reason: 'Empleador sin turno: trámite urgente', supervisorUsername: 'supervisora', supervisorPassword: 'Super.Demo.2026', requestType: 'clave_patronal' });
    await syncUntilClean(desk);
    const sqlite = desk.core.ctx.db.$client;
    expect(sqlite.prepare("SELECT status FROM outbox WHERE request_id = ? AND type = 'request.created'").pluck().get(requestId)).toBe('enviado');
    const req = sqlite.prepare('SELECT id, number, agency_id AS agencyId FROM requests WHERE id = ?').get(requestId) as { id: string; number: string; agencyId: string };
    const actor: Actor = { userId: 'u', username: 'ventanilla1', displayName: 'Ventanilla', role: 'ventanillero', agencyId: req.agencyId, agencyCode: 'UIO', sessionHash: null, locked: false, mustChangePassword: false };
    const now = desk.core.ctx.clock.now();
    // What a desk with a bug (or a forged event under the desk's own key) sends: it is well formed.
    sqlite.transaction(() =>
      appendOutbox(sqlite, {
        agencyId: req.agencyId,
        requestId: req.id,
        type: 'contact.updated',
        payload: { number: req.number, at: now, affiliateKind: 'afiliado', idType: 'cedula', idNumber: '1714307103', names: 'Otra Persona', email: 'desvio@example.com', mobile: '0991234567', landline: null, emailProof: 'no_verificado' },
        now,
        actor,
      }),
    )();
    await syncUntilClean(desk);
    expect(await c.admin.affiliateContact('cedula', '1714307103')).toBeNull();
  });

  it('a central that answers the affiliate’s contact data in clear (or half masked) never gets it onto the screen', async () => {
    const desk = await enrolledDesk(c, { requests: 0 });
    desks.push(desk);
    const lookup = () => ok<{ found: boolean; email: string | null; mobile: string | null; landline: string | null }>(desk, 'sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '1714307103' });
    // A star anywhere made the desk take the value as central's masking: «maria.perez@gmail.com*» went through whole.
    await c.admin.options({ affiliateContactAnswer: { found: true, email: 'maria.perez@gmail.com*', mobile: '0991234567*', landline: '*022345678' } });
    const shown = await lookup();
    expect(shown).toEqual({ found: true, email: 'm***@g***.com*', mobile: '09*******7*', landline: '*0******78' });
    for (const clear of ['maria.perez', '991234567', '02234567']) expect(JSON.stringify(shown)).not.toContain(clear);
    // What central masked properly is shown as it came.
    await c.admin.options({ affiliateContactAnswer: { found: true, email: 'm***@g***.com', mobile: '09******67', landline: null } });
    expect(await lookup()).toEqual({ found: true, email: 'm***@g***.com', mobile: '09******67', landline: null });
    // «Not found» with data attached shows none of it.
    await c.admin.options({ affiliateContactAnswer: { found: false, email: 'maria.perez@gmail.com', mobile: null, landline: null } });
    expect(await lookup()).toEqual({ found: false, email: null, mobile: null, landline: null });
  });

  it('a clerk cannot sweep central’s affiliates: lookups past the hourly limit are refused and audited under the clerk’s name', async () => {
    const desk = await enrolledDesk(c, { requests: 0 });
    desks.push(desk);
    const lookup = () => desk.core.call('sync.lookupAffiliateContact', { idType: 'cedula', idNumber: '1714307103' }, CLERK) as Promise<R>;
    for (let i = 0; i < AFFILIATE_LOOKUPS_PER_HOUR; i++) expect((await lookup()).ok).toBe(true);
    const refused = await lookup();
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`${AFFILIATE_LOOKUPS_PER_HOUR} consultas`) } });
    const sqlite = desk.core.ctx.db.$client;
    const outcomes = sqlite.prepare("SELECT outcome, count(*) AS n FROM audit_log WHERE call = 'sync.lookupAffiliateContact' GROUP BY outcome ORDER BY outcome").all();
    expect(outcomes).toEqual([{ outcome: 'conflict', n: 1 }, { outcome: 'ok', n: AFFILIATE_LOOKUPS_PER_HOUR }]);
    // An hour later the clerk may look up again.
    desk.clock.advance(3_600_001);
    expect((await lookup()).ok).toBe(true);
  });
});
