import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ApiError } from '../../api';
import { NEED_STATES, resourcesApi, type Need, type NeedState } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link, useRouter } from '../../lib/router';
import { formatVnd, NeedStatusBadge, ReasonModal } from './shared';

/** `/nhu-cau/cho-xac-minh`: the Department's verification queue; `/nhu-cau/cua-toi`: needs in my scope, any state. */
export default function NeedQueuePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { location } = useRouter();
  const queue = location.pathname.startsWith('/nhu-cau/cho-xac-minh');
  const [status, setStatus] = useState<NeedState | null>(queue ? 'submitted' : null);
  const list = useAsync(
    (signal) => resourcesApi.needs.list({ scope: 'mine', status: status ?? undefined, sort: 'recent', limit: 200 }, signal),
    [status, user?.id],
    !!user,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [returning, setReturning] = useState<Need | null>(null);

  if (user === undefined) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  const title = queue ? t('need.queue.title') : t('need.mine.title');
  const canVerify = ['department', 'admin'].includes(user.role);

  async function verify(n: Need) {
    setBusy(n.id);
    setError(null);
    try {
      await resourcesApi.needs.transition(n.id, 'verify');
      notifications.show({ color: 'green', message: t('need.done.verify') });
      list.reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{title}</Title>
          <Text c="dimmed" size="sm">
            {queue ? t('need.queue.intro') : t('need.mine.intro')}
          </Text>
          <Text c="dimmed" aria-live="polite" data-testid="need-total">
            {list.data ? t('need.list.total', { count: formatNumber(list.data.total) }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap" align="flex-end">
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
          {['school', 'department', 'admin'].includes(user.role) && (
            <Button component={Link} href="/nhu-cau/moi" data-testid="need-add">
              {t('need.add')}
            </Button>
          )}
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <PageLoader />}
      {list.data && (
        <Table.ScrollContainer minWidth={820} type="native">
          <Table striped highlightOnHover data-testid="need-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('need.titleField')}</Table.Th>
                <Table.Th>{t('need.school')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('need.quantity')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('need.estimatedCost')}</Table.Th>
                <Table.Th>{t('need.statusCol')}</Table.Th>
                <Table.Th>{t('need.created')}</Table.Th>
                {queue && canVerify && <Table.Th>{t('need.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed">{queue ? t('need.queue.empty') : t('need.list.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((n) => (
                <Table.Tr key={n.id} data-testid="need-row" data-need-id={n.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/nhu-cau/${n.id}`} size="sm">
                      {n.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`need.category.${n.category}`)} · {t(`need.priority.${n.priority}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{n.schoolName}</Text>
                    <Text size="xs" c="dimmed">
                      {n.communeName}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {formatNumber(n.quantity)} {n.unit}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(n.estimatedCost)}</Table.Td>
                  <Table.Td>
                    <NeedStatusBadge status={n.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(n.createdAt)}</Table.Td>
                  {queue && canVerify && (
                    <Table.Td>
                      {n.status === 'submitted' && (
                        <Group gap={6} wrap="nowrap">
                          <Button size="xs" color="teal" loading={busy === n.id} onClick={() => verify(n)} data-testid="need-action-verify">
                            {t('need.action.verify')}
                          </Button>
                          <Button
                            size="xs"
                            color="orange"
                            variant="light"
                            onClick={() => setReturning(n)}
                            data-testid="need-action-return"
                          >
                            {t('need.action.return')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {returning && (
        <ReasonModal
          title={t('need.action.return')}
          intro={returning.title}
          color="orange"
          confirmLabel={t('need.action.return')}
          busy={busy === returning.id}
          textTestId="need-action-text"
          confirmTestId="need-action-confirm"
          onClose={() => setReturning(null)}
          onConfirm={async (reason) => {
            setBusy(returning.id);
            try {
              await resourcesApi.needs.transition(returning.id, 'return', { reason });
              notifications.show({ color: 'green', message: t('need.done.return') });
              setReturning(null);
              list.reload();
            } catch (e) {
              setError(e as ApiError);
              setReturning(null);
            } finally {
              setBusy(null);
            }
          }}
        />
      )}
    </Stack>
  );
}
