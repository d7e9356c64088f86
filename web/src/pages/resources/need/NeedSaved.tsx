import { Alert, Button, Card, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { resourcesApi, type Need } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { Link, useNavigate } from '../../../lib/router';
import { useResourceMutation } from '../queries';

/** After saving: send the need to the Department now, or open it. */
export function NeedSaved({ saved, editing, uploadError }: { saved: Need; editing: boolean; uploadError: Error | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const submit = useResourceMutation(() => resourcesApi.needs.transition(saved.id, 'submit'), {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('need.done.submit') });
      navigate(`/nhu-cau/${saved.id}`);
    },
  });
  const error = submit.error ?? uploadError;
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{editing ? t('need.form.editTitle') : t('need.form.title')}</Title>
      <Card withBorder data-testid="need-saved">
        <Stack>
          <Alert color="green" title={t('need.form.savedTitle')}>
            {t('need.form.savedText', { title: saved.title })}
          </Alert>
          {error && <ErrorAlert error={error} />}
          <Group gap="sm" wrap="wrap">
            <Button loading={submit.isPending} data-testid="need-submit" onClick={() => submit.mutate(undefined)}>
              {t('need.action.submit')}
            </Button>
            <Button component={Link} href={`/nhu-cau/${saved.id}`} variant="default" data-testid="need-open-saved">
              {t('need.form.openSaved')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
