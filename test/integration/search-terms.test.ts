// Search takes what the supervisor sees and has at hand: a request number as the lists show it
// (2026-000201, 000201) or in full, and several terms at once (a name and a RUC).
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Auth } from '../../electron/core/registry';
import { ONE_LETTER_MESSAGE } from '../../electron/core/supervisor/search';
import { seededDesk, type TestDesk } from '../support/desk';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 400 });
});
afterAll(() => desk.dispose());

type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type Found = { items: { number: string; employerRuc: string; representativeNames: string | null }[] };
async function search(text: string): Promise<string[]> {
  const r = (await desk.core.call('search.requests', { text, limit: 100 }, SUPERVISOR)) as R;
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return (r.value as Found).items.map((i) => i.number);
}
const sqlite = () => desk.core.ctx.db.$client;

test('a request number is found as the screens show it, in full, or by its sequence', async () => {
  const { number } = sqlite().prepare("SELECT number FROM requests WHERE number LIKE 'CAU-UIO-%-000201'").get() as { number: string };
  const [, , year, seq] = number.split('-') as [string, string, string, string];
  for (const typed of [number, number.toLowerCase(), `CAU UIO ${year} ${seq}`, `${year}-${seq}`, ` ${year} - ${seq} `, seq, '201']) {
    expect(await search(typed), typed).toContain(number);
  }
  expect(await search(`${year}-${seq}`)).toEqual([number]);
  // Another agency's short form would be the same digits: only this agency's requests answer.
  expect(await search(`${year}-999999`)).toEqual([]);
});

test('a number with its station code (shared/domain/request-number.ts) is found the same ways', async () => {
  const row = sqlite().prepare("SELECT id, number FROM requests WHERE number LIKE 'CAU-UIO-%-000202'").get() as { id: string; number: string };
  const year = row.number.split('-')[2]!;
  const stationed = `CAU-UIO-${year}-07-000202`;
  sqlite().prepare('UPDATE requests SET number = ? WHERE id = ?').run(stationed, row.id);
  for (const typed of [stationed, stationed.toLowerCase(), `CAU UIO ${year} 07 000202`, `CAUUIO${year}07000202`, `${year}-07-000202`, ` ${year} - 07 - 000202 `, '000202', '202']) {
    expect(await search(typed), typed).toContain(stationed);
  }
  expect(await search(`${year}-07-000202`)).toEqual([stationed]);
  expect(await search(`${year}-08-000202`)).toEqual([]);
});

test('names and an identifier in one query find the requests matching both', async () => {
  const row = sqlite()
    .prepare("SELECT number, employer_ruc AS ruc, representative_names AS names, representative_id_number AS cedula FROM requests WHERE representative_id_type = 'cedula' AND applicant_kind = 'juridica_privada' LIMIT 1")
    .get() as { number: string; ruc: string; names: string; cedula: string };
  const surname = row.names.split(' ')[0]!;
  expect(await search(`${surname} ${row.ruc}`)).toContain(row.number);
  expect(await search(`${row.ruc} ${surname.toLowerCase()}`)).toContain(row.number);
  expect(await search(`${surname}, ${row.cedula}`)).toContain(row.number);
  // Both must match: the RUC with a name that is not on its requests finds nothing.
  expect(await search(`Zzyzx ${row.ruc}`)).toEqual([]);
  const other = sqlite().prepare('SELECT representative_names AS names FROM requests WHERE employer_ruc <> ? AND representative_names IS NOT NULL LIMIT 1').get(row.ruc) as { names: string };
  const rucs = (await Promise.all((await search(`${other.names.split(' ')[0]!} ${row.ruc}`)).map(async (n) => (sqlite().prepare('SELECT employer_ruc AS r FROM requests WHERE number = ?').get(n) as { r: string }).r)));
  expect(rucs.every((r) => r === row.ruc)).toBe(true);
});

test('text with nothing to search by still says what to type', async () => {
  expect(await desk.core.call('search.requests', { text: '¿? ¡!' }, SUPERVISOR)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Escriba') } });
});

test('one-letter words are not searched as names: alone they ask for two letters, beside other terms they are left out', async () => {
  // requests_fts has no prefix index for one letter (db/migrations/0007_requests_fts.sql): "m"*
  // would merge the postings of every name that starts with m.
  for (const text of ['m', 'J P', 'á']) {
    expect(await desk.core.call('search.requests', { text }, SUPERVISOR), text).toMatchObject({ ok: false, error: { code: 'invalid_input', message: ONE_LETTER_MESSAGE } });
  }
  const row = sqlite()
    .prepare("SELECT number, employer_ruc AS ruc, representative_names AS names FROM requests WHERE representative_id_type = 'cedula' AND applicant_kind = 'juridica_privada' LIMIT 1")
    .get() as { number: string; ruc: string; names: string };
  const [first, second] = row.names.split(' ') as [string, string];
  const bySurname = await search(first);
  expect(bySurname).toContain(row.number);
  // "Surname I" (an initial, as people type it): the requests of the surname, this one among them.
  expect(await search(`${first} ${second[0]}`)).toEqual(bySurname);
  expect(await search(`${first} z`)).toEqual(bySurname);
  // (Typed "RUC m" is read whole as a passport number, as "A 123456" is: the comma keeps two terms.)
  expect(await search(`${row.ruc}, ${first[0]!.toLowerCase()}`)).toEqual(await search(row.ruc));
});
