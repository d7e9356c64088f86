import { Alert, Anchor, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { twinningApi, type PairDetail } from '../../../../contracts/twinning';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueryView, useApi } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { ActivityForm } from './ActivityForm';
import { ActivityList } from './ActivityList';
import { PlanSection } from './PlanSection';
import { PairStatusBadge, thisYear } from './shared';
import { StatusActions } from './StatusActions';

function SideCard({ title, name, href, lines }: { title: string; name: string; href: string | null; lines: (string | null)[] }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Text fw={600}>{name}</Text>
      {lines.filter(Boolean).map((l) => (
        <Text size="sm" c="dimmed" key={l}>
          {l}
        </Text>
      ))}
      {href && (
        <Anchor component={Link} href={href} size="sm">
          {t('tw.pair.openSchool')} →
        </Anchor>
      )}
    </Card>
  );
}

function History({ p }: { p: PairDetail }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="tw-history-title">
      <Title order={2} size="h5" id="tw-history-title" mb="xs">
        {t('tw.pair.history')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2} active={p.history.length - 1} data-testid="pair-history">
        {p.history.map((h) => (
          <Timeline.Item key={`${h.at}-${h.status}`} title={<Text size="sm" fw={600}>{t(`tw.status.${h.status}`)}</Text>}>
            <Text size="xs" c="dimmed">
              {formatDateTime(h.at)}
              {h.reason ? ` · ${h.reason}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

function Pair({ p, year }: { p: PairDetail; year: number }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const years: string[] = [];
  for (let y = Math.min(p.startYear, thisYear()); y <= thisYear() + 1; y++) years.push(String(y));
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} data-testid="pair-title">
            {p.hanoiSide} – {p.borderSchoolName}
          </Title>
          <Group gap="xs" mt={4}>
            <PairStatusBadge status={p.status} />
            <Text size="sm" c="dimmed">
              {t('tw.pair.since', { year: p.startYear })}
            </Text>
          </Group>
        </div>
        {p.can.changeStatus && <StatusActions pair={p} />}
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SideCard
          title={t('tw.pair.hanoiSide')}
          name={p.hanoiSide}
          href={p.hanoiSchoolId ? `/truong-hoc/${p.hanoiSchoolId}` : null}
          lines={[p.hanoiClusterName ? t('tw.pair.cluster', { name: p.hanoiClusterName }) : null, 'Hà Nội']}
        />
        <SideCard title={t('tw.pair.borderSide')} name={p.borderSchoolName} href={`/truong-hoc/${p.borderSchoolId}`} lines={[`${p.borderCommuneName}, ${p.borderProvinceName}`]} />
      </SimpleGrid>

      {p.note && <Text size="sm">{p.note}</Text>}
      <History p={p} />

      <NativeSelect
        label={t('tw.pair.yearLabel')}
        value={String(year)}
        onChange={(e) => navigate(`/ket-nghia/${p.id}${e.currentTarget.value === String(thisYear()) ? '' : `?nam=${e.currentTarget.value}`}`, { replace: true })}
        data={years}
        maw={200}
        data-testid="pair-year"
      />
      <PlanSection key={year} pair={p} year={year} />

      <Stack gap="sm" component="section" aria-labelledby="tw-activities-title">
        <Title order={2} size="h4" id="tw-activities-title">
          {t('tw.act.title')}
        </Title>
        <ActivityList activities={p.activities} />
      </Stack>

      {p.can.logActivity && p.status === 'active' && <ActivityForm pairId={p.id} canLogSupport={p.can.logSupport} />}
      {p.can.logActivity && p.status !== 'active' && <Alert color="yellow">{t('tw.pair.notActive')}</Alert>}
    </>
  );
}

export default function PairDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const search = useSearchParams();
  const year = Number(search.get('nam')) || thisYear();
  const pair = useApi(twinningApi.pair, { params: { id: params.id }, query: { year } });
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/ket-nghia" size="sm">
        {t('tw.back')}
      </Anchor>
      <QueryView query={pair}>{(p) => <Pair p={p} year={year} />}</QueryView>
    </Stack>
  );
}
