/** Server state of the recognition pages: the contract's endpoints, read through TanStack Query. */
import { recognitionApi, type AppraisalAction, type DecisionInput, type ListState, type RecognitionForm } from '../../../../contracts/recognition';
import { call, endpointUrl } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

export const RECOGNITION = recognitionApi.lists.tags[0];

export interface HonourFilters { year?: number; form?: RecognitionForm; q?: string }
export interface ListFilters { year?: number; state?: ListState; q?: string }

export const honourExportUrl = (f: HonourFilters, format: 'csv' | 'xlsx') => endpointUrl(recognitionApi.honourRoll, { query: { ...f, format } });
export const listExportUrl = (f: ListFilters, format: 'csv' | 'xlsx') => endpointUrl(recognitionApi.lists, { query: { ...f, format } });
export const decisionExportUrl = (f: { activityId?: string; year?: number }, format: 'csv' | 'xlsx') => endpointUrl(recognitionApi.decisions, { query: { ...f, format } });
export const certificateUrl = (nomineeId: string) => endpointUrl(recognitionApi.certificate, { params: { id: nomineeId } });
export const useHonourRoll = (f: HonourFilters & { cursor?: string }) => useApi(recognitionApi.honourRoll, { query: f }, { keepPrevious: true });
export const useVerify = (code: string) => useApi(recognitionApi.verify, { params: { code } }, { enabled: code.trim().length > 0 });
export const useLists = (f: ListFilters & { cursor?: string }) => useApi(recognitionApi.lists, { query: f }, { keepPrevious: true });
export const useList = (id: string | undefined) => useApi(recognitionApi.getList, { params: { id: id ?? '' } }, { enabled: !!id });
export const useRanking = (f: { year?: number; q?: string; cursor?: string }) => useApi(recognitionApi.ranking, { query: f }, { keepPrevious: true });

export const useCreateList = (onSuccess: (l: { id: string }) => void) =>
  useApiMutation((v: { title: string; year: number; contributorId: string; form: RecognitionForm; reason: string }) =>
    call(recognitionApi.createList, { body: { title: v.title, year: v.year, nominees: [{ contributorId: v.contributorId, form: v.form, reason: v.reason }] } }), { domains: [RECOGNITION], onSuccess });
export const useSubmitList = () => useApiMutation((id: string) => call(recognitionApi.submitList, { params: { id } }), { domains: [RECOGNITION] });
export const useAppraise = () =>
  useApiMutation((v: { id: string; action: AppraisalAction; note?: string }) => call(recognitionApi.appraise, { params: { id: v.id }, body: { action: v.action, note: v.note || null } }), { domains: [RECOGNITION] });
export const useDecide = () => useApiMutation((v: DecisionInput) => call(recognitionApi.decide, { body: v }), { domains: [RECOGNITION] });
