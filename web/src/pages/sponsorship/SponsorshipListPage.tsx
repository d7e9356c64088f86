import { Anchor, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { PLAN_STATES, type SponsorshipPlan, type SponsorshipPlanState } from '../../../../contracts/sponsorship';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatVnd } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useSearchParams } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { exportUrl, usePlans } from './api';
import { PlanStateBadge } from './StateBadge';

/** `/ke-hoach-tai-tro`: the plans in the account's scope; `?trang-thai=submitted` is the approver's queue. */
export default function SponsorshipListPage() {
  return <SignedIn>{() => <Plans />}</SignedIn>;
}

function Plans() {
  const { t } = useI18n();
  const { can } = useAuth();
  const params = useSearchParams();
  const fromUrl = params.get('trang-thai');
  const [state, setState] = useState<SponsorshipPlanState | undefined>(PLAN_STATES.includes(fromUrl as SponsorshipPlanState) ? (fromUrl as SponsorshipPlanState) : undefined);
  const [overdue, setOverdue] = useState(false);
  const pages = useCursorPages(`${state ?? ''}|${overdue}`);
  const list = usePlans({ state, overdue, cursor: pages.cursor });
  return (
    <Stack gap="md">
      <PageHeader
        title={t('sp.title')}
        help={t('sp.intro')}
        actions={
          <Group gap="xs" wrap="wrap">
            <Button component="a" href={exportUrl({ state, overdue }, 'xlsx')} download variant="light">
              {t('schools.exportXlsx')}
            </Button>
            <Button component="a" href={exportUrl({ state, overdue }, 'csv')} download variant="light">
              {t('schools.exportCsv')}
            </Button>
            {can('sponsorship.create') && (
              <Button component={Link} href="/ke-hoach-tai-tro/moi" data-testid="sp-new">
                {t('sp.new')}
              </Button>
            )}
          </Group>
        }
      />
      <Group gap="md" align="flex-end" wrap="wrap">
        <Select
          label={t('sp.filter.state')}
          data={[{ value: '', label: t('sp.filter.all') }, ...PLAN_STATES.map((s) => ({ value: s, label: t(`sp.state.${s}`) }))]}
          value={state ?? ''}
          onChange={(v) => setState((v || undefined) as SponsorshipPlanState | undefined)}
          allowDeselect={false}
          w={220}
          data-testid="sp-filter-state"
        />
        <Checkbox label={t('sp.filter.overdue')} checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} data-testid="sp-filter-overdue" />
      </Group>
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="sp-total">
              {data.total}
            </Text>
            <ListTable<SponsorshipPlan>
              rows={data.items}
              rowKey={(p) => p.id}
              rowProps={() => ({ 'data-testid': 'sp-row' })}
              minWidth={900}
              testId="sp-table"
              empty={t('sp.empty')}
              columns={[
                { key: 'title', header: t('sp.col.plan'), cell: (p) => <Anchor component={Link} href={`/ke-hoach-tai-tro/${p.id}`} size="sm">{p.title}</Anchor> },
                { key: 'school', header: t('sp.col.school'), cell: (p) => p.schoolName },
                { key: 'period', header: t('sp.col.period'), cell: (p) => p.period },
                { key: 'total', header: t('sp.col.total'), numeric: true, cell: (p) => formatVnd(p.total) },
                { key: 'state', header: t('sp.col.state'), cell: (p) => <PlanStateBadge plan={p} /> },
                { key: 'due', header: t('sp.col.due'), nowrap: true, cell: (p) => (p.dueOn ? formatDate(p.dueOn) : '—') },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
