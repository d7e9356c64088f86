import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { homeApi, type Home, type HomeSection } from '../../../../contracts/home';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Link } from '../../lib/router';

/** A count: its number, linking to the list it counts (filtered by the address). */
function CountLink({ c, section }: { c: HomeSection['counts'][number]; section: string }) {
  const { t } = useI18n();
  const body = (
    <Stack gap={0}>
      <Text fz={26} fw={700} lh={1.1}>
        {formatNumber(c.count)}
      </Text>
      <Text size="sm" c="dimmed">
        {t(`home.count.${c.key}`)}
      </Text>
    </Stack>
  );
  return c.href ? (
    <Anchor component={Link} href={c.href} underline="hover" data-testid="home-count" data-section={section} data-key={c.key} data-count={c.count} aria-label={`${t(`home.count.${c.key}`)}: ${formatNumber(c.count)}`}>
      {body}
    </Anchor>
  ) : (
    <div data-testid="home-count" data-section={section} data-key={c.key} data-count={c.count}>
      {body}
    </div>
  );
}

function Section({ s }: { s: HomeSection }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" data-testid="home-section" data-section={s.key}>
      <Title order={2} size="h4" mb="sm">
        {t(`home.section.${s.key}`)}
      </Title>
      <Group gap="xl" wrap="wrap" mb={s.items.length ? 'sm' : 0}>
        {s.counts.map((c) => (
          <CountLink key={c.key} c={c} section={s.key} />
        ))}
      </Group>
      {s.items.length > 0 && (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {s.items.map((i) => (
            <li key={i.id} data-testid="home-item">
              <Group gap="xs" wrap="wrap">
                {i.href ? (
                  <Anchor component={Link} href={i.href} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {i.title}
                  </Anchor>
                ) : (
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {i.title}
                  </Text>
                )}
                {i.detail && (
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {i.detail}
                  </Text>
                )}
                {i.date && (
                  <Text size="xs" c="dimmed">
                    {formatDate(i.date)}
                  </Text>
                )}
                {i.step && (
                  <Badge size="xs" variant="light" color={i.step === 'on_track' ? 'green' : i.step === 'overdue' ? 'red' : 'orange'} style={{ textTransform: 'none' }}>
                    {t(`home.step.${i.step}`)}
                  </Badge>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** What is waiting for the signed-in account, by section; nothing when its role has no home of its own. */
export function RoleHome({ home }: { home: Home }) {
  const { t } = useI18n();
  return (
    <Stack gap="md" data-testid="role-home">
      <Title order={2} size="h3">
        {t('home.waiting')}
      </Title>
      {home.organisation && (
        <Card withBorder padding="md" data-testid="home-section" data-section="school">
          <Text size="sm" c="dimmed">
            {t('home.section.school')}
          </Text>
          {home.organisation.href ? (
            <Anchor component={Link} href={home.organisation.href} fw={600} size="lg" data-testid="home-organisation">
              {home.organisation.name}
            </Anchor>
          ) : (
            <Text fw={600}>{home.organisation.name}</Text>
          )}
        </Card>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {home.sections.map((s) => (
          <Section key={s.key} s={s} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The home of a signed-in account, from the server. */
export function useHome(enabled: boolean) {
  return useApi(homeApi.get, {}, { enabled, staleTime: 0 });
}
