// Proof: who did what is checked at central. Each event carries the acting user (id, name, role),
// signed with the key the desk enrolled with; central refuses a transition the role may not make
// and an event the desk's key did not sign; a desk of the previous version (no key, no actor)
// still syncs. The history at other desks naming the person: two-desks.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { appendOutbox } from '../../../electron/core/counter/store';
import { transaction } from '../../../db/sql';
import { auditHead } from '../../../electron/core/security/audit/chain';
import { TOKEN_SECRET } from '../../../electron/core/sync/state';
import { eventSigner } from '../../../electron/core/sync/signing';
import { API_PREFIX, type OutboxEvent, type PushEvent } from '../../../shared/sync/protocol';
import type { TestDesk } from '../../support/desk';
import { central, enrol, FAST, syncUntilClean, type Central } from './support';
import { seededDesk } from '../../support/desk';

let c: Central;
let desk: TestDesk;
let deviceId = '';
beforeAll(async () => {
  c = await central();
  desk = await seededDesk({ requests: 2 });
  deviceId = await enrol(desk, c);
});
afterAll(async () => {
  desk.dispose();
  await c.dispose();
});

const AT = Date.UTC(2026, 10, 20, 15);
const CLERK_ACTOR = { userId: 'u-clerk', displayName: 'Ana Ventanilla', role: 'ventanillero' } as const;
const SUPERVISOR_ACTOR = { userId: 'u-sup', displayName: 'Sofía Supervisora', role: 'supervisor' } as const;

/** A request taken to «Pendiente de revisión» by the clerk, then `approver` approves it. */
function requestApprovedBy(prefix: string, approver: typeof CLERK_ACTOR | typeof SUPERVISOR_ACTOR): string {
  const sqlite = desk.core.ctx.db.$client;
  const id = randomUUID();
  sqlite
    .prepare(
      `INSERT INTO requests (id, agency_id, number, channel, state, state_since, applicant_kind, employer_ruc, employer_branch, employer_legal_name, details, created_at, updated_at)
       VALUES (?, 'agency-uio', ?, 'presencial', 'aprobada', ?, 'juridica_privada', '1792060346001', '0001', 'Comercial Andina Cía. Ltda.', '{}', ?, ?)`,
    )
    .run(id, `CAU-UIO-2026-${prefix}0000001`, AT, AT, AT);
  const out = (e: OutboxEvent, actor: typeof CLERK_ACTOR | typeof SUPERVISOR_ACTOR) => transaction(sqlite, (db) => appendOutbox(db, { ...e, agencyId: 'agency-uio', requestId: id, now: AT, actor }));
  out({ type: 'request.created', payload: { number: 'x', channel: 'presencial', at: AT } }, CLERK_ACTOR);
  out({ type: 'request.transition', payload: { event: 'iniciar_verificacion', from: 'borrador', to: 'en_verificacion', at: AT } }, CLERK_ACTOR);
  out({ type: 'request.transition', payload: { event: 'imprimir_formularios', from: 'en_verificacion', to: 'pendiente_firma', at: AT } }, CLERK_ACTOR);
  out({ type: 'request.transition', payload: { event: 'enviar_a_revision', from: 'pendiente_firma', to: 'pendiente_revision', at: AT } }, CLERK_ACTOR);
  out({ type: 'request.transition', payload: { event: 'aprobar', from: 'pendiente_revision', to: 'aprobada', at: AT } }, approver);
  return id;
}

const rejections = () =>
  desk.core.ctx.db.$client.prepare("SELECT request_id AS requestId, payload, last_error AS reason FROM outbox WHERE status = 'rechazado' ORDER BY seq").all() as { requestId: string; payload: string; reason: string }[];

async function pushRaw(token: string, events: PushEvent[], audit: object = {}) {
  const res = await fetch(`${c.url}${API_PREFIX}/events`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ events, ...audit }) });
  return { status: res.status, body: (await res.json()) as { results: { key: string; status: string; reason?: string }[] } };
}

