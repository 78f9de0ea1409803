// The names' search index kept off a clerk's transaction (docs/architecture.md «Pages a call
// writes», db/migrations/0021_fts_names_changed.sql): a save, or another desk's record written
// over a copy (electron/core/sync/record.ts), writes only the columns it changed,
// the names' entry is rewritten only when a name changed, and segments are merged by the
// background service, with the same search results before and after.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { mergeStep } from '../../electron/core/supervisor/search-index';
import { recordReader, writeRecord } from '../../electron/core/sync/record';
import { okCaller, seededDesk, type TestDesk } from '../support/desk';
import { COMPANY_INTAKE } from '../support/intake';

const CLERK: Auth = { kind: 'cli', username: 'ventanilla1' };
const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 60 });
});
afterAll(() => desk.dispose());

const call = okCaller(() => desk, CLERK);
const sqlite = () => desk.core.ctx.db.$client;
const appointment = (i: number) => sqlite().prepare("SELECT confirmation_code AS code FROM appointments WHERE agency_id = 'agency-uio' AND request_id IS NULL AND status = 'pendiente' ORDER BY time LIMIT 1 OFFSET ?").get(i) as { code: string };
/** Rows of the index's segments: every write that reaches the index adds some (automerge is off). */
const indexRows = () => (sqlite().prepare('SELECT count(*) AS n FROM requests_fts_data').get() as { n: number }).n;
const found = async (text: string) =>
  ((await call<{ items: { id: string }[] }>('search.requests', { text, limit: 100 }, SUPERVISOR)).items).map((i) => i.id).sort();

/** Which of `columns` the core's UPDATEs of requests name: temporary triggers on its own connection. */
function watchSetColumns(columns: string[]) {
  sqlite().exec('CREATE TEMP TABLE set_columns (col TEXT)');
  for (const col of columns) sqlite().exec(`CREATE TEMP TRIGGER set_${col} AFTER UPDATE OF ${col} ON main.requests BEGIN INSERT INTO set_columns VALUES ('${col}'); END`);
  return {
    /** The columns named since the last look, each once. */
    named: () => {
      const cols = sqlite().prepare('SELECT DISTINCT col FROM set_columns ORDER BY col').pluck().all() as string[];
      sqlite().exec('DELETE FROM set_columns');
      return cols;
    },
    dispose: () => {
      for (const col of columns) sqlite().exec(`DROP TRIGGER temp.set_${col}`);
      sqlite().exec('DROP TABLE temp.set_columns');
    },
  };
}

const INTAKE = COMPANY_INTAKE;

test('an autosave writes only the columns that changed, and the names entry only when a name changed', async () => {
  const { requestId } = await call<{ requestId: string }>('appointments.checkIn', { query: appointment(0).code });
  let version = (await call<{ version: number }>('requests.get', { id: requestId })).version;
  version = (await call<{ version: number }>('requests.saveDraft', { id: requestId, version, intake: INTAKE })).version;
  const watch = watchSetColumns(['employer_ruc', 'email', 'representative_names', 'address']);
  const named = watch.named;
  try {
    const rows = indexRows();
    version = (await call<{ version: number }>('requests.saveDraft', { id: requestId, version, intake: { ...INTAKE, email: 'b.pena@andina.com.ec' } })).version;
    expect(named()).toEqual(['email']);
    expect(indexRows()).toBe(rows);
    // The same data again: nothing of the intake's columns is written, the version still moves.
    const before = version;
    version = (await call<{ version: number }>('requests.saveDraft', { id: requestId, version, intake: { ...INTAKE, email: 'b.pena@andina.com.ec' } })).version;
    expect(version).toBe(before + 1);
    expect(named()).toEqual([]);
    expect(indexRows()).toBe(rows);
    // A name changed: its entry is rewritten, the new name is found and the old one no more.
    expect(await found('Begoña')).toContain(requestId);
    version = (await call<{ version: number }>('requests.saveDraft', { id: requestId, version, intake: { ...INTAKE, email: 'b.pena@andina.com.ec', representativeNames: 'Peña Muñoz Rosalba' } })).version;
    expect(named()).toEqual(['representative_names']);
    expect(indexRows()).toBeGreaterThan(rows);
    expect(await found('Rosalba')).toEqual([requestId]);
    expect(await found('Begoña')).not.toContain(requestId);
  } finally {
    watch.dispose();
  }
  // A stale version still writes nothing.
  const stale = await desk.core.call('requests.saveDraft', { id: requestId, version: version - 1, intake: { ...INTAKE, email: 'otro@andina.com.ec' } }, CLERK);
  expect(stale.ok).toBe(false);
  expect((await call<{ intake: { email: string } }>('requests.get', { id: requestId })).intake.email).toBe('b.pena@andina.com.ec');
});

