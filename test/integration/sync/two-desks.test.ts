// Proof: two desks of the same agency see each other's requests through central, and central's
// decisions reach both, through the lifecycle.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Auth } from '../../../electron/core/registry';
import type { TestDesk } from '../../support/desk';
import { checkIn, toReview } from './counter-flow';
import { central, CLERK, enrolledDesk, fabricateEvents, FAST, SUPERVISOR, syncUntilClean, type Central } from './support';

let c: Central;
let a: TestDesk;
let b: TestDesk;
beforeAll(async () => {
  c = await central();
  a = await enrolledDesk(c);
  b = await enrolledDesk(c);
});
afterAll(async () => {
  a.dispose();
  b.dispose();
  await c.dispose();
});

async function numbersSeenBy(desk: TestDesk, who: Auth = CLERK): Promise<Map<string, string>> {
  const r = await desk.core.call('requests.list', { limit: 200 }, who);
  if (!r.ok) throw new Error(r.error.message);
  return new Map((r.value as { items: { number: string; state: string }[] }).items.map((i) => [i.number, i.state]));
}

const sync = (desk: TestDesk) => syncUntilClean(desk, FAST, 20);

test('each desk sees the requests recorded at the other, and their changes', async () => {
  const fromA = [await checkIn(a), await checkIn(a)];
  await sync(a);
  await sync(b);
  const seenByB = await numbersSeenBy(b);
  for (const r of fromA) expect(seenByB.get(r.number)).toBe('borrador');

  // B numbers with its own station code (central assigned A 01 and B 02): no collision.
  const fromB = await checkIn(b);
  expect(fromA.map((r) => r.number)).not.toContain(fromB.number);
  await sync(b);
  await sync(a);
  expect((await numbersSeenBy(a)).get(fromB.number)).toBe('borrador');

  // A change at A (annulment) shows at B.
  const first = fromA[0]!;
  const detail = await a.core.call('requests.get', { id: first.id }, CLERK);
  if (!detail.ok) throw new Error(detail.error.message);
  const version = (detail.value as { version: number }).version;
  const annul = await a.core.call('requests.transition', { id: first.id, version, event: 'anular', note: 'El solicitante desistió del trámite.' }, CLERK);
  expect(annul.ok).toBe(true);
  await sync(a);
  await sync(b);
  expect((await numbersSeenBy(b)).get(first.number)).toBe('anulada');
});

