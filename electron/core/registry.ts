// The handler registry and the one door into the core. Every host (Electron IPC, the browser
// host's HTTP, the CLI) calls `core.call(name, input, auth)`; the role check, the input
// validation and the error envelope happen here and nowhere else.
import { z } from 'zod';
import { connectionOf, writeTransaction, type WriteDb } from '../../db/open';
import {
  contract,
  type CAPABILITIES,
  type Capability,
  fail,
  isCallName,
  ok,
  DEFAULT_MESSAGES,
  type CallName,
  type CallOutput,
  type Contract,
  type FieldIssue,
  type ParsedInput,
  type Result,
} from '../../shared/contract';
import { appendAudit, bindAuditKeys, type AuditEntry } from './security/audit/chain';
import { readSecrets, type Actor, type AuthedContext, type AuthedReadContext, type CoreContext, type HandlerContext, type ReadContext } from './context';
import { recordRequestEvent } from './counter/events';
import { CallFailure } from './errors';
import { resolveCliActor, resolveSessionActor } from './accounts/actor';

/**
 * Whether a call's handler writes, by its contract: it changes something (`audit: 'change'`),
 * declares a write too small to audit (`writes: true`), or records a line of a request's history
 * (`history`, e.g. a file viewed), a write too.
 */
export type WritesFor<K extends CallName> = Contract[K]['audit'] extends 'change'
  ? true
  : NonNullable<Contract[K]['writes']> extends true
    ? true
    : [NonNullable<Contract[K]['history']>] extends [never]
      ? false
      : true;

/** The calls whose handler only reads (heavy.ts may run them on a reader's connection). */
export type ReadCallName = { [K in CallName]: WritesFor<K> extends true ? never : K }[CallName];

/** Whether a call's handler may write, at run time (the same rule as WritesFor). */
const writes = (name: CallName): boolean => contract[name].audit === 'change' || contract[name].writes === true || contract[name].history !== undefined;

/**
 * A call that writes (WritesFor) gets the write path; any other gets a ReadContext, whose
 * database cannot write: a write there does not compile.
 */
export type ContextFor<K extends CallName> = WritesFor<K> extends true
  ? Contract[K]['access'] extends 'public'
    ? HandlerContext
    : AuthedContext
  : Contract[K]['access'] extends 'public'
    ? ReadContext
    : AuthedReadContext;

export type Handler<K extends CallName> = (
  input: ParsedInput<K>,
  ctx: ContextFor<K>,
) => CallOutput<K> | Promise<CallOutput<K>>;

/** One handler per declared call: a call the contract declares but the core lacks does not compile. */
export type Handlers = { [K in CallName]: Handler<K> };

/**
 * The handlers of one capability, keyed only by that capability's calls
 * (shared/contract/<capability>.ts): a handler written in electron/core/<capability>/ for
 * another capability's call does not compile.
 */
export type HandlersOf<C extends Capability> = { [K in keyof (typeof CAPABILITIES)[C] & CallName]: Handler<K> };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Merges per-capability handler maps. The result's type is exactly what the parts provide, so
 * assigning it to `Handlers` fails to compile when a declared call has no handler; the same
 * name registered twice throws at start-up.
 */
