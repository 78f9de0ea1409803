// Reads go through TanStack Query: caching, refetch on an interval (status bar), and loading /
// error state without hand-written effects. Keys come from queryKeys (call name plus input).
import { QueryCache, QueryClient, useInfiniteQuery, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CallError, CallInput, CallName, CallOutput, Result } from '../../../shared/contract';
import { call, onCoreChanged } from './client';
import { isReadOf, queryKeys, type ReadTarget } from './queryKeys';

export class CallFailed extends Error {
  constructor(readonly error: CallError) {
    super(error.message);
  }
}

export async function callOrThrow<K extends CallName>(name: K, input: CallInput<K>, signal?: AbortSignal): Promise<CallOutput<K>> {
  const r = await call(name, input, signal ? { signal } : {});
  if (!r.ok) throw new CallFailed(r.error);
  return r.value;
}

/**
 * 'unavailable' is the one answer worth asking again: the core's worker restarted (its message
 * says so on screen meanwhile) or a read was cut. Anything else is a real answer for the clerk.
 */
export function retryUnavailable(failures: number, error: Error): boolean {
  return failures < 3 && error instanceof CallFailed && error.error.code === 'unavailable';
}

const STATUS_KEY = queryKeys.call('status.summary', {});

/**
 * The status bar (status.summary) says what the sync screens say, as soon as either knows: a
 * sync.status answer that disagrees with it on the connection or the pending count refreshes it.
 * (The sync service runs in the background: the sync screens poll it every few seconds.)
 */
function statusDisagrees(client: QueryClient, sync: CallOutput<'sync.status'>): boolean {
  const bar = client.getQueryData<CallOutput<'status.summary'>>(STATUS_KEY);
  return bar !== undefined && (bar.central.state !== sync.state || bar.pendingSync !== sync.counts.pending + sync.counts.failed);
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onSuccess: (data, query) => {
        if (query.queryKey[0] === 'sync.status' && statusDisagrees(client, data as CallOutput<'sync.status'>)) void client.invalidateQueries({ queryKey: STATUS_KEY });
      },
    }),
    defaultOptions: {
      // Every screen renders at once from what it showed last (kept 30 minutes) and refreshes
      // in the background once that is older than 5 s.
      queries: { retry: retryUnavailable, retryDelay: (n) => 300 * 2 ** n, refetchOnWindowFocus: false, staleTime: 5_000, gcTime: 30 * 60_000 },
    },
  });
  // Any change made from any screen may add to what is pending to send.
  onCoreChanged(() => void client.invalidateQueries({ queryKey: STATUS_KEY }));
  return client;
}

interface ReadOptions {
  refetchInterval?: number;
  refetchOnMount?: boolean | 'always';
  enabled?: boolean;
  staleTime?: number;
}

export function useCall<K extends CallName>(name: K, input: CallInput<K>, options: ReadOptions = {}) {
  return useQuery({ queryKey: queryKeys.call(name, input), queryFn: ({ signal }) => callOrThrow(name, input, signal), ...options });
}

/**
 * A read whose refusal is an answer for the screen, not an error (e.g. "central unavailable"):
 * the Result itself is cached. `staleTime` may depend on it (keep a success longer).
 */
export function useCallResult<K extends CallName>(
  name: K,
  input: CallInput<K>,
  options: { enabled?: boolean; staleTime?: (result: Result<CallOutput<K>> | undefined) => number } = {},
) {
  const { staleTime } = options;
  return useQuery({
    queryKey: queryKeys.result(name, input),
    queryFn: ({ signal }) => call(name, input, { signal }),
    enabled: options.enabled ?? true,
    ...(staleTime ? { staleTime: (q: Query<Result<CallOutput<K>>, Error, Result<CallOutput<K>>, readonly unknown[]>) => staleTime(q.state.data) } : {}),
  });
}

