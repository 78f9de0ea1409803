// Every call that takes a date range answers for at most one year, and every answer it can give
// is bounded in size: `dashboard.stats` over 0001-01-01..9999-12-31 used to build 3.6 million
// days (222 MB) and hold the desk for 11 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayStart } from '../../shared/domain/dates';
import type { Auth } from '../../electron/core/registry';
import { MAX_AUDIT_EXPORT_ROWS } from '../../shared/contract/security';
import { MAX_RANGE_DAYS } from '../../shared/contract/common';
import { seededDesk, type TestDesk } from '../support/desk';

const SUPERVISOR: Auth = { kind: 'cli', username: 'supervisora' };
const ADMIN: Auth = { kind: 'cli', username: 'admin' };
type R = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; fields?: { path: string; message: string }[] } };

let desk: TestDesk;
beforeAll(async () => {
  desk = await seededDesk({ requests: 20 });
});
afterAll(() => desk.dispose());
const call = (name: string, input: unknown, auth: Auth) => desk.core.call(name, input, auth) as Promise<R>;
const OVER_WIDE = /^El rango de fechas no puede superar un año \(366 días\)/;

describe('date ranges are bounded to one year', () => {
  it('dashboard.stats from 0001-01-01 to 9999-12-31 is refused in Spanish, naming the field', async () => {
    const r = await call('dashboard.stats', { from: '0001-01-01', to: '9999-12-31' }, SUPERVISOR);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(OVER_WIDE), fields: [{ path: 'to' }] } });
  });

  it('dashboard.stats of one whole year (a leap year: 366 days) answers one row per day; a day more is refused', async () => {
    const r = await call('dashboard.stats', { from: '2024-01-01', to: '2024-12-31' }, SUPERVISOR);
    expect(r.ok).toBe(true);
    expect((r as { value: { perDay: unknown[] } }).value.perDay).toHaveLength(MAX_RANGE_DAYS);
    expect(await call('dashboard.stats', { from: '2024-01-01', to: '2025-01-01' }, SUPERVISOR)).toMatchObject({ ok: false, error: { message: expect.stringMatching(OVER_WIDE) } });
  });

  it('audit.export refuses a range over a year with the same message', async () => {
    expect(await call('audit.export', { from: '0001-01-01', to: '9999-12-31' }, ADMIN)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(OVER_WIDE) } });
  });

  it('search.requests over any range answers one bounded page', async () => {
    const r = await call('search.requests', { from: '0001-01-01', to: '9999-12-31', limit: 100 }, SUPERVISOR);
    expect(r.ok).toBe(true);
    expect((r as { value: { items: unknown[] } }).value.items.length).toBeLessThanOrEqual(100);
  });
});

describe('answers are bounded in size', () => {
  it(`audit.export refuses a range holding more than ${MAX_AUDIT_EXPORT_ROWS} entries, in Spanish, and asks for a shorter one`, async () => {
    const sqlite = desk.core.ctx.db.$client;
    const at = dayStart('2026-03-10') + 3_600_000;
    // Filler rows written straight into the table (the export reads rows as they are; signing
    // 50,000 entries one by one would only make the test slow).
    const fill = (n: number) =>
      sqlite
        .prepare(
          `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
           INSERT INTO audit_log (seq, at, actor_id, call, target, outcome, prev_hash, hash)
           SELECT (SELECT max(seq) FROM audit_log) + i, ?, NULL, 'test.filler', NULL, 'ok', '', '' FROM k`,
        )
        .run(n, at);
    fill(MAX_AUDIT_EXPORT_ROWS);
    expect(await call('audit.export', { from: '2026-03-10', to: '2026-03-10' }, ADMIN)).toMatchObject({ ok: true, value: { rows: MAX_AUDIT_EXPORT_ROWS } });
    fill(1);
    const r = await call('audit.export', { from: '2026-03-10', to: '2026-03-10' }, ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/más de 50.000 entradas.*rango más corto/) } });
  });
});
