import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { VettingStatus } from '../../../api/resources';
import { PageLoader, signInHref } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { useDebounced } from '../../../lib/hooks';
import { QueryView } from '../../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../../lib/router';
import { ListTable } from '../ListTable';
import { canListDonors, ownDonorId } from '../permissions';
import { resourceQueries, useResource } from '../queries';
import { DonorProfilePage, VettingBadge } from './DonorProfile';

/** `/nha-tai-tro`: donors for the Ministry and Departments; pending ones first. A donor sees its own profile. */
export function DonorListPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const own = ownDonorId(auth);
  if (auth.user === undefined) return <PageLoader />;
  if (own) return <DonorProfilePage params={{ id: own }} />;
  if (!canListDonors(auth)) {
    return (
      <Stack>
        <Title order={1}>{t('donor.list.title')}</Title>
        {auth.user ? (
          <Text c="dimmed">{t('common.forbidden')}</Text>
        ) : (
          <Group>
            <Button component={Link} href="/nha-tai-tro/dang-ky">
              {t('donor.register.title')}
            </Button>
            <Button component={Link} href={signInHref()} variant="light">
              {t('nav.signIn')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  return <DonorList />;
}

const VETTING: readonly VettingStatus[] = ['pending', 'approved', 'rejected'];

function DonorList() {
  const { t } = useI18n();
  // the vetting filter lives in the address (`?tham-dinh=pending`), so the home's count links to it
  const search = useSearchParams();
  const navigate = useNavigate();
  const param = search.get('tham-dinh');
  const vetting = (VETTING.includes(param as VettingStatus) ? param : null) as VettingStatus | null;
  const setVetting = (v: VettingStatus | null) => navigate(`/nha-tai-tro${v ? `?tham-dinh=${v}` : ''}`, { replace: true });
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const list = useResource(resourceQueries.donors({ vetting: vetting ?? undefined, q: dq || undefined }), { keepPrevious: true });
  return (
    <Stack gap="md">
      <Title order={1}>{t('donor.list.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
        <TextInput label={t('common.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select
          label={t('donor.vettingLabel')}
          placeholder={t('common.all')}
          data={VETTING.map((s) => ({ value: s, label: t(`donor.vetting.${s}`) }))}
          value={vetting}
          onChange={(v) => setVetting(v as VettingStatus | null)}
          clearable
          data-testid="donor-filter-vetting"
        />
      </SimpleGrid>
      <QueryView query={list}>
        {(data) => (
          <ListTable
            rows={data.items}
            rowKey={(d) => d.id}
            rowProps={() => ({ 'data-testid': 'donor-row' })}
            minWidth={640}
            hover
            testId="donor-table"
            empty={t('common.noResults')}
            columns={[
              {
                key: 'name',
                header: t('donor.name'),
                cell: (d) => (
                  <Anchor component={Link} href={`/nha-tai-tro/${d.id}`} size="sm">
                    {d.name}
                  </Anchor>
                ),
              },
              { key: 'type', header: t('donor.typeLabel'), cell: (d) => t(`donor.type.${d.donorType}`) },
              { key: 'tax', header: t('donor.taxCode'), cell: (d) => d.taxCode ?? '—' },
              { key: 'vetting', header: t('donor.vettingLabel'), cell: (d) => <VettingBadge status={d.vettingStatus} /> },
              { key: 'registered', header: t('donor.registeredOn'), cell: (d) => formatDate(d.createdAt) },
            ]}
          />
        )}
      </QueryView>
    </Stack>
  );
}
