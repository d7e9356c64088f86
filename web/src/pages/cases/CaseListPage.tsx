import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import type { CaseState, CaseSummary } from '../../../../contracts/cases';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { useCases } from './api';
import { ClockBadge } from './ClockBadge';

/**
 * The state filter in the address (`?trang-thai=`): the open cases by default (a counsellor's work
 * list, what the home's counts count), the closed ones, or all.
 */
const STATE_PARAM: Record<CaseState, string> = { open: 'dang-mo', closed: 'da-ket-thuc', all: 'tat-ca' };
const stateOf = (param: string | null): CaseState => (Object.keys(STATE_PARAM) as CaseState[]).find((s) => STATE_PARAM[s] === param) ?? 'open';

/** `/cong-tac-xa-hoi`: a counsellor's assigned cases; the school's head sees its school's cases as existence and deadlines only. */
export default function CaseListPage() {
  return <SignedIn>{() => <Cases />}</SignedIn>;
}

function Cases() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const state = stateOf(useSearchParams().get('trang-thai'));
  const setState = (next: CaseState) => navigate(`/cong-tac-xa-hoi?trang-thai=${STATE_PARAM[next]}`, { replace: true });
  const pages = useCursorPages(state);
  const list = useCases(state, pages.cursor);
  return (
    <Stack gap="md">
      <PageHeader
        title={t('cases.title')}
        help={t('cases.intro')}
        actions={
          <Group gap="xs">
            {can('cases.accessLog') && <Button component={Link} href="/cong-tac-xa-hoi/nhat-ky" variant="light">{t('cases.log.title')}</Button>}
            {can('cases.create') && <Button component={Link} href="/cong-tac-xa-hoi/moi" data-testid="case-new">{t('cases.new')}</Button>}
          </Group>
        }
      />
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Text size="sm" fw={500} id="cases-state">{t('cases.state.label')}</Text>
          <SegmentedControl
            aria-labelledby="cases-state"
            value={state}
            onChange={(v) => setState(v as CaseState)}
            data={(['open', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`cases.state.${s}`) }))}
            data-testid="cases-state"
          />
        </div>
        {list.data && <Text size="sm" c="dimmed" aria-live="polite" data-testid="cases-count">{t('cases.count', { count: formatNumber(list.data.total) })}</Text>}
      </Group>
      <QueryView query={list}>
        {(data) => (
          <>
            <ListTable<CaseSummary>
              rows={data.items}
              rowKey={(c) => c.id}
              rowProps={() => ({ 'data-testid': 'case-row' })}
              minWidth={820}
              empty={t(state === 'open' ? 'cases.emptyOpen' : state === 'closed' ? 'cases.emptyClosed' : 'cases.empty')}
              columns={[
                { key: 'ref', header: t('cases.col.reference'), cell: (c) => <Anchor component={Link} href={`/cong-tac-xa-hoi/${c.id}`} size="sm">{c.reference}</Anchor> },
                { key: 'step', header: t('cases.col.step'), cell: (c) => t(`cases.step.${c.step}`) },
                { key: 'category', header: t('cases.col.category'), cell: (c) => (c.category ? t(`cases.cat.${c.category}`) : <Text size="sm" c="dimmed">{t('cases.restricted')}</Text>) },
                { key: 'reported', header: t('cases.col.reported'), nowrap: true, cell: (c) => formatDateTime(c.reportedAt) },
                { key: 'clock', header: t('cases.col.clock'), cell: (c) => (c.urgent ? <ClockBadge c={c} /> : <Badge variant="light" color="gray">—</Badge>) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
