/** Server state of the startup-model pages (plan 237, Project 2): the contract's endpoints through TanStack Query. */
import { startupsApi, type ProposalFileKind, type ProposalState } from '../../../../contracts/startups';
import { plansApi } from '../../../../contracts/plans';
import { callForm, endpointUrl } from '../../api/call';
import { useApi } from '../../lib/query';

/** The domain tag of the endpoints; an approval moves a plan's target too. */
export const STARTUPS = startupsApi.list.tags[0];
export const PLANS = plansApi.task.tags[0];

export const useCalls = () => useApi(startupsApi.calls, {});
export interface ProposalFilters { state?: ProposalState; callId?: string; q?: string }
export const useProposals = (f: ProposalFilters & { cursor?: string }) => useApi(startupsApi.list, { query: f }, { keepPrevious: true });
/** The list as the filters show it, as a spreadsheet or CSV (the server keeps the account's scope). */
export const proposalsExportUrl = (f: ProposalFilters, format: 'csv' | 'xlsx') => endpointUrl(startupsApi.list, { query: { ...f, format } });
export const useProposal = (id: string | undefined) => useApi(startupsApi.get, { params: { id: id ?? '' } }, { enabled: !!id });
export const useReviewerCandidates = (enabled: boolean) => useApi(startupsApi.reviewers, {}, { enabled });

export const attachProposalFiles = (id: string, kind: ProposalFileKind, files: readonly File[]) => callForm(startupsApi.attach, { params: { id }, fields: { kind }, files });

/** What a proposal's files may be: documents, spreadsheets, scans and photos. */
export const PROPOSAL_FILE_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.heic';
