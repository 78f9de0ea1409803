// The queue screen's first page, named apart from the screen (QueuesScreen.tsx) so that the
// app's start (app/boot.ts) can ask for it without loading the screen's code.
import type { QueryClient } from '@tanstack/react-query';
import type { CallInput, CallOutput } from '../../../shared/contract';
import type { QueueCode } from '../../../shared/contract/supervisor';
import { queryKeys } from '../api/queryKeys';

/** The queue the screen opens on, with no desk chosen. */
export const FIRST_QUEUE: QueueCode = 'por_revisar';

export const queueListInput = (queue: QueueCode, station: string): CallInput<'queues.list'> => ({ queue, limit: 50, ...(station ? { station } : {}) });

export const FIRST_QUEUE_INPUT = queueListInput(FIRST_QUEUE, '');

/**
 * Puts a first page read before the app had drawn anything where the screen's paged list
 * (usePagedList) reads it: the screen then shows its rows in its first render. The page counts
 * as just read (TanStack Query's staleTime runs from now), as it was a moment ago.
 */
export function seedFirstQueuePage(client: QueryClient, page: CallOutput<'queues.list'>): void {
  client.setQueryData(queryKeys.call('queues.list', FIRST_QUEUE_INPUT), { pages: [page], pageParams: [null] });
}
