/** Server state of the startup-model pages (plan 237, Project 2): the contract's endpoints through TanStack Query. */
import { startupsApi, type ProposalFileKind, type ProposalState } from '../../../../contracts/startups';
import { plansApi } from '../../../../contracts/plans';
import { callForm } from '../../api/call';
import { useApi } from '../../lib/query';

/** The domain tag of the endpoints; an approval moves a plan's target too. */
export const STARTUPS = startupsApi.list.tags[0];
export const PLANS = plansApi.task.tags[0];

export const useCalls = () => useApi(startupsApi.calls, {});
export const useProposals = (f: { state?: ProposalState; callId?: string; cursor?: string }) => useApi(startupsApi.list, { query: f }, { keepPrevious: true });
export const useProposal = (id: string | undefined) => useApi(startupsApi.get, { params: { id: id ?? '' } }, { enabled: !!id });
export const useReviewerCandidates = (enabled: boolean) => useApi(startupsApi.reviewers, {}, { enabled });

export const attachProposalFiles = (id: string, kind: ProposalFileKind, files: readonly File[]) => callForm(startupsApi.attach, { params: { id }, fields: { kind }, files });

/** What a proposal's files may be: documents, spreadsheets, scans and photos. */
export const PROPOSAL_FILE_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png,.webp,.heic';
