import { Alert, Badge, Button, Card, Group, Spoiler, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError, notificationsApi, type NotificationItem } from '../../api';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { announceNotificationsChanged } from './NotificationBell';

export default function NotificationsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const list = useAsync((signal) => notificationsApi.list(signal), [user?.id], !!user);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  if (user === undefined) return <PageLoader />;
  if (!user)
    return (
      <Stack>
        <Title order={1}>{t('notif.title')}</Title>
        <Alert color="blue">
          <Stack gap="xs">
            <Text size="sm">{t('common.signInRequired')}</Text>
            <div>
              <Button component={Link} href={signInHref()} size="xs">
                {t('nav.signIn')}
              </Button>
            </div>
          </Stack>
        </Alert>
      </Stack>
    );

  async function markRead(items: NotificationItem[], id: string) {
    setBusy(id);
    setError(null);
    try {
      for (const n of items) await notificationsApi.markRead(n.id);
      if (list.data) {
        const ids = new Set(items.map((n) => n.id));
        const next = list.data.items.map((n) => (ids.has(n.id) ? { ...n, read: true } : n));
        list.setData({ unread: next.filter((n) => !n.read).length, items: next });
      }
      announceNotificationsChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) }));
    } finally {
      setBusy(null);
    }
  }

  const unread = list.data?.items.filter((n) => !n.read) ?? [];

  return (
    <Stack gap="md" maw={900}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('notif.title')}</Title>
          {list.data && (
            <Text c="dimmed" aria-live="polite" data-testid="notif-unread">
              {t('notif.unreadCount', { count: formatNumber(list.data.unread) })}
            </Text>
          )}
        </div>
        {unread.length > 0 && (
          <Button variant="light" onClick={() => markRead(unread, 'all')} loading={busy === 'all'} data-testid="notif-read-all">
            {t('notif.markAllRead')}
          </Button>
        )}
      </Group>
      {error && <ErrorAlert error={error} />}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <PageLoader />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('notif.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="notif-list">
          {list.data.items.map((n) => (
            <Card key={n.id} component="li" withBorder padding="sm" data-testid="notif-item" data-read={n.read} style={n.read ? undefined : { borderLeft: '4px solid var(--mantine-color-blue-6)' }}>
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
                  {n.link && n.link.startsWith('/') && (
                    <Button
                      component={Link}
                      href={n.link}
                      size="xs"
                      variant="light"
                      onClick={() => {
                        if (!n.read) void notificationsApi.markRead(n.id).then(announceNotificationsChanged, () => undefined);
                      }}
                    >
                      {t('notif.open')}
                    </Button>
                  )}
                  {!n.read && (
                    <Button size="xs" variant="subtle" onClick={() => markRead([n], n.id)} loading={busy === n.id} data-testid="notif-read">
                      {t('notif.markRead')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
