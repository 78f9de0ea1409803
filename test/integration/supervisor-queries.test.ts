// The supervisor's queries against plain scans of the same database: the faster plans (queues
// merged per state, names expanded into index terms, narrow filters bounding the names walk)
// must answer exactly what a full scan answers. And the agency's per-state SLA reaches the queues.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { searchTuning } from '../../electron/core/supervisor/search';
import type { QueueRow, SlaPlan } from '../../shared/contract/supervisor';
import { DAY_MS, dayStart, ecuadorDate } from '../../shared/domain/dates';
import { okCaller, seededDesk, type TestDesk } from '../support/desk';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 3000 });
});
afterAll(() => desk.dispose());

const call = okCaller(() => desk, SUPERVISOR);
const sqlite = () => desk.core.ctx.db.$client;
const ids = (sql: string, ...params: unknown[]) => (sqlite().prepare(sql).pluck().all(...params) as string[]);

/** Every page of a paged call, in order. */
async function allPages<T extends { id: string }>(name: string, input: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await call(name, { ...input, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('workqueues read per state', () => {
  it('the Ventanilla Virtual queue (two states) pages in queue order exactly as a scan sorts it', async () => {
    const rows = await allPages<QueueRow>('queues.list', { queue: 'virtual_por_revisar', limit: 7 });
    const expected = ids(
      "SELECT id FROM requests WHERE agency_id = 'agency-uio' AND state IN ('en_verificacion', 'pendiente_revision') AND channel = 'virtual' ORDER BY state_since, id",
    );
    expect(expected.length).toBeGreaterThan(14);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['en_verificacion', 'pendiente_revision']));
    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it('a one-state queue pages the same way', async () => {
    const rows = await allPages<QueueRow>('queues.list', { queue: 'devueltas', limit: 9 });
    expect(rows.map((r) => r.id)).toEqual(ids("SELECT id FROM requests WHERE agency_id = 'agency-uio' AND state = 'devuelta' ORDER BY state_since, id"));
  });
});

describe('search plans answer what a scan answers', () => {
  type Found = { id: string; state: string; clerkId: string | null; createdAt: number; requestType: string };
  const clerk = () => sqlite().prepare("SELECT id FROM users WHERE username = 'ventanilla2'").pluck().get() as string;
  const day = (offsetDays: number) => ecuadorDate(desk.clock.now() - offsetDays * DAY_MS);
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  /** The rowids, newest first, whose names have a word starting with each typed word (one-letter words are left out). */
  function scan(text: string, keep: (r: Found) => boolean): string[] {
    const words = fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => [...w].length > 1);
    const rows = sqlite()
      .prepare(
        `SELECT id, state, clerk_id AS clerkId, created_at AS createdAt, request_type AS requestType, concat_ws(' ', representative_names, employer_legal_name, third_party_names) AS names
         FROM requests WHERE agency_id = 'agency-uio' ORDER BY rowid DESC`,
      )
      .all() as (Found & { names: string })[];
    return rows.filter((r) => keep(r) && words.every((w) => fold(r.names).split(/[^\p{L}\p{N}]+/u).some((n) => n.startsWith(w)))).map((r) => r.id);
  }

  const tuned = { ...searchTuning };
  afterEach(() => void Object.assign(searchTuning, tuned));

  // Word starts of one and of several index terms ("andr": Andrade, Andrés; "Álva": Álvarez,
  // Álvaro), the 2- and 3-letter prefix index, an initial beside a name (left out), accents typed or not.
  const texts = ['muñoz', 'Castañeda ma', 'pena beg', 'andr', 'Álva sof', 'qu', 'andina', 'hospital latac', 'pena j'];
  for (const text of texts) {
    it(`names "${text}", alone and with each filter, both plans`, async () => {
      const from = day(0);
      const cases: [Record<string, unknown>, (r: Found) => boolean][] = [
        [{}, () => true],
        [{ state: 'devuelta' }, (r) => r.state === 'devuelta'],
        [{ clerkId: clerk() }, (r) => r.clerkId === clerk()],
        [{ from, to: from }, (r) => r.createdAt >= dayStart(from)],
        [{ state: 'aprobada', clerkId: clerk() }, (r) => r.state === 'aprobada' && r.clerkId === clerk()],
      ];
      for (const narrowRows of [50_000, 0]) {
        searchTuning.narrowRows = narrowRows; // 0: every filter is broad, the names index drives
        for (const [filters, keep] of cases) {
          const expected = scan(text, keep);
          if (Object.keys(filters).length === 0) expect(expected.length, text).toBeGreaterThan(0);
          const newest = await allPages<Found>('search.requests', { text, ...filters, limit: 40 });
          expect(newest.map((r) => r.id), JSON.stringify({ narrowRows, filters })).toEqual(expected);
          const oldest = await allPages<Found>('search.requests', { text, ...filters, sort: 'antiguas', limit: 40 });
          expect(oldest.map((r) => r.id)).toEqual([...expected].reverse());
        }
      }
    });
  }

  // Names within a request type: each name match's type is checked off requests_agency_type
  // before its row is read. Person names found in every type, and employer names ("andina",
  // "hospital latac") that no affiliate procedure has: the walk reads all their matches and finds none.
  it('names within a request type, alone and with a state, both sorts, page by page, as a scan finds them', async () => {
    const types = ['actualizacion_contacto', 'registro_extranjero', 'clave_patronal'];
    let found = 0;
    for (const text of ['muñoz', 'Castañeda ma', 'andr', 'qu', 'andina', 'hospital latac']) {
      for (const narrowRows of [50_000, 0]) {
        searchTuning.narrowRows = narrowRows; // 0: no rowid window, the names index alone drives
        for (const requestType of types) {
          for (const state of [undefined, 'completada', 'aprobada']) {
            const filters = { requestType, ...(state ? { state } : {}) };
            const expected = scan(text, (r) => r.requestType === requestType && (!state || r.state === state));
            found += expected.length;
            const newest = await allPages<Found>('search.requests', { text, ...filters, limit: 4 });
            expect(newest.map((r) => r.id), JSON.stringify({ text, narrowRows, filters })).toEqual(expected);
            expect(newest.every((r) => r.requestType === requestType)).toBe(true);
            const oldest = await allPages<Found>('search.requests', { text, ...filters, sort: 'antiguas', limit: 4 });
            expect(oldest.map((r) => r.id), JSON.stringify({ text, narrowRows, filters, sort: 'antiguas' })).toEqual([...expected].reverse());
          }
        }
      }
    }
    // Affiliate procedures found by name, across more than one page.
    for (const requestType of ['actualizacion_contacto', 'registro_extranjero']) {
      expect(scan('qu', (r) => r.requestType === requestType).length, requestType).toBeGreaterThan(4);
    }
    expect(scan('andina', (r) => r.requestType !== 'clave_patronal')).toEqual([]);
    expect(found).toBeGreaterThan(0);
  });

  it("a foreigner code finds the registration central assigned it to, and the contact update identified by it", async () => {
    const registrations = sqlite()
      .prepare("SELECT id, foreigner_code AS code FROM requests WHERE request_type = 'registro_extranjero' AND foreigner_code IS NOT NULL ORDER BY rowid")
      .all() as { id: string; code: string }[];
    expect(registrations.length).toBeGreaterThan(1);
    for (const { id, code } of registrations) {
      // The registration is under the passport (representative_id_number); the code is central's answer.
      const found = await allPages<Found>('search.requests', { text: code, limit: 10 });
      expect(found.map((r) => r.id), code).toContain(id);
      expect(found.map((r) => r.id)).toEqual(ids('SELECT id FROM requests WHERE foreigner_code = ? OR representative_id_number = ? ORDER BY created_at DESC, id DESC', code, code));
    }
    // As people type it: lower case, with a dash or a space; and beside a name.
    const { id, code } = registrations[0]!;
    const names = sqlite().prepare('SELECT representative_names FROM requests WHERE id = ?').pluck().get(id) as string;
    for (const text of [code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`, `${code.slice(0, 3)} ${code.slice(3)}`, `${names.split(' ')[0]} ${code}`]) {
      expect((await call<{ items: Found[] }>('search.requests', { text })).items.map((r) => r.id), text).toContain(id);
    }
    // A contact update whose affiliate is identified by a foreigner code keeps it as their document.
    const update = sqlite()
      .prepare("SELECT id, representative_id_number AS code FROM requests WHERE request_type = 'actualizacion_contacto' AND representative_id_type = 'codigo_extranjero' LIMIT 1")
      .get() as { id: string; code: string };
    expect((await call<{ items: Found[] }>('search.requests', { text: update.code })).items.map((r) => r.id)).toContain(update.id);
    // A code nobody has finds nothing.
    expect(await call('search.requests', { text: 'EXT000000000' })).toEqual({ items: [], nextCursor: null });
  });

  it('a word no name starts with finds nothing, at once', async () => {
    expect(await call('search.requests', { text: 'muñoz zzzqx' })).toEqual({ items: [], nextCursor: null });
  });

  it('filters without names list by check-in time, a narrow state read off its own index too', async () => {
    for (const sortRows of [10_000, 0]) {
      searchTuning.sortRows = sortRows; // 0: the planner's walk of the created_at index
      for (const sort of ['antiguas', 'recientes'] as const) {
        const rows = await allPages<Found>('search.requests', { state: 'devuelta', clerkId: clerk(), sort, limit: 11 });
        const expected = ids("SELECT id FROM requests WHERE agency_id = 'agency-uio' AND state = 'devuelta' AND clerk_id = ? ORDER BY created_at, id", clerk());
        expect(expected.length).toBeGreaterThan(22);
        expect(rows.map((r) => r.id)).toEqual(sort === 'antiguas' ? expected : [...expected].reverse());
      }
    }
  });

  it('a request type, alone or with a state, lists the same rows whether read off its own index or by walking the dates', async () => {
    const cases: Record<string, string>[] = [
      { requestType: 'registro_extranjero' },
      { requestType: 'registro_extranjero', state: 'pendiente_revision' },
      { requestType: 'actualizacion_contacto', state: 'completada' },
      { requestType: 'clave_patronal', state: 'aprobada' },
    ];
    for (const tuning of [{ sortRows: 10_000, typeRows: 2_000 }, { sortRows: 0, typeRows: 0 }]) {
      Object.assign(searchTuning, tuning); // 0: the planner's walk of the created_at index
      for (const f of cases) {
        const expected = ids(
          `SELECT id FROM requests WHERE agency_id = 'agency-uio' AND request_type = ? ${f.state ? 'AND state = ?' : ''} ORDER BY created_at, id`,
          ...[f.requestType!, ...(f.state ? [f.state] : [])],
        );
        expect(expected.length, JSON.stringify(f)).toBeGreaterThan(0);
        for (const sort of ['antiguas', 'recientes'] as const) {
          const rows = await allPages<Found>('search.requests', { ...f, sort, limit: 7 });
          expect(rows.map((r) => r.id), JSON.stringify({ tuning, f, sort })).toEqual(sort === 'antiguas' ? expected : [...expected].reverse());
        }
      }
    }
  });
});

describe("the agency's SLA per state reaches the queues", () => {
  it('agencia.json sla.byState gives a state its own deadline, warning at the same fraction', async () => {
    const admin = await desk.login('admin', 'Admin.Demo.2026');
    const current = await call<{ config: Record<string, unknown> }>('config.get', {}, admin);
    const config = { ...current.config, sla: { warnMinutes: 15, breachMinutes: 45, byState: { pendiente_revision: 180, devuelta: 30 } } };
    fs.writeFileSync(path.join(desk.dataDir, 'agencia.json'), JSON.stringify(config, null, 2));
    await call('config.reload', {}, admin);

    const { sla } = await call<{ sla: SlaPlan }>('queues.summary', {});
    expect(sla.warnMinutes).toBe(15);
    expect(sla.breachMinutes).toBe(45);
    expect(sla.byState.pendiente_revision).toEqual({ warnMinutes: 60, breachMinutes: 180 });
    expect(sla.byState.devuelta).toEqual({ warnMinutes: 10, breachMinutes: 30 });
    expect(sla.byState.en_verificacion).toEqual({ warnMinutes: 15, breachMinutes: 45 });
    expect(sla.byState.aprobada).toEqual({ warnMinutes: 15, breachMinutes: 45 });
    // Final states wait for nobody: no deadline, no colour.
    expect(sla.byState.clave_emitida).toBeUndefined();
    expect(sla.byState.rechazada).toBeUndefined();

    // A deadline of one minute warns at once and is never below zero.
    await call('config.update', { ...config, sla: { warnMinutes: 15, breachMinutes: 45, byState: { devuelta: 1 } } }, admin);
    const after = await call<{ sla: SlaPlan }>('queues.summary', {});
    expect(after.sla.byState.devuelta).toEqual({ warnMinutes: 0, breachMinutes: 1 });
    expect(after.sla.byState.pendiente_revision).toEqual({ warnMinutes: 15, breachMinutes: 45 });
  });
});
