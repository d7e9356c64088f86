import { Button, Progress, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, } from 'react';
import { resourcesApi } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { FilesField, IMAGE_ACCEPT, useFiles } from '../../../components/FilesField';
import { useI18n } from '../../../i18n';
import { useResourceMutation } from '../queries';

/** Add photos to a need, with upload progress. */
export function AddPhotos({ needId }: { needId: string }) {
  const { t } = useI18n();
  const files = useFiles();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useResourceMutation((f: File[]) => resourcesApi.needs.addPhotos(needId, f, setProgress).finally(() => setProgress(null)), {
    onSuccess: () => {
      files.clear();
      notifications.show({ color: 'green', message: t('need.photos.added') });
    },
  });
  return (
    <Stack gap="xs">
      <FilesField state={files} label={t('need.photos.add')} description={t('need.photos.help')} accept={IMAGE_ACCEPT} inputTestId="need-photos-input" />
      {upload.error && <ErrorAlert error={upload.error} />}
      {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
      <div>
        <Button
          size="xs"
          variant="light"
          disabled={!files.files.length || !!files.error}
          loading={upload.isPending}
          data-testid="need-photos-upload"
          onClick={() => {
            setProgress(0);
            // a refused photo is marked by name; the others stay for sending again
            if (files.check()) upload.mutate(files.files, { onError: (e) => files.fromServer(e) });
          }}
        >
          {t('need.photos.upload')}
        </Button>
      </div>
    </Stack>
  );
}
