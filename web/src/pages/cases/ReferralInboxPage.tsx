import { Anchor, Stack } from '@mantine/core';
import type { Referral } from '../../../../contracts/cases';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { useInbox } from './api';

/** `/chuyen-gui`: a provider's referral inbox (only what each referral shared; every view is logged). */
export default function ReferralInboxPage() {
  return <SignedIn>{() => <Inbox />}</SignedIn>;
}

function Inbox() {
  const { t } = useI18n();
  const pages = useCursorPages('');
  const list = useInbox(undefined, pages.cursor);
  return (
    <Stack gap="md">
      <PageHeader title={t('ref.inbox')} help={t('ref.inboxHelp')} />
      <QueryView query={list}>
        {(data) => (
          <>
            <ListTable<Referral>
              rows={data.items}
              rowKey={(r) => r.id}
              rowProps={() => ({ 'data-testid': 'ref-row' })}
              minWidth={760}
              empty={t('ref.empty')}
              columns={[
                { key: 'ref', header: t('cases.col.reference'), cell: (r) => <Anchor component={Link} href={`/chuyen-gui/${r.id}`} size="sm">{r.caseReference}</Anchor> },
                { key: 'school', header: t('ref.school'), cell: (r) => r.schoolName },
                { key: 'state', header: t('cases.ref.state'), cell: (r) => t(`cases.refState.${r.state}`) },
                { key: 'sent', header: t('cases.ref.sentAt'), nowrap: true, cell: (r) => formatDateTime(r.sentAt) },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
