// Heavy reads: the calls whose handler may scan a year of records, render a PDF or hash a
// backup, and only read the database. A host that has reader workers runs their handlers there
// (registry.ts Offload), on a read-only connection, so that a light call (a keystroke's save,
// the status bar) never waits behind them; the writer still checks the role, validates and
// writes the audit entry. Every call listed here must not write: only a call the contract
// declares a read (registry.ts WritesFor) may be listed, its handler gets a ReadContext (no
// `write`, a database that cannot write, by type), and the reader's connection is read-only
// (db/open.ts openReadOnly: `readonly` and `query_only`).
import type { CallName } from '../../shared/contract';
import { readSecrets, type Actor, type CoreContext, type ReadContext } from './context';
import { CallFailure } from './errors';
import type { Handlers, ReadCallName } from './registry';

export const HEAVY_READS: ReadonlySet<CallName> = new Set<ReadCallName>([
  'dashboard.stats',
  'reports.endOfDay',
  'reports.endOfDayFile',
  'audit.verify',
  'audit.export',
  'backup.verify',
  // Renders a PDF preview per sample request (forms/handlers.ts): the writer's thread would be
  // busy for the whole rendering.
  'forms.checkTemplate',
]);

export const isHeavyRead = (name: CallName): boolean => HEAVY_READS.has(name);

/** What a reader sends back: the handler's value, or the CallFailure it threw, as plain data. */
export type ReadAnswer =
  | { ok: true; value: unknown; target: string | null }
  | { ok: false; failure: { code: CallFailure['code']; message: string; fields?: CallFailure['fields'] } | null; target: string | null };

/**
 * Runs the handler of a heavy read with the actor the writer resolved. `ctx` is a reader's: its
 * database connection is read-only. An exception other than a CallFailure answers `failure:
 * null` (the writer reports it as 'internal', as it would its own).
 */
export async function runHeavyRead(ctx: CoreContext, handlers: Handlers, name: CallName, input: unknown, actor: Actor): Promise<ReadAnswer> {
  if (!HEAVY_READS.has(name)) return { ok: false, failure: { code: 'unknown_call', message: 'La operación no es de solo lectura.' }, target: null };
  let target: string | null = null;
  const handlerCtx: ReadContext = {
    ...ctx,
    secrets: readSecrets(ctx.secrets),
    actor,
    audit: { target: (t) => void (target = t), actor: () => {} },
    history: { subject: () => {} },
  };
  try {
    const handler = handlers[name] as (input: unknown, ctx: ReadContext) => unknown;
    return { ok: true, value: await handler(input, handlerCtx), target };
  } catch (err) {
    if (err instanceof CallFailure) return { ok: false, failure: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) }, target };
    ctx.log.error('heavy read failed', { call: name, error: err instanceof Error ? err.name : typeof err });
    return { ok: false, failure: null, target };
  }
}
