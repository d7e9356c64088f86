import { Alert, Badge, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../api';
import type { AreaFlag, SchoolLevel } from '../api/types';
import { useT } from '../i18n';
import { currentHref, Link } from '../lib/router';

export const FLAG_COLORS: Record<AreaFlag, string> = {
  border: 'red',
  island: 'cyan',
  ethnic_minority: 'grape',
  extremely_difficult: 'orange',
  industrial_zone: 'gray',
};

export const LEVEL_COLORS: Record<SchoolLevel, string> = {
  mam_non: 'pink',
  tieu_hoc: 'teal',
  thcs: 'blue',
  thpt: 'indigo',
  lien_cap: 'violet',
  gdtx: 'lime',
  ptdtnt: 'orange',
  ptdtbt: 'yellow',
};

export function LevelBadges({ levels }: { levels: readonly SchoolLevel[] }) {
  const t = useT();
  return (
    <Group gap={4} wrap="wrap">
      {levels.map((l) => (
        <Badge key={l} color={LEVEL_COLORS[l]} variant="light" size="sm" radius="sm" style={{ textTransform: 'none', overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
          {t(`level.${l}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function FlagBadges({ flags }: { flags: readonly AreaFlag[] }) {
  const t = useT();
  if (!flags.length) return null;
  return (
    <Group gap={4} wrap="wrap">
      {flags.map((f) => (
        <Badge key={f} color={FLAG_COLORS[f]} variant="outline" size="sm" radius="sm" style={{ textTransform: 'none', overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
          {t(`flag.${f}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function PageLoader() {
  const t = useT();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{t('app.loading')}</Text>
      </Group>
    </Center>
  );
}

/** Shows an API error in Vietnamese (the server's title/detail), or a network message. */
export function ErrorAlert({ error, onRetry, title }: { error: ApiError | Error; onRetry?: () => void; title?: ReactNode }) {
  const t = useT();
  const api = error as Partial<ApiError>;
  let heading: ReactNode = title ?? t('common.error');
  let body: ReactNode = error.message;
  if (api.status === 0) body = t('common.networkError');
  else if (api.status === 401) body = api.detail ?? t('common.signInRequired');
  else if (api.status === 403) body = api.detail ?? t('common.forbidden');
  else if (api.title && api.detail) {
    heading = title ?? api.title;
    body = api.detail;
  } else if (api.title) body = api.title;
  return (
    <Alert color="red" title={heading} role="alert">
      <Stack gap="xs">
        <Text size="sm">{body}</Text>
        {api.status === 401 && (
          <div>
            <Button component={Link} href={signInHref()} size="xs" variant="light">
              {t('nav.signIn')}
            </Button>
          </div>
        )}
        {onRetry && api.status !== 401 && api.status !== 403 && (
          <div>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

/** The sign-in page, returning to the current page afterwards. */
export function signInHref(): string {
  const here = currentHref();
  if (here.startsWith('/dang-nhap')) return '/dang-nhap';
  return `/dang-nhap?tiep=${encodeURIComponent(here)}`;
}

/** A blue notice asking the visitor to sign in, with a button to the sign-in page. */
export function SignInPrompt({ message, testId }: { message?: ReactNode; testId?: string }) {
  const t = useT();
  return (
    <Alert color="blue" data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm">{message ?? t('common.signInRequired')}</Text>
        <div>
          <Button component={Link} href={signInHref()} size="xs">
            {t('nav.signIn')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

/**
 * The top of a page: its title with a dimmed help text and/or other lines under it (children), and
 * controls (filters, exports, links) on the right, wrapping under it on narrow screens.
 */
export function PageHeader({ title, help, helpWidth = 760, actions, children }: { title: ReactNode; help?: ReactNode; helpWidth?: number; actions?: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap">
      <div>
        <Title order={1}>{title}</Title>
        {help !== undefined && (
          <Text c="dimmed" maw={helpWidth}>
            {help}
          </Text>
        )}
        {children}
      </div>
      {actions}
    </Group>
  );
}

/** The foot of a form kept as a draft: the "draft saved" note on the left, the buttons on the right. */
export function DraftFormFooter({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <Group justify="space-between" wrap="wrap">
      <Text size="xs" c="dimmed">
        {t('form.draftSaved')}
      </Text>
      {children}
    </Group>
  );
}
