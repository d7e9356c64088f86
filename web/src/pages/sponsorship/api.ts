/** Server state of the sponsorship plan pages: the contract's endpoints, read through TanStack Query. */
import { sponsorshipApi, type SponsorshipPlanAction, type SponsorshipPlanInput, type SponsorshipPlanPatch, type SponsorshipPlanState } from '../../../../contracts/sponsorship';
import { needsApi } from '../../../../contracts/needs';
import { call, endpointUrl } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

/** The domain tag of the endpoints; the home counts plans too. */
export const SPONSORSHIP = sponsorshipApi.list.tags[0];
const HOME = 'Trang chủ';

export interface PlanFilters { state?: SponsorshipPlanState; overdue?: boolean }
const query = (f: PlanFilters) => ({ state: f.state, overdue: f.overdue ? ('true' as const) : undefined });

export const exportUrl = (f: PlanFilters, format: 'csv' | 'xlsx') => endpointUrl(sponsorshipApi.list, { query: { ...query(f), format } });

export const usePlans = (f: PlanFilters & { cursor?: string }) => useApi(sponsorshipApi.list, { query: { ...query(f), cursor: f.cursor } }, { keepPrevious: true });
export const usePlan = (id: string | undefined) => useApi(sponsorshipApi.get, { params: { id: id ?? '' } }, { enabled: !!id });
/** The school's own needs, to link a plan to. */
export const useOwnNeeds = (schoolId: string | undefined) => useApi(needsApi.list, { query: { scope: 'mine', schoolId, sort: 'recent', limit: 200 } }, { enabled: !!schoolId });

export const useSavePlan = (id: string | undefined, onSuccess: (p: { id: string }) => void) =>
  useApiMutation<SponsorshipPlanInput, { id: string }>(
    (v) => {
      const { schoolId: _school, ...patch } = v;
      return id ? call(sponsorshipApi.update, { params: { id }, body: patch as SponsorshipPlanPatch }) : call(sponsorshipApi.create, { body: v });
    },
    { domains: [SPONSORSHIP, HOME], onSuccess },
  );

export const useMovePlan = (id: string, onSuccess: () => void) =>
  useApiMutation<{ action: SponsorshipPlanAction; reason?: string; decisionNumber?: string }, unknown>(
    (v) => call(sponsorshipApi.transition, { params: { id }, body: { action: v.action, reason: v.reason || null, decisionNumber: v.decisionNumber || null } }),
    { domains: [SPONSORSHIP, HOME], onSuccess },
  );
