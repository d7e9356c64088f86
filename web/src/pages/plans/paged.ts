/**
 * A list read page after page (cursor paging, `Page` answers): TanStack's infinite query keyed
 * under the endpoint's domain, so a write to that domain refreshes it like any other read.
 */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Endpoint, Page, ResponseOf } from '../../../../contracts/http';
import { call, type CallArgs } from '../../api/call';
import type { ApiError } from '../../api/client';
import { queryKey } from '../../lib/query';

type Args<E extends Endpoint> = Omit<CallArgs<E>, 'signal' | 'body'>;

export function usePagedApi<E extends Endpoint>(e: E, args: Args<E>, options?: { enabled?: boolean }) {
  type R = ResponseOf<E> & Page<unknown>;
  const a = args as { params?: unknown; query?: Record<string, unknown> };
  const q = useInfiniteQuery<R, ApiError, { pages: R[] }, unknown[], string | null>({
    queryKey: [...queryKey(e, a), 'pages'],
    queryFn: ({ pageParam, signal }) =>
      (call as (e: E, a: unknown) => Promise<R>)(e, { ...a, query: { ...a.query, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: options?.enabled,
  });
  const pages = q.data?.pages ?? [];
  return {
    query: q,
    /** The items of every page read so far. */
    items: pages.flatMap((p) => p.items) as R['items'],
    /** The whole list's count (of the last page read). */
    total: pages.at(-1)?.total ?? 0,
    last: pages.at(-1),
  };
}
