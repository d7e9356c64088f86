/** The "Cơ sở vật chất" and "Nhu cầu" tabs of a school's page (loaded when opened). */
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import type { SchoolDetail } from '../../../../contracts/schools';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable } from './ListTable';
import { canCreateNeedFor, canManageSchoolResources, seesSchoolNeedsInAnyState } from './permissions';
import { resourceQueries, useResource } from './queries';
import { formatVnd, NeedStatusBadge } from './shared';
import { LevelLegend, SurveySummary } from './SurveyView';

export function SchoolFacilities({ school }: { school: SchoolDetail }) {
  const { t } = useI18n();
  const surveys = useResource(resourceQueries.surveys(school.id));
  return (
    <QueryView query={surveys}>
      {(data) => {
        const latest = data.items[0];
        return (
          <Stack gap="md" data-testid="school-facilities">
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {latest ? t('survey.updatedAt', { date: formatDate(latest.updatedAt) }) : t('survey.none')}
              </Text>
              {canManageSchoolResources(school) && (
                <Button component={Link} href={`/truong-hoc/${school.id}/khao-sat`} size="sm" data-testid="survey-open">
                  {t('survey.open')}
                </Button>
              )}
            </Group>
            {latest && <SurveySummary survey={latest} />}
            <LevelLegend />
          </Stack>
        );
      }}
    </QueryView>
  );
}

export function SchoolNeeds({ school }: { school: SchoolDetail }) {
  const { t } = useI18n();
  const manage = seesSchoolNeedsInAnyState(school);
  const list = useResource(resourceQueries.needs({ schoolId: school.id, scope: manage ? 'mine' : 'public', sort: 'recent', limit: 100 }));
  return (
    <QueryView query={list}>
      {(data) => (
        <Stack gap="sm" data-testid="school-needs">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {t(data.totalCapped ? 'need.list.totalCapped' : 'need.list.total', { count: formatNumber(data.total) })}
            </Text>
            {canCreateNeedFor(school) && (
              <Button component={Link} href="/nhu-cau/moi" size="sm">
                {t('need.add')}
              </Button>
            )}
          </Group>
          <ListTable
            rows={data.items}
            rowKey={(n) => n.id}
            minWidth={640}
            empty={t('need.list.empty')}
            columns={[
              {
                key: 'title',
                header: t('need.titleField'),
                cell: (n) => (
                  <Anchor component={Link} href={`/nhu-cau/${n.id}`} size="sm">
                    {n.title}
                  </Anchor>
                ),
              },
              { key: 'qty', header: t('need.quantity'), numeric: true, cell: (n) => `${formatNumber(n.quantity)} ${n.unit}` },
              { key: 'remaining', header: t('need.remainingValue'), numeric: true, cell: (n) => formatVnd(n.remainingValue) },
              { key: 'status', header: t('need.statusCol'), cell: (n) => <NeedStatusBadge status={n.status} size="sm" /> },
            ]}
          />
        </Stack>
      )}
    </QueryView>
  );
}

export default SchoolFacilities;