test('the names entry moves only when a name changed, whoever writes the row and whatever columns its UPDATE names', () => {
  const row = sqlite().prepare("SELECT rowid AS r, representative_names AS n FROM requests WHERE representative_names IS NOT NULL LIMIT 1").get() as { r: number; n: string };
  const rows = indexRows();
  sqlite().prepare('UPDATE requests SET representative_names = ?, employer_legal_name = employer_legal_name, third_party_names = third_party_names WHERE rowid = ?').run(row.n, row.r);
  expect(indexRows()).toBe(rows);
  sqlite().prepare('UPDATE requests SET representative_names = ? WHERE rowid = ?').run(`${row.n} Otro`, row.r);
  expect(indexRows()).toBeGreaterThan(rows);
  sqlite().prepare('UPDATE requests SET representative_names = ? WHERE rowid = ?').run(row.n, row.r);
});

test("another desk's record written over the copy names only the columns whose value changed", async () => {
  const { requestId } = await call<{ requestId: string }>('appointments.checkIn', { query: appointment(0).code });
  const version = (await call<{ version: number }>('requests.get', { id: requestId })).version;
  await call('requests.saveDraft', { id: requestId, version, intake: INTAKE });
  const read = recordReader(sqlite());
  const record = read(requestId)!;
  const write = (intake: Record<string, string>) => sqlite().transaction(() => writeRecord(sqlite(), requestId, { ...record, intake }, Date.now()))();
  const watch = watchSetColumns(['employer_ruc', 'employer_branch', 'representative_id_number', 'representative_names', 'third_party_cedula', 'email', 'mobile', 'address', 'details']);
  try {
    // The copy takes the record (its details are the copy's own); relayed again unchanged, no
    // column is named: no index entry nor names' entry rewritten.
    write(record.intake);
    expect(watch.named()).toEqual(['details']);
    write(record.intake);
    expect(watch.named()).toEqual([]);
    // The origin desk changed the e-mail and cleared the address: those two, the address blank as NULL.
    const { address: _cleared, ...rest } = record.intake;
    write({ ...rest, email: 'otra@andina.com.ec' });
    expect(watch.named()).toEqual(['address', 'email']);
    expect(read(requestId)!.intake).toEqual({ ...rest, email: 'otra@andina.com.ec' });
    expect((sqlite().prepare('SELECT address FROM requests WHERE id = ?').get(requestId) as { address: string | null }).address).toBeNull();
  } finally {
    watch.dispose();
  }
});

test('a check-in writes the typed intake with the row: no intake column written a second time', async () => {
  const { code } = appointment(0);
  const names = (sqlite().prepare('SELECT names FROM appointments WHERE confirmation_code = ?').get(code) as { names: string }).names;
  const watch = watchSetColumns(['representative_names', 'representative_id_number', 'employer_ruc', 'email']);
  try {
    const { requestId } = await call<{ requestId: string }>('appointments.checkIn', { query: code });
    // Inserted blank and then named, every index on those columns and the names' entry would be
    // written twice in the check-in's transaction.
    expect(watch.named()).toEqual([]);
    expect(await found(names.split(' ')[0]!)).toContain(requestId);
  } finally {
    watch.dispose();
  }
});

test('the background service merges the segments a day of writes left, and search answers the same', async () => {
  // A day of check-ins and renames leaves one small segment per write.
  for (let i = 0; i < 12; i++) {
    const { requestId } = await call<{ requestId: string }>('appointments.checkIn', { query: appointment(0).code });
    const version = (await call<{ version: number }>('requests.get', { id: requestId })).version;
    await call('requests.saveDraft', { id: requestId, version, intake: { ...INTAKE, representativeNames: `Peña Muñoz Begoña${'x'.repeat(i)}` } });
  }
  const queries = ['Peña', 'Begoña', 'Andina', 'Comercial Andina', 'Pe'];
  const before = await Promise.all(queries.map(found));
  const rows = indexRows();
  const merged = await desk.services.step('search-index');
  expect(merged).toBeGreaterThan(0);
  // Until nothing is left to merge: then a step does nothing.
  while (mergeStep(desk.core.ctx)) {
    /* keep merging */
  }
  expect(await desk.services.step('search-index')).toBe(0);
  expect(indexRows()).toBeLessThan(rows);
  expect(await Promise.all(queries.map(found))).toEqual(before);
});
