import { Button, FileInput, Progress, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps } from 'react';
import { resourcesApi } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useResourceMutation } from '../queries';
import { checkImages, IMAGE_ACCEPT } from '../shared';

/** Add photos to a need, with upload progress. */
export function AddPhotos({ needId }: { needId: string }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [err, setErr] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useResourceMutation((f: File[]) => resourcesApi.needs.addPhotos(needId, f, setProgress).finally(() => setProgress(null)), {
    onSuccess: () => {
      setFiles([]);
      notifications.show({ color: 'green', message: t('need.photos.added') });
    },
  });
  return (
    <Stack gap="xs">
      <FileInput
        label={t('need.photos.add')}
        description={t('need.photos.help')}
        placeholder={t('need.photos.pick')}
        multiple
        accept={IMAGE_ACCEPT}
        value={files}
        onChange={(f) => {
          setFiles(f);
          setErr(checkImages(f, t));
        }}
        clearable
        error={err}
        fileInputProps={{ 'data-testid': 'need-photos-input', 'aria-label': t('need.photos.add') } as ComponentProps<'input'>}
      />
      {upload.error && <ErrorAlert error={upload.error} />}
      {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
      <div>
        <Button
          size="xs"
          variant="light"
          disabled={!files.length || !!err}
          loading={upload.isPending}
          data-testid="need-photos-upload"
          onClick={() => {
            setProgress(0);
            upload.mutate(files);
          }}
        >
          {t('need.photos.upload')}
        </Button>
      </div>
    </Stack>
  );
}
