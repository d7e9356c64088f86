/**
 * Server state of the resource-connection and portal pages, in one place: every read's cache key
 * and fetcher. Keys start with the resources endpoints' domain tag, so `useApiMutation` /
 * `useInvalidate('Kết nối nguồn lực')` (and `useResourceMutation` here) refresh them all after a
 * write.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api, type ApiError } from '../../api';
import { useAuth } from '../../lib/auth';
import { resourcesApi, type DonorType, type PublicFilters, type VettingStatus } from '../../api/resources';

/** The domain tag of the resources endpoints (needs, ledger, donors, agreements, surveys, portal, plan 29). */
export const RESOURCES = 'Kết nối nguồn lực';
/** Domains read here that other modules own (schools, organisations, administrative areas): their writes refresh these. */
const SCHOOLS = 'Trường học';
const ORGANISATIONS = 'Tổ chức';
const AREAS = 'Đơn vị hành chính';

/** A read: its cache key and how to fetch it. */
export interface ResourceQuery<T> {
  queryKey: readonly unknown[];
  queryFn: (ctx: { signal: AbortSignal }) => Promise<T>;
}

function q<T>(domain: string, parts: readonly unknown[], fn: (signal: AbortSignal) => Promise<T>): ResourceQuery<T> {
  return { queryKey: [domain, ...parts], queryFn: ({ signal }) => fn(signal) };
}
const r = <T>(parts: readonly unknown[], fn: (signal: AbortSignal) => Promise<T>) => q(RESOURCES, parts, fn);

type SchoolFilters = Parameters<typeof api.schools.list>[0];
type ContributionFilters = Parameters<typeof resourcesApi.contributions.list>[0];
type NeedListArgs = Parameters<typeof resourcesApi.needs.list>[0];
type PointFilters = Parameters<typeof resourcesApi.needs.points>[0];

export const resourceQueries = {
  needs: (f: NeedListArgs) => r(['needs', f], (s) => resourcesApi.needs.list(f, s)),
  need: (id: string) => r(['need', id], (s) => resourcesApi.needs.get(id, s)),
  needPoints: (f: PointFilters) => r(['needs', 'points', f], (s) => resourcesApi.needs.points(f, s)),
  contributions: (f: ContributionFilters) => r(['contributions', f], (s) => resourcesApi.contributions.list(f, s)),
  contribution: (id: string) => r(['contribution', id], (s) => resourcesApi.contributions.get(id, s)),
  donors: (f: { vetting?: VettingStatus; type?: DonorType; q?: string }) => r(['donors', f], (s) => resourcesApi.donors.list(f, s)),
  donor: (id: string) => r(['donor', id], (s) => resourcesApi.donors.get(id, s)),
  agreements: (f: { donorId?: string; behind?: boolean; cursor?: string; limit?: number }) => r(['agreements', f], (s) => resourcesApi.agreements.list(f, s)),
  surveys: (schoolId: string) => r(['surveys', schoolId], (s) => resourcesApi.surveys.list(schoolId, s)),
  surveyPoints: (f: { schoolYear?: string; provinceCode?: string }) => r(['surveys', 'points', f], (s) => resourcesApi.surveys.points(f, s)),
  portalStats: (f: PublicFilters) => r(['portal', 'stats', f], (s) => resourcesApi.portal.stats(f, s)),
  portalContributions: (f: PublicFilters & { limit?: number }) => r(['portal', 'contributions', f], (s) => resourcesApi.portal.contributions(f, s)),
  portalSchool: (id: string) => r(['portal', 'school', id], (s) => resourcesApi.portal.school(id, s)),
  portalDonor: (id: string) => r(['portal', 'donor', id], (s) => resourcesApi.portal.donor(id, s)),
  dashboard: (provinceCode: string | undefined) => r(['dashboard', provinceCode ?? null], (s) => resourcesApi.dashboard(provinceCode, s)),
  plan29: () => r(['plan29'], (s) => resourcesApi.plan29.provinces(s)),
  plan29Quota: (year: number) => r(['plan29', 'quota', year], (s) => resourcesApi.plan29.quota(year, s)),
  beneficiaries: (schoolId: string) => r(['beneficiaries', schoolId], (s) => resourcesApi.beneficiaries.list(schoolId, s)),

  // read from other modules for pickers and headings
  legacyDistricts: (oldProvinceCode: string) => q(AREAS, ['legacy', oldProvinceCode], (s) => resourcesApi.plan29.legacyDistricts(oldProvinceCode, s)),
  schools: (f: SchoolFilters & { limit?: number }) => q(SCHOOLS, ['list', f], (s) => api.schools.list(f, s)),
  school: (id: string) => q(SCHOOLS, ['school', id], (s) => api.schools.get(id, s)),
  schoolOrganisations: (provinceCode: string) => q(ORGANISATIONS, ['schools', provinceCode], (s) => api.organisations.list({ kind: 'school', provinceCode, limit: 200 }, s)),
};

/** Read one of `resourceQueries`; `keepPrevious` keeps the last answer on screen while new filters load. */
export function useResource<T>(query: ResourceQuery<T>, opts: { enabled?: boolean; keepPrevious?: boolean } = {}): UseQueryResult<T, ApiError> {
  // answers depend on who asks (scope, `can`): another account never sees this one's cache
  const viewer = useAuth().user?.id ?? null;
  return useQuery<T, ApiError>({
    queryKey: [...query.queryKey, { viewer }],
    queryFn: query.queryFn,
    enabled: opts.enabled ?? true,
    ...(opts.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/** Refresh every resources read (after an upload with progress, which runs outside a mutation). */
export function useInvalidateResources() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [RESOURCES] });
}

/** A write of the resources domain: on success every resources read is refreshed, then `onSuccess` runs. */
export function useResourceMutation<V, R>(fn: (vars: V) => Promise<R>, opts: { onSuccess?: (r: R, vars: V) => void } = {}) {
  const qc = useQueryClient();
  return useMutation<R, ApiError, V>({
    mutationFn: fn,
    onSuccess: async (res, vars) => {
      await qc.invalidateQueries({ queryKey: [RESOURCES] });
      opts.onSuccess?.(res, vars);
    },
  });
}