type ItemsOf<K extends CallName> = CallOutput<K> extends { items: (infer R)[] } ? R : never;
/** Calls answering a list of `items`. */
type ListCall = { [K in CallName]: CallOutput<K> extends { items: unknown[] } ? K : never }[CallName];
/** Calls answering a keyset page: `items` and the `nextCursor` of the next page. */
type PagedCall = { [K in CallName]: CallOutput<K> extends { items: unknown[]; nextCursor: string | null } ? K : never }[CallName];

/** A list as PagedTable shows it: its rows, their state, and the next page when there is one. */
export interface RowList<R> {
  rows: R[];
  /** The first answer has arrived (an empty list can be said to be empty). */
  loaded: boolean;
  busy: boolean;
  error: Error | null;
  more: { load(): void; loading: boolean } | null;
}

/** Keyset-paged lists: each page's nextCursor feeds the next call. */
export function usePagedCall<K extends PagedCall>(name: K, input: CallInput<K>) {
  return useInfiniteQuery({
    queryKey: queryKeys.call(name, input),
    queryFn: ({ pageParam, signal }) => callOrThrow(name, { ...input, ...(pageParam ? { cursor: pageParam } : {}) } as CallInput<K>, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last as { nextCursor: string | null }).nextCursor,
  });
}

/** A keyset-paged list, its pages joined, with "Cargar más" while the core has more. */
export function usePagedList<K extends PagedCall>(name: K, input: CallInput<K>): RowList<ItemsOf<K>> {
  const q = usePagedCall(name, input);
  return {
    rows: q.data?.pages.flatMap((p) => (p as unknown as { items: ItemsOf<K>[] }).items) ?? [],
    loaded: q.isSuccess,
    busy: q.isFetching,
    error: q.error,
    more: q.hasNextPage ? { load: () => void q.fetchNextPage(), loading: q.isFetchingNextPage } : null,
  };
}

/** The `items` of a read already made, as a list for PagedTable (when the screen needs the rest of the answer too). */
export function listOf<R>(q: { data?: { items: R[] } | undefined; isSuccess: boolean; isFetching: boolean; error: Error | null }): RowList<R> {
  return { rows: q.data?.items ?? [], loaded: q.isSuccess, busy: q.isFetching, error: q.error, more: null };
}

/** A list answered whole (or its first page only, by design of the screen). */
export function useList<K extends ListCall>(name: K, input: CallInput<K>, options: ReadOptions = {}): RowList<ItemsOf<K>> {
  return listOf(useCall(name, input, options) as Parameters<typeof listOf<ItemsOf<K>>>[0]);
}

/** Refreshes reads after a change: `invalidate('users.list')`, `invalidate('sync.*', 'status.summary')`. */
export function useInvalidate(): (...targets: ReadTarget[]) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback((...targets: ReadTarget[]) => queryClient.invalidateQueries({ predicate: (q) => isReadOf(q.queryKey, targets) }), [queryClient]);
}

/**
 * The first page of a keyset list fetched ahead (e.g. the other queues while one is on screen,
 * or a role's first screen while the app frame is still being drawn), so that the screen renders
 * from cache at once; nothing is fetched while the cache is fresh, and a read already under way
 * is the one the screen then waits for.
 */
export function prefetchPages<K extends PagedCall>(queryClient: QueryClient, name: K, input: CallInput<K>): void {
  void queryClient.prefetchInfiniteQuery({
    queryKey: queryKeys.call(name, input),
    queryFn: ({ signal }) => callOrThrow(name, input, signal),
    initialPageParam: null as string | null,
    staleTime: 5_000,
  });
}

/** prefetchPages for a screen. */
export function usePrefetchPages(): <K extends PagedCall>(name: K, input: CallInput<K>) => void {
  const queryClient = useQueryClient();
  return useCallback(<K extends PagedCall>(name: K, input: CallInput<K>) => prefetchPages(queryClient, name, input), [queryClient]);
}
