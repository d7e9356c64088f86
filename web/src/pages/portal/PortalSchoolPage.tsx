import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { LevelBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { NeedCard } from '../resources/need/NeedCard';
import { SurveySummary } from '../resources/SurveyView';
import { resourceQueries, useResource } from '../resources/queries';
import { PublicContributionTable, Totals } from './PublicParts';

export default function PortalSchoolPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const data = useResource(resourceQueries.portalSchool(params.id));
  return (
    <QueryView query={data}>
      {(d) => (
        <Stack gap="md">
          <Anchor component={Link} href="/cong-khai" size="sm">
            ← {t('portal.back')}
          </Anchor>
          <div>
            <Title order={1} data-testid="portal-school-name">
              {d.school.name}
            </Title>
            <Text c="dimmed">
              {d.school.code} · {d.school.communeName}, {d.school.provinceName}
              {d.school.pupils != null ? ` · ${t('portal.pupils', { n: formatNumber(d.school.pupils) })}` : ''}
            </Text>
            <LevelBadges levels={d.school.levels} />
          </div>
          <Totals totals={d.totals} />
          <Stack gap="xs" component="section" aria-labelledby="ps-needs">
            <Title order={2} size="h4" id="ps-needs">
              {t('portal.schoolNeeds')}
            </Title>
            {d.needs.length === 0 ? (
              <Text c="dimmed">{t('need.list.empty')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {d.needs.map((n) => (
                  <NeedCard key={n.id} need={n} />
                ))}
              </SimpleGrid>
            )}
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="ps-contrib">
            <Title order={2} size="h4" id="ps-contrib">
              {t('portal.table')}
            </Title>
            <PublicContributionTable items={d.contributions} showSchool={false} />
          </Stack>
          <Card withBorder component="section" aria-labelledby="ps-survey">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" id="ps-survey">
                {t('survey.title')}
              </Title>
              {d.survey && (
                <Text size="xs" c="dimmed">
                  {t('survey.updatedAt', { date: formatDate(d.survey.updatedAt) })}
                </Text>
              )}
            </Group>
            {d.survey ? <SurveySummary survey={d.survey} /> : <Text c="dimmed">{t('survey.none')}</Text>}
          </Card>
        </Stack>
      )}
    </QueryView>
  );
}
