import { Badge, Button, Card, Group, Spoiler, Stack, Text, Title } from '@mantine/core';
import { notificationsApi, type Notification } from '../../../../contracts/notifications';
import { call } from '../../api/call';
import { ErrorAlert, PageHeader, PageLoader, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useApiMutation } from '../../lib/query';
import { Link } from '../../lib/router';
import { usePagedApi } from '../plans/paged';
import { SettingsForm } from './SettingsForm';

function NotificationCard({ n, onRead, busy }: { n: Notification; onRead: (ids: string[]) => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Card component="li" withBorder padding="sm" data-testid="notif-item" data-read={n.read} style={n.read ? undefined : { borderLeft: '4px solid var(--mantine-color-blue-6)' }}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Group gap="xs" wrap="wrap">
            {!n.read && (
              <Badge size="xs" color="blue" variant="filled" style={{ textTransform: 'none' }}>
                {t('notif.unread')}
              </Badge>
            )}
            <Text fw={n.read ? 500 : 700} size="sm">
              {n.title}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(n.createdAt)}
          </Text>
        </Group>
        <Spoiler maxHeight={168} showLabel={t('plan.more')} hideLabel={t('plan.less')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            {n.body}
          </Text>
        </Spoiler>
        <Group gap="xs">
          {n.link?.startsWith('/') && (
            <Button component={Link} href={n.link} size="xs" variant="light" onClick={() => !n.read && onRead([n.id])}>
              {t('notif.open')}
            </Button>
          )}
          {!n.read && (
            <Button size="xs" variant="subtle" onClick={() => onRead([n.id])} loading={busy} data-testid="notif-read">
              {t('notif.markRead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export default function NotificationsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const list = usePagedApi(notificationsApi.list, { query: { limit: 30 } }, { enabled: !!user });
  const markRead = useApiMutation((ids: string[]) => Promise.all(ids.map((id) => call(notificationsApi.markRead, { params: { id } }))), {
    domains: [notificationsApi.markRead.tags[0]],
  });

  if (user === undefined) return <PageLoader />;
  if (!user)
    return (
      <Stack>
        <Title order={1}>{t('notif.title')}</Title>
        <SignInPrompt />
      </Stack>
    );

  const { query, items, last } = list;
  const unread = items.filter((n) => !n.read);
  const busyOn = (ids: string[]) => markRead.isPending && JSON.stringify(markRead.variables) === JSON.stringify(ids);

  return (
    <Stack gap="md" maw={900}>
      <PageHeader
        title={t('notif.title')}
        actions={
          unread.length > 0 && (
            <Button variant="light" onClick={() => markRead.mutate(unread.map((n) => n.id))} loading={busyOn(unread.map((n) => n.id))} data-testid="notif-read-all">
              {t('notif.markAllRead')}
            </Button>
          )
        }
      >
        {last && (
          <Text c="dimmed" aria-live="polite" data-testid="notif-unread">
            {t('notif.unreadCount', { count: formatNumber(last.unread) })}
          </Text>
        )}
      </PageHeader>
      {markRead.error && <ErrorAlert error={markRead.error} />}
      {query.error && !query.data && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <PageLoader />}
      {query.data && items.length === 0 && <Text c="dimmed">{t('notif.empty')}</Text>}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notif-list">
          {items.map((n) => (
            <NotificationCard key={n.id} n={n} onRead={(ids) => markRead.mutate(ids)} busy={busyOn([n.id])} />
          ))}
        </Stack>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="notif-more">
            {t('notif.more')}
          </Button>
        </Group>
      )}
      <SettingsForm />
    </Stack>
  );
}
