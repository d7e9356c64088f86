import { Badge, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PROVIDER_SERVICES, type Provider, type ProviderService } from '../../../../contracts/providers';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { QueryView } from '../../lib/query';
import { ListTable } from '../resources/ListTable';
import { useAuth } from '../../lib/auth';
import { useProviders } from '../cases/api';
import { ProviderForm } from './ProviderForm';

/** `/mang-luoi-ctxh`: the public directory of school social-work services (never of cases), searched without diacritics. */
export default function ProviderListPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const [q, setQ] = useState('');
  const [service, setService] = useState<ProviderService | undefined>();
  const pages = useCursorPages(`${q}|${service ?? ''}`);
  const list = useProviders({ q: q.trim() || undefined, service, cursor: pages.cursor });
  return (
    <Stack gap="md">
      <PageHeader title={t('prov.title')} help={t('prov.intro')} />
      {can('providers.manage') && user?.organisation.provinceCode && <ProviderForm provinceCode={user.organisation.provinceCode} />}
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput label={t('prov.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={320} data-testid="prov-q" />
        <Select
          label={t('prov.service')}
          data={[{ value: '', label: t('prov.allServices') }, ...PROVIDER_SERVICES.map((s) => ({ value: s, label: t(`prov.svc.${s}`) }))]}
          value={service ?? ''}
          onChange={(v) => setService((v || undefined) as ProviderService | undefined)}
          allowDeselect={false}
          w={280}
          data-testid="prov-service"
        />
      </Group>
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="prov-total">{data.total}</Text>
            <ListTable<Provider>
              rows={data.items}
              rowKey={(p) => p.id}
              rowProps={() => ({ 'data-testid': 'prov-row' })}
              minWidth={900}
              empty={t('prov.empty')}
              columns={[
                { key: 'name', header: t('prov.col.name'), cell: (p) => <Stack gap={2}><Text size="sm" fw={500}>{p.name}</Text><Text size="xs" c="dimmed">{t(`prov.kind.${p.kind}`)}</Text></Stack> },
                { key: 'area', header: t('prov.col.area'), cell: (p) => p.provinceName ?? t('prov.national') },
                { key: 'services', header: t('prov.col.services'), cell: (p) => <Group gap={4}>{p.services.map((s) => <Badge key={s} size="xs" variant="light">{t(`prov.svc.${s}`)}</Badge>)}</Group> },
                { key: 'how', header: t('prov.col.how'), cell: (p) => <Stack gap={2}><Text size="sm">{p.channels.map((c) => t(`prov.channel.${c}`)).join(', ')}</Text>{p.phone && <Text size="sm">☎ {p.phone}</Text>}{p.hours && <Text size="xs" c="dimmed">{p.hours}</Text>}</Stack> },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
