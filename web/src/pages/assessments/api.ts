/** Server state of the assessment pages: the contract's endpoints, read through TanStack Query. */
import { assessmentsApi, type AnswerValue, type AssessmentAction, type CampaignInput, type ReviewInput } from '../../../../contracts/assessments';
import { call, callForm, endpointUrl } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

/** The domain tag of the endpoints. */
export const ASSESSMENTS = assessmentsApi.list.tags[0];

export const useVersions = () => useApi(assessmentsApi.versions, {});
export const useCampaigns = (cursor?: string) => useApi(assessmentsApi.campaigns, { query: { cursor } }, { keepPrevious: true });
export const useCampaign = (id: string) => useApi(assessmentsApi.campaign, { params: { id } });
export const useCompleteness = (id: string, enabled: boolean) => useApi(assessmentsApi.completeness, { params: { id } }, { enabled });
export const useAssessments = (campaignId: string, cursor?: string) => useApi(assessmentsApi.list, { query: { campaignId, cursor } }, { keepPrevious: true });
export const useAssessment = (id: string) => useApi(assessmentsApi.get, { params: { id } });
export const assessmentsExportUrl = (campaignId: string, format: 'csv' | 'xlsx') => endpointUrl(assessmentsApi.list, { query: { campaignId, format } });

export const usePublicCampaigns = () => useApi(assessmentsApi.publicCampaigns, {});
export const usePublicCampaign = (id: string) => useApi(assessmentsApi.publicCampaign, { params: { id } });
export const usePublicCommunes = (id: string, provinceCode: string | null) =>
  useApi(assessmentsApi.publicCommunes, { params: { id }, query: { provinceCode: provinceCode ?? '' } }, { enabled: !!provinceCode, keepPrevious: true });
export const usePublicResults = (id: string, cursor?: string) => useApi(assessmentsApi.publicResults, { params: { id }, query: { cursor } }, { keepPrevious: true });
export const usePublicResult = (id: string) => useApi(assessmentsApi.publicResult, { params: { id } });
export const openDataUrl = (id: string, format: 'csv' | 'xlsx' | 'json') => endpointUrl(assessmentsApi.publicResults, { params: { id }, query: { format, limit: 500 } });

export const useOpenCampaign = (onSuccess: (c: { id: string }) => void) =>
  useApiMutation<CampaignInput, { id: string }>((body) => call(assessmentsApi.openCampaign, { body }), { domains: [ASSESSMENTS], onSuccess });

export const useSaveAnswers = (id: string, onSuccess?: () => void) =>
  useApiMutation<{ code: string; value: AnswerValue }[], unknown>((answers) => call(assessmentsApi.saveAnswers, { params: { id }, body: { answers } }), { domains: [ASSESSMENTS], onSuccess });

export const useReview = (id: string, onSuccess?: () => void) =>
  useApiMutation<ReviewInput['items'], unknown>((items) => call(assessmentsApi.review, { params: { id }, body: { items } }), { domains: [ASSESSMENTS], onSuccess });

export const useMoveAssessment = (id: string, onSuccess?: () => void) =>
  useApiMutation<{ action: AssessmentAction; reason?: string }, unknown>(
    (v) => call(assessmentsApi.transition, { params: { id }, body: { action: v.action, reason: v.reason || null } }),
    { domains: [ASSESSMENTS], onSuccess },
  );

/** Evidence for an indicator: a file, or a link. */
export const useAddEvidence = (id: string, onSuccess?: () => void) =>
  useApiMutation<{ code: string; label: string; url?: string; file?: File }, unknown>(
    (v) => callForm(assessmentsApi.addEvidence, { params: { id }, fields: { code: v.code, label: v.label, url: v.url || undefined }, files: v.file ? [v.file] : [] }),
    { domains: [ASSESSMENTS], onSuccess },
  );
export const useRemoveEvidence = (id: string) =>
  useApiMutation<string, unknown>((evidenceId) => call(assessmentsApi.removeEvidence, { params: { id, evidenceId } }), { domains: [ASSESSMENTS] });
