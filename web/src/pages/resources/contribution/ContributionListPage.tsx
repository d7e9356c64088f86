import { Anchor, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { addVnd } from '../../../../../contracts/http';
import type { Role } from '../../../api';
import { CONTRIBUTION_STATUSES, type ContributionStatus } from '../../../api/resources';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { formatDate, formatNumber } from '../../../lib/format';
import { QueryView } from '../../../lib/query';
import { Link, useSearchParams } from '../../../lib/router';
import { ListTable, SignedIn } from '../ListTable';
import { canRecordContribution } from '../permissions';
import { resourceQueries, useResource } from '../queries';
import { ContributionStatusBadge, formatVnd } from '../shared';

/** `/dong-gop`: contributions in my scope (a donor's own, a school's received, a Department's province). */
export function ContributionListPage() {
  return <SignedIn>{(user) => <ContributionList role={user.role} />}</SignedIn>;
}

function ContributionList({ role }: { role: Role }) {
  const { t } = useI18n();
  const auth = useAuth();
  const asked = useSearchParams().get('trang-thai');
  const [status, setStatus] = useState<ContributionStatus | null>((CONTRIBUTION_STATUSES as readonly string[]).includes(asked ?? '') ? (asked as ContributionStatus) : null);
  const list = useResource(resourceQueries.contributions({ status: status ?? undefined }), { keepPrevious: true });
  const total = addVnd(...(list.data?.items ?? []).map((c) => c.valueVnd)); // exact past 2^53
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('pledge.list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t(`pledge.list.intro.${role}`)}
          </Text>
          <Text c="dimmed" aria-live="polite">
            {list.data ? t('pledge.list.total', { count: formatNumber(list.data.items.length), value: formatVnd(total) }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          {canRecordContribution(auth) && (
            <Button component={Link} href="/dong-gop/ghi-nhan" variant="light" data-testid="record-open">
              {t('record.open')}
            </Button>
          )}
          <Select
            label={t('pledge.statusCol')}
            placeholder={t('common.all')}
            data={CONTRIBUTION_STATUSES.map((s) => ({ value: s, label: t(`pledge.status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as ContributionStatus | null)}
            clearable
            w={220}
            data-testid="contribution-filter-status"
          />
        </Group>
      </Group>
      <QueryView query={list}>
        {(data) => (
          <ListTable
            rows={data.items}
            rowKey={(c) => c.id}
            rowProps={(c) => ({ 'data-testid': 'contribution-row', 'data-contribution-id': c.id })}
            minWidth={820}
            hover
            testId="contribution-table"
            empty={t('pledge.list.empty')}
            columns={[
              {
                key: 'what',
                header: t('pledge.description'),
                cell: (c) => (
                  <>
                    <Anchor component={Link} href={`/dong-gop/${c.id}`} size="sm">
                      {c.description}
                    </Anchor>
                    {c.needTitle && (
                      <Text size="xs" c="dimmed">
                        {c.needTitle}
                      </Text>
                    )}
                  </>
                ),
              },
              { key: 'who', header: t('pledge.contributor'), cell: (c) => `${c.contributorName}${c.anonymous ? ` (${t('pledge.anonymousShort')})` : ''}` },
              { key: 'school', header: t('need.school'), cell: (c) => c.schoolName },
              { key: 'value', header: t('pledge.value'), numeric: true, cell: (c) => formatVnd(c.valueVnd) },
              { key: 'status', header: t('pledge.statusCol'), cell: (c) => <ContributionStatusBadge status={c.status} /> },
              { key: 'date', header: t('pledge.date'), cell: (c) => formatDate(c.pledgedOn) },
            ]}
          />
        )}
      </QueryView>
    </Stack>
  );
}
