import { Anchor, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, type Activity, type ActivityCategory, type ActivityKind } from '../../../../contracts/activities';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { ProvinceFilter } from '../../components/ProvinceFilter';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber, parseVnDate } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useSearchParams } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { exportUrl, useActivities, type ActivityFilters } from './api';

/** `/hoat-dong`: the register of activities and communication products; `?nhiem-vu=<task>` narrows to one task's. */
export default function ActivityListPage() {
  return <SignedIn>{() => <Register />}</SignedIn>;
}

function Register() {
  const { t } = useI18n();
  const { can } = useAuth();
  const params = useSearchParams();
  const taskId = params.get('nhiem-vu') ?? undefined;
  const [kind, setKind] = useState<ActivityKind | undefined>();
  const [category, setCategory] = useState<ActivityCategory | undefined>();
  const [provinceCode, setProvince] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters: ActivityFilters = {
    kind, category, provinceCode, taskId: taskId && /^[0-9a-f-]{36}$/i.test(taskId) ? taskId : undefined, q: q.trim() || undefined,
    from: parseVnDate(from) ?? undefined, to: parseVnDate(to) ?? undefined,
  };
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useActivities({ ...filters, cursor: pages.cursor });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('act.title')}
        help={t('act.intro')}
        actions={
          <Group gap="xs" wrap="wrap">
            <Button component={Link} href="/hoat-dong/lich" variant="light" data-testid="act-calendar">{t('act.cal.link')}</Button>
            <Button component="a" href={exportUrl(filters, 'xlsx')} download variant="light" data-testid="act-export-xlsx">{t('schools.exportXlsx')}</Button>
            <Button component="a" href={exportUrl(filters, 'csv')} download variant="light" data-testid="act-export-csv">{t('schools.exportCsv')}</Button>
            {can('activities.create') && <Button component={Link} href={`/hoat-dong/moi${filters.taskId ? `?nhiem-vu=${filters.taskId}` : ''}`} data-testid="act-new">{t('act.new')}</Button>}
          </Group>
        }
      />
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput label={t('act.filter.q')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={240} data-testid="act-filter-q" />
        <Select label={t('act.filter.category')} placeholder={t('common.all')} data={ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: t(`act.category.${c}`) }))} value={category ?? null} onChange={(v) => setCategory((v || undefined) as ActivityCategory | undefined)} clearable w={180} data-testid="act-filter-category" />
        <Select label={t('act.filter.kind')} placeholder={t('common.all')} data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`act.kind.${k}`) }))} value={kind ?? null} onChange={(v) => setKind((v || undefined) as ActivityKind | undefined)} clearable w={200} data-testid="act-filter-kind" />
        <ProvinceFilter value={provinceCode} onChange={setProvince} testId="act-filter-province" w={200} />
        <TextInput label={t('act.filter.from')} placeholder="dd/mm/yyyy" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={130} data-testid="act-filter-from" />
        <TextInput label={t('act.filter.to')} placeholder="dd/mm/yyyy" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={130} data-testid="act-filter-to" />
      </Group>
      {filters.taskId && <Text size="sm">{t('act.filter.ofTask')} <Anchor component={Link} href={`/nhiem-vu/${filters.taskId}`}>{t('act.filter.openTask')}</Anchor></Text>}
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="act-total">{t('act.total', { count: formatNumber(data.total) })}</Text>
            <ListTable<Activity>
              rows={data.items}
              rowKey={(a) => a.id}
              rowProps={() => ({ 'data-testid': 'act-row' })}
              minWidth={900}
              testId="act-table"
              empty={t('act.empty')}
              columns={[
                { key: 'date', header: t('act.col.date'), nowrap: true, cell: (a) => (a.startsOn === a.endsOn ? formatDate(a.startsOn) : `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`) },
                { key: 'title', header: t('act.col.title'), cell: (a) => <Anchor component={Link} href={`/hoat-dong/${a.id}`} size="sm">{a.title}</Anchor> },
                { key: 'kind', header: t('act.col.kind'), cell: (a) => t(`act.kind.${a.kind}`) },
                { key: 'organiser', header: t('act.col.organiser'), cell: (a) => a.organiser.shortName ?? a.organiser.name },
                { key: 'province', header: t('act.col.province'), cell: (a) => a.provinceName ?? '—' },
                { key: 'people', header: t('act.col.people'), numeric: true, cell: (a) => formatNumber(a.participantsActual ?? a.participantsPlanned ?? a.reach) },
                { key: 'state', header: t('act.col.state'), cell: (a) => t(`act.state.${a.state}`) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
