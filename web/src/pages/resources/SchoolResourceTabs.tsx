/** The "Cơ sở vật chất" and "Nhu cầu" tabs of a school's page (loaded when opened). */
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { School } from '../../api';
import { resourcesApi } from '../../api/resources';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { formatVnd, NeedStatusBadge } from './shared';
import { LevelLegend, SurveySummary } from './SurveyView';

function useCanManage(school: School): boolean {
  const { user } = useAuth();
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'department') return user.organisation.provinceCode === school.provinceCode;
  if (user.role === 'school') return user.organisation.id === school.id;
  return false;
}

export function SchoolFacilities({ school }: { school: School }) {
  const { t } = useI18n();
  const canEdit = useCanManage(school);
  const surveys = useAsync((signal) => resourcesApi.surveys.list(school.id, signal), [school.id]);
  if (surveys.error) return <ErrorAlert error={surveys.error} onRetry={surveys.reload} />;
  if (!surveys.data) return <PageLoader />;
  const latest = surveys.data.items[0];
  return (
    <Stack gap="md" data-testid="school-facilities">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {latest ? t('survey.updatedAt', { date: formatDate(latest.updatedAt) }) : t('survey.none')}
        </Text>
        {canEdit && (
          <Button component={Link} href={`/truong-hoc/${school.id}/khao-sat`} size="sm" data-testid="survey-open">
            {t('survey.open')}
          </Button>
        )}
      </Group>
      {latest && <SurveySummary survey={latest} />}
      <LevelLegend />
    </Stack>
  );
}

export function SchoolNeeds({ school }: { school: School }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const manage = useCanManage(school) || user?.role === 'ministry';
  const list = useAsync(
    (signal) => resourcesApi.needs.list({ schoolId: school.id, scope: manage ? 'mine' : 'public', sort: 'recent', limit: 100 }, signal),
    [school.id, manage],
  );
  const canCreate = useCanManage(school);
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <PageLoader />;
  return (
    <Stack gap="sm" data-testid="school-needs">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('need.list.total', { count: formatNumber(list.data.total) })}
        </Text>
        {canCreate && (
          <Button component={Link} href="/nhu-cau/moi" size="sm">
            {t('need.add')}
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('need.titleField')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('need.quantity')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('need.remainingValue')}</Table.Th>
              <Table.Th>{t('need.statusCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed">{t('need.list.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {list.data.items.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>
                  <Anchor component={Link} href={`/nhu-cau/${n.id}`} size="sm">
                    {n.title}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {formatNumber(n.quantity)} {n.unit}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(n.remainingValue)}</Table.Td>
                <Table.Td>
                  <NeedStatusBadge status={n.status} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export default SchoolFacilities;
