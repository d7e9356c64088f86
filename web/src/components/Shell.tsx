import { AppShell, Burger, Button, Group, Menu, NavLink, SegmentedControl, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useI18n, type Lang, type MessageKey } from '../i18n';
import { useAuth } from '../lib/auth';
import { Link, useNavigate, useRouter } from '../lib/router';
import { NotificationBell } from '../pages/notifications/NotificationBell';
import { signInHref } from './common';

interface NavItem {
  href: string;
  label: MessageKey;
  match: (path: string) => boolean;
  show?: boolean;
}

function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t('nav.language')}
      size="xs"
      value={lang}
      onChange={(v) => setLang(v as Lang)}
      data={[
        { value: 'vi', label: 'VI' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

function UserMenu() {
  const { t } = useI18n();
  const { user, signOut, can } = useAuth();
  const navigate = useNavigate();
  if (user === undefined) return null;
  if (!user) {
    return (
      <Button component={Link} href={signInHref()} size="xs" variant="filled" data-testid="signin-link">
        {t('nav.signIn')}
      </Button>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={260}>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" aria-label={`${user.displayName} — ${t(`role.${user.role}`)}`} style={{ maxWidth: 220 }}>
          <Stack gap={0} align="flex-end">
            <Text size="sm" fw={600} truncate="end" maw={220} visibleFrom="sm">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed" truncate="end" maw={{ base: 88, sm: 220 }} data-testid="user-role">
              {t(`role.${user.role}`)}
            </Text>
          </Stack>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Stack gap={2} px="sm" pb="xs">
          <Text size="xs" c="dimmed">
            {t('nav.role')}
          </Text>
          <Text size="sm">{t(`role.${user.role}`)}</Text>
          <Text size="xs" c="dimmed" mt={4}>
            {t('nav.organisation')}
          </Text>
          <Text size="sm" data-testid="user-organisation">
            {user.organisation?.name ?? '—'}
          </Text>
        </Stack>
        <Menu.Divider />
        <Menu.Item component={Link} href="/doi-mat-khau" data-testid="menu-change-password">
          {t('nav.changePassword')}
        </Menu.Item>
        {can('accounts.list') && (
          <Menu.Item component={Link} href="/tai-khoan" data-testid="menu-accounts">
            {t('nav.accounts')}
          </Menu.Item>
        )}
        {can('audit.log') && (
          <Menu.Item component={Link} href="/nhat-ky" data-testid="menu-audit">
            {t('auditLog.title')}
          </Menu.Item>
        )}
        <Menu.Item
          color="red"
          data-testid="signout"
          onClick={async () => {
            await signOut();
            navigate('/');
          }}
        >
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure(false);
  // a phone of 390 px: the header's tools close up so the role and the bell stay on screen
  const narrow = useMediaQuery('(max-width: 480px)', false, { getInitialValueInEffect: false }) ?? false;
  const { location } = useRouter();
  const { can, user } = useAuth();
  const path = location.pathname;

  const items: NavItem[] = [
    { href: '/', label: 'nav.home', match: (p) => p === '/' },
    { href: '/don-vi-hanh-chinh', label: 'nav.areas', match: (p) => p.startsWith('/don-vi-hanh-chinh') },
    { href: '/truong-hoc', label: 'nav.schools', match: (p) => p.startsWith('/truong-hoc') },
    { href: '/ban-do', label: 'nav.map', match: (p) => p.startsWith('/ban-do') },
    { href: '/nhu-cau', label: 'need.nav', match: (p) => p.startsWith('/nhu-cau') },
    { href: '/ket-nghia', label: 'tw.nav', match: (p) => p.startsWith('/ket-nghia') },
    { href: '/cong-khai', label: 'portal.nav', match: (p) => p.startsWith('/cong-khai') },
    { href: '/dieu-phoi', label: 'dash.nav', match: (p) => p.startsWith('/dieu-phoi') || p.startsWith('/van-ban-ky-ket') || p.startsWith('/nha-tai-tro'), show: can('portal.dashboard') },
    { href: '/dong-gop', label: 'pledge.nav', match: (p) => p.startsWith('/dong-gop'), show: !!user },
    { href: '/ke-hoach-tai-tro', label: 'sp.nav', match: (p) => p.startsWith('/ke-hoach-tai-tro'), show: can('sponsorship.list') },
    { href: '/danh-gia', label: 'as.nav', match: (p) => p.startsWith('/danh-gia'), show: can('assessments.list') },
    { href: '/mang-luoi-ctxh', label: 'nav.providers', match: (p) => p.startsWith('/mang-luoi-ctxh') },
    { href: '/cong-tac-xa-hoi', label: 'nav.cases', match: (p) => p.startsWith('/cong-tac-xa-hoi') && !p.startsWith('/cong-tac-xa-hoi/thong-ke'), show: can('cases.list') },
    { href: '/chuyen-gui', label: 'nav.inbox', match: (p) => p.startsWith('/chuyen-gui'), show: can('cases.inbox') },
    { href: '/cong-tac-xa-hoi/thong-ke', label: 'nav.caseStats', match: (p) => p.startsWith('/cong-tac-xa-hoi/thong-ke'), show: can('cases.statistics') },
    { href: '/ke-hoach', label: 'nav.plans', match: (p) => p.startsWith('/ke-hoach') && !p.startsWith('/ke-hoach-tai-tro'), show: can('plans.read') },
    { href: '/hoat-dong', label: 'act.nav', match: (p) => p.startsWith('/hoat-dong'), show: can('activities.read') },
    { href: '/mo-hinh-khoi-nghiep', label: 'su.nav', match: (p) => p.startsWith('/mo-hinh-khoi-nghiep'), show: can('startups.pages') },
    { href: '/khen-thuong', label: 'recognition.nav', match: (p) => p.startsWith('/khen-thuong'), show: can('recognition.read') },
    { href: '/ban-dieu-phoi', label: 'board.nav', match: (p) => p.startsWith('/ban-dieu-phoi'), show: can('board.pages') },
    { href: '/vinh-danh', label: 'recognition.navRoll', match: (p) => p.startsWith('/vinh-danh') || p.startsWith('/xac-thuc-khen-thuong') },
    { href: '/nhiem-vu', label: 'nav.myTasks', match: (p) => p.startsWith('/nhiem-vu'), show: can('plans.myTasks') },
    { href: '/nhap-du-lieu/truong-hoc', label: 'nav.import', match: (p) => p.startsWith('/nhap-du-lieu'), show: can('schools.import') },
  ];

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="kn-skip">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={narrow ? 8 : 'md'} justify="space-between" wrap="nowrap">
          <Group gap={narrow ? 6 : 'sm'} wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Link href="/" className="kn-brand" onClick={close}>
              <svg width="28" height="28" viewBox="0 0 64 64" aria-hidden="true">
                <rect width="64" height="64" rx="14" fill="#1c7ed6" />
                <circle cx="22" cy="32" r="10" fill="none" stroke="#fff" strokeWidth="6" />
                <circle cx="42" cy="32" r="10" fill="none" stroke="#fff" strokeWidth="6" />
              </svg>
              <span>{t('app.name')}</span>
              <VisuallyHidden>{t('app.tagline')}</VisuallyHidden>
            </Link>
          </Group>
          <Group gap={narrow ? 6 : 'sm'} wrap="nowrap">
            <LangSwitch />
            <NotificationBell onNavigate={close} />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.name')} style={{ overflowY: 'auto' }}>
        {items
          .filter((i) => i.show !== false)
          .map((i) => (
            <NavLink
              key={i.href}
              component={Link}
              href={i.href}
              label={t(i.label)}
              active={i.match(path)}
              aria-current={i.match(path) ? 'page' : undefined}
              onClick={close}
              styles={{ root: { borderRadius: 6 } }}
            />
          ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">{children}</AppShell.Main>
    </AppShell>
  );
}
