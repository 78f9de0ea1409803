// Every TanStack query key of the renderer comes from here, built from the contract's call names
// and inputs: a renamed or removed call is a compile error at each read and each invalidation,
// instead of a string that silently stops matching (and a screen that stops refreshing).
import type { CallInput, CallName } from '../../../shared/contract';

/** 'sync' for 'sync.status': the capability a call belongs to (its prefix). */
type PrefixOf<K> = K extends `${infer P}.${string}` ? P : never;
export type CallPrefix = PrefixOf<CallName>;

/** What an invalidation names: one call (every input), or every call of a capability ('sync.*'). */
export type ReadTarget = CallName | `${CallPrefix}.*`;

export const queryKeys = {
  /** The cached answer of one call with one input (what useCall and usePagedCall read). */
  call: <K extends CallName>(name: K, input: CallInput<K>) => [name, input] as const,
  /** The same call kept as its Result, errors included (see useCallResult): a separate entry. */
  result: <K extends CallName>(name: K, input: CallInput<K>) => [name, input, 'result'] as const,
};

/** True when a cached query is a read of one of the targets. */
export function isReadOf(key: readonly unknown[], targets: readonly ReadTarget[]): boolean {
  const name = key[0];
  if (typeof name !== 'string') return false;
  return targets.some((t) => (t.endsWith('.*') ? name.startsWith(t.slice(0, -1)) : name === t));
}

