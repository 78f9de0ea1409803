// One question to central outside the sync cycle (foreigner registry, e-mail proof): short time
// limit, small answer, and "unavailable" in Spanish when the desk is not enrolled or central does
// not answer — the screens then offer the offline way (docs/domain.md).
import type { z } from 'zod';
import { API_PREFIX } from '../../../shared/sync/protocol';
import type { AuthedReadContext } from '../context';
import { CallFailure } from '../errors';
import { exchange, SyncError } from './http';
import { currentEnrolment } from './state';

const ASK_TIMEOUT_MS = 8_000;
const SMALL_ANSWER = 256 * 1024;

export async function askCentral<S extends z.ZodType>(
  ctx: Pick<AuthedReadContext, 'db' | 'secrets' | 'clock'>,
  schema: S,
  q: { method: 'GET' | 'POST' | 'PUT'; path: string; body?: unknown; what: string },
): Promise<z.output<S>> {
  const enrolment = currentEnrolment(ctx.db, ctx.secrets);
  if (!enrolment) throw new CallFailure('unavailable', 'Esta estación no está enrolada en los servicios centrales del IESS.');
  try {
    return await exchange(schema, {
      method: q.method,
      url: `${enrolment.centralUrl.replace(/\/+$/, '')}${API_PREFIX}${q.path}`,
      token: enrolment.token,
      ...(q.body !== undefined ? { body: q.body } : {}),
      timeoutMs: ASK_TIMEOUT_MS,
      maxBytes: SMALL_ANSWER,
      now: ctx.clock.now(),
    });
  } catch (err) {
    throw new CallFailure('unavailable', err instanceof SyncError ? err.message : `No se pudo ${q.what}.`);
  }
}
