import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { twinningApi, type FocalPoint, type GroupCount } from '../../../../contracts/twinning';
import { useState } from 'react';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi, useApiMutation } from '../../lib/query';
import { Link } from '../../lib/router';
import { GroupCountTable } from './GroupCountTable';
import { FocalPointForm } from './FocalPointForm';

function GroupTable({ title, rows, testId }: { title: string; rows: GroupCount[]; testId: string }) {
  const { t } = useI18n();
  return (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Table.ScrollContainer minWidth={260} type="native">
        <GroupCountTable
          rows={rows.map((g) => ({ key: g.key, label: g.key === 'Không thuộc cụm' ? t('tw.comp.noCluster') : g.key, pairs: g.pairs, missing: g.withoutActivity }))}
          testId={testId}
          boldMissing
        />
      </Table.ScrollContainer>
    </div>
  );
}

/** Pairs without activity this year, by cluster and by province; the Hanoi Department reminds them. */
export function CompliancePanel({ year }: { year: number }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const comp = useApi(twinningApi.compliance, { query: { year } }, { keepPrevious: true });
  const remind = useApiMutation(() => call(twinningApi.remind, { body: { year } }), {
    domains: [twinningApi.remind.tags[0], 'notifications'],
    onSuccess: (r) => notifications.show({ color: 'green', message: t('tw.comp.reminded', { notified: formatNumber(r.notified), pairs: formatNumber(r.pairs) }) }),
  });
  const c = comp.data;

  return (
    <Card withBorder component="section" aria-labelledby="tw-comp-title" data-testid="twinning-compliance">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" align="flex-start">
          <div>
            <Title order={2} size="h4" id="tw-comp-title">
              {t('tw.comp.title')}
            </Title>
            {c && (
              <Text size="sm" c={c.withoutActivityCount ? 'red.8' : 'dimmed'} fw={c.withoutActivityCount ? 600 : undefined} data-testid="compliance-summary">
                {c.pairs === 0 ? t('tw.comp.noPairs') : c.withoutActivityCount ? t('tw.comp.summary', { missing: formatNumber(c.withoutActivityCount), total: formatNumber(c.pairs), year: c.schoolYear.label }) : t('tw.comp.allGood')}
              </Text>
            )}
          </div>
          {can('twinning.remind') && (
            <Button variant="light" color="orange" onClick={() => remind.mutate(undefined)} loading={remind.isPending} disabled={!c || c.withoutActivityCount === 0} title={t('tw.comp.remindHelp')} data-testid="compliance-remind">
              {t('tw.comp.remind')}
            </Button>
          )}
        </Group>
        {remind.error && <ErrorAlert error={remind.error} />}
        <QueryView query={comp} loader={null}>
          {(c) => (
            <>
              {c.pairs > 0 && (
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <GroupTable title={t('tw.comp.byCluster')} rows={c.byCluster} testId="compliance-by-cluster" />
                  <GroupTable title={t('tw.comp.byProvince')} rows={c.byProvince} testId="compliance-by-province" />
                </SimpleGrid>
              )}
              {c.withoutActivity.length > 0 && (
                <div>
                  <Title order={3} size="h5" mb={4}>
                    {t('tw.comp.list')}
                  </Title>
                  <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
                    {c.withoutActivity.slice(0, 50).map((p) => (
                      <li key={p.id}>
                        <Anchor component={Link} href={`/ket-nghia/${p.id}`} size="sm">
                          {p.hanoiSide} – {p.borderSchoolName}
                        </Anchor>{' '}
                        <Text span size="xs" c="dimmed">
                          ({p.borderProvinceName})
                        </Text>
                      </li>
                    ))}
                  </Stack>
                </div>
              )}
            </>
          )}
        </QueryView>
      </Stack>
    </Card>
  );
}

/** The four Departments' contact roles for the programme. */
export function FocalPoints() {
  const { t } = useI18n();
  const fp = useApi(twinningApi.focalPoints, {}, { staleTime: 10 * 60_000 });
  const [editing, setEditing] = useState<FocalPoint | null>(null);
  return (
    <Card withBorder component="section" aria-labelledby="tw-focal-title" data-testid="focal-points">
      <Title order={2} size="h4" id="tw-focal-title">
        {t('tw.focal.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('tw.focal.help')}
      </Text>
      <QueryView query={fp} loader={null}>
        {(data) => (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {data.items.map((f) => (
              <div key={f.departmentId} data-testid="focal-point" data-department-id={f.departmentId}>
                <Text size="sm" fw={600}>
                  {f.department}
                </Text>
                <Text size="sm" data-testid="focal-point-role">
                  {f.roleTitle}
                </Text>
                {f.unit && (
                  <Text size="xs" data-testid="focal-point-unit">
                    {f.unit}
                  </Text>
                )}
                {f.contact && (
                  <Text size="xs" c="dimmed" data-testid="focal-point-contact">
                    {f.contact}
                  </Text>
                )}
                {f.can.edit && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(f)} data-testid="focal-edit">
                    {t('tw.focal.edit')}
                  </Button>
                )}
              </div>
            ))}
          </SimpleGrid>
        )}
      </QueryView>
      {editing && <FocalPointForm focal={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
