/** Server state of the school social-work pages: the contract's endpoints, read through TanStack Query. */
import {
  casesApi, type CaseEntryInput, type CaseInput, type CaseOutcome, type CaseState, type CaseStep, type ReferralAction, type ReferralInput, type ReferralStateName,
} from '../../../../contracts/cases';
import { providersApi, type ProviderListQuery } from '../../../../contracts/providers';
import { call } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

export const CASES = casesApi.list.tags[0];

/**
 * Where a case form keeps what is being typed (useDraftForm): one key per account, per form and per
 * case (per school for a case not yet opened), so a draft is never offered to another account signed
 * in on the same browser nor on another case. Drafts of case notes stay in this browser's storage, on
 * the device of the person typing: nothing is sent before the form is submitted, and a sent form
 * removes its draft.
 */
export const caseDraftKey = (userId: string, form: 'open' | 'move' | 'entry' | 'plan' | 'refer' | 'answer', id: string) => `kn.draft.cases.${userId}.${form}.${id}`;
export const PROVIDERS = providersApi.list.tags[0];

export const useCases = (state: CaseState, cursor?: string) => useApi(casesApi.list, { query: { state, cursor } }, { keepPrevious: true });
export const useCase = (id: string | undefined) => useApi(casesApi.get, { params: { id: id ?? '' } }, { enabled: !!id });
export const useInbox = (state: ReferralStateName | undefined, cursor?: string) => useApi(casesApi.referrals, { query: { state, cursor } }, { keepPrevious: true });
export const useReferral = (id: string | undefined) => useApi(casesApi.referral, { params: { id: id ?? '' } }, { enabled: !!id });
export const useAccessLog = (caseId: string | undefined, cursor?: string) => useApi(casesApi.accessLog, { query: { caseId, cursor } }, { keepPrevious: true });
export const useStatistics = (year: number) => useApi(casesApi.statistics, { query: { year } });
export const useProviders = (q: ProviderListQuery & { cursor?: string }) => useApi(providersApi.list, { query: q }, { keepPrevious: true });

export const useOpenCase = (onSuccess: (c: { id: string }) => void) =>
  useApiMutation<CaseInput, { id: string }>((body) => call(casesApi.create, { body }), { domains: [CASES], onSuccess });
export const useMoveCase = (id: string) =>
  useApiMutation<{ to: CaseStep; outcome?: CaseOutcome | null; reason?: string | null }, unknown>((body) => call(casesApi.move, { params: { id }, body }), { domains: [CASES] });
export const useAddEntry = (id: string, onSuccess: () => void) =>
  useApiMutation<CaseEntryInput, unknown>((body) => call(casesApi.addEntry, { params: { id }, body }), { domains: [CASES], onSuccess });
export const useRefer = (id: string, onSuccess: () => void) =>
  useApiMutation<ReferralInput, unknown>((body) => call(casesApi.refer, { params: { id }, body }), { domains: [CASES], onSuccess });
export const useBreakGlass = (id: string) =>
  useApiMutation<string, unknown>((reason) => call(casesApi.breakGlass, { params: { id }, body: { reason } }), { domains: [CASES] });
export const useAnswerReferral = (id: string, onSuccess: () => void) =>
  useApiMutation<{ action: ReferralAction; text?: string | null }, unknown>((body) => call(casesApi.referralTransition, { params: { id }, body }), { domains: [CASES], onSuccess });
export const useUnassign = (id: string, onSuccess: (userId: string) => void) =>
  useApiMutation<string, unknown>((userId) => call(casesApi.unassign, { params: { id, userId } }), { domains: [CASES], onSuccess: (_r, userId) => onSuccess(userId) });
export const useReopenProvider = () =>
  useApiMutation<string, unknown>((id) => call(providersApi.update, { params: { id }, body: { active: true } }), { domains: [PROVIDERS] });
export const useAssignable = (id: string, enabled: boolean) => useApi(casesApi.assignable, { params: { id } }, { enabled });
export const useAssign = (id: string, onSuccess: () => void) =>
  useApiMutation<string, unknown>((userId) => call(casesApi.assign, { params: { id }, body: { userId } }), { domains: [CASES], onSuccess });
export const useFocalPoints = (enabled: boolean) => useApi(casesApi.focalPoints, {}, { enabled });
export const useSetFocalPoints = () =>
  useApiMutation<string[], unknown>((userIds) => call(casesApi.setFocalPoints, { body: { userIds } }), { domains: [CASES] });
