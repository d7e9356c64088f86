import { Button, Card, Checkbox, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { NOTIFICATION_KINDS, notificationsApi, type NotificationKind, type NotificationSettings } from '../../../../contracts/notifications';
import { call } from '../../api/call';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { useApi, useApiMutation } from '../../lib/query';

/** The account's notification settings: which kinds are e-mailed, and a daily digest instead. */
export function SettingsForm() {
  const q = useApi(notificationsApi.settings, {});
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoader />;
  return <SettingsFields initial={q.data} />;
}

type Values = { digest: boolean; emailed: string[] };

function SettingsFields({ initial }: { initial: NotificationSettings }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const initialValues: Values = { digest: initial.digest, emailed: NOTIFICATION_KINDS.filter((k) => !initial.emailOff.includes(k)) };
  // the draft is the account's own: another account signed in on this device does not get it
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Values>({ draftKey: `kn.draft.notif-settings.${user?.id ?? 'anon'}`, initialValues });
  // the draft goes as soon as the server has the settings, not after the settings are read again
  // (a reload in between would otherwise offer the saved choices back as a draft)
  const save = useApiMutation(
    async ({ body, values }: { body: NotificationSettings; values: Values }) => {
      const saved = await call(notificationsApi.saveSettings, { body });
      clearDraft(values);
      return saved;
    },
    { domains: [notificationsApi.settings.tags[0]], onSuccess: () => notifications.show({ color: 'green', message: t('notif.set.saved') }) },
  );
  const submit = form.onSubmit((v) => {
    const body = { digest: v.digest, emailOff: NOTIFICATION_KINDS.filter((k) => !v.emailed.includes(k)) as NotificationKind[] };
    save.mutate({ body, values: v });
  });
  return (
    <Card withBorder padding="md" component="form" data-testid="notif-settings" onSubmit={submit}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('notif.set.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('notif.set.intro')}
        </Text>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initialValues)} />}
        <Switch label={t('notif.set.digest')} {...form.getInputProps('digest', { type: 'checkbox' })} data-testid="notif-digest" />
        <Checkbox.Group label={t('notif.set.kinds')} {...form.getInputProps('emailed')} data-testid="notif-kinds">
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
