import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { NEED_ACTIONS, resourcesApi, type NeedAction, type NeedDetail } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { needActions } from '../permissions';
import { useResourceMutation } from '../queries';
import { ACTION_COLORS, ActionModal, ASKS_FIRST } from './ActionModal';

/** The lifecycle buttons the server allows on this need now; those asking for a reason open a dialog. */
export function NeedActions({ n }: { n: NeedDetail }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<NeedAction | null>(null);
  const run = useResourceMutation((a: NeedAction) => resourcesApi.needs.transition(n.id, a), {
    onSuccess: (_, a) => notifications.show({ color: 'green', message: t(`need.done.${a}`) }),
  });
  const actions = needActions(n, NEED_ACTIONS);
  if (!actions.length) return null;
  return (
    <Card withBorder component="section" aria-label={t('need.actions')}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('need.actions')}
        </Text>
        {run.error && <ErrorAlert error={run.error} />}
        <Group gap="xs" wrap="wrap">
          {actions.map((a) => (
            <Button
              key={a}
              color={ACTION_COLORS[a]}
              variant={a === 'withdraw' || a === 'return' ? 'light' : 'filled'}
              loading={run.isPending && run.variables === a}
              onClick={() => (ASKS_FIRST.includes(a) ? setAsking(a) : run.mutate(a))}
              data-testid={`need-action-${a}`}
            >
              {t(`need.action.${a}`)}
            </Button>
          ))}
        </Group>
      </Stack>
      {asking && <ActionModal need={n} action={asking} onClose={() => setAsking(null)} />}
    </Card>
  );
}
