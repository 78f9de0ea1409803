// Property-based fuzzing of the browser host (fast-check): random and mutated inputs at every
// contract call, random bodies at /api/call and random paths and methods at the static server,
// over raw sockets so that nothing is normalised on the way. For every request:
//   - the host process is still up,
//   - the answer is well formed: an envelope {ok, value | error{code, message, fields?}} for the
//     API, an HTTP answer with the security headers for the rest,
//   - a refusal wrote nothing: the database is the same (audit trail, session bookkeeping and
//     the lockout counters apart: those are written on refusal by design), and the audit trail
//     grew by at most the refusal's own entry.
// Bounded (FUZZ_RUNS inputs per call, 10 by default) to stay under a minute on a 2-core CI
// machine; a failure prints fast-check's seed and path to replay it.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DB_FILE_NAME } from '../../db/open';
import { contract, ERROR_CODES } from '../../shared/contract';
import { seedDataDir, startHostProcess, type HostProcess } from '../support/web-host';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const CALLS = Object.keys(contract).sort();

let host: HostProcess;
let db: Database.Database;
let secretFile: string;
const sessions: Record<'clerk' | 'supervisor' | 'admin', string> = { clerk: '', supervisor: '', admin: '' };

// ---------------------------------------------------------------- the host over raw sockets

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request written byte for byte on a fresh connection; the answer parsed by hand. */
function raw(request: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1');
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer in 15 s to ${JSON.stringify(request.toString('utf8').slice(0, 200))}`)));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = all.subarray(0, Math.max(end, 0)).toString('latin1').split('\r\n');
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? '');
      if (!m || end < 0) return reject(new Error(`not an HTTP answer: ${JSON.stringify(all.toString('utf8').slice(0, 200))}`));
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = all.subarray(end + 4);
      resolve({ status: Number(m[1]), headers, body: (headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body).toString('utf8') });
    });
    // Not end(): the server drops a request whose client half-closes first; every request says Connection: close.
    socket.write(request);
  });
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

const HOST = () => `127.0.0.1:${host.port}`;

function apiRequest(body: Buffer | string, headers: Record<string, string> = {}): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  const all = { Host: HOST(), 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, 'Content-Length': String(payload.length), Connection: 'close', ...headers };
  return Buffer.concat([Buffer.from(`POST /api/call HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`), payload]);
}

// ---------------------------------------------------------------- what must hold

const WellFormedResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z
    .object({
      ok: z.literal(false),
      error: z
        .object({
          code: z.enum(ERROR_CODES),
          message: z.string().min(1),
          fields: z.array(z.object({ path: z.string(), message: z.string().min(1) }).strict()).optional(),
        })
        .strict(),
    })
    .strict(),
]);

/** Tables a refusal may write by design: the audit trail, session bookkeeping (last seen, idle lock), FTS shadows of requests. */
const WRITTEN_ON_REFUSAL = /^(audit_log|sessions|sqlite_.*|requests_fts.*|__drizzle_migrations)$/;

/**
 * Everything else in the database, table by table, row by row: the lockout counters of users
 * (a wrong password counts by design) and the audit trail's head in settings apart.
 */
function snapshot(): Record<string, string> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => !WRITTEN_ON_REFUSAL.test(t));
  const asText = (rows: unknown[]) => JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
  return Object.fromEntries(
    tables.map((t) => {
      let rows = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[];
      if (t === 'users') rows = rows.map(({ failed_attempts: _f, locked_until: _l, ...rest }) => rest);
      if (t === 'settings') rows = rows.filter((r) => r.key !== 'auditHead');
      return [t, asText(rows)];
    }),
  );
}

/** The tables whose rows differ (names only: the rows hold personal data of the demo). */
const changedTables = (a: Record<string, string>, b: Record<string, string>) => Object.keys({ ...a, ...b }).filter((t) => a[t] !== b[t]);
const auditCount = () => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

async function expectAnswered(answer: RawAnswer): Promise<void> {
  expect(host.alive(), host.stderr().slice(-2_000)).toBe(true);
  expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
}

/** Sends an API request; checks the answer is an envelope and that a refusal changed nothing. */
async function checkApi(request: Buffer): Promise<void> {
  const before = snapshot();
  const auditBefore = auditCount();
  const answer = await raw(request);
  await expectAnswered(answer);
  expect([200, 400, 401, 405, 413, 415]).toContain(answer.status);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  const parsed = WellFormedResult.safeParse(JSON.parse(answer.body));
  expect(parsed.success, answer.body.slice(0, 500)).toBe(true);
  const result = parsed.data!;
  if (!result.ok) {
    expect(changedTables(before, snapshot()), `${result.error.code}: ${result.error.message}`).toEqual([]);
    const added = db.prepare('SELECT outcome FROM audit_log WHERE seq > ? ORDER BY seq').pluck().all(auditBefore) as string[];
    expect(added.length).toBeLessThanOrEqual(1);
    for (const outcome of added) expect(outcome).toBe(result.error.code);
  }
}

// ---------------------------------------------------------------- what is sent

/** Values that reach handlers' edge cases: identifiers, dates, traversal, injection, huge and odd text. */
const nasty = fc.constantFrom(
  '', ' ', '\u0000', 'a\u0000.pdf', '\u202Egnp.exe', '../../../../etc/passwd', '/', '..', '%00', '%2e%2e%2f', '=cmd|\' /C calc\'!A0',
  "'; DROP TABLE requests; --", '" OR 1=1 --', 'NEAR(a b)', '*', 'x'.repeat(5_000), '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'ñandú Ñ', '١٢٣',
  '1710034065', '1792060346001', '0000000000', 'CAU-UIO-2026-000001', 'agency-uio', 'UIO', '2026-11-20', '0001-01-01', '9999-12-31', '2026-02-30',
  'http://127.0.0.1:1/', 'https://example.invalid/', 'A*A*A*A*A*A*A*A*A*A*A*A*A*B', '(a+)+$', 'pendiente_revision', 'presencial', 'virtual', 'ruc', 'cedula',
  -1, 0, 1, 2 ** 31, 2 ** 53 + 1, -0.5, 1e308, Number.MAX_SAFE_INTEGER, true, false, null,
);
const leaf = fc.oneof(nasty, fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.oneof({ depthSize: 'small' }, leaf, fc.array(leaf, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 4 }), fc.jsonValue({ maxDepth: 3 }));

/** An input for `call`: anything at all, or its own keys with random values (some missing, maybe one extra). */
function inputFor(call: string): fc.Arbitrary<unknown> {
  const shape = (contract[call as keyof typeof contract].input as unknown as { shape: Record<string, unknown> }).shape;
  const keys = Object.keys(shape);
  const known = fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] });
  return fc.oneof(
    value,
    known,
    fc.tuple(known, fc.string({ minLength: 1, maxLength: 12 }), value).map(([o, k, v]) => ({ ...o, [k]: v })),
  );
}

/** Calls that end or lock the caller's own session, or count a wrong password against it: fuzzed without a live session. */
const SELF_AFFECTING = new Set(['session.logout', 'session.lock', 'session.idleLock', 'session.unlock', 'account.changePassword']);

function sessionFor(call: string): fc.Arbitrary<unknown> {
  const dead = [fc.constant(null), fc.string({ maxLength: 60 }), fc.constant('x'.repeat(43))];
  if (SELF_AFFECTING.has(call)) return fc.oneof(...dead);
  return fc.oneof(fc.constantFrom(...Object.keys(sessions)).map((role) => sessions[role as keyof typeof sessions]), ...dead);
}

// ---------------------------------------------------------------- the host under test

beforeAll(async () => {
  host = await startHostProcess(seedDataDir(10));
  // A file next to the static folder: what a path traversal would reach.
  secretFile = path.join(path.dirname(host.staticDir), `secreto-${path.basename(host.staticDir)}.txt`);
  fs.writeFileSync(secretFile, 'SECRETO-FUERA-DE-LA-CARPETA');
  db = new Database(path.join(host.dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
  const login = async (username: string, password: string) => {
    const r = await raw(apiRequest(JSON.stringify({ call: 'session.login', input: { username, password }, session: null })));
    return (JSON.parse(r.body) as { value: { token: string } }).value.token;
  };
  sessions.clerk = await login('ventanilla1', 'Ventanilla.Demo.2026');
  sessions.supervisor = await login('supervisora', 'Super.Demo.2026');
  sessions.admin = await login('admin', 'Admin.Demo.2026');
}, 120_000);

afterAll(async () => {
  db?.close();
  await host?.stop();
  for (const p of [host?.dataDir, host?.staticDir, secretFile]) if (p) fs.rmSync(p, { recursive: true, force: true });
});

describe('fuzzing the browser host', () => {
  it.each(CALLS)('%s: random and mutated inputs are answered with an envelope, refusals write nothing', async (call) => {
    await fc.assert(
      fc.asyncProperty(inputFor(call), sessionFor(call), async (input, session) => {
        await checkApi(apiRequest(JSON.stringify({ call, input, session })));
      }),
      { numRuns: RUNS },
    );
  });

  it('random envelopes and bodies at /api/call are answered with an envelope', async () => {
    const callName = fc.oneof(fc.constantFrom(...CALLS), fc.string({ maxLength: 120 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));
    const envelope = fc.oneof(
      fc.record({ call: callName, input: value, session: fc.oneof(fc.constant(null), fc.string()) }, { requiredKeys: [] }),
      fc.record({ call: callName, input: value, session: fc.constant(null), extra: value }),
      value,
    );
    const body = fc.oneof(
      envelope.map((e) => Buffer.from(JSON.stringify(e) ?? 'undefined')),
      fc.string().map((s) => Buffer.from(s)),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.constant(Buffer.from('{"call":"system.info","input":{},"session":null,"__proto__":{"ok":false}}')),
    );
    const headers = fc.constantFrom<Record<string, string>>({}, { 'Content-Type': 'text/plain' }, { 'Content-Type': 'application/json; charset=latin1' }, { Authorization: 'Bearer x' }, { Authorization: '' });
    await fc.assert(
      fc.asyncProperty(body, headers, async (b, h) => {
        await checkApi(apiRequest(b, h));
      }),
      { numRuns: RUNS * 20 },
    );
  });

  it('random paths and methods at the static server: answered with the headers, never a file outside its folder', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '%2f', '%5c', '%00', '%', '%E0%A4%A', '%ff', '%252e%252e', 'index.html', 'assets', 'app.js', '\\', '', '~', 'secreto.txt', 'index.html%00.js'),
      fc.webSegment(),
      fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    const target = fc.oneof(
      fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
      fc.webPath(),
      fc.constantFrom('*', '//etc/passwd', 'http://evil.example/', '/?x=%00', '/#frag'),
    );
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'get');
    const hostHeader = fc.oneof(fc.constant(null), fc.constantFrom('evil.example', 'localhost:1', ''));
    await fc.assert(
      fc.asyncProperty(target, method, hostHeader, async (p, m, h) => {
        const request = Buffer.concat([Buffer.from(`${m} `), Buffer.from(p, 'utf8'), Buffer.from(` HTTP/1.1\r\nHost: ${h ?? HOST()}\r\nConnection: close\r\n\r\n`)]);
        const before = snapshot();
        const answer = await raw(request);
        await expectAnswered(answer);
        expect([200, 400, 404, 405, 421]).toContain(answer.status);
        expect(answer.body).not.toContain('SECRETO-FUERA-DE-LA-CARPETA');
        if (answer.status === 200 && m !== 'HEAD') expect(['<!doctype html><title>app</title>', 'console.log(1)']).toContain(answer.body);
        expect(changedTables(before, snapshot())).toEqual([]);
      }),
      { numRuns: RUNS * 30 },
    );
  });
});
