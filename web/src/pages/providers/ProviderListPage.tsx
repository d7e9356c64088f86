import { Badge, Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { PROVIDER_SERVICES, type Provider, type ProviderService } from '../../../../contracts/providers';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { QueryView } from '../../lib/query';
import { ListTable } from '../resources/ListTable';
import { useAuth } from '../../lib/auth';
import { useProviders, useReopenProvider } from '../cases/api';
import { ErrorAlert } from '../../components/common';
import { ProviderForm } from './ProviderForm';
import { ProvinceFilter } from '../../components/ProvinceFilter';
import { useCommunes } from '../../lib/reference';

const ProviderMap = lazy(() => import('./ProviderMap'));

/** `/mang-luoi-ctxh`: the public directory of school social-work services (never of cases), searched without diacritics. */
export default function ProviderListPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const [q, setQ] = useState('');
  const [service, setService] = useState<ProviderService | undefined>();
  const [provinceCode, setProvinceCode] = useState<string | undefined>();
  const [communeCode, setCommuneCode] = useState<string | undefined>();
  const [editing, setEditing] = useState<Provider | null>(null);
  const [showMap, setShowMap] = useState(false);
  // the keepers' view of the providers taken out of the directory (their own province's), to reopen them
  const [suspended, setSuspended] = useState(false);
  const communes = useCommunes(provinceCode);
  const pages = useCursorPages(`${q}|${service ?? ''}|${provinceCode ?? ''}|${communeCode ?? ''}|${suspended}`);
  const list = useProviders(suspended
    ? { q: q.trim() || undefined, service, state: 'suspended', cursor: pages.cursor }
    : { q: q.trim() || undefined, service, provinceCode, communeCode, cursor: pages.cursor });
  const myProvince = can('providers.manage') ? user?.organisation.provinceCode ?? null : null;
  const reopen = useReopenProvider();
  return (
    <Stack gap="md">
      <PageHeader title={suspended ? t('prov.suspended') : t('prov.title')} help={t('prov.intro')}
        actions={myProvince ? <Button variant="light" onClick={() => { setSuspended(!suspended); setEditing(null); }} data-testid="prov-suspended-toggle">{suspended ? t('prov.showActive') : t('prov.showSuspended')}</Button> : undefined} />
      {reopen.error && <ErrorAlert error={reopen.error} />}
      {myProvince && !suspended && (editing
        ? <ProviderForm key={editing.id} provinceCode={myProvince} provider={editing} onDone={() => setEditing(null)} />
        : <ProviderForm key="new" provinceCode={myProvince} />)}
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
        {!suspended && <ProvinceFilter value={provinceCode} onChange={(c) => { setProvinceCode(c); setCommuneCode(undefined); }} testId="prov-province" w={220} />}
        {!suspended && <Select
          label={t('prov.commune')}
          placeholder={provinceCode ? t('common.all') : t('schools.communePickProvince')}
          data={(communes.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          value={communeCode ?? null}
          onChange={(v) => setCommuneCode(v ?? undefined)}
          disabled={!provinceCode}
          searchable
          clearable
          w={220}
          data-testid="prov-commune"
          rightSection={communes.isFetching ? <Loader size="xs" /> : undefined}
        />}
        <Button variant={showMap ? 'filled' : 'default'} onClick={() => setShowMap(!showMap)} data-testid="prov-map-toggle">{showMap ? t('prov.hideMap') : t('prov.showMap')}</Button>
      </Group>
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="prov-total">{data.total}</Text>
            {showMap && <Suspense fallback={<Loader size="sm" />}><ProviderMap items={data.items} /></Suspense>}
            <ListTable<Provider>
              rows={data.items}
              rowKey={(p) => p.id}
              rowProps={() => ({ 'data-testid': 'prov-row' })}
              minWidth={900}
              empty={suspended ? t('prov.suspendedEmpty') : t('prov.empty')}
              columns={[
                { key: 'name', header: t('prov.col.name'), cell: (p) => <Stack gap={2}><Text size="sm" fw={500}>{p.name}</Text><Text size="xs" c="dimmed">{t(`prov.kind.${p.kind}`)}</Text></Stack> },
                { key: 'area', header: t('prov.col.area'), cell: (p) => <Stack gap={2}><Text size="sm">{p.provinceName ?? t('prov.national')}</Text>{p.communeCodes.length > 0 && <Text size="xs" c="dimmed">{t('prov.someCommunes', { n: p.communeCodes.length })}</Text>}</Stack> },
                { key: 'services', header: t('prov.col.services'), cell: (p) => <Group gap={4}>{p.services.map((s) => <Badge key={s} size="xs" variant="light">{t(`prov.svc.${s}`)}</Badge>)}</Group> },
                { key: 'how', header: t('prov.col.how'), cell: (p) => <Stack gap={2}><Text size="sm">{p.channels.map((c) => t(`prov.channel.${c}`)).join(', ')}</Text>{p.phone && <Text size="sm">☎ {p.phone}</Text>}{p.hours && <Text size="xs" c="dimmed">{p.hours}</Text>}</Stack> },
                ...(myProvince && suspended ? [{ key: 'reopen', header: '', cell: (p: Provider) => (
                  <Button size="xs" variant="light" loading={reopen.isPending && reopen.variables === p.id} onClick={() => reopen.mutate(p.id)} data-testid="prov-reopen">{t('prov.reopen')}</Button>
                ) }] : []),
                ...(myProvince && !suspended ? [{ key: 'edit', header: '', cell: (p: Provider) => (p.provinceCode === myProvince
                  ? <Button size="xs" variant="light" onClick={() => { setEditing(p); window.scrollTo({ top: 0 }); }} data-testid="prov-edit-open">{t('prov.edit')}</Button>
                  : null) }] : []),
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