test("central's decisions on a request approved at one desk reach both desks", async () => {
  fabricateEvents(a.core.ctx.db.$client, 1, { prefix: 'TWO' });
  const id = (a.core.ctx.db.$client.prepare("SELECT id FROM requests WHERE number LIKE 'CAU-UIO-2026-TWO%'").get() as { id: string }).id;
  await sync(a); // central confirms receipt of the approval
  await c.admin.decide(id, 'emitir_clave', { maskedEmail: 'b***@andina.com.ec' });
  await sync(a);
  await sync(b);
  for (const desk of [a, b]) {
    const sqlite = desk.core.ctx.db.$client;
    expect(sqlite.prepare('SELECT state FROM requests WHERE id = ?').get(id)).toEqual({ state: 'clave_emitida' });
    expect(sqlite.prepare("SELECT note FROM request_decisions WHERE request_id = ? AND event = 'emitir_clave'").get(id)).toEqual({ note: 'Clave enviada a b***@andina.com.ec.' });
    expect(sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts').get()).toEqual({ n: 0 });
  }
});

type Detail = { version: number; state: string; intake: { address?: string; representativeNames?: string }; checklist: { documentType: string; status: string }[] };

test("a supervisor at another desk reviews the clerk's file and decides; the clerk reads the reason", async () => {
  const returned = await toReview(a, { ruc: '1714307103001', names: 'Peña Muñoz Begoña', cedula: '1714307103', address: 'Calle Sucre 4-52 y Bolívar, Cuenca' });
  const approved = await toReview(a, { ruc: '0926687856001', names: 'Ochoa Vintimilla Jorge', cedula: '0926687856', address: 'Gran Colombia 5-20, Cuenca' });
  await sync(a);
  await sync(b);

  // At B the mirror carries what the clerk recorded at A: intake and a verified checklist.
  const atB = await b.core.call('requests.get', { id: returned.id }, SUPERVISOR);
  if (!atB.ok) throw new Error(atB.error.message);
  const mirror = atB.value as Detail;
  expect(mirror.state).toBe('pendiente_revision');
  expect(mirror.intake).toMatchObject({ address: 'Calle Sucre 4-52 y Bolívar, Cuenca', representativeNames: 'Peña Muñoz Begoña' });
  expect(mirror.checklist.length).toBeGreaterThanOrEqual(3);
  expect(mirror.checklist.every((d) => d.status === 'verificado')).toBe(true);

  const back = await b.core.call('review.return', { id: returned.id, version: mirror.version, reasonCode: 'nombres_mal_escritos', note: 'Falta la tilde en Begoña.' }, SUPERVISOR);
  expect(back).toMatchObject({ ok: true });
  const second = await b.core.call('requests.get', { id: approved.id }, SUPERVISOR);
  if (!second.ok) throw new Error(second.error.message);
  expect(await b.core.call('review.approve', { id: approved.id, version: (second.value as Detail).version }, SUPERVISOR)).toMatchObject({ ok: true, value: { state: 'aprobada' } });
  await sync(b);
  await sync(a);

  // At A the clerk's own request moved, with B's reason and note; A's own file is untouched.
  const sqlite = a.core.ctx.db.$client;
  expect(sqlite.prepare('SELECT state FROM requests WHERE id = ?').get(returned.id)).toEqual({ state: 'devuelta' });
  expect(sqlite.prepare("SELECT actor_id AS actor, actor_label AS label, reason_code AS reason, note FROM request_decisions WHERE request_id = ? AND event = 'devolver'").get(returned.id)).toEqual({
    actor: 'otra_estacion',
    label: 'Mónica Peña Yánez (Supervisor, estación 02)',
    reason: 'nombres_mal_escritos',
    note: 'Falta la tilde en Begoña.',
  });
  // The clerk's history names who returned it and at which desk (B's signed event), with the reason and the note.
  const atA = await a.core.call('requests.get', { id: returned.id }, CLERK);
  if (!atA.ok) throw new Error(atA.error.message);
  expect((atA.value as { history: unknown[] }).history).toContainEqual(
    expect.objectContaining({ event: 'devolver', actor: 'Mónica Peña Yánez (Supervisor, estación 02)', reasonCode: 'nombres_mal_escritos', note: 'Falta la tilde en Begoña.' }),
  );
  // The approval too, although it carried no reason.
  const approvedAtA = await a.core.call('requests.get', { id: approved.id }, CLERK);
  if (!approvedAtA.ok) throw new Error(approvedAtA.error.message);
  expect((approvedAtA.value as { history: unknown[] }).history).toContainEqual(expect.objectContaining({ event: 'aprobar', actor: 'Mónica Peña Yánez (Supervisor, estación 02)' }));
  // Approved at B; central confirms receipt of approvals (its default), so A ends at «enviada».
  expect(sqlite.prepare('SELECT state FROM requests WHERE id = ?').get(approved.id)).toEqual({ state: 'enviada' });
  expect(sqlite.prepare("SELECT count(*) AS n FROM sync_conflicts").get()).toEqual({ n: 0 });
});

test('a copied request without its checklist (older desk) cannot be approved here', async () => {
  const req = await toReview(a, { ruc: '1710034065001', names: 'Vaca Ruiz Ana', cedula: '1710034065', address: 'Av. Amazonas N24-03, Quito' });
  await sync(a);
  await sync(b);
  // What a desk of the previous version leaves behind: the copy without its checklist.
  b.core.ctx.db.$client.prepare('DELETE FROM request_documents WHERE request_id = ?').run(req.id);
  const detail = await b.core.call('requests.get', { id: req.id }, SUPERVISOR);
  if (!detail.ok) throw new Error(detail.error.message);
  const refused = await b.core.call('review.approve', { id: req.id, version: (detail.value as Detail).version }, SUPERVISOR);
  expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('No hay documentos verificados') } });
  expect(b.core.ctx.db.$client.prepare('SELECT state FROM requests WHERE id = ?').get(req.id)).toEqual({ state: 'pendiente_revision' });
});
