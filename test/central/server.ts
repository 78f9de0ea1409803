// Over 400 lines on purpose: every route of the stand-in, the protocol's and the admin's, reads in one place.
// The stand-in central: a real HTTP service on 127.0.0.1 implementing docs/protocol (v1) over its
// own SQLite database, plus /admin endpoints with which tests (and a person at a terminal) play
// the IESS side and turn faults on.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ecuadorYear } from '../../shared/domain/dates';
import { maskEmail, maskPhone } from '../../shared/domain/contact-update';
import { AffiliateContactQuery, API_PREFIX, CENTRAL_EVENTS, EmailChallengeRequest, EmailConfirmRequest, EnrolRequest, MAX_FILE_BYTES, MAX_PULL_PAGE, MAX_PUSH_BATCH, PROTOCOL_VERSION, ProvinceCode, PushRequest, VIRTUAL_ATTACHMENT_MAX_BYTES, VirtualRouting } from '../../shared/sync/protocol';
import { Faults, type FaultConfig, type FaultKind } from './faults';
import { PushMetrics } from './metrics';
import { AuditRefusal, acceptAuditHead, listDevices } from './devices';
import { readStoredFile, storeFile } from './files';
import { CentralServices } from './services';
import { AGENCIES, CentralStore, checkSignatures, type Device } from './store';
import { foreignerRegistration } from './foreigner-codes';
import { workingFor } from './working';

export interface CentralServer {
  url: string;
  port: number;
  store: CentralStore;
  services: CentralServices;
  faults: Faults;
  metrics: PushMetrics;
  close(): Promise<void>;
}

const MAX_BODY = 32 * 1_048_576;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startCentral(opts: { port?: number; dataDir: string; faults?: Partial<FaultConfig> }): Promise<CentralServer> {
  const store = new CentralStore(opts.dataDir);
  const services = new CentralServices(store.db);
  const faults = new Faults();
  const metrics = new PushMetrics();
  if (opts.faults) faults.configure(opts.faults);
  const server = http.createServer((req, res) => {
    handle(store, services, faults, metrics, req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return send(res, err.status, { error: { code: err.code, message: err.message } });
      send(res, 500, { error: { code: 'internal', message: 'Error interno de los servicios centrales.' } });
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    services,
    faults,
    metrics,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          store.close();
          resolve();
        });
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'too_large', 'El envío supera el tamaño máximo.');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'El cuerpo no es JSON válido.');
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid_input', `Datos inválidos: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`.trim());
  return r.data;
}

