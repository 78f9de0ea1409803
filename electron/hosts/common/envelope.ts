// The call envelope both hosts carry to the core (shared/contract/bridge.ts: what the renderer
// sends over IPC or HTTP), checked here once: a shape other than exactly this never reaches the
// core, and nothing the core does can make a host throw instead of answering a Result.
import { z } from 'zod';
import type { CallEnvelope } from '../../../shared/contract/bridge';
import { DEFAULT_MESSAGES, fail, type Result } from '../../../shared/contract/result';
import type { Logger } from '../../core/context';
import type { Core } from '../../core/registry';

export const CallEnvelopeSchema = z
  .object({
    call: z.string().max(100),
    input: z.unknown(),
    session: z.string().max(200).nullable(),
  })
  .strict() satisfies z.ZodType<CallEnvelope>;

export interface EnvelopeAnswer {
  /** False when the envelope itself was malformed (the core was not asked). */
  wellFormed: boolean;
  result: Result<unknown>;
}

export async function answerEnvelope(core: Pick<Core, 'call'>, raw: unknown, log: Logger, signal?: AbortSignal): Promise<EnvelopeAnswer> {
  const envelope = CallEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return { wellFormed: false, result: fail('invalid_input', DEFAULT_MESSAGES.invalid_input) };
  const { call, input, session } = envelope.data;
  try {
    return { wellFormed: true, result: await core.call(call, input, { kind: 'session', token: session }, signal ? { signal } : {}) };
  } catch (err) {
    // core.call answers its own failures; reaching this is a defect, still answered.
    log.error('call escaped the core', { error: err instanceof Error ? err.name : typeof err });
    return { wellFormed: true, result: fail('internal', DEFAULT_MESSAGES.internal) };
  }
}
