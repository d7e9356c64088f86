/**
 * Server state: every read goes through TanStack Query (cached, retried on network and server
 * errors, refreshed after writes). A query is keyed by its endpoint's domain tag, path and
 * arguments; a write invalidates its domain (and any other domains it names), so every page that
 * shows that data refreshes without reload counters.
 */
import {
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  keepPreviousData,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Endpoint, ResponseOf } from '../../../contracts/http';
import { ApiError } from '../api/client';
import { call, type CallArgs } from '../api/call';
import { ErrorAlert, PageLoader } from '../components/common';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // a dropped line or a busy server is retried; a refusal (4xx) is not
        retry: (count, err) => count < 3 && err instanceof ApiError && (err.status === 0 || err.status >= 500),
        retryDelay: (n) => Math.min(1000 * 2 ** n, 8000),
      },
      mutations: { retry: false },
    },
  });
}

/** The cache key of a call: domain tag first, so a write can refresh its whole domain. */
export function queryKey<E extends Endpoint>(e: E, args?: { params?: unknown; query?: unknown }): unknown[] {
  return [e.tags[0], e.path, args?.params ?? null, args?.query ?? null];
}

type Args<E extends Endpoint> = Omit<CallArgs<E>, 'signal' | 'body'>;

/** Read an endpoint. `enabled: false` waits (e.g. until a choice is made). */
export function useApi<E extends Endpoint>(
  e: E,
  args: Args<E>,
  options?: Omit<UseQueryOptions<ResponseOf<E>, ApiError>, 'queryKey' | 'queryFn'> & { keepPrevious?: boolean },
): UseQueryResult<ResponseOf<E>, ApiError> {
  const { keepPrevious, ...rest } = options ?? {};
  return useQuery<ResponseOf<E>, ApiError>({
    queryKey: queryKey(e, args as { params?: unknown; query?: unknown }),
    queryFn: ({ signal }) => (call as (e: E, a: unknown) => Promise<ResponseOf<E>>)(e, { ...args, signal }),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...rest,
  });
}

/**
 * Write through an endpoint (or any async function that does); on success the endpoint's domain
 * and the `invalidates` domains are refreshed.
 */
export function useApiMutation<V, R>(fn: (vars: V) => Promise<R>, opts: { domains: readonly string[]; onSuccess?: (r: R, vars: V) => void }) {
  const qc = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn: fn,
    onSuccess: async (r, vars) => {
      await Promise.all(opts.domains.map((d) => qc.invalidateQueries({ queryKey: [d] })));
      opts.onSuccess?.(r, vars);
    },
  });
}

/** Refresh one or more domains after a write made outside useApiMutation (uploads with progress). */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...domains: string[]) => Promise.all(domains.map((d) => qc.invalidateQueries({ queryKey: [d] })));
}

/**
 * The one way a page shows a query: a loader first, the error (with retry) if it failed, the
 * content once there. Later refreshes keep the content on screen.
 */
export function QueryView<T>({ query, children, loader }: { query: UseQueryResult<T, ApiError>; children: (data: T) => ReactNode; loader?: ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <>{loader ?? <PageLoader />}</>;
}
