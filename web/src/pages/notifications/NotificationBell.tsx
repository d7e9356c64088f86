import { ActionIcon, Indicator } from '@mantine/core';
import { useEffect, useState } from 'react';
import { notificationsApi } from '../../api';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAuth } from '../../lib/auth';
import { Link, useRouter } from '../../lib/router';

/** Fired by the notifications page after marking something read, so the bell recounts. */
export const NOTIFICATIONS_CHANGED = 'kn:notifications-changed';

export function announceNotificationsChanged() {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

/**
 * The header bell with the unread count. It asks the server gently: when the page changes,
 * when the tab comes back into view and when the notifications page marks something read.
 */
export function NotificationBell({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { location } = useRouter();
  const [unread, setUnread] = useState(0);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const bump = () => setTick((n) => n + 1);
    const onVisible = () => {
      if (document.visibilityState === 'visible') bump();
    };
    window.addEventListener(NOTIFICATIONS_CHANGED, bump);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener(NOTIFICATIONS_CHANGED, bump);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  useEffect(() => {
    if (!user) {
      setUnread(0);
      return;
    }
    const ctrl = new AbortController();
    notificationsApi
      .list(ctrl.signal)
      .then((r) => setUnread(r.unread))
      .catch(() => {
        /* the count is a convenience: keep the last one when the line drops */
      });
    return () => ctrl.abort();
  }, [user, location.pathname, tick]);

  if (!user) return null;
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
