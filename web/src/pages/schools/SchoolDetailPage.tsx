import { Alert, Anchor, Button, Card, Grid, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { schoolsApi, type School, type SchoolDetail } from '../../../../contracts/schools';
import { ErrorAlert, FlagBadges, LevelBadges, PageLoader, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Link } from '../../lib/router';
import { DeleteSchool } from './DeleteSchool';
import { SchoolHistory } from './SchoolHistory';

const SchoolMiniMap = lazy(() => import('../map/SchoolMiniMap'));
const SchoolFacilities = lazy(() => import('../resources/SchoolResourceTabs').then((m) => ({ default: m.SchoolFacilities })));
const SchoolNeeds = lazy(() => import('../resources/SchoolResourceTabs').then((m) => ({ default: m.SchoolNeeds })));
const BeneficiariesPanel = lazy(() => import('../resources/BeneficiariesPanel'));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={200} style={{ verticalAlign: 'top', fontWeight: 500, color: 'var(--mantine-color-dimmed)' }}>
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function Details({ school }: { school: School }) {
  const { t } = useI18n();
  const none = t('common.none');
  const hasPoint = school.lat != null && school.lng != null;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Table.ScrollContainer minWidth={320} type="native">
          <Table data-testid="school-details" verticalSpacing="xs">
            <Table.Tbody>
              <Field label={t('school.code')}>{school.code}</Field>
              <Field label={t('school.name')}>{school.name}</Field>
              <Field label={t('school.levels')}>
                <LevelBadges levels={school.levels} />
              </Field>
              <Field label={t('school.ownership')}>{t(`ownership.${school.ownership}`)}</Field>
              <Field label={t('school.address')}>{school.address || none}</Field>
              <Field label={t('school.commune')}>
                <Anchor component={Link} href={`/truong-hoc?tinh=${school.provinceCode}&xa=${school.communeCode}`} size="sm">
                  {school.communeName}
                </Anchor>
              </Field>
              <Field label={t('school.province')}>
                <Anchor component={Link} href={`/don-vi-hanh-chinh?tinh=${school.provinceCode}`} size="sm">
                  {school.provinceName}
                </Anchor>
              </Field>
              <Field label={t('school.flags')}>{school.communeFlags.length ? <FlagBadges flags={school.communeFlags} /> : none}</Field>
              <Field label={t('school.pupils')}>{formatNumber(school.pupils)}</Field>
              <Field label={t('school.staff')}>{formatNumber(school.staff)}</Field>
              <Field label={t('school.cluster')}>{school.clusterName || none}</Field>
              <Field label={t('school.coordinates')}>
                {hasPoint ? `${formatNumber(school.lat)}; ${formatNumber(school.lng)}` : none}
              </Field>
              <Field label={t('school.updatedAt')}>{formatDateTime(school.updatedAt)}</Field>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        {hasPoint ? (
          <Suspense fallback={<div className="kn-mini-map" aria-busy="true" />}>
            <SchoolMiniMap lat={school.lat!} lng={school.lng!} name={school.name} />
          </Suspense>
        ) : (
          <Card withBorder>
            <Text c="dimmed">{t('school.noLocation')}</Text>
          </Card>
        )}
      </Grid.Col>
    </Grid>
  );
}

function HistoryTab({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  if (user === undefined) return <PageLoader />;
  if (user === null)
    return (
      <SignInPrompt message={t('school.historySignIn')} testId="history-signin" />
    );
  return <SchoolHistory schoolId={schoolId} />;
}

function SchoolView({ s }: { s: SchoolDetail }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<string | null>('details');
  const [confirmDelete, setConfirmDelete] = useState(false);

  return (
    <Stack gap="md">
      <Anchor component={Link} href="/truong-hoc" size="sm">
        ← {t('school.backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} data-testid="school-name">
            {s.name}
          </Title>
          <Text c="dimmed">
            {s.code} · {s.communeName}, {s.provinceName}
          </Text>
        </div>
        <Group gap="xs">
          {s.can.update && (
            <Button component={Link} href={`/truong-hoc/${s.id}/sua`} data-testid="school-edit">
              {t('school.edit')}
            </Button>
          )}
          {s.can.delete && (
            <Button color="red" variant="light" onClick={() => setConfirmDelete(true)} data-testid="school-delete">
              {t('school.delete')}
            </Button>
          )}
        </Group>
      </Group>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">{t('school.details')}</Tabs.Tab>
          <Tabs.Tab value="facilities" data-testid="tab-facilities">
            {t('survey.schoolTab')}
          </Tabs.Tab>
          <Tabs.Tab value="needs" data-testid="tab-needs">
            {t('survey.needsTab')}
          </Tabs.Tab>
          {s.can.viewBeneficiaries && (
            <Tabs.Tab value="beneficiaries" data-testid="tab-beneficiaries">
              {t('benef.tab')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="history" data-testid="tab-history">
            {t('school.history')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Details school={s} />
        </Tabs.Panel>
        <Tabs.Panel value="facilities" pt="md">
          <Suspense fallback={<PageLoader />}>
            <SchoolFacilities school={s} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="needs" pt="md">
          <Suspense fallback={<PageLoader />}>
            <SchoolNeeds school={s} />
          </Suspense>
        </Tabs.Panel>
        {s.can.viewBeneficiaries && (
          <Tabs.Panel value="beneficiaries" pt="md">
            <Suspense fallback={<PageLoader />}>
              <BeneficiariesPanel school={s} />
            </Suspense>
          </Tabs.Panel>
        )}
        <Tabs.Panel value="history" pt="md">
          <HistoryTab schoolId={s.id} />
        </Tabs.Panel>
      </Tabs>

      <DeleteSchool school={s} opened={confirmDelete} onClose={() => setConfirmDelete(false)} />
    </Stack>
  );
}

export default function SchoolDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const school = useApi(schoolsApi.get, { params: { id: params.id } });
  if (school.data) return <SchoolView s={school.data} />;
  if (school.error)
    return (
      <Stack>
        <Anchor component={Link} href="/truong-hoc" size="sm">
          ← {t('school.backToList')}
        </Anchor>
        {school.error.status === 404 ? (
          <Alert color="yellow" title={t('school.notFound')}>
            {school.error.detail ?? ''}
          </Alert>
        ) : (
          <ErrorAlert error={school.error} onRetry={() => void school.refetch()} />
        )}
      </Stack>
    );
  return <PageLoader />;
}
