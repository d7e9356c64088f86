/**
 * Reads of the twinning pages that are not single endpoints of contracts/twinning.ts: the pairs
 * list page after page ("load more"), and the Hanoi clusters and schools (other domains' lists).
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { twinningApi } from '../../../../contracts/twinning';
import type { QueryIn } from '../../../../contracts/http';
import { api, type ApiError } from '../../api';
import { call } from '../../api/call';
import { queryKey } from '../../lib/query';

type PairQuery = Omit<NonNullable<QueryIn<typeof twinningApi.pairs>>, 'cursor' | 'format'>;

/** The pairs list, one page after another (newest first); `fetchNextPage` loads more. */
export function usePairPages(query: PairQuery) {
  return useInfiniteQuery({
    queryKey: [...queryKey(twinningApi.pairs, { query }), 'pages'],
    queryFn: ({ pageParam, signal }) => call(twinningApi.pairs, { query: { ...query, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** The school clusters of Hà Nội (the organisations list). */
export function useHanoiClusters() {
  return useQuery<Awaited<ReturnType<typeof api.organisations.list>>['items'], ApiError>({
    queryKey: ['organisations', 'clusters', '01'],
    queryFn: ({ signal }) => api.organisations.list({ kind: 'cluster', provinceCode: '01', limit: 200 }, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** Hanoi schools matching a search (the server folds diacritics), or of one cluster. */
export function useHanoiSchools(filter: { q?: string; clusterId?: string; limit: number }, enabled = true) {
  return useQuery<Awaited<ReturnType<typeof api.schools.list>>, ApiError>({
    queryKey: ['schools', 'list', { provinceCode: '01', ...filter }],
    queryFn: ({ signal }) => api.schools.list({ provinceCode: '01', ...filter }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One school (its cluster, for the cluster report). */
export function useSchool(id: string) {
  return useQuery<Awaited<ReturnType<typeof api.schools.get>>, ApiError>({
    queryKey: ['schools', 'one', id],
    queryFn: ({ signal }) => api.schools.get(id, signal),
  });
}
