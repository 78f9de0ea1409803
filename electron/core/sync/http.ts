// One HTTP exchange with central: bounded in time (AbortSignal.timeout) and in size (the body is
// read in chunks and cut at the limit), answered as data or as a SyncError whose message is the
// Spanish sentence the sync screen shows. Nothing from the body is trusted before zod parses it.
import type { z } from 'zod';
import { AUDIT_REFUSALS, ErrorResponse, type AuditRefusalCode, type ConfirmedAuditHead } from '../../../shared/sync/protocol';
import { parseRetryAfter } from './backoff';

export type SyncErrorKind = 'network' | 'timeout' | 'dropped' | 'http' | 'auth' | 'invalid' | 'oversize' | 'audit';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    /** Server's Retry-After, in ms, when it sent one (429, 503). */
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
    /** A 409 that refused a push for its audit evidence: which refusal, and the anchor central holds. */
    readonly audit: AuditRefusalAnswer | null = null,
  ) {
    super(message);
  }
}

export interface AuditRefusalAnswer {
  code: AuditRefusalCode;
  anchorSeq: number;
  /** The held entry itself (rewound, forked), when central sends it. */
  anchor: ConfirmedAuditHead | null;
}

export interface Exchange {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  token?: string | null;
  body?: unknown;
  /** Sent as is (application/octet-stream) instead of `body` as JSON: a file. */
  bytes?: Uint8Array;
  timeoutMs: number;
  maxBytes: number;
  now: number;
}

const INVALID = 'Respuesta inválida de los servicios centrales del IESS';
const NOTHING_APPLIED = 'No se aplicó ningún cambio.';

/** Sends the exchange and parses the answer with `schema`; throws SyncError otherwise. */
export async function exchange<S extends z.ZodType>(schema: S, x: Exchange): Promise<z.output<S>> {
  const parsed = schema.safeParse(parseJson(await send(x)));
  if (!parsed.success) throw invalidAnswer(parsed.error.issues[0]);
  return parsed.data;
}

/** How a long answer is checked without holding the thread: slices of at most `sliceMs`, `pause()` between them. */
export interface Pace {
  sliceMs: number;
  pause: () => Promise<void>;
}

/**
 * exchange for an answer with one long list (a pull page's thousand changes): parsing and
 * checking it in one go held the thread for tens of milliseconds, and a clerk's call with it.
 * Here the JSON is parsed in a turn of its own, `head` checks the answer with the list's items
 * unchecked, then `item` checks them a slice at a time. The answer is returned only when all of it
 * passed, and refused with the same message `exchange` gives (the path names the item).
 */
export async function exchangeList<H extends z.ZodObject, K extends keyof z.output<H> & string, I extends z.ZodType>(
  head: H,
  key: K,
  item: I,
  x: Exchange,
  pace: Pace,
): Promise<Omit<z.output<H>, K> & { [P in K]: z.output<I>[] }> {
  const body = await send(x);
  await pace.pause();
  const checked = head.safeParse(parseJson(body));
  if (!checked.success) throw invalidAnswer(checked.error.issues[0]);
  const raw = (checked.data as Record<K, unknown[]>)[key];
  const items: z.output<I>[] = [];
  // The parse had its turn: the items start a turn of their own.
  await pace.pause();
  let started = performance.now();
  for (const [i, value] of raw.entries()) {
    if (performance.now() - started >= pace.sliceMs) {
      await pace.pause();
      started = performance.now();
    }
    const parsed = item.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidAnswer(issue && { ...issue, path: [key, i, ...issue.path] });
    }
    items.push(parsed.data);
  }
  // The caller's work on the answer (a pull applying it) starts a turn of its own, not the last slice's.
  await pace.pause();
  return { ...checked.data, [key]: items } as Omit<z.output<H>, K> & { [P in K]: z.output<I>[] };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new SyncError('invalid', `${INVALID}: no es JSON válido. ${NOTHING_APPLIED}`);
  }
}