test('the desk enrols with a public key; an approval by a clerk is refused at central, by a supervisor accepted', async () => {
  expect(c.store.device(deviceId)?.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
  const byClerk = requestApprovedBy('ACTA', CLERK_ACTOR);
  const bySupervisor = requestApprovedBy('ACTB', SUPERVISOR_ACTOR);
  expect((await syncUntilClean(desk, FAST, 20)).failures).toEqual([]);

  const refused = rejections();
  expect(refused).toHaveLength(1);
  expect(refused[0]).toMatchObject({ requestId: byClerk, reason: expect.stringContaining('Un usuario con rol «Ventanillero» no puede «Aprobar»') });
  expect(c.store.request(byClerk)?.state).toBe('pendiente_revision');
  expect(c.store.request(bySupervisor)?.state).not.toBe('pendiente_revision');
});

test('an event the desk did not sign, or whose actor was changed after signing, is refused', async () => {
  const token = desk.core.ctx.secrets.get(TOKEN_SECRET)!;
  const sign = eventSigner(desk.core.ctx.secrets)!;
  const event = (key: string): PushEvent => ({
    key,
    type: 'request.created',
    requestId: randomUUID(),
    occurredAt: AT,
    payload: { number: 'x', channel: 'presencial', at: AT },
    request: null,
    actor: { userId: CLERK_ACTOR.userId, name: CLERK_ACTOR.displayName, role: 'ventanillero' },
  });
  const unsigned = event(`unsigned-${randomUUID()}`);
  const signed = event(`tampered-${randomUUID()}`);
  const tampered = { ...signed, signature: await sign(signed), actor: { ...signed.actor!, role: 'supervisor' as const } };
  // With this desk's audit evidence, as its own push would carry (central holds its head).
  const held = c.store.auditHead(deviceId)!;
  const answer = await pushRaw(token, [unsigned, tampered], { auditHead: auditHead(desk.core.ctx.db.$client), auditProof: { seq: held.seq, hash: held.hash } });
  expect(answer.status).toBe(200);
  for (const r of answer.body.results) expect(r).toMatchObject({ status: 'rejected', reason: 'La firma del evento no corresponde a la estación que lo envía: no se aplicó.' });
});

test('a desk of the previous version (enrolled without a key, events without actor nor signature) still syncs', async () => {
  const code = await c.admin.enrolmentCode('UIO');
  const res = await fetch(`${c.url}${API_PREFIX}/enrol`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enrolmentCode: code, agencyCode: 'UIO', deviceName: 'Estación antigua' }) });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const snapshot = { id: randomUUID(), number: 'CAU-UIO-2026-OLD0000001', channel: 'presencial', state: 'borrador', stateSince: AT, applicantKind: 'juridica_privada', employerRuc: '1792060346001', employerBranch: '0001', employerLegalName: 'Comercial Andina Cía. Ltda.', representativeNames: null, email: null, createdAt: AT };
  const old = { key: `old-${randomUUID()}`, type: 'request.created', requestId: snapshot.id, occurredAt: AT, payload: { number: snapshot.number, channel: 'presencial', at: AT }, request: snapshot } as unknown as PushEvent;
  const answer = await pushRaw(token, [old]);
  expect(answer.body.results).toEqual([{ key: old.key, status: 'accepted' }]);
  // Its pull reads changes that carry the new fields (actor, origin) it does not know: ignored.
  const pulled = await fetch(`${c.url}${API_PREFIX}/changes?cursor=&limit=50`, { headers: { Authorization: `Bearer ${token}` } });
  expect(pulled.status).toBe(200);
  const changes = ((await pulled.json()) as { changes: { kind: string; actor?: unknown }[] }).changes;
  expect(changes.some((ch) => ch.kind === 'request.upsert' && ch.actor !== undefined)).toBe(true);
});
