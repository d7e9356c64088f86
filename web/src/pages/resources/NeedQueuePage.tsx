import { Anchor, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { NEED_STATES, resourcesApi, type Need, type NeedState } from '../../api/resources';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useRouter, useSearchParams } from '../../lib/router';
import { ListTable, SignedIn } from './ListTable';
import { canCreateNeed, canPublishNeeds, canVerifyNeeds } from './permissions';
import { resourceQueries, useResource, useResourceMutation } from './queries';
import { formatVnd, NeedStatusBadge } from './shared';
import { ReasonModal } from './shared-dialogs';

/** `/nhu-cau/cho-xac-minh`: the Department's verification queue; `/nhu-cau/cua-toi`: needs in my scope, any state. */
export default function NeedQueuePage() {
  return <SignedIn>{() => <NeedQueue />}</SignedIn>;
}

function NeedQueue() {
  const { t } = useI18n();
  const auth = useAuth();
  const { location } = useRouter();
  const queue = location.pathname.startsWith('/nhu-cau/cho-xac-minh');
  const narrow = useMediaQuery('(max-width: 480px)') ?? false;
  const asked = useSearchParams().get('trang-thai');
  const [status, setStatus] = useState<NeedState | null>(queue ? 'submitted' : (NEED_STATES as readonly string[]).includes(asked ?? '') ? (asked as NeedState) : null);
  // the queue: oldest first (the longest waiting in its step); my needs: newest first
  const list = useResource(resourceQueries.needs({ scope: 'mine', status: status ?? undefined, sort: queue ? 'waiting' : 'recent', limit: 200 }), { keepPrevious: true });
  const [returning, setReturning] = useState<Need | null>(null);
  // verifying publishes at once unless the Department chooses to publish later
  const [andPublish, setAndPublish] = useState(true);
  const transition = useResourceMutation(
    (v: { need: Need; action: 'verify' | 'return' | 'publish'; reason?: string; publish?: boolean }) => resourcesApi.needs.transition(v.need.id, v.action, { reason: v.reason, publish: v.publish }),
    { onSuccess: (_, v) => notifications.show({ color: 'green', message: t(v.publish ? 'need.done.verifyPublish' : `need.done.${v.action}`) }) },
  );
  const busyId = transition.isPending ? transition.variables?.need.id : undefined;
  const canVerify = queue && canVerifyNeeds(auth);
  const canPublish = queue && canPublishNeeds(auth);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{queue ? t('need.queue.title') : t('need.mine.title')}</Title>
          <Text c="dimmed" size="sm">
            {queue ? t('need.queue.intro') : t('need.mine.intro')}
          </Text>
          <Text c="dimmed" aria-live="polite" data-testid="need-total">
            {list.data ? t(list.data.totalCapped ? 'need.list.totalCapped' : 'need.list.total', { count: formatNumber(list.data.total) }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap" align="flex-end">
          {queue && (
            <SegmentedControl
              // on a phone the two tabs stack: side by side they are wider than the screen in English
              orientation={narrow ? 'vertical' : 'horizontal'}
              fullWidth={narrow}
              value={status === 'verified' ? 'verified' : 'submitted'}
              onChange={(v) => setStatus(v as NeedState)}
              data={[
                { value: 'submitted', label: t('need.queue.tabSubmitted') },
                { value: 'verified', label: t('need.queue.tabVerified') },
              ]}
              data-testid="need-queue-tab"
            />
          )}
          {!queue && (
          <Select
            label={t('need.statusFilter')}
            placeholder={t('common.all')}
            data={NEED_STATES.map((s) => ({ value: s, label: t(`need.status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as NeedState | null)}
            clearable
            w={220}
            data-testid="need-filter-status"
          />
          )}
          {canCreateNeed(auth) && (
            <Button component={Link} href="/nhu-cau/moi" data-testid="need-add">
              {t('need.add')}
            </Button>
          )}
        </Group>
      </Group>
      {canPublish && status === 'submitted' && (
        <Checkbox label={t('need.queue.andPublish')} checked={andPublish} onChange={(e) => setAndPublish(e.currentTarget.checked)} data-testid="need-verify-publish" />
      )}
      {transition.error && <ErrorAlert error={transition.error} />}
      <QueryView query={list}>
        {(data) => (
          <ListTable
            rows={data.items}
            rowKey={(n) => n.id}
            rowProps={(n) => ({ 'data-testid': 'need-row', 'data-need-id': n.id })}
            minWidth={820}
            hover
            testId="need-table"
            empty={queue ? t(status === 'verified' ? 'need.queue.emptyVerified' : 'need.queue.empty') : t('need.list.empty')}
            columns={[
              {
                key: 'title',
                header: t('need.titleField'),
                cell: (n) => (
                  <>
                    <Anchor component={Link} href={`/nhu-cau/${n.id}`} size="sm">
                      {n.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`need.category.${n.category}`)} · {t(`need.priority.${n.priority}`)}
                    </Text>
                    {/* the Department's decisions sit under the title: on a phone they stay on screen while the table scrolls */}
                    {canPublish && n.status === 'verified' && (
                      <Group gap={6} wrap="wrap" mt={6} aria-label={t('need.actions')}>
                        <Button size="xs" loading={busyId === n.id} onClick={() => transition.mutate({ need: n, action: 'publish' })} data-testid="need-action-publish">
                          {t('need.action.publish')}
                        </Button>
                      </Group>
                    )}
                    {canVerify && n.status === 'submitted' && (
                      <Group gap={6} wrap="wrap" mt={6} aria-label={t('need.actions')}>
                        <Button size="xs" color="teal" loading={busyId === n.id} onClick={() => transition.mutate({ need: n, action: 'verify', publish: canPublish && andPublish })} data-testid="need-action-verify">
                          {t('need.action.verify')}
                        </Button>
                        <Button size="xs" color="orange" variant="light" onClick={() => setReturning(n)} data-testid="need-action-return">
                          {t('need.action.return')}
                        </Button>
                      </Group>
                    )}
                  </>
                ),
              },
              {
                key: 'school',
                header: t('need.school'),
                cell: (n) => (
                  <>
                    <Text size="sm">{n.schoolName}</Text>
                    <Text size="xs" c="dimmed">
                      {n.communeName}
                    </Text>
                  </>
                ),
              },
              { key: 'qty', header: t('need.quantity'), numeric: true, cell: (n) => `${formatNumber(n.quantity)} ${n.unit}` },
              { key: 'cost', header: t('need.estimatedCost'), numeric: true, cell: (n) => formatVnd(n.estimatedCost) },
              { key: 'status', header: t('need.statusCol'), cell: (n) => <NeedStatusBadge status={n.status} /> },
              { key: 'created', header: t('need.created'), cell: (n) => formatDate(n.createdAt) },
            ]}
          />
        )}
      </QueryView>
      {returning && (
        <ReasonModal
          title={t('need.action.return')}
          intro={returning.title}
          color="orange"
          confirmLabel={t('need.action.return')}
          busy={busyId === returning.id}
          textTestId="need-action-text"
          confirmTestId="need-action-confirm"
          onClose={() => setReturning(null)}
          onConfirm={(reason) => transition.mutate({ need: returning, action: 'return', reason }, { onSettled: () => setReturning(null) })}
        />
      )}
    </Stack>
  );
}
