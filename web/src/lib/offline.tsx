/**
 * The service worker (web/public/sw.js) that keeps the app shell for later visits on weak lines,
 * and what the page does when the shell it runs is no longer the deployed one.
 */
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useI18n } from '../i18n';

const RELOADED_AT = 'kn.reloadedAt';

/** Register the service worker once the page has loaded (it never competes with the first paint). */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
  // a page of an older deployment asks for a chunk the server no longer has: load the current
  // shell instead (at most once a minute, so a broken server cannot make a reload loop)
  window.addEventListener('vite:preloadError', (event) => {
    let last = 0;
    try {
      last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
      if (Date.now() - last < 60_000) return;
      sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    } catch {
      return;
    }
    event.preventDefault();
    window.location.reload();
  });
}

/** Tells the reader when a newer version was deployed while the page was open, with a reload button. */
export function ShellUpdates() {
  const { t } = useI18n();
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { type?: string } | null)?.type !== 'kn-shell-updated') return;
      notifications.show({
        id: 'kn-shell-updated',
        autoClose: false,
        message: (
          <>
            <Text size="sm">{t('app.updated')}</Text>
            <Button size="xs" mt={6} onClick={() => window.location.reload()} data-testid="app-reload">
              {t('app.reload')}
            </Button>
          </>
        ),
      });
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [t]);
  return null;
}
