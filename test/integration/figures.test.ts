// The per-day figures (db/schema-figures.ts) are kept by triggers in the transaction of each
// change: after any sequence of changes, by any writer, they equal a full recount over the
// records (db/figures.ts). Random changes at the table level, as every writer (counter, review,
// sync, seed) makes them, on the real migrated database; and the dashboard reads them.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../shared/contract';
import { dayEnd, dayStart, ecuadorDate } from '../../shared/domain/dates';
import { recountDetails, recountFigures, storedDetails, storedFigures } from '../../db/figures';
import { DB_FILE_NAME, openDatabase } from '../../db/open';
import { SOURCE_MIGRATIONS_DIR } from '../../db/paths';
import { seedDemo } from '../../db/seed/demo';
import { seededDesk, tempDir, type TestDesk } from '../support/desk';
import type Database from 'better-sqlite3';

/** Copies every row of `file` into `into`, table by table, in the columns both schemas have. */
function copyCommonColumns(file: string, into: Database.Database): void {
  into.pragma('foreign_keys = OFF');
  into.prepare('ATTACH DATABASE ? AS src').run(file);
  try {
    const tables = into.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name <> '__drizzle_migrations'").pluck().all() as string[];
    into.transaction(() => {
      for (const t of tables) {
        const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
        const theirs = new Set((into.prepare(`SELECT name FROM pragma_table_xinfo(?, 'src') WHERE hidden = 0`).pluck().all(t) as string[]));
        const cols = (into.prepare(`SELECT name FROM pragma_table_xinfo(?, 'main') WHERE hidden = 0`).pluck().all(t) as string[]).filter((c) => theirs.has(c));
        if (cols.length === 0) continue;
        into.exec(`DELETE FROM main.${q(t)}`);
        into.exec(`INSERT INTO main.${q(t)} (${cols.map(q).join(', ')}) SELECT ${cols.map(q).join(', ')} FROM src.${q(t)}`);
      }
    })();
  } finally {
    into.prepare('DETACH DATABASE src').run();
    into.pragma('foreign_keys = ON');
  }
}

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
  | { kind: 'walkIn'; request: number; set: boolean }
  | { kind: 'reprintsRelayed'; request: number }
  | { kind: 'move'; request: number; toOther: boolean; clerk: number; walkIn: boolean };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('request' as const), clerk: fc.nat(5), channel: fc.constantFrom('presencial' as const, 'virtual' as const), walkIn: fc.boolean(), dayOffset: fc.integer({ min: -40, max: 0 }), hour: fc.nat(23) }),
  fc.record({ kind: fc.constant('event' as const), request: fc.nat(), event: fc.constantFrom(...EVENTS), dayOffset: fc.integer({ min: -40, max: 0 }), minute: fc.nat(1439) }),
  fc.record({ kind: fc.constant('print' as const), request: fc.nat(), reprint: fc.boolean(), dayOffset: fc.integer({ min: -40, max: 0 }) }),
  fc.record({ kind: fc.constant('reassign' as const), request: fc.nat(), clerk: fc.nat(5) }),
  fc.record({ kind: fc.constant('decision' as const), request: fc.nat(), event: fc.constantFrom('rechazar' as const, 'devolver' as const), reason: fc.constantFrom('R01', 'R02', 'D01', null), dayOffset: fc.integer({ min: -40, max: 0 }) }),
  fc.record({ kind: fc.constant('walkIn' as const), request: fc.nat(), set: fc.boolean() }),
  // A copy of another desk's request has its prints rewritten with each relay (sync/record.ts).
  fc.record({ kind: fc.constant('reprintsRelayed' as const), request: fc.nat() }),
  // A record corrected into another agency (and back), with its clerk and walk-in in one UPDATE.
  fc.record({ kind: fc.constant('move' as const), request: fc.nat(), toOther: fc.boolean(), clerk: fc.nat(5), walkIn: fc.boolean() }),
);

let serial = 0;