function authenticate(store: CentralStore, req: http.IncomingMessage): Device {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const device = m ? store.deviceByToken(m[1]!) : null;
  if (!device) throw new HttpError(401, 'unauthenticated', 'Estación no enrolada o token revocado.');
  return device;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(store: CentralStore, services: CentralServices, faults: Faults, metrics: PushMetrics, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://central');
  const route = `${req.method} ${url.pathname}`;
  if (route === `GET ${API_PREFIX}/health`) return send(res, 200, { ok: true, protocol: PROTOCOL_VERSION, time: Date.now() });
  if (route === `POST ${API_PREFIX}/enrol`) {
    const body = parse(EnrolRequest, await readJson(req));
    const enrolled = store.enrol(body.enrolmentCode, body.agencyCode, body.deviceName, body.publicKey ?? null, Date.now());
    if (!enrolled) throw new HttpError(403, 'enrolment_refused', 'Código de enrolamiento inválido, usado o de otra agencia.');
    if ('refused' in enrolled) throw new HttpError(409, 'enrolment_refused', enrolled.refused);
    return send(res, 200, { deviceId: enrolled.deviceId, token: enrolled.token, agencyCode: body.agencyCode, agencyName: enrolled.agencyName, station: enrolled.station });
  }
  if (route === `POST ${API_PREFIX}/events`) {
    const t0 = performance.now();
    const events = await push(store, faults, req, res);
    metrics.record(performance.now() - t0, events);
    return;
  }
  const file = new RegExp(`^${API_PREFIX}/files/([0-9a-f]{64})$`).exec(url.pathname);
  if (file && (req.method === 'PUT' || req.method === 'GET')) return files(store, faults, req, res, file[1]!);
  if (route === `GET ${API_PREFIX}/changes`) return pull(store, faults, req, res, url);
  if (route === `GET ${API_PREFIX}/working`) {
    // No injected faults here: the fault tests count on each fault meeting a push or a pull.
    return send(res, 200, workingFor(store.db, authenticate(store, req), Date.now()));
  }
  const employer = /^\/v1\/employers\/(\d{13})$/.exec(url.pathname);
  if (req.method === 'GET' && employer) {
    authenticate(store, req);
    return send(res, 200, store.employer(employer[1]!));
  }
  if (route === 'GET /admin/metrics') return send(res, 200, metrics.summary());
  if (route === 'POST /admin/metrics/reset') return send(res, 200, { reset: metrics.reset() === undefined });
  if (url.pathname.startsWith('/admin/')) return admin(store, services, faults, req, res, url);
  if (url.pathname.startsWith(`${API_PREFIX}/`)) return service(store, services, faults, req, res, url);
  throw new HttpError(404, 'not_found', 'Ruta desconocida.');
}

/** Foreigner registry, e-mail proof and virtual routing (test/central/services.ts). */
async function service(store: CentralStore, services: CentralServices, faults: Faults, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const device = authenticate(store, req);
  // The same transient faults as sync: a desk must cope with central being away here too.
  const kind = faults.pick();
  if (kind && refuse(res, kind, faults)) return;
  const now = Date.now();
  const foreigner = /^\/v1\/foreigners\/([A-Z0-9]{3,20})$/.exec(url.pathname);
  if (req.method === 'GET' && foreigner) {
    const nationality = parse(z.string().regex(/^[A-Z]{1,3}$/), url.searchParams.get('nationality') ?? '');
    return send(res, 200, services.foreigner(foreigner[1]!, nationality));
  }
  if (req.method === 'POST' && url.pathname === `${API_PREFIX}/affiliate-contacts/lookup`) {
    const body = parse(AffiliateContactQuery, await readJson(req));
    const held = store.affiliateContact(body.idType, body.idNumber);
    if (store.options.affiliateContactAnswer !== undefined) return send(res, 200, store.options.affiliateContactAnswer);
    // Masked here, by central: the clear data never leave it.
    return send(res, 200, held ? { found: true, email: maskEmail(held.email), mobile: maskPhone(held.mobile), landline: held.landline ? maskPhone(held.landline) : null } : { found: false, email: null, mobile: null, landline: null });
  }
  if (req.method === 'POST' && url.pathname === `${API_PREFIX}/email-verifications`) {
    const body = parse(EmailChallengeRequest, await readJson(req));
    return send(res, 200, services.startEmailChallenge(body.email.trim().toLowerCase(), now));
  }
  const confirm = /^\/v1\/email-verifications\/([\w-]{1,80})\/confirm$/.exec(url.pathname);
  if (req.method === 'POST' && confirm) {
    const body = parse(EmailConfirmRequest, await readJson(req));
    const answer = services.confirmEmail(confirm[1]!, body.code, now);
    if (!answer) throw new HttpError(404, 'not_found', 'La verificación de correo no existe.');
    return send(res, 200, answer);
  }
  if (req.method === 'PUT' && url.pathname === `${API_PREFIX}/virtual-routing`) {
    return send(res, 200, services.setRouting(device.agencyCode, parse(VirtualRouting, await readJson(req)), now));
  }
  throw new HttpError(404, 'not_found', 'Ruta desconocida.');
}

/** Faults that refuse before anything is written. */
function refuse(res: http.ServerResponse, kind: FaultKind, faults: Faults): boolean {
  const retryAfter = { 'Retry-After': String(faults.config.retryAfterSeconds) };
  if (kind === 'unavailable_503') send(res, 503, { error: { code: 'unavailable', message: 'Servicio no disponible.' } }, retryAfter);
  else if (kind === 'throttle_429') send(res, 429, { error: { code: 'throttled', message: 'Demasiadas solicitudes.' } }, retryAfter);
  else return false;
  return true;
}

/** Sends `body` as the fault says: lost, late, broken, duplicated, reordered or as is. */
async function answer(res: http.ServerResponse, kind: FaultKind | null, faults: Faults, body: unknown, list: 'results' | 'changes', bad: () => string): Promise<void> {
  if (faults.config.delayMs > 0) await sleep(faults.config.delayMs);
  switch (kind) {
    case 'drop_after_commit':
      res.socket?.destroy();
      return;
    case 'timeout':
      await sleep(faults.config.stallMs);
      return send(res, 200, body);
    case 'error_500':
      return send(res, 500, { error: { code: 'internal', message: 'Error interno.' } });
    case 'duplicate_answers': {
      const items = (body as Record<string, unknown[]>)[list]!;
      return send(res, 200, { ...(body as object), [list]: [...items, ...items] });
    }
    case 'reorder_answers':
      return send(res, 200, { ...(body as object), [list]: faults.shuffle((body as Record<string, unknown[]>)[list]!) });
    case 'malformed_json':
    case 'wrong_types':
    case 'unknown_state':
    case 'oversize': {
      const text = bad();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    default:
      return send(res, 200, body);
  }
}

function badBody(kind: FaultKind, list: 'results' | 'changes', faults: Faults): string {
  if (kind === 'malformed_json') return `{"${list}": [{"key": "abc", "status": "acc`;
  if (kind === 'wrong_types') return JSON.stringify(list === 'results' ? { results: [{ key: 42, status: true }] } : { changes: 'muchos', nextCursor: 5, remaining: '0' });
  if (kind === 'unknown_state') {
    return JSON.stringify(
      list === 'results'
        ? { results: [{ key: 'x', status: 'quizas' }] }
        : {
            changes: [{ seq: 1, kind: 'request.decision', requestId: 'r', event: 'emitir_clave_en_el_limbo', note: null, maskedEmail: null, at: 1 }],
            nextCursor: 'c1',
            remaining: 0,
          },
    );
  }
  return JSON.stringify({ [list]: [], padding: ' '.repeat(faults.config.oversizeBytes) });
}

/** Answers a push; resolves with the number of events it carried. */
async function push(store: CentralStore, faults: Faults, req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
  const device = authenticate(store, req);
  const raw = await readJson(req);
  // The protocol answers a batch over the limit with 413 (docs/protocol/README.md), before the
  // schema would call it merely invalid (400).
  const count = (raw as { events?: unknown }).events;
  if (Array.isArray(count) && count.length > MAX_PUSH_BATCH) {
    throw new HttpError(413, 'too_large', `El lote tiene ${count.length} eventos; el máximo es ${MAX_PUSH_BATCH}.`);
  }
  const body = parse(PushRequest, raw);
  const kind = faults.pick();
  if (kind && refuse(res, kind, faults)) return 0;
  const signed = device.publicKey ? await checkSignatures(device.publicKey, body.events) : [];
  let answered;
  try {
    answered = store.push(device, body, Date.now(), signed);
  } catch (err) {
    if (!(err instanceof AuditRefusal)) throw err;
    send(res, 409, { error: { code: err.code, message: err.message, anchorSeq: err.anchorSeq, ...(err.incident ? { anchor: err.incident.held } : {}) } });
    return 0;
  }
  await answer(res, kind, faults, answered, 'results', () => badBody(kind!, 'results', faults));
  return body.events.length;
}

/** Scans and archived forms by content: PUT keeps one (idempotent), GET gives it back to the agency. */
async function files(store: CentralStore, faults: Faults, req: http.IncomingMessage, res: http.ServerResponse, sha256: string): Promise<void> {
  const device = authenticate(store, req);
  const kind = faults.pick();
  if (kind && refuse(res, kind, faults)) return;
  if (req.method === 'GET') {
    const data = readStoredFile(store.db, store.dataDir, device, sha256);
    if (!data) throw new HttpError(404, 'not_found', 'El IESS no tiene ese archivo de esta agencia.');
    if (faults.config.delayMs > 0) await sleep(faults.config.delayMs);
    if (kind === 'drop_after_commit') return void res.socket?.destroy();
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': data.byteLength });
    res.end(data);
    return;
  }
  const data = await readBytes(req, MAX_FILE_BYTES);
  const stored = storeFile(store.db, store.dataDir, device, sha256, data, Date.now());
  if (!stored) throw new HttpError(400, 'hash_mismatch', 'El contenido del archivo no corresponde a su SHA-256.');
  await answer(res, kind === 'duplicate_answers' || kind === 'reorder_answers' ? null : kind, faults, stored, 'results', () => badBody(kind!, 'results', faults));
}

async function readBytes(req: http.IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, 'too_large', 'El archivo supera el tamaño máximo.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function pull(store: CentralStore, faults: Faults, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const device = authenticate(store, req);
  const cursor = url.searchParams.get('cursor') ?? '';
  const after = /^c\d+$/.test(cursor) ? Number(cursor.slice(1)) : 0;
  const limit = Math.min(MAX_PULL_PAGE, Math.max(1, Number(url.searchParams.get('limit') ?? '500') || 500));
  const kind = faults.pick();
  if (kind && refuse(res, kind, faults)) return;
  if (kind === null) {
    // No fault to inject: the page goes out as stored, without a parse and a serialization.
    const page = store.changesTextFor(device, after, limit);
    if (faults.config.delayMs > 0) await sleep(faults.config.delayMs);
    const text = `{"changes":${page.changes},"nextCursor":${JSON.stringify(`c${page.lastSeq}`)},"remaining":${page.remaining}}`;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  const page = store.changesFor(device, after, limit);
  await answer(res, kind, faults, { changes: page.changes, nextCursor: `c${page.lastSeq}`, remaining: page.remaining }, 'changes', () => badBody(kind!, 'changes', faults));
}

// --- Admin: the IESS side and the test controls -----------------------------------------------

const Agency = z.enum(AGENCIES.map((a) => a.code) as [string, ...string[]]);
const Decision = z.object({
  requestId: z.string(),
  event: z.enum(CENTRAL_EVENTS),
  note: z.string().nullable().default(null),
  maskedEmail: z.string().nullable().default(null),
  foreignerCode: z.string().max(40).nullable().default(null),
});
const Virtual = z.object({
  /** Straight to an agency (as before), or routed by the province chosen in the portal form. */
  agencyCode: Agency.optional(),
  province: ProvinceCode.optional(),
  intake: z.record(z.string(), z.union([z.string(), z.boolean()])),
  attachments: z.array(z.object({ documentType: z.string(), fileName: z.string(), dataBase64: z.string(), mime: z.enum(['image/jpeg', 'application/pdf']).optional() })),
  /** Skip central's own checks, to prove the desk re-checks what it receives. */
  unchecked: z.boolean().default(false),
});

async function admin(store: CentralStore, services: CentralServices, faults: Faults, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  const now = Date.now();
  switch (route) {
    case 'POST /admin/enrolment-codes': {
      // With `replacesStation`: the code enrols a new machine in place of that station's broken desk.
      const b = parse(z.object({ agencyCode: Agency, code: z.string().min(4).optional(), replacesStation: z.string().regex(/^\d{2}$/).optional() }), await readJson(req));
      return send(res, 200, { code: store.issueEnrolmentCode(b.agencyCode, b.code, b.replacesStation ?? null) });
    }
    case 'GET /admin/devices':
      // The agency's desks: station, replaced or not, audit head held, incidents (rewound, forked).
      return send(res, 200, { items: listDevices(store.db, parse(Agency, url.searchParams.get('agencyCode') ?? 'UIO')) });
    case 'POST /admin/devices/accept-audit': {
      const b = parse(z.object({ deviceId: z.string() }), await readJson(req));
      return send(res, 200, { accepted: acceptAuditHead(store.db, b.deviceId, now) });
    }
    case 'POST /admin/decisions': {
      const b = parse(Decision, await readJson(req));
      const r = store.decide(b.requestId, b.event, b.note, b.maskedEmail, now, b.foreignerCode);
      return r.ok ? send(res, 200, { state: r.state }) : send(res, 409, { error: { code: 'conflict', message: r.reason } });
    }
    case 'POST /admin/virtual': {
      const v = parse(Virtual, await readJson(req));
      // Routed by province to the agency that declared it (seed 004, line 45); none: it waits here.
      const agencyCode = v.agencyCode ?? (v.province ? services.routeVirtual(v.province) : null);
      if (!v.agencyCode && !v.province) throw new HttpError(400, 'invalid_input', 'Indique la agencia o la provincia de la solicitud virtual.');
      if (!agencyCode) return send(res, 200, { requestId: null, number: null, seq: null, routedTo: null });
      return send(res, 200, { ...injectVirtual(store, { ...v, agencyCode }, now), routedTo: agencyCode });
    }
    case 'GET /admin/virtual-routing':
      return send(res, 200, { items: services.routing() });
    case 'POST /admin/foreigners': {
      const b = parse(z.object({ passport: z.string().regex(/^[A-Z0-9]{3,20}$/), nationality: z.string().regex(/^[A-Z]{1,3}$/), code: z.string().min(1).max(40) }), await readJson(req));
      services.registerForeigner(b.passport, b.nationality, b.code);
      return send(res, 200, {});
    }
    case 'GET /admin/foreigner-registration':
      return send(res, 200, { item: foreignerRegistration(store.db, url.searchParams.get('requestId') ?? '') });
    case 'GET /admin/affiliate-contact':
      return send(res, 200, { item: store.affiliateContact(url.searchParams.get('idType') ?? '', url.searchParams.get('idNumber') ?? '') ?? null });
    case 'POST /admin/affiliate-contact': {
      // What central already holds for an affiliate (an update at another agency, years ago).
      const b = parse(z.object({ idType: z.string(), idNumber: z.string(), names: z.string(), email: z.string(), mobile: z.string(), landline: z.string().nullable() }), await readJson(req));
      store.db
        .prepare(
          `INSERT OR REPLACE INTO affiliate_contacts (id_type, id_number, names, affiliate_kind, email, mobile, landline, email_proof, request_number, agency_code, updated_at, at)
           VALUES (?, ?, ?, 'afiliado', ?, ?, ?, 'verificado', 'ANTERIOR', 'UIO', ?, 0)`,
        )
        .run(b.idType, b.idNumber, b.names, b.email, b.mobile, b.landline, Date.now());
      return send(res, 200, { stored: true });
    }
    case 'GET /admin/mailbox':
      return send(res, 200, { items: services.mailbox((url.searchParams.get('email') ?? '').trim().toLowerCase()) });
    case 'POST /admin/email-expire': {
      const b = parse(z.object({ email: z.string() }), await readJson(req));
      return send(res, 200, { expired: services.expireEmailChallenges(b.email.trim().toLowerCase(), now) });
    }
    case 'POST /admin/turnos': {
      const b = parse(z.object({ agencyCode: Agency, date: z.string(), items: z.array(z.record(z.string(), z.unknown())) }), await readJson(req));
      const seq = store.appendChange(b.agencyCode, null, { kind: 'appointments.day', date: b.date, items: b.items as never });
      return send(res, 200, { seq });
    }
    case 'POST /admin/catalogs': {
      const b = parse(z.object({ agencyCode: Agency, name: z.string(), version: z.number().int(), entries: z.array(z.object({ code: z.string(), label: z.string() })) }), await readJson(req));
      return send(res, 200, { seq: store.appendChange(b.agencyCode, null, { kind: 'catalog', name: b.name, version: b.version, entries: b.entries }) });
    }
    case 'POST /admin/employers': {
      const b = parse(z.object({ ruc: z.string(), legalName: z.string(), registered: z.boolean(), branches: z.array(z.object({ code: z.string(), name: z.string() })) }), await readJson(req));
      store.db.prepare('INSERT OR REPLACE INTO employers (ruc, legal_name, registered, branches) VALUES (?, ?, ?, ?)').run(b.ruc, b.legalName, b.registered ? 1 : 0, JSON.stringify(b.branches));
      return send(res, 200, {});
    }
    case 'POST /admin/raw-change': {
      // Any body, stored as is: how a test makes central send something the desk must refuse.
      const b = parse(z.object({ agencyCode: Agency, body: z.record(z.string(), z.unknown()) }), await readJson(req));
      return send(res, 200, { seq: store.appendChange(b.agencyCode, null, b.body as never) });
    }
    case 'POST /admin/bulk-catalog': {
      // Many small changes at once: what a desk back from a long outage receives (progress bar, benchmark).
      const b = parse(z.object({ agencyCode: Agency, count: z.number().int().min(1).max(1_000_000) }), await readJson(req));
      store.db.transaction(() => {
        for (let i = 1; i <= b.count; i++) store.appendChange(b.agencyCode, null, { kind: 'catalog', name: 'bulk', version: i, entries: [{ code: `c${i}`, label: `Entrada ${i}` }] });
      })();
      return send(res, 200, { count: b.count });
    }
    case 'POST /admin/options': {
      // foreignerCodeFormats: per agency, letters and '#' digits (foreigner-codes.ts), e.g. { "UIO": "EC-########" }.
      const o = parse(z.object({ autoConfirm: z.boolean().optional(), affiliateContactAnswer: z.unknown().optional(), foreignerCodeFormats: z.partialRecord(Agency, z.string().regex(/^[A-Z0-9-]*#[A-Z0-9#-]*$/).max(30)).optional() }), await readJson(req));
      store.options = { ...store.options, ...o, foreignerCodeFormats: { ...store.options.foreignerCodeFormats, ...(o.foreignerCodeFormats as Record<string, string> | undefined) } };
      return send(res, 200, store.options);
    }
    case 'POST /admin/faults':
      return send(res, 200, faults.configure(parse(z.record(z.string(), z.unknown()), await readJson(req)) as Partial<FaultConfig>));
    case 'GET /admin/stats':
      return send(res, 200, { ...store.stats(), faults: faults.counts });
    case 'GET /admin/requests': {
      const agency = url.searchParams.get('agencyCode') ?? 'UIO';
      return send(res, 200, { items: store.db.prepare('SELECT id, number, state, origin_device AS originDevice FROM requests WHERE agency_code = ? ORDER BY rowid').all(agency) });
    }
    default:
      throw new HttpError(404, 'not_found', 'Ruta de administración desconocida.');
  }
}

const MAGIC: Record<'image/jpeg' | 'application/pdf', number[]> = { 'image/jpeg': [0xff, 0xd8, 0xff], 'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d] };

function injectVirtual(store: CentralStore, v: z.output<typeof Virtual> & { agencyCode: string }, now: number) {
  const id = crypto.randomUUID();
  const year = ecuadorYear(now);
  const number = `VV-${v.agencyCode}-${year}-${String(store.nextNumber(`vv-${v.agencyCode}-${year}`)).padStart(6, '0')}`;
  const attachments = v.attachments.map((a) => {
    const data = Buffer.from(a.dataBase64, 'base64');
    const mime = a.mime ?? (Object.entries(MAGIC).find(([, bytes]) => bytes.every((b, i) => data[i] === b))?.[0] as 'image/jpeg' | 'application/pdf' | undefined);
    if (!v.unchecked && (!mime || data.byteLength > VIRTUAL_ATTACHMENT_MAX_BYTES)) throw new HttpError(400, 'invalid_attachment', `El adjunto ${a.fileName} no es JPG/PDF de hasta 1 MB.`);
    return { documentType: a.documentType, fileName: a.fileName, mime: mime ?? 'application/pdf', sha256: createHash('sha256').update(data).digest('hex'), dataBase64: a.dataBase64 };
  });
  store.db
    .prepare("INSERT INTO requests (id, agency_code, number, channel, state, state_since, origin_device, snapshot, updated_at) VALUES (?, ?, ?, 'virtual', 'en_verificacion', ?, NULL, ?, ?)")
    .run(id, v.agencyCode, number, now, JSON.stringify({ id, number, channel: 'virtual', intake: v.intake }), now);
  const seq = store.appendChange(v.agencyCode, null, { kind: 'request.virtual', request: { id, number, receivedAt: now, ...(v.province ? { province: v.province } : {}), intake: v.intake }, attachments });
  return { requestId: id, number, seq };
}
