import { Button, Card, FileInput, Group, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { resourcesApi, type ContributionDetail } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useResourceMutation } from '../queries';
import { checkImages, EVIDENCE_ACCEPT } from '../shared';

/** The school confirms receipt with evidence (a photo or a signed record). */
export function ConfirmReceipt({ c }: { c: ContributionDetail }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const confirm = useResourceMutation(
    () => resourcesApi.contributions.transition(c.id, 'confirm', { note: note.trim(), files }, setProgress).finally(() => setProgress(null)),
    {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('pledge.done.confirm') });
        setFiles([]);
        setNote('');
      },
    },
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!files.length) return setFileError(t('pledge.confirm.fileRequired'));
    const err = checkImages(files, t, { pdf: true, maxMb: 10 });
    if (err) return setFileError(err);
    setProgress(0);
    confirm.mutate(undefined);
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
          <FileInput
            label={t('pledge.confirm.files')}
            description={t('pledge.confirm.filesHelp')}
            placeholder={t('need.photos.pick')}
            multiple
            required
            accept={EVIDENCE_ACCEPT}
            value={files}
            onChange={(f) => {
              setFiles(f);
              setFileError(null);
            }}
            clearable
            error={fileError}
            data-testid="contribution-confirm-file-button"
            fileInputProps={{ 'data-testid': 'contribution-confirm-file', 'aria-label': t('pledge.confirm.files') } as ComponentProps<'input'>}
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
