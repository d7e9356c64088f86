import { Anchor, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { schoolsApi } from '../../../contracts/schools';
import { useI18n, type MessageKey } from '../i18n';
import { useAuth } from '../lib/auth';
import { formatNumber } from '../lib/format';
import { useApi } from '../lib/query';
import { useProvinces } from '../lib/reference';
import { Link } from '../lib/router';
import { RoleHome, useHome } from './home/RoleHome';

function Stat({ label, value, loading, testId }: { label: string; value: string; loading: boolean; testId: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {loading ? <Skeleton h={32} w={120} mt={4} /> : <Text fz={28} fw={700} data-testid={testId}>{value}</Text>}
    </Card>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const schools = useApi(schoolsApi.list, { query: { limit: 1 } });
  const provinces = useProvinces();
  const home = useHome(!!user);
  const communeTotal = provinces.data?.reduce((sum, p) => sum + (p.communeCount ?? 0), 0) ?? 0;

  const links: { href: string; title: MessageKey; text: MessageKey; show?: boolean }[] = [
    { href: '/nhu-cau', title: 'need.nav', text: 'home.link.needs' },
    { href: '/cong-khai', title: 'portal.nav', text: 'home.link.portal' },
    { href: '/ket-nghia', title: 'tw.nav', text: 'home.link.twinning' },
    { href: '/ke-hoach', title: 'nav.plans', text: 'home.link.plans', show: !!user },
    { href: '/truong-hoc', title: 'nav.schools', text: 'home.link.schools' },
    { href: '/don-vi-hanh-chinh', title: 'nav.areas', text: 'home.link.areas' },
    { href: '/ban-do', title: 'nav.map', text: 'home.link.map' },
    { href: '/nhap-du-lieu/truong-hoc', title: 'nav.import', text: 'home.link.import', show: can('schools.import') },
  ];

  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap="xs">
        <Title order={1}>{t('home.title')}</Title>
        <Text size="lg" maw={760}>
          {t('home.intro')}
        </Text>
      </Stack>
      {home.data && home.data.sections.length > 0 && <RoleHome home={home.data} />}
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Stat
          label={t('home.stats.schools')}
          value={schools.data ? formatNumber(schools.data.total) : '—'}
          loading={schools.isLoading}
          testId="home-school-total"
        />
        <Stat
          label={t('home.stats.provinces')}
          value={provinces.data ? formatNumber(provinces.data.length) : '—'}
          loading={provinces.isLoading}
          testId="home-province-total"
        />
        <Stat
          label={t('home.stats.communes')}
          value={communeTotal ? formatNumber(communeTotal) : '—'}
          loading={provinces.isLoading}
          testId="home-commune-total"
        />
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('home.links')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {links
          .filter((l) => l.show !== false)
          .map((l) => (
            <Card key={l.href} withBorder padding="md">
              <Group justify="space-between" mb={4}>
                <Anchor component={Link} href={l.href} fw={600} size="lg">
                  {t(l.title)}
                </Anchor>
              </Group>
              <Text size="sm" c="dimmed">
                {t(l.text)}
              </Text>
            </Card>
          ))}
      </SimpleGrid>
    </Stack>
  );
}
