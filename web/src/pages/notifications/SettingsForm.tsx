import { Button, Card, Checkbox, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { NOTIFICATION_KINDS, notificationsApi, type NotificationKind, type NotificationSettings } from '../../../../contracts/notifications';
import { call } from '../../api/call';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useApi, useApiMutation } from '../../lib/query';

/** The account's notification settings: which kinds are e-mailed, and a daily digest instead. */
export function SettingsForm() {
  const q = useApi(notificationsApi.settings, {});
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoader />;
  return <SettingsFields initial={q.data} />;
}

function SettingsFields({ initial }: { initial: NotificationSettings }) {
  const { t } = useI18n();
  const [digest, setDigest] = useState(initial.digest);
  const [emailed, setEmailed] = useState<string[]>(NOTIFICATION_KINDS.filter((k) => !initial.emailOff.includes(k)));
  const save = useApiMutation((body: NotificationSettings) => call(notificationsApi.saveSettings, { body }), {
    domains: [notificationsApi.settings.tags[0]],
    onSuccess: () => notifications.show({ color: 'green', message: t('notif.set.saved') }),
  });
  return (
    <Card withBorder padding="md" component="form" data-testid="notif-settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ digest, emailOff: NOTIFICATION_KINDS.filter((k) => !emailed.includes(k)) as NotificationKind[] });
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('notif.set.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('notif.set.intro')}
        </Text>
        <Switch label={t('notif.set.digest')} checked={digest} onChange={(e) => setDigest(e.currentTarget.checked)} data-testid="notif-digest" />
        <Checkbox.Group label={t('notif.set.kinds')} value={emailed} onChange={setEmailed} data-testid="notif-kinds">
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
            {NOTIFICATION_KINDS.map((k) => (
              <Checkbox key={k} value={k} label={t(`notif.kind.${k}`)} data-testid={`notif-kind-${k}`} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {save.error && <ErrorAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="notif-settings-save">
            {t('notif.set.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
