// Reads go through TanStack Query: caching, refetch on an interval (status bar), and loading /
// error state without hand-written effects. The query key is the call name plus its input.
import { QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CallError, CallInput, CallName, CallOutput } from '../../../shared/contract';
import { call } from './client';

export class CallFailed extends Error {
  constructor(readonly error: CallError) {
    super(error.message);
  }
}

export async function callOrThrow<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const r = await call(name, input);
  if (!r.ok) throw new CallFailed(r.error);
  return r.value;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The core answers locally in milliseconds: retrying hides real errors from the clerk.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    },
  });
}

export function useCall<K extends CallName>(name: K, input: CallInput<K>, options: { refetchInterval?: number; refetchOnMount?: boolean | 'always' } = {}) {
  return useQuery({ queryKey: [name, input], queryFn: () => callOrThrow(name, input), ...options });
}

type Paged = { nextCursor: string | null };

/** Keyset-paged lists: each page's nextCursor feeds the next call. */
export function usePagedCall<K extends CallName>(name: K, input: CallInput<K>) {
  return useInfiniteQuery({
    queryKey: [name, input],
    queryFn: ({ pageParam }) => callOrThrow(name, { ...input, ...(pageParam ? { cursor: pageParam } : {}) } as CallInput<K>),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last as Paged).nextCursor,
  });
}
