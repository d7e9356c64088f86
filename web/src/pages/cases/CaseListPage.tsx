import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { CaseSummary } from '../../../../contracts/cases';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { useCases } from './api';
import { ClockBadge } from './ClockBadge';

/** `/cong-tac-xa-hoi`: a counsellor's assigned cases; the school's head sees its school's cases as existence and deadlines only. */
export default function CaseListPage() {
  return <SignedIn>{() => <Cases />}</SignedIn>;
}

function Cases() {
  const { t } = useI18n();
  const { can } = useAuth();
  const pages = useCursorPages('');
  const list = useCases(pages.cursor);
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
      <QueryView query={list}>
        {(data) => (
          <>
            <ListTable<CaseSummary>
              rows={data.items}
              rowKey={(c) => c.id}
              rowProps={() => ({ 'data-testid': 'case-row' })}
              minWidth={820}
              empty={t('cases.empty')}
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
