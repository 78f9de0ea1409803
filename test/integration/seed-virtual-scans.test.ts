// The demo's newest Ventanilla Virtual requests come with their applicant's scans, so a
// supervisor trying the demo can verify one and approve it, as with a real virtual request.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedVirtualScans } from '../../db/seed/scans';
import type { Auth } from '../../electron/core/registry';
import { seededDesk, type TestDesk } from '../support/desk';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 400, history: false });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
const raw = (name: string, input: unknown) => desk.core.call(name, input, SUPERVISOR) as Promise<R>;
async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await raw(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
type Detail = { version: number; checklist: { documentType: string; signature: string | null }[] };

test('the newest virtual requests get one scan per required document, e-signed where required, and one can be approved', async () => {
  const sqlite = desk.core.ctx.db.$client;
  const waiting = (sqlite.prepare("SELECT count(*) AS n FROM requests WHERE channel = 'virtual' AND state IN ('en_verificacion', 'pendiente_revision')").get() as { n: number }).n;
  expect(waiting).toBeGreaterThan(0);
  const given = await seedVirtualScans(sqlite, desk.dataDir, { limit: 3, now: desk.clock.now() });
  expect(given.count).toBe(Math.min(3, waiting));
  const id = (sqlite.prepare("SELECT r.id FROM requests r WHERE r.channel = 'virtual' AND r.state = 'en_verificacion' AND EXISTS (SELECT 1 FROM attachments a WHERE a.request_id = r.id) ORDER BY r.state_since DESC LIMIT 1").get() as { id: string }).id;
  const before = (sqlite.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;

  const detail = await call<Detail>('requests.get', { id });
  const scans = await call<{ items: { documentType: string; formatOk: boolean; sizeOk: boolean; acceptance: string | null; signature: { verdict: string } | null }[] }>('review.scans', { id });
  expect(scans.items.map((s) => s.documentType).sort()).toEqual(detail.checklist.map((d) => d.documentType).sort());
  for (const item of scans.items) {
    const wanted = detail.checklist.find((d) => d.documentType === item.documentType)!;
    // Signed for real by the DEMO CA the seed installed as the agency's trust anchor.
    expect(item).toMatchObject({ formatOk: true, sizeOk: true, acceptance: wanted.signature === 'electronica' ? 'si' : 'no' });
  }
  // The next two show a refusal: an Acuerdo edited after signing, a Solicitud signed by someone else.
  const [, second, third] = sqlite
    .prepare("SELECT r.id FROM requests r WHERE r.channel = 'virtual' AND r.state = 'en_verificacion' AND EXISTS (SELECT 1 FROM attachments a WHERE a.request_id = r.id) ORDER BY r.state_since DESC LIMIT 3")
    .all() as { id: string }[];
  const verdicts = async (rid: string) => (await call<{ items: { documentType: string; signature: { verdict: string } | null }[] }>('review.scans', { id: rid })).items.map((i) => [i.documentType, i.signature?.verdict]);
  if (second) expect(await verdicts(second.id)).toContainEqual(['acuerdo_responsabilidad', 'modificado']);
  if (third) expect(await verdicts(third.id)).toContainEqual(['solicitud_entrega_clave', 'otra_persona']);

  // The supervisor's path, as the review screen drives it: verify, mark e-signatures, approve.
  for (const d of detail.checklist) {
    if (d.signature === 'electronica') {
      const { version } = await call<Detail>('requests.get', { id });
      await call('requests.markSignature', { id, version, documentType: d.documentType, marked: true });
    }
    const { version } = await call<Detail>('requests.get', { id });
    await call('requests.verifyDocument', { id, version, documentType: d.documentType, presented: true, presentedAs: 'escaneo', checks: { numberValid: true, namesMatch: true, notExpired: true }, status: 'verificado' });
  }
  const ready = await call<Detail>('requests.get', { id });
  expect(await call('review.approve', { id, version: ready.version })).toMatchObject({ state: 'aprobada' });
  // Running it again gives nothing twice: only requests without scans get them.
  expect((await seedVirtualScans(sqlite, desk.dataDir, { limit: 3, now: desk.clock.now() })).count).toBe(Math.max(0, Math.min(3, waiting - 3)));
  expect((sqlite.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n).toBeGreaterThanOrEqual(before);
});

test('whatever its size, the demo has virtual requests to verify and approve; those already in review can be approved', async () => {
  const small = await seededDesk({ requests: 200, history: false });
  try {
    const sqlite = small.core.ctx.db.$client;
    const seeded = await seedVirtualScans(sqlite, small.dataDir, { limit: 12, now: small.clock.now() });
    expect(seeded.refused).toHaveLength(2);
    expect(seeded.approvable.length).toBeGreaterThan(0);
    const rows = sqlite
      .prepare(`SELECT id, number, state FROM requests WHERE number IN (${[...seeded.approvable, ...seeded.refused].map(() => '?').join(', ')})`)
      .all(...seeded.approvable, ...seeded.refused) as { id: string; number: string; state: string }[];
    expect(rows.filter((r) => r.state === 'en_verificacion' && seeded.approvable.includes(r.number)).length).toBeGreaterThan(0);
    // What the seed says of each is what the verifier finds: every e-signature «válida», or one refused.
    for (const r of rows) {
      const scans = (await small.core.call('review.scans', { id: r.id }, SUPERVISOR)) as { ok: true; value: { items: { documentType: string; acceptance: string | null }[] } };
      const detail = (await small.core.call('requests.get', { id: r.id }, SUPERVISOR)) as { ok: true; value: Detail };
      const required = new Set(detail.value.checklist.filter((d) => d.signature === 'electronica').map((d) => d.documentType));
      const signed = scans.value.items.filter((i) => required.has(i.documentType));
      expect(signed.length).toBeGreaterThan(0);
      if (seeded.approvable.includes(r.number)) expect(signed.map((i) => i.acceptance)).toEqual(signed.map(() => 'si'));
      else expect(signed.map((i) => i.acceptance)).toContain('no');
    }
    // One already in review (its e-signatures recorded before it went there) is approved as it is.
    for (const r of rows.filter((row) => row.state === 'pendiente_revision' && seeded.approvable.includes(row.number))) {
      const { id, version } = sqlite.prepare('SELECT id, version FROM requests WHERE number = ?').get(r.number) as { id: string; version: number };
      const approved = (await small.core.call('review.approve', { id, version }, SUPERVISOR)) as R;
      expect(approved, JSON.stringify(approved)).toMatchObject({ ok: true, value: { state: 'aprobada' } });
    }
  } finally {
    small.dispose();
  }
});
