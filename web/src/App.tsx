import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { Button, Stack, Text, Title } from '@mantine/core';
import { Shell } from './components/Shell';
import { PageLoader } from './components/common';
import { useI18n, type MessageKey } from './i18n';
import { Link, matchPath, useGlobalLinkInterception, useRouter } from './lib/router';
import { HomePage } from './pages/Home';

// Every page but the home page loads on demand: a school on a weak line fetches only what it opens.
const SignInPage = lazy(() => import('./pages/SignIn'));
const ChangePasswordPage = lazy(() => import('./pages/account/PasswordPages').then((m) => ({ default: m.ChangePasswordPage })));
const ForgotPasswordPage = lazy(() => import('./pages/account/PasswordPages').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('./pages/account/PasswordPages').then((m) => ({ default: m.ResetPasswordPage })));
const AcceptInvitationPage = lazy(() => import('./pages/account/PasswordPages').then((m) => ({ default: m.AcceptInvitationPage })));
const AccountsPage = lazy(() => import('./pages/account/AccountsPage'));
const AuditLogPage = lazy(() => import('./pages/audit/AuditLogPage'));
const AreasPage = lazy(() => import('./pages/areas/AreasPage'));
const SchoolListPage = lazy(() => import('./pages/schools/SchoolListPage'));
const SchoolDetailPage = lazy(() => import('./pages/schools/SchoolDetailPage'));
const SchoolFormPage = lazy(() => import('./pages/schools/SchoolFormPage'));
const ImportSchoolsPage = lazy(() => import('./pages/imports/ImportSchoolsPage'));
const MapPage = lazy(() => import('./pages/map/MapPage'));
const PlanListPage = lazy(() => import('./pages/plans/PlanListPage'));
const PlanDetailPage = lazy(() => import('./pages/plans/PlanDetailPage'));
const MyTasksPage = lazy(() => import('./pages/plans/MyTasksPage'));
const TaskDetailPage = lazy(() => import('./pages/plans/TaskDetailPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
// Resource connection (plan 29 "Điều ước cho em") and the public portal
const NeedListPage = lazy(() => import('./pages/resources/NeedListPage'));
const NeedDetailPage = lazy(() => import('./pages/resources/NeedDetailPage'));
const NeedFormPage = lazy(() => import('./pages/resources/NeedFormPage'));
const NeedQueuePage = lazy(() => import('./pages/resources/NeedQueuePage'));
const ContributionPage = lazy(() => import('./pages/resources/ContributionPage'));
const RecordContributionPage = lazy(() => import('./pages/resources/RecordContributionPage'));
const ContributionListPage = lazy(() => import('./pages/resources/ContributionPage').then((m) => ({ default: m.ContributionListPage })));
const DonorRegisterPage = lazy(() => import('./pages/resources/DonorPages'));
const DonorProfilePage = lazy(() => import('./pages/resources/DonorPages').then((m) => ({ default: m.DonorProfilePage })));
const DonorListPage = lazy(() => import('./pages/resources/DonorPages').then((m) => ({ default: m.DonorListPage })));
const AgreementsPage = lazy(() => import('./pages/resources/AgreementsPage'));
const SponsorshipListPage = lazy(() => import('./pages/sponsorship/SponsorshipListPage'));
const ProviderListPage = lazy(() => import('./pages/providers/ProviderListPage'));
const CaseListPage = lazy(() => import('./pages/cases/CaseListPage'));
const CaseNewPage = lazy(() => import('./pages/cases/CaseNewPage'));
const CaseDetailPage = lazy(() => import('./pages/cases/CaseDetailPage'));
const CaseStatisticsPage = lazy(() => import('./pages/cases/CaseStatisticsPage'));
const AccessLogPage = lazy(() => import('./pages/cases/AccessLogPage'));
const ReferralInboxPage = lazy(() => import('./pages/cases/ReferralInboxPage'));
const ReferralPage = lazy(() => import('./pages/cases/ReferralPage'));
const ActivityListPage = lazy(() => import('./pages/activities/ActivityListPage'));
const ActivityFormPage = lazy(() => import('./pages/activities/ActivityFormPage'));
const ActivityDetailPage = lazy(() => import('./pages/activities/ActivityDetailPage'));
const ActivityCalendarPage = lazy(() => import('./pages/activities/ActivityCalendarPage'));
const StartupsPage = lazy(() => import('./pages/startups/StartupsPage'));
const StartupProposalFormPage = lazy(() => import('./pages/startups/ProposalFormPage'));
const StartupProposalPage = lazy(() => import('./pages/startups/ProposalPage'));
const StartupProposalEditPage = lazy(() => import('./pages/startups/ProposalFormPage').then((m) => ({ default: m.ProposalEditPage })));
const HonourRollPage = lazy(() => import('./pages/recognition/HonourRollPage'));
const RecognitionListsPage = lazy(() => import('./pages/recognition/RecognitionListsPage'));
const RecognitionListPage = lazy(() => import('./pages/recognition/RecognitionListPage'));
const BoardPage = lazy(() => import('./pages/board/BoardPage'));
const SponsorshipFormPage = lazy(() => import('./pages/sponsorship/SponsorshipFormPage'));
const SponsorshipDetailPage = lazy(() => import('./pages/sponsorship/SponsorshipDetailPage'));
const AssessmentCampaignsPage = lazy(() => import('./pages/assessments/AssessmentCampaignsPage'));
const AssessmentCampaignPage = lazy(() => import('./pages/assessments/CampaignPage'));
const AssessmentPage = lazy(() => import('./pages/assessments/AssessmentPage'));
const AssessmentFrameworksPage = lazy(() => import('./pages/assessments/FrameworksPage'));
const AssessmentFrameworkEditorPage = lazy(() => import('./pages/assessments/FrameworksPage').then((m) => ({ default: m.FrameworkEditorPage })));
const PublicCampaignsPage = lazy(() => import('./pages/assessments/PublicCampaignPage'));
const PublicCampaignPage = lazy(() => import('./pages/assessments/PublicCampaignPage').then((m) => ({ default: m.PublicCampaignPage })));
const PublicResultPage = lazy(() => import('./pages/assessments/PublicCampaignPage').then((m) => ({ default: m.PublicResultPage })));
const ResourceDashboardPage = lazy(() => import('./pages/resources/DashboardPage'));
const SurveyFormPage = lazy(() => import('./pages/resources/SurveyFormPage'));
const Plan29Page = lazy(() => import('./pages/resources/Plan29Page'));
const PortalPage = lazy(() => import('./pages/portal/PortalPage'));
const PortalSchoolPage = lazy(() => import('./pages/portal/PortalSchoolPage'));
const PortalDonorPage = lazy(() => import('./pages/portal/PortalDonorPage'));
// Twinning with schools in border communes (Hanoi Department's 2026 plan)
const TwinningListPage = lazy(() => import('./pages/twinning/PairListPage'));
const TwinningPairPage = lazy(() => import('./pages/twinning/PairDetailPage'));
const TwinningReportPage = lazy(() => import('./pages/twinning/ReportPage'));
const TwinningDashboardPage = lazy(() => import('./pages/twinning/DashboardPage'));

type Page = ComponentType<{ params: Record<string, string> }> | LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;

interface Route {
  path: string;
  page: Page;
  title: MessageKey;
}

const routes: Route[] = [
  { path: '/', page: HomePage, title: 'nav.home' },
  { path: '/dang-nhap', page: SignInPage, title: 'signIn.title' },
  { path: '/doi-mat-khau', page: ChangePasswordPage, title: 'pw.change.title' },
  { path: '/quen-mat-khau', page: ForgotPasswordPage, title: 'pw.forgot.title' },
  { path: '/dat-lai-mat-khau', page: ResetPasswordPage, title: 'pw.reset.title' },
  { path: '/kich-hoat', page: AcceptInvitationPage, title: 'pw.invite.title' },
  { path: '/tai-khoan', page: AccountsPage, title: 'acc.title' },
  { path: '/nhat-ky', page: AuditLogPage, title: 'auditLog.title' },
  { path: '/don-vi-hanh-chinh', page: AreasPage, title: 'nav.areas' },
  { path: '/truong-hoc', page: SchoolListPage, title: 'nav.schools' },
  { path: '/truong-hoc/moi', page: SchoolFormPage, title: 'form.newTitle' },
  { path: '/truong-hoc/:id/sua', page: SchoolFormPage, title: 'form.editTitle' },
  { path: '/truong-hoc/:id', page: SchoolDetailPage, title: 'nav.schools' },
  { path: '/nhap-du-lieu', page: ImportSchoolsPage, title: 'nav.import' },
  { path: '/nhap-du-lieu/truong-hoc', page: ImportSchoolsPage, title: 'nav.import' },
  { path: '/ban-do', page: MapPage, title: 'nav.map' },
  { path: '/ke-hoach', page: PlanListPage, title: 'nav.plans' },
  { path: '/ke-hoach/:key', page: PlanDetailPage, title: 'nav.plans' },
  { path: '/nhiem-vu', page: MyTasksPage, title: 'nav.myTasks' },
  { path: '/nhiem-vu/:id', page: TaskDetailPage, title: 'nav.myTasks' },
  { path: '/thong-bao', page: NotificationsPage, title: 'nav.notifications' },
  { path: '/nhu-cau', page: NeedListPage, title: 'need.nav' },
  { path: '/nhu-cau/moi', page: NeedFormPage, title: 'need.form.title' },
  { path: '/nhu-cau/cho-xac-minh', page: NeedQueuePage, title: 'need.queue.title' },
  { path: '/nhu-cau/cua-toi', page: NeedQueuePage, title: 'need.mine.title' },
  { path: '/nhu-cau/:id/sua', page: NeedFormPage, title: 'need.form.editTitle' },
  { path: '/nhu-cau/:id', page: NeedDetailPage, title: 'need.nav' },
  { path: '/dong-gop', page: ContributionListPage, title: 'pledge.nav' },
  { path: '/dong-gop/ghi-nhan', page: RecordContributionPage, title: 'record.title' },
  { path: '/dong-gop/:id', page: ContributionPage, title: 'pledge.list.title' },
  { path: '/cong-khai', page: PortalPage, title: 'portal.title' },
  { path: '/cong-khai/truong/:id', page: PortalSchoolPage, title: 'portal.title' },
  { path: '/cong-khai/nha-tai-tro/:id', page: PortalDonorPage, title: 'portal.title' },
  { path: '/nha-tai-tro', page: DonorListPage, title: 'donor.list.title' },
  { path: '/nha-tai-tro/dang-ky', page: DonorRegisterPage, title: 'donor.register.title' },
  { path: '/nha-tai-tro/:id', page: DonorProfilePage, title: 'donor.list.title' },
  { path: '/van-ban-ky-ket', page: AgreementsPage, title: 'agreement.title' },
  { path: '/hoat-dong', page: ActivityListPage, title: 'act.title' },
  { path: '/hoat-dong/moi', page: ActivityFormPage, title: 'act.form.newTitle' },
  { path: '/hoat-dong/lich', page: ActivityCalendarPage, title: 'act.cal.title' },
  { path: '/hoat-dong/:id/sua', page: ActivityFormPage, title: 'act.form.editTitle' },
  { path: '/hoat-dong/:id', page: ActivityDetailPage, title: 'act.title' },
  { path: '/mo-hinh-khoi-nghiep', page: StartupsPage, title: 'su.title' },
  { path: '/mo-hinh-khoi-nghiep/dot/:id/nop', page: StartupProposalFormPage, title: 'su.form.title' },
  { path: '/mo-hinh-khoi-nghiep/:id/sua', page: StartupProposalEditPage, title: 'su.edit.title' },
  { path: '/mo-hinh-khoi-nghiep/:id', page: StartupProposalPage, title: 'su.title' },
  { path: '/vinh-danh', page: HonourRollPage, title: 'recognition.roll.title' },
  { path: '/xac-thuc-khen-thuong', page: HonourRollPage, title: 'recognition.verify.title' },
  { path: '/khen-thuong', page: RecognitionListsPage, title: 'recognition.lists.title' },
  { path: '/khen-thuong/:id', page: RecognitionListPage, title: 'recognition.lists.title' },
  { path: '/ban-dieu-phoi', page: BoardPage, title: 'board.title' },
  { path: '/ke-hoach-tai-tro', page: SponsorshipListPage, title: 'sp.title' },
  { path: '/ke-hoach-tai-tro/moi', page: SponsorshipFormPage, title: 'sp.form.newTitle' },
  { path: '/ke-hoach-tai-tro/:id/sua', page: SponsorshipFormPage, title: 'sp.form.editTitle' },
  { path: '/ke-hoach-tai-tro/:id', page: SponsorshipDetailPage, title: 'sp.title' },
  { path: '/danh-gia', page: AssessmentCampaignsPage, title: 'as.title' },
  { path: '/danh-gia/bo-chi-so', page: AssessmentFrameworksPage, title: 'asf.title' },
  { path: '/danh-gia/bo-chi-so/:id', page: AssessmentFrameworkEditorPage, title: 'asf.editTitle' },
  { path: '/danh-gia/dot/:id', page: AssessmentCampaignPage, title: 'as.title' },
  { path: '/danh-gia/:id', page: AssessmentPage, title: 'as.title' },
  { path: '/cong-khai/danh-gia', page: PublicCampaignsPage, title: 'as.pub.title' },
  { path: '/cong-khai/danh-gia/ket-qua/:id', page: PublicResultPage, title: 'as.pub.title' },
  { path: '/cong-khai/danh-gia/:id', page: PublicCampaignPage, title: 'as.pub.title' },
  { path: '/mang-luoi-ctxh', page: ProviderListPage, title: 'prov.title' },
  { path: '/cong-tac-xa-hoi', page: CaseListPage, title: 'cases.title' },
  { path: '/cong-tac-xa-hoi/moi', page: CaseNewPage, title: 'cases.new' },
  { path: '/cong-tac-xa-hoi/thong-ke', page: CaseStatisticsPage, title: 'stats.title' },
  { path: '/cong-tac-xa-hoi/nhat-ky', page: AccessLogPage, title: 'cases.log.title' },
  { path: '/cong-tac-xa-hoi/:id', page: CaseDetailPage, title: 'cases.title' },
  { path: '/chuyen-gui', page: ReferralInboxPage, title: 'ref.inbox' },
  { path: '/chuyen-gui/:id', page: ReferralPage, title: 'ref.inbox' },
  { path: '/dieu-phoi', page: ResourceDashboardPage, title: 'dash.title' },
  { path: '/truong-hoc/:id/khao-sat', page: SurveyFormPage, title: 'survey.formTitle' },
  { path: '/ke-hoach-29', page: Plan29Page, title: 'p29.title' },
  { path: '/ket-nghia', page: TwinningListPage, title: 'tw.title' },
  { path: '/ket-nghia/bao-cao', page: TwinningReportPage, title: 'tw.rep.title' },
  { path: '/ket-nghia/theo-doi', page: TwinningDashboardPage, title: 'tw.dash.title' },
  { path: '/ket-nghia/:id', page: TwinningPairPage, title: 'tw.nav' },
];

function NotFound() {
  const { t } = useI18n();
  return (
    <Stack align="flex-start" gap="sm">
      <Title order={1}>{t('common.notFound')}</Title>
      <Text>{t('common.notFoundText')}</Text>
      <Button component={Link} href="/">
        {t('common.goHome')}
      </Button>
    </Stack>
  );
}

export function App() {
  const { location } = useRouter();
  const { t } = useI18n();
  useGlobalLinkInterception();

  let match: { route: Route; params: Record<string, string> } | null = null;
  for (const route of routes) {
    const params = matchPath(route.path, location.pathname);
    if (params) {
      match = { route, params };
      break;
    }
  }

  const titleKey = match?.route.title ?? 'common.notFound';
  useEffect(() => {
    document.title = titleKey === 'nav.home' ? `${t('app.name')} — ${t('app.tagline')}` : `${t(titleKey)} · ${t('app.name')}`;
  }, [titleKey, t]);

  const Page = match?.route.page;
  return (
    <Shell>
      <Suspense fallback={<PageLoader />}>
        {Page && match ? <Page key={match.route.path + (match.params.id ?? match.params.key ?? '')} params={match.params} /> : <NotFound />}
      </Suspense>
    </Shell>
  );
}
