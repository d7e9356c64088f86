import { Anchor, Badge, Button, Checkbox, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { fileUrl, resourcesApi, type Agreement } from '../../api/resources';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, vndApprox } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { AgreementForm } from './agreement/AgreementForm';
import { CursorPager as Pager, useCursorPages } from '../../components/CursorPager';
import { ListTable, SignedIn } from './ListTable';
import { canCreateAgreement } from './permissions';
import { resourceQueries, useResource } from './queries';
import { formatVnd } from './shared';

/** `/van-ban-ky-ket`: agreements signed with donors, their commitments and how far delivery has come. */
export default function AgreementsPage() {
  return <SignedIn>{() => <Agreements />}</SignedIn>;
}

function Agreements() {
  const { t } = useI18n();
  const auth = useAuth();
  const [behind, setBehind] = useState(false);
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages(String(behind));
  const list = useResource(resourceQueries.agreements({ behind, cursor: pages.cursor ?? undefined }), { keepPrevious: true });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('agreement.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('agreement.intro')}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button component="a" href={resourcesApi.agreements.exportUrl('xlsx', behind)} download variant="light">
            {t('schools.exportXlsx')}
          </Button>
          <Button component="a" href={resourcesApi.agreements.exportUrl('csv', behind)} download variant="light">
            {t('schools.exportCsv')}
          </Button>
          {canCreateAgreement(auth) && !creating && (
            <Button onClick={() => setCreating(true)} data-testid="agreement-add">
              {t('agreement.new')}
            </Button>
          )}
        </Group>
      </Group>
      {creating && <AgreementForm onCancel={() => setCreating(false)} onDone={() => setCreating(false)} />}
      <Checkbox label={t('agreement.behindOnly')} checked={behind} onChange={(e) => setBehind(e.currentTarget.checked)} data-testid="agreement-behind" />
      <QueryView query={list}>
        {(data) => (
          <>
          <ListTable
            rows={data.items}
            rowKey={(a) => a.id}
            rowProps={() => ({ 'data-testid': 'agreement-row' })}
            minWidth={960}
            testId="agreement-table"
            empty={t('agreement.empty')}
            columns={[
              { key: 'title', header: t('agreement.titleField'), cell: (a) => <AgreementTitle a={a} /> },
              { key: 'donor', header: t('agreement.donor'), cell: (a) => a.donorName },
              { key: 'counterpart', header: t('agreement.counterpart'), cell: (a) => a.counterpartName },
              { key: 'period', header: t('agreement.period'), nowrap: true, cell: (a) => `${formatDate(a.periodFrom)} – ${formatDate(a.periodTo)}` },
              { key: 'committed', header: t('agreement.committed'), numeric: true, cell: (a) => formatVnd(a.committedValue) },
              { key: 'delivered', header: t('agreement.delivered'), numeric: true, cell: (a) => formatVnd(a.deliveredValue) },
              { key: 'accepted', header: t('agreement.accepted'), numeric: true, cell: (a) => formatVnd(a.acceptedValue) },
              { key: 'progress', header: t('agreement.progress'), minWidth: 140, cell: (a) => <AgreementProgress a={a} /> },
            ]}
          />
          <Pager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

function AgreementTitle({ a }: { a: Agreement }) {
  const { t } = useI18n();
  return (
    <>
      <Text size="sm" fw={500}>
        {a.code ? `${a.code} – ` : ''}
        {a.title}
      </Text>
      <Text size="xs" c="dimmed">
        {t('agreement.signedOnShort', { date: formatDate(a.signedOn) })}
        {a.documentFileId && (
          <>
            {' · '}
            <Anchor href={fileUrl(a.documentFileId)} target="_blank" size="xs">
              {t('agreement.document')}
            </Anchor>
          </>
        )}
      </Text>
    </>
  );
}

function AgreementProgress({ a }: { a: Agreement }) {
  const { t } = useI18n();
  const share = a.committedValue > 0 ? Math.min(100, (vndApprox(a.deliveredValue) / a.committedValue) * 100) : 0;
  return (
    <>
      <Progress value={share} color={a.behindSchedule ? 'red' : 'teal'} aria-label={t('agreement.progress')} />
      {a.cancelled ? (
        <Badge color="gray" variant="light" mt={4} style={{ textTransform: 'none' }}>
          {t('agreement.cancelled')}
        </Badge>
      ) : a.behindSchedule ? (
        <Badge color="red" variant="light" mt={4} style={{ textTransform: 'none' }} data-testid="agreement-behind-badge">
          {t('agreement.behind')}
        </Badge>
      ) : null}
    </>
  );
}