function apply(changes: Change[]): void {
  const sqlite = desk.core.ctx.db.$client;
  const agencyId = (sqlite.prepare("SELECT id FROM agencies WHERE code = 'UIO'").get() as { id: string }).id;
  const otherId = (sqlite.prepare("SELECT id FROM agencies WHERE code <> 'UIO' LIMIT 1").get() as { id: string }).id;
  const users = sqlite.prepare('SELECT id FROM users WHERE agency_id = ? ORDER BY id').pluck().all(agencyId) as string[];
  const clerkOf = (n: number) => (n >= users.length ? null : users[n]!);
  const requestIds = () => sqlite.prepare('SELECT id FROM requests ORDER BY id').pluck().all() as string[];
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
      } else if (c.kind === 'walkIn') {
        sqlite.prepare('UPDATE requests SET walk_in_reason = ? WHERE id = ?').run(c.set ? 'Autorizado' : null, pick(c.request));
      } else if (c.kind === 'reprintsRelayed') {
        sqlite.prepare('DELETE FROM form_prints WHERE request_id = ?').run(pick(c.request));
      } else {
        sqlite.prepare('UPDATE requests SET agency_id = ?, clerk_id = ?, walk_in_reason = ? WHERE id = ?').run(c.toOther ? otherId : agencyId, clerkOf(c.clerk), c.walkIn ? 'Autorizado' : null, pick(c.request));
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

  it('are what the dashboard shows: each day and each channel as a scan of requests and of the event log counts them', async () => {
    const supervisor = await desk.login('supervisora', 'Super.Demo.2026');
    const sqlite = desk.core.ctx.db.$client;
    const to = ecuadorDate(desk.clock.now());
    const from = ecuadorDate(desk.clock.now() - 45 * DAY);
    const r = await desk.core.call('dashboard.stats', { from, to }, supervisor);
    if (!r.ok) throw new Error(r.error.message);
    const stats = r.value as CallOutput<'dashboard.stats'>;
    const [start, end] = [dayStart(from), dayEnd(to)];
    const ecDay = (col: string) => `date((${col} - 18000000) / 1000, 'unixepoch')`;
    // An event counts in its request's agency (db/figures.ts).
    const uio = (sqlite.prepare("SELECT id FROM agencies WHERE code = 'UIO'").get() as { id: string }).id;
    const received = sqlite
      .prepare(`SELECT ${ecDay('created_at')} AS date, channel, count(*) AS n FROM requests WHERE agency_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1, 2`)
      .all(uio, start, end) as { date: string; channel: string; n: number }[];
    const decided = sqlite
      .prepare(
        `SELECT ${ecDay('o.created_at')} AS date, r.channel, json_extract(o.payload, '$.event') AS event, count(*) AS n FROM outbox o LEFT JOIN requests r ON r.id = o.request_id
         WHERE coalesce(r.agency_id, o.agency_id) = ? AND o.type = 'request.transition' AND o.created_at >= ? AND o.created_at < ? AND json_extract(o.payload, '$.event') IN ('aprobar', 'rechazar') GROUP BY 1, 2, 3`,
      )
      .all(uio, start, end) as { date: string; channel: string | null; event: string; n: number }[];
    const sum = (rows: { n: number }[]) => rows.reduce((t, x) => t + x.n, 0);
    expect(sum(received)).toBeGreaterThan(0);
    for (const d of stats.perDay) {
      const on = received.filter((x) => x.date === d.date);
      expect(d).toEqual({
        date: d.date,
        received: sum(on),
        receivedPresencial: sum(on.filter((x) => x.channel === 'presencial')),
        receivedVirtual: sum(on.filter((x) => x.channel === 'virtual')),
        approved: sum(decided.filter((x) => x.date === d.date && x.event === 'aprobar')),
        rejected: sum(decided.filter((x) => x.date === d.date && x.event === 'rechazar')),
      });
    }
    for (const channel of ['presencial', 'virtual'] as const) {
      expect(stats.byChannel[channel]).toEqual({
        received: sum(received.filter((x) => x.channel === channel)),
        approved: sum(decided.filter((x) => x.channel === channel && x.event === 'aprobar')),
        rejected: sum(decided.filter((x) => x.channel === channel && x.event === 'rechazar')),
      });
    }
  });

  it('a desk upgraded with records (schema before daily_figures) gets them counted by the migration', async () => {
    const dataDir = tempDir();
    const old = tempDir('vp-mig-');
    try {
      // The migrations as the previous version shipped them.
      fs.cpSync(SOURCE_MIGRATIONS_DIR, old, { recursive: true });
      const journalFile = path.join(old, 'meta', '_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag === '0012_daily_figures');
      expect(at).toBeGreaterThan(0);
      fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      const before = openDatabase({ dataDir, migrationsDir: old });
      // Records as that version kept them: today's demo seed writes columns later migrations
      // added, so it seeds a current database and the columns the old schema has are copied over.
      const source = tempDir();
      try {
        const current = openDatabase({ dataDir: source, migrationsDir: SOURCE_MIGRATIONS_DIR });
        await seedDemo(current.sqlite, { requests: 200, now: desk.clock.now(), history: true });
        current.close();
        copyCommonColumns(path.join(source, DB_FILE_NAME), before.sqlite);
      } finally {
        fs.rmSync(source, { recursive: true, force: true });
      }
      // The demo seed prints nothing: a first print and a reprint of two requests.
      const printed = before.sqlite.prepare('SELECT id FROM requests ORDER BY id LIMIT 2').pluck().all() as string[];
      const clerk = before.sqlite.prepare("SELECT id FROM users WHERE role = 'ventanillero' LIMIT 1").pluck().get() as string;
      const print = before.sqlite.prepare("INSERT INTO form_prints (request_id, kind, at, actor_id, reprint, printed_at, template_version, sha256, path) VALUES (?, 'solicitud', ?, ?, ?, ?, 1, 'x', 'x')");
      for (const [i, id] of printed.entries()) print.run(id, desk.clock.now() - i * DAY, clerk, i, desk.clock.now());
      before.close();

      const upgraded = openDatabase({ dataDir, migrationsDir: SOURCE_MIGRATIONS_DIR });
      try {
        const stored = storedFigures(upgraded.sqlite);
        expect(stored.reduce((n, f) => n + f.received, 0)).toBe(200);
        expect(stored.some((f) => f.approved > 0) && stored.some((f) => f.printed > 0) && stored.some((f) => f.reprinted > 0)).toBe(true);
        expect(stored).toEqual(recountFigures(upgraded.sqlite));
        expect(storedDetails(upgraded.sqlite)).toEqual(recountDetails(upgraded.sqlite));
      } finally {
        upgraded.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(old, { recursive: true, force: true });
    }
  });
});
