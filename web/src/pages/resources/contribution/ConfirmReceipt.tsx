import { Button, Card, Group, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { resourcesApi, type ContributionDetail } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { EVIDENCE_ACCEPT, FilesField, useFiles } from '../../../components/FilesField';
import { useI18n } from '../../../i18n';
import { useResourceMutation } from '../queries';

/** The school confirms receipt with evidence (a photo or a signed record). */
export function ConfirmReceipt({ c }: { c: ContributionDetail }) {
  const { t } = useI18n();
  const files = useFiles({ pdf: true, maxMb: 10 });
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const confirm = useResourceMutation(
    () => resourcesApi.contributions.transition(c.id, 'confirm', { note: note.trim(), files: files.files }, setProgress).finally(() => setProgress(null)),
    {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('pledge.done.confirm') });
        files.clear();
        setNote('');
      },
    },
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!files.check(t('pledge.confirm.fileRequired'))) return;
    setProgress(0);
    // a refused file is marked by name; the others and the note stay for sending again
    confirm.mutate(undefined, { onError: (err) => files.fromServer(err) });
  }

  return (
    <Card withBorder component="section" aria-labelledby="confirm-title">
      <form onSubmit={submit} noValidate data-testid="contribution-confirm-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="confirm-title">
            {t('pledge.confirm.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('pledge.confirm.help')}
          </Text>
          {confirm.error && <ErrorAlert error={confirm.error} />}
          <FilesField
            state={files}
            label={t('pledge.confirm.files')}
            description={t('pledge.confirm.filesHelp')}
            required
            accept={EVIDENCE_ACCEPT}
            data-testid="contribution-confirm-file-button"
            inputTestId="contribution-confirm-file"
          />
          <Textarea label={t('pledge.confirm.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="contribution-confirm-note" />
          {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
          <Group justify="flex-end">
            <Button type="submit" color="teal" loading={confirm.isPending} data-testid="contribution-confirm-submit">
              {t('pledge.action.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
