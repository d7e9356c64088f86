import { ActionIcon, Indicator } from '@mantine/core';
import { useEffect } from 'react';
import { notificationsApi } from '../../../../contracts/notifications';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Link, useRouter } from '../../lib/router';

/**
 * The header bell with the unread count. It asks the server gently: when the page changes, when
 * the tab comes back into view, and whenever notifications are marked read (their domain is
 * refreshed by the write).
 */
export function NotificationBell({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { location } = useRouter();
  const count = useApi(notificationsApi.list, { query: { limit: 1 } }, { enabled: !!user, staleTime: 0, refetchOnWindowFocus: true, retry: false });
  const { refetch } = count;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page is the cue to recount
  useEffect(() => {
    if (user) void refetch();
  }, [user, location.pathname, refetch]);

  if (!user) return null;
  // the count is a convenience: the last one known stays when the line drops
  const unread = count.data?.unread ?? 0;
  const label = unread > 0 ? t('notif.bellUnread', { count: formatNumber(unread) }) : t('notif.bell');
  return (
    <Indicator label={unread > 99 ? '99+' : formatNumber(unread)} size={16} color="red" disabled={unread === 0} offset={4} inline>
      <ActionIcon
        component={Link}
        href="/thong-bao"
        variant={location.pathname === '/thong-bao' ? 'light' : 'subtle'}
        size="lg"
        aria-label={label}
        title={label}
        data-testid="notif-bell"
        data-unread={unread}
        onClick={onNavigate}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
