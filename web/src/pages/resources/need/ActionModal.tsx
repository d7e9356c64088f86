import { Button, Group, Modal, Progress, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { resourcesApi, type NeedAction, type NeedDetail } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { EVIDENCE_ACCEPT, FilesField, useFiles } from '../../../components/FilesField';
import { useI18n } from '../../../i18n';
import { useResourceMutation } from '../queries';

export const ACTION_COLORS: Record<NeedAction, string> = { submit: 'blue', verify: 'teal', return: 'orange', publish: 'blue', accept: 'green', close: 'gray', withdraw: 'red' };
/** Actions that ask for something first: a reason, or the acceptance record with its evidence. */
export const ASKS_FIRST: NeedAction[] = ['return', 'withdraw', 'accept'];

/** Return or withdraw a need (with a reason), or accept it (a note and the evidence). */
export function ActionModal({ need, action, onClose }: { need: NeedDetail; action: NeedAction; onClose: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const files = useFiles({ pdf: true, maxMb: 10 });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const reason = action === 'return' || action === 'withdraw';
  const accept = action === 'accept';
  const run = useResourceMutation(
    () => resourcesApi.needs.transition(need.id, action, reason ? { reason: text.trim() } : { note: text.trim(), files: files.files }, setProgress).finally(() => setProgress(null)),
    {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t(`need.done.${action}`) });
        onClose();
      },
    },
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason && !text.trim()) return setFieldError(t('need.reasonRequired'));
    if (accept) {
      if (!files.check(!need.acceptanceEvidence.length && t('need.accept.evidenceRequired'))) return;
    }
    setProgress(0);
    // a refused file is marked by name; the others and the note stay for sending again
    run.mutate(undefined, { onError: (err) => files.fromServer(err) });
  }

  return (
    <Modal opened onClose={onClose} title={t(`need.action.${action}`)} data-testid={`need-modal-${action}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {run.error && <ErrorAlert error={run.error} />}
          <Textarea
            label={reason ? t('need.reason') : t('need.accept.note')}
            required={reason}
            autosize
            minRows={3}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setFieldError(null);
            }}
            error={!accept ? fieldError : undefined}
            data-testid="need-action-text"
          />
          {accept && (
            <FilesField
              state={files}
              label={t('need.accept.files')}
              description={t('need.accept.filesHelp')}
              accept={EVIDENCE_ACCEPT}
              inputTestId="need-accept-files"
            />
          )}
          {progress !== null && files.files.length > 0 && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={ACTION_COLORS[action]} loading={run.isPending} data-testid="need-action-confirm">
              {t(`need.action.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
