// A refused call names the inputs at fault (`error.fields`, see shared/contract/result.ts); the
// screens show each message under its input. One mapping for all of them, so a path is read the
// same way everywhere: the first message of a path wins (the core puts the most telling first).
import type { CallError } from '../../../shared/contract';

/** Message per input path ('agency.code', 'sla.byState.borrador'…). */
export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

/**
 * The field errors of a refused call. With `known`, only those inputs are kept, after taking
 * `prefix` off each path (the contract nests the intake under 'intake.', the form does not).
 */
export function fieldErrors(error: CallError | null | undefined): FieldErrors;
export function fieldErrors<F extends string>(error: CallError | null | undefined, known: readonly F[], prefix?: string): FieldErrors<F>;
export function fieldErrors(error: CallError | null | undefined, known?: readonly string[], prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const f of error?.fields ?? []) {
    const path = prefix && f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path;
    if (known && !known.includes(path)) continue;
    out[path] ??= f.message;
  }
  return out;
}

/** The message of an input or of anything inside it ('signatures.trustAnchors' covers its '.0', '.1'…). */
export function errorWithin(errors: FieldErrors, path: string): string | undefined {
  return errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(`${path}.`))?.[1];
}

/** The first input, in screen order, that has an error: where the focus goes. */
export function firstWithError<F extends string>(errors: FieldErrors<F>, order: readonly F[]): F | undefined {
  return order.find((f) => errors[f] !== undefined);
}
