import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { LevelBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { NeedCard } from '../resources/need/NeedCard';
import { SurveySummary } from '../resources/SurveyView';
import { resourceQueries, useResource } from '../resources/queries';
import { PortalProfileHeader, PortalSection, ProfileContributions, Totals } from './PublicParts';

export default function PortalSchoolPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const data = useResource(resourceQueries.portalSchool(params.id));
  return (
    <QueryView query={data}>
      {(d) => (
        <Stack gap="md">
          <PortalProfileHeader name={d.school.name} testId="portal-school-name">
            <Text c="dimmed">
              {d.school.code} · {d.school.communeName}, {d.school.provinceName}
              {d.school.pupils != null ? ` · ${t('portal.pupils', { n: formatNumber(d.school.pupils) })}` : ''}
            </Text>
            <LevelBadges levels={d.school.levels} />
          </PortalProfileHeader>
          <Totals totals={d.totals} />
          <PortalSection id="ps-needs" title={t('portal.schoolNeeds')}>
            {d.needs.length === 0 ? (
              <Text c="dimmed">{t('need.list.empty')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {d.needs.map((n) => (
                  <NeedCard key={n.id} need={n} />
                ))}
              </SimpleGrid>
            )}
          </PortalSection>
          <PortalSection id="ps-contrib" title={t('portal.table')}>
            <ProfileContributions items={d.contributions} total={d.totals.count} of={{ schoolId: d.school.id }} showSchool={false} />
          </PortalSection>
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
