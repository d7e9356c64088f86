/** Server state of the framework editor: the versions, a version, its draft edits, publication and copies. */
import { assessmentsApi, type FrameworkDefinition, type FrameworkVersionDetail } from '../../../../contracts/assessments';
import { assessmentEditingApi } from '../../../../contracts/assessment-editing';
import { call } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';
import { ASSESSMENTS } from './api';

export const useVersion = (id: string) => useApi(assessmentsApi.version, { params: { id } });

export const useSaveDraft = (id: string) =>
  useApiMutation<FrameworkDefinition, FrameworkVersionDetail>((definition) => call(assessmentEditingApi.updateDraft, { params: { id }, body: { definition } }), { domains: [ASSESSMENTS] });

/** Save the draft, then publish it: what is published is what is on the screen. */
export const useSaveAndPublish = (id: string, onSuccess: (v: FrameworkVersionDetail) => void) =>
  useApiMutation<FrameworkDefinition, FrameworkVersionDetail>(async (definition) => {
    await call(assessmentEditingApi.updateDraft, { params: { id }, body: { definition } });
    return call(assessmentsApi.publishVersion, { params: { id } });
  }, { domains: [ASSESSMENTS], onSuccess });

export const useCopyVersion = (id: string, onSuccess: (v: FrameworkVersionDetail) => void) =>
  useApiMutation<number | undefined, FrameworkVersionDetail>((year) => call(assessmentEditingApi.copyVersion, { params: { id }, body: year ? { year } : {} }), { domains: [ASSESSMENTS], onSuccess });
