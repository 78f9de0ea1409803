// The per-day figures (db/schema-figures.ts) are kept by triggers in the transaction of each
// change: after any sequence of changes, by any writer, they equal a full recount over the
// records (db/figures.ts). Random changes at the table level, as every writer (counter, review,
// sync, seed) makes them, on the real migrated database; and the dashboard reads them.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recountDetails, recountFigures, storedDetails, storedFigures } from '../../db/figures';
import { seededDesk, type TestDesk } from '../support/desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 150, history: true });
}, 60_000);
afterAll(() => desk?.dispose());

const EVENTS = ['enviar_a_revision', 'aprobar', 'devolver', 'rechazar', 'imprimir_formularios', 'verificar'] as const;
const DAY = 86_400_000;

type Change =
  | { kind: 'request'; clerk: number; channel: 'presencial' | 'virtual'; walkIn: boolean; dayOffset: number; hour: number }
  | { kind: 'event'; request: number; event: (typeof EVENTS)[number]; dayOffset: number; minute: number }
  | { kind: 'print'; request: number; reprint: boolean; dayOffset: number }
  | { kind: 'reassign'; request: number; clerk: number }
  | { kind: 'decision'; request: number; event: 'rechazar' | 'devolver'; reason: string | null; dayOffset: number }
  | { kind: 'walkIn'; request: number; set: boolean };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), clerk: fc.nat(5), channel: fc.constantFrom('presencial' as const, 'virtual' as const), walkIn: fc.boolean(), dayOffset: fc.integer({ min: -40, max: 0 }), hour: fc.nat(23) }),
  fc.record({ kind: fc.constant('event' as const), request: fc.nat(), event: fc.constantFrom(...EVENTS), dayOffset: fc.integer({ min: -40, max: 0 }), minute: fc.nat(1439) }),
  fc.record({ kind: fc.constant('print' as const), request: fc.nat(), reprint: fc.boolean(), dayOffset: fc.integer({ min: -40, max: 0 }) }),
  fc.record({ kind: fc.constant('reassign' as const), request: fc.nat(), clerk: fc.nat(5) }),
  fc.record({ kind: fc.constant('decision' as const), request: fc.nat(), event: fc.constantFrom('rechazar' as const, 'devolver' as const), reason: fc.constantFrom('R01', 'R02', 'D01', null), dayOffset: fc.integer({ min: -40, max: 0 }) }),
  fc.record({ kind: fc.constant('walkIn' as const), request: fc.nat(), set: fc.boolean() }),
);

let serial = 0;

function apply(changes: Change[]): void {
  const sqlite = desk.core.ctx.db.$client;
  const agencyId = (sqlite.prepare("SELECT id FROM agencies WHERE code = 'UIO'").get() as { id: string }).id;
  const users = sqlite.prepare('SELECT id FROM users WHERE agency_id = ? ORDER BY id').pluck().all(agencyId) as string[];
  const clerkOf = (n: number) => (n >= users.length ? null : users[n]!);
  const requestIds = () => sqlite.prepare('SELECT id FROM requests WHERE agency_id = ? ORDER BY id').pluck().all(agencyId) as string[];
  const now = desk.clock.now();
  sqlite.transaction(() => {
    for (const c of changes) {
      const ids = requestIds();
      const pick = (n: number) => ids[n % ids.length]!;
      serial += 1;
      if (c.kind === 'request') {
        const id = `prop-${serial}`;
        sqlite
          .prepare(
            `INSERT INTO requests (id, agency_id, number, channel, state, state_since, clerk_id, applicant_kind, employer_ruc, employer_legal_name, walk_in_reason, details, created_at, updated_at)
             VALUES (?, ?, ?, ?, 'borrador', ?, ?, 'privado', '1790012345001', 'Empresa de prueba', ?, '{}', ?, ?)`,
          )
          .run(id, agencyId, `CAU-UIO-2026-P${serial}`, c.channel, now, clerkOf(c.clerk), c.walkIn ? 'Trámite urgente' : null, now + c.dayOffset * DAY + c.hour * 3_600_000 - 20 * 3_600_000, now);
      } else if (c.kind === 'event') {
        sqlite
          .prepare("INSERT INTO outbox (idempotency_key, agency_id, request_id, type, payload, created_at) VALUES (?, ?, ?, 'request.transition', ?, ?)")
          .run(`prop-${serial}`, agencyId, pick(c.request), JSON.stringify({ event: c.event }), now + c.dayOffset * DAY + c.minute * 60_000 - DAY);
      } else if (c.kind === 'print') {
        sqlite
          .prepare("INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, printed_at, template_version, sha256, path) VALUES (?, 'solicitud', ?, ?, ?, ?, 1, 'x', 'x')")
          .run(pick(c.request), now + c.dayOffset * DAY, users[0], c.reprint ? 1 : 0, now);
      } else if (c.kind === 'reassign') {
        sqlite.prepare('UPDATE requests SET clerk_id = ? WHERE id = ?').run(clerkOf(c.clerk), pick(c.request));
      } else if (c.kind === 'decision') {
        sqlite.prepare('INSERT INTO request_decisions (request_id, at, actor_id, event, reason_code) VALUES (?, ?, ?, ?, ?)').run(pick(c.request), now + c.dayOffset * DAY, users[0], c.event, c.reason);
      } else {
        sqlite.prepare('UPDATE requests SET walk_in_reason = ? WHERE id = ?').run(c.set ? 'Autorizado' : null, pick(c.request));
      }
    }
  })();
}

describe('per-day figures', () => {
  it('the seeded agency starts with figures equal to a full recount', () => {
    const sqlite = desk.core.ctx.db.$client;
    expect(storedFigures(sqlite).length).toBeGreaterThan(0);
    expect(storedFigures(sqlite)).toEqual(recountFigures(sqlite));
    expect(storedDetails(sqlite)).toEqual(recountDetails(sqlite));
  });

  it('equal a full recount after any sequence of random changes', () => {
    const sqlite = desk.core.ctx.db.$client;
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 25 }), (changes) => {
        apply(changes);
        expect(storedFigures(sqlite)).toEqual(recountFigures(sqlite));
        expect(storedDetails(sqlite)).toEqual(recountDetails(sqlite));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 30) },
    );
  });

  it('are what the dashboard shows: its received figures are the check-ins of each day', async () => {
    const supervisor = await desk.login('supervisora', 'Super.Demo.2026');
    const r = await desk.core.call('dashboard.stats', { from: '2026-10-21', to: '2026-11-20' }, supervisor);
    if (!r.ok) throw new Error(r.error.message);
    const stats = r.value as { perDay: { date: string; received: number }[] };
    const sqlite = desk.core.ctx.db.$client;
    const counted = sqlite
      .prepare("SELECT date((created_at - 18000000) / 1000, 'unixepoch') AS date, count(*) AS n FROM requests GROUP BY 1")
      .all() as { date: string; n: number }[];
    const byDate = new Map(counted.map((c) => [c.date, c.n]));
    for (const d of stats.perDay) expect(d.received).toBe(byDate.get(d.date) ?? 0);
  });
});
