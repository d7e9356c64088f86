/** Server state of the coordination board's page: the contract's endpoints through TanStack Query. */
import { boardApi, type BoardDocumentKind, type BoardRole } from '../../../../contracts/board';
import { call, callForm, endpointUrl } from '../../api/call';
import { useApi, useApiMutation } from '../../lib/query';

export const BOARD = boardApi.members.tags[0];

export const useMembers = () => useApi(boardApi.members, {});
export const useDocuments = (f: { kind?: BoardDocumentKind; q?: string; cursor?: string }) => useApi(boardApi.documents, { query: f }, { keepPrevious: true });
export const documentsExportUrl = (f: { kind?: BoardDocumentKind; q?: string }, format: 'csv' | 'xlsx') => endpointUrl(boardApi.documents, { query: { ...f, format } });
export const reportUrl = (year: number) => endpointUrl(boardApi.report, { query: { year } });

export const useAddMember = (onSuccess: () => void) =>
  useApiMutation((v: { role: BoardRole; organisationId: string; title: string; since: string | null }) => call(boardApi.addMember, { body: v }), { domains: [BOARD], onSuccess });
export const useAddDocument = (onSuccess: () => void) =>
  useApiMutation((v: { kind: BoardDocumentKind; number: string; title: string; issuedOn: string; file: File }) =>
    callForm(boardApi.addDocument, { fields: { kind: v.kind, number: v.number || undefined, title: v.title, issuedOn: v.issuedOn }, files: [v.file] }), { domains: [BOARD], onSuccess });
