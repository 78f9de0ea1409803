// Retry timing: exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential
// Backoff And Jitter"), so desks that lost central together do not come back in lockstep; and
// the server's Retry-After (seconds or an HTTP date, RFC 9110 §10.2.3), which always wins.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** Delay before retry number `failures` (1 = first retry): uniform in [cap/2, cap]. */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  // Half fixed, half random: never hammers at 0 ms, still spreads the desks out.
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** Longest wait we accept from a Retry-After: a misconfigured central must not park a desk for days. */
export const MAX_RETRY_AFTER_MS = 30 * 60_000;

export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Math.min(MAX_RETRY_AFTER_MS, Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/** What the loop waits after a failure: the server's wish when it expressed one, else backoff. */
export function retryDelay(failures: number, retryAfterMs: number | null, policy: BackoffPolicy, random?: () => number): number {
  return retryAfterMs !== null ? retryAfterMs : backoffDelay(failures, policy, random);
}
