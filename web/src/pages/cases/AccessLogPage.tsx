import { Stack } from '@mantine/core';
import type { AccessLogEntry } from '../../../../contracts/cases';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { ListTable, SignedIn } from '../resources/ListTable';
import { useAccessLog } from './api';

/** `/cong-tac-xa-hoi/nhat-ky`: who read which case, when and why (the school's head, the Department). */
export default function AccessLogPage() {
  return <SignedIn>{() => <Log />}</SignedIn>;
}

function Log() {
  const { t } = useI18n();
  const pages = useCursorPages('');
  const list = useAccessLog(undefined, pages.cursor);
  return (
    <Stack gap="md">
      <PageHeader title={t('cases.log.title')} help={t('cases.log.intro')} />
      <QueryView query={list}>
        {(data) => (
          <>
            <ListTable<AccessLogEntry>
              rows={data.items}
              rowKey={(r) => String(r.id)}
              rowProps={() => ({ 'data-testid': 'log-row' })}
              minWidth={820}
              empty={t('cases.log.empty')}
              columns={[
                { key: 'at', header: t('cases.log.at'), nowrap: true, cell: (r) => formatDateTime(r.at) },
                { key: 'case', header: t('cases.col.reference'), cell: (r) => `${r.caseReference} · ${r.schoolName}` },
                { key: 'who', header: t('cases.log.who'), cell: (r) => `${r.actorLabel} (${t(`role.${r.actorRole}` as 'role.admin')})` },
                { key: 'what', header: t('cases.log.what'), cell: (r) => t(`cases.log.action.${r.action}`) },
                { key: 'detail', header: t('cases.log.detail'), cell: (r) => r.detail ?? '' },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