const invalidAnswer = (issue: z.core.$ZodIssue | undefined) => new SyncError('invalid', `${INVALID}: ${describeIssue(issue)}. ${NOTHING_APPLIED}`);

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'contenido inesperado';
  const where = issue.path.length > 0 ? `en «${issue.path.map(String).join('.')}» ` : '';
  switch (issue.code) {
    case 'invalid_type':
      return `${where}se esperaba ${TYPE_ES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${where}valor no reconocido (¿estado o tipo desconocido?)`;
    case 'invalid_union':
      return `${where}tipo de cambio desconocido`;
    case 'too_big':
      return `${where}supera el máximo permitido`;
    case 'unrecognized_keys':
      return `${where}campos no reconocidos`;
    default:
      return `${where}formato incorrecto`;
  }
}

const TYPE_ES: Record<string, string> = {
  string: 'un texto',
  number: 'un número',
  boolean: 'verdadero o falso',
  object: 'un objeto',
  array: 'una lista',
  literal: 'un valor fijo',
};

/** Same-origin redirects followed before giving up (a loop or a chain is a misconfiguration). */
const MAX_REDIRECTS = 3;

/**
 * fetch with redirects in our hands (redirect: 'manual'): fetch would follow a redirect to any
 * origin and, for 307/308, send the push body there again — the batch's names, e-mail addresses
 * and identity numbers to whatever server the answer named. Only a redirect to the same origin
 * is followed, and only when it keeps the method (307/308, or any for a GET).
 */
async function fetchSameOrigin(x: Exchange, init: RequestInit): Promise<Response> {
  let url = new URL(x.url);
  for (let hop = 0; ; hop++) {
    const res = await fetch(url, { ...init, redirect: 'manual' });
    if (res.status < 300 || res.status > 399 || res.status === 304) return res;
    await res.body?.cancel().catch(() => undefined);
    const location = res.headers.get('location');
    const next = location ? URL.parse(location, url.href) : null;
    if (!next || next.origin !== url.origin) {
      throw new SyncError(
        'http',
        `Los servicios centrales redirigieron la conexión a otro servidor (${next ? next.host : 'sin dirección'}): por seguridad no se envió nada allí. ` +
          'Revise con soporte la dirección configurada de los servicios centrales.',
        null,
        res.status,
      );
    }
    if (x.method !== 'GET' && res.status !== 307 && res.status !== 308) {
      throw new SyncError('http', `Los servicios centrales redirigieron el envío (HTTP ${res.status}) de una forma que lo convertiría en una consulta: no se envió. Se reintentará.`, null, res.status);
    }
    if (hop >= MAX_REDIRECTS) throw new SyncError('http', 'Los servicios centrales respondieron con demasiadas redirecciones. Se reintentará.', null, res.status);
    url = next;
  }
}

/** The answer's bytes as they came (a file), bounded like every exchange. */
export const exchangeBytes = (x: Exchange): Promise<Buffer> => send(x);

async function send(x: Exchange): Promise<Buffer> {
  const headers: Record<string, string> = { Accept: x.method === 'GET' && x.bytes === undefined ? '*/*' : 'application/json' };
  if (x.token) headers.Authorization = `Bearer ${x.token}`;
  if (x.bytes !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (x.body !== undefined) headers['Content-Type'] = 'application/json';
  const signal = AbortSignal.timeout(x.timeoutMs);
  const body = x.bytes !== undefined ? x.bytes : x.body === undefined ? undefined : JSON.stringify(x.body);
  let res: Response;
  try {
    res = await fetchSameOrigin(x, { method: x.method, headers, body, signal });
  } catch (err) {
    if (err instanceof SyncError) throw err;
    throw transportError(err, x.timeoutMs);
  }
  let data: Buffer;
  try {
    data = await readCapped(res, x.maxBytes);
  } catch (err) {
    if (err instanceof SyncError) throw err;
    throw transportError(err, x.timeoutMs);
  }
  if (res.ok) return data;
  throw httpError(res, data.toString('utf8'), x.now);
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  const tooBig = () => new SyncError('oversize', `${INVALID}: supera el tamaño máximo de ${formatMb(maxBytes)}. ${NOTHING_APPLIED}`);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const formatMb = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;

function transportError(err: unknown, timeoutMs: number): SyncError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SyncError('timeout', `Los servicios centrales del IESS no respondieron a tiempo (más de ${(timeoutMs / 1000).toLocaleString('es-EC')} s). Se reintentará.`);
  }
  const code = causeCode(err);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EAI_AGAIN') {
    return new SyncError('network', 'No hay conexión con los servicios centrales del IESS. Se reintentará automáticamente.');
  }
  return new SyncError('dropped', 'Se cortó la conexión con los servicios centrales del IESS antes de recibir la respuesta. Se reintentará (sin duplicar envíos).');
}

