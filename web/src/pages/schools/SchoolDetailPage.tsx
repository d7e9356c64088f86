import { Alert, Anchor, Button, Card, Grid, Group, Modal, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { api, type ApiError, type School } from '../../api';
import { ErrorAlert, FlagBadges, LevelBadges, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link, useNavigate } from '../../lib/router';
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

export default function SchoolDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const id = params.id;
  const school = useAsync((signal) => api.schools.get(id, signal), [id]);
  const perms = useAsync(
    (signal) => api.schools.permissions(id, signal).catch(() => ({ update: false, delete: false, viewHistory: false })),
    [id, user?.id],
    !!user,
  );
  const [tab, setTab] = useState<string | null>('details');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError | null>(null);

  if (school.loading && !school.data) return <PageLoader />;
  if (school.error) {
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
          <ErrorAlert error={school.error} onRetry={school.reload} />
        )}
      </Stack>
    );
  }
  const s = school.data!;
  // gift recipients are named only for the school itself and its Department (plan 29, Decree 13/2023/NĐ-CP)
  const seesBeneficiaries = !!user && ((user.role === 'school' && user.organisation.id === s.id) || (user.role === 'department' && user.organisation.provinceCode === s.provinceCode));

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
          {perms.data?.update && (
            <Button component={Link} href={`/truong-hoc/${s.id}/sua`} data-testid="school-edit">
              {t('school.edit')}
            </Button>
          )}
          {perms.data?.delete && (
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
          {seesBeneficiaries && (
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
        {seesBeneficiaries && (
          <Tabs.Panel value="beneficiaries" pt="md">
            <Suspense fallback={<PageLoader />}>
              <BeneficiariesPanel school={s} />
            </Suspense>
          </Tabs.Panel>
        )}
        <Tabs.Panel value="history" pt="md">
          {user === null ? (
            <Alert color="blue" data-testid="history-signin">
              <Stack gap="xs">
                <Text size="sm">{t('school.historySignIn')}</Text>
                <div>
                  <Button component={Link} href={signInHref()} size="xs">
                    {t('nav.signIn')}
                  </Button>
                </div>
              </Stack>
            </Alert>
          ) : user ? (
            <SchoolHistory schoolId={s.id} />
          ) : (
            <PageLoader />
          )}
        </Tabs.Panel>
      </Tabs>

      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('school.delete')}>
        <Stack>
          <Text>{t('school.deleteConfirm', { name: s.name })}</Text>
          {deleteError && <ErrorAlert error={deleteError} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={deleting}
              data-testid="school-delete-confirm"
              onClick={async () => {
                setDeleting(true);
                setDeleteError(null);
                try {
                  await api.schools.remove(s.id);
                  notifications.show({ color: 'green', message: t('school.deleted', { name: s.name }) });
                  navigate('/truong-hoc');
                } catch (e) {
                  setDeleteError(e as ApiError);
                } finally {
                  setDeleting(false);
                }
              }}
            >
              {t('school.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