export function mergeHandlers<T extends Partial<Handlers>[]>(...parts: T): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, handler] of Object.entries(part)) {
      if (Object.hasOwn(merged, name)) throw new Error(`Handler registered twice: ${name}`);
      merged[name] = handler;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

/** How the caller proved who it is: a session token (Electron, browser) or the CLI's --as. */
export type Auth = { kind: 'session'; token: string | null } | { kind: 'cli'; username: string };

/** What a host may add to a call: the screen that asked is gone (the HTTP request closed, the window navigated). */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface Core {
  readonly ctx: CoreContext;
  call(name: string, input: unknown, auth: Auth, options?: CallOptions): Promise<Result<unknown>>;
}

/**
 * Where the handler of a read-only heavy call runs when the host provides somewhere else (a
 * reader worker on its own connection: electron/hosts/common/reader-pool.ts). Only the handler
 * moves: the role check, the validation and the audit entry stay here, written by this, the
 * one writer. It rejects with a CallFailure as the handler would have thrown.
 */
export interface Offload {
  handles(name: CallName): boolean;
  run(name: CallName, input: unknown, actor: Actor, signal?: AbortSignal): Promise<{ value: unknown; target: string | null }>;
}

export interface CreateCoreOptions {
  offload?: Offload;
}

const spanish = z.locales.es().localeError;

/** Calls a locked session (idle lock) or one with a temporary password may still make. */
const WHILE_LOCKED = new Set<CallName>(['session.unlock', 'session.logout', 'session.current']);
const WHILE_TEMPORARY_PASSWORD = new Set<CallName>(['account.changePassword', 'session.logout', 'session.current', 'session.lock', 'session.unlock']);

export function createCore(ctx: CoreContext, handlers: Handlers, options: CreateCoreOptions = {}): Core {
  for (const name of Object.keys(contract)) {
    if (typeof (handlers as Record<string, unknown>)[name] !== 'function') {
      throw new Error(`No handler for declared call: ${name}`);
    }
  }
  const sqlite = connectionOf(ctx.db);
  // The audit chain's HMAC key lives in the secrets store, outside the database.
  bindAuditKeys(sqlite, ctx.secrets);

  async function call(name: string, rawInput: unknown, auth: Auth, callOptions: CallOptions = {}): Promise<Result<unknown>> {
    if (!isCallName(name)) return fail('unknown_call', DEFAULT_MESSAGES.unknown_call);
    const spec = contract[name];
    let actor: Actor | null = null;
    let auditActorId: string | null = null;
    let target: string | null = null;
    let audited = spec.audit === 'none';
    /** The request the call acts on: its history gets the call's activity (spec.history). */
    let subject: string | null = null;
    const entry = (outcome: string): AuditEntry => ({ at: ctx.clock.now(), actorId: actor?.userId ?? auditActorId, call: name, target, outcome });
    const historyLine = (requestId: string, outcome: string, detail = {}) => {
      if (!spec.history) throw new Error(`${name} records no request history: its contract declares no 'history'.`);
      recordRequestEvent(sqlite, { ...detail, requestId, at: ctx.clock.now(), actorId: actor?.userId ?? auditActorId, activity: spec.history, outcome });
    };
    const handlerCtx: HandlerContext = {
      ...ctx,
      actor: null,
      audit: {
        target: (t) => void (target = t),
        actor: (id) => void (auditActorId = id),
      },
      history: {
        subject: (id) => void (subject = id),
        record: (detail, requestId = subject ?? undefined) => {
          if (!requestId) throw new Error(`${name}: no request to record its history in.`);
          historyLine(requestId, 'ok', detail);
        },
      },
      // The write path: the one writable handle a handler can get (a WriteDb: drizzle's writers
      // and the WritableDB db/sql.ts's write helpers require), in the call's one transaction.
      write: <T>(fn: (db: WriteDb) => T): T =>
        writeTransaction(ctx.db, (db) => {
          const value = fn(db);
          if (!audited) appendAudit(sqlite, entry('ok'));
          audited = true;
          return value;
        }),
      writeAttempt: <T>(fn: (db: WriteDb) => T): T => writeTransaction(ctx.db, fn),
    };
    const finish = (result: Result<unknown>): Result<unknown> => {
      // Failures of anonymous callers are not attributable to anyone: only login records them.
      const attributable = actor !== null || auditActorId !== null;
      if (!audited && (result.ok || attributable)) {
        try {
          sqlite
            .transaction(() => {
              appendAudit(sqlite, entry(result.ok ? 'ok' : result.error.code));
              // A refused attempt on a request is part of its history, as the audit entry is of the trail.
              if (!result.ok && spec.history && subject) historyLine(subject, result.error.code);
            })
            .immediate();
        } catch (err) {
          ctx.log.error('audit append failed', { call: name, error: describeError(err) });
          return fail('internal', DEFAULT_MESSAGES.internal);
        }
      }
      return result;
    };

    try {
      if (spec.access !== 'public') {
        actor = auth.kind === 'cli' ? resolveCliActor(ctx, auth.username) : resolveSessionActor(ctx, auth.token);
        if (!actor) {
          // The CLI names its user: «your session is not active» would send IT looking for a session.
          const said = auth.kind === 'cli' ? `El usuario «${auth.username}» no existe o está deshabilitado.` : DEFAULT_MESSAGES.unauthenticated;
          return finish(fail('unauthenticated', said));
        }
        if (!(spec.access as readonly string[]).includes(actor.role)) return finish(fail('forbidden', DEFAULT_MESSAGES.forbidden));
        if (actor.locked && !WHILE_LOCKED.has(name)) return finish(fail('session_locked', DEFAULT_MESSAGES.session_locked));
        if (actor.mustChangePassword && !WHILE_TEMPORARY_PASSWORD.has(name)) {
          return finish(fail('password_change_required', DEFAULT_MESSAGES.password_change_required));
        }
      }
      const parsed = spec.input.safeParse(rawInput ?? {}, { error: spanish });
      if (!parsed.success) {
        const fields = parsed.error.issues.map(toFieldIssue);
        return finish(fail('invalid_input', fields[0]?.message ?? DEFAULT_MESSAGES.invalid_input, fields));
      }
      if (actor && options.offload?.handles(name)) {
        const done = await options.offload.run(name, parsed.data, actor, callOptions.signal);
        target = done.target;
        return finish(ok(done.value));
      }
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
      // A read's handler has no write path by type (ContextFor); a cast past it meets this.
      // (The HandlerContext type is the handler table's common shape; a read's own type is ReadContext.)
      const value = await handler(parsed.data, writes(name) ? { ...handlerCtx, actor } : ({ ...handlerCtx, actor, write: readOnlyWrite(name), writeAttempt: readOnlyWrite(name), secrets: readSecrets(handlerCtx.secrets) } as unknown as HandlerContext));
      return finish(ok(value));
    } catch (err) {
      if (err instanceof CallFailure) return finish(fail(err.code, err.message, err.fields));
      ctx.log.error('call failed', { call: name, error: describeError(err) });
      return finish(fail('internal', DEFAULT_MESSAGES.internal));
    }
  }
  return { ctx, call };
}

function readOnlyWrite(name: CallName): HandlerContext['write'] {
  return () => {
    throw new Error(`${name} is declared a read (contract audit and history) but its handler wrote.`);
  };
}

function toFieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  return { path: issue.path.map(String).join('.'), message: issue.message };
}

/** Error name and stack frames only: an exception message may quote personal data. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const frames = (err.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim());
  return [err.name, (err as { code?: unknown }).code, ...frames].filter(Boolean).join(' | ');
}