function causeCode(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function httpError(res: Response, text: string, now: number): SyncError {
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
  const wait = retryAfterMs !== null ? ` El servidor pidió esperar ${Math.ceil(retryAfterMs / 1000)} s.` : '';
  switch (res.status) {
    case 401:
    case 403:
      return new SyncError('auth', 'Los servicios centrales no reconocen a esta estación (token inválido o revocado). Un administrador debe enrolarla de nuevo.', null, res.status);
    case 429:
      return new SyncError('http', `Los servicios centrales del IESS pidieron esperar (HTTP 429, demasiadas solicitudes).${wait}`, retryAfterMs, 429);
    case 503:
      return new SyncError('http', `Los servicios centrales del IESS no están disponibles por ahora (HTTP 503).${wait}`, retryAfterMs, 503);
    case 413:
      return new SyncError('http', 'Los servicios centrales rechazaron el tamaño del envío (HTTP 413).', null, 413);
    case 409: {
      const refusal = auditRefusal(text);
      if (refusal) return new SyncError('audit', AUDIT_MESSAGES[refusal.code](refusal.anchorSeq), null, 409, refusal);
      const detail = centralMessage(text);
      return new SyncError('http', `Los servicios centrales del IESS rechazaron el envío (HTTP 409)${detail ? `: ${detail}` : ''}. Se reintentará.`, null, 409);
    }
    default: {
      const detail = centralMessage(text);
      return new SyncError('http', `Los servicios centrales del IESS respondieron con un error (HTTP ${res.status})${detail ? `: ${detail}` : ''}. Se reintentará.`, retryAfterMs, res.status);
    }
  }
}

const HELD_HERE = 'Los cambios siguen guardados en esta estación y no se envían hasta que el soporte técnico del IESS lo revise.';

/** The desk's own words for each audit refusal (central's message is not trusted to be shown as is). */
const AUDIT_MESSAGES: Record<AuditRefusalCode, (anchorSeq: number) => string> = {
  audit_rewound: (seq) =>
    `El IESS rechazó los envíos de esta estación: su registro de auditoría retrocedió (el IESS ya había confirmado hasta la entrada ${seq.toLocaleString('es-EC')}). ` +
    `¿Se restauró un respaldo antiguo o se borró la base de datos? ${HELD_HERE}`,
  audit_forked: (seq) =>
    `El IESS rechazó los envíos de esta estación: su registro de auditoría ya no continúa el que el IESS confirmó (entrada ${seq.toLocaleString('es-EC')}); ` +
    `fue reescrito o restaurado desde otra copia. ${HELD_HERE}`,
  audit_proof_required: (seq) => `El IESS pidió la entrada ${seq.toLocaleString('es-EC')} del registro de auditoría para compararla; se reenvía.`,
};

function auditRefusal(text: string): AuditRefusalAnswer | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ErrorResponse.safeParse(raw);
  if (!parsed.success) return null;
  const { code, anchorSeq, anchor } = parsed.data.error;
  if (!(AUDIT_REFUSALS as readonly string[]).includes(code) || anchorSeq === undefined) return null;
  return { code: code as AuditRefusalCode, anchorSeq, anchor: anchor && anchor.seq === anchorSeq ? anchor : null };
}

/** Central's own message, when it is a short string in the documented error shape. */
export function centralMessage(text: string): string | null {
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    return typeof m === 'string' && m.length <= 300 ? m : null;
  } catch {
    return null;
  }
}
