import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import { Button, Stack, Text, Title } from '@mantine/core';
import { Shell } from './components/Shell';
import { PageLoader } from './components/common';
import { useI18n, type MessageKey } from './i18n';
import { Link, matchPath, useGlobalLinkInterception, useRouter } from './lib/router';
import { HomePage } from './pages/Home';

// Every page but the home page loads on demand: a school on a weak line fetches only what it opens.
const SignInPage = lazy(() => import('./pages/SignIn'));
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

type Page = ComponentType<{ params: Record<string, string> }> | LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;

interface Route {
  path: string;
  page: Page;
  title: MessageKey;
}

const routes: Route[] = [
  { path: '/', page: HomePage, title: 'nav.home' },
  { path: '/dang-nhap', page: SignInPage, title: 'signIn.title' },
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
