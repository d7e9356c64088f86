/**
 * What only the forms and dialogs of the resource pages share (a reason dialog): kept
 * out of ./shared so that the public lists and cards do not download dialogs, text areas and file
 * inputs on a weak line.
 */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n';

export { EVIDENCE_ACCEPT, IMAGE_ACCEPT } from '../../components/FilesField';

/**
 * A dialog that asks for a reason before an action (return a need, cancel a contribution, reject
 * a donor). It keeps the text and checks it is given when required; the caller does the action.
 */
export function ReasonModal({ title, intro, required = true, color, confirmLabel, busy, textTestId, confirmTestId, onClose, onConfirm, children }: {
  title: string; intro?: ReactNode; required?: boolean; color: string; confirmLabel: string; busy: boolean;
  textTestId: string; confirmTestId: string; onClose: () => void; onConfirm: (reason: string) => void | Promise<void>; children?: ReactNode;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        {children}
        {intro && <Text size="sm">{intro}</Text>}
        <Textarea
          label={t('need.reason')}
          required={required}
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-testid={textTestId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={color}
            loading={busy}
            data-testid={confirmTestId}
            onClick={() => (required && !reason.trim() ? setError(t('need.reasonRequired')) : onConfirm(reason.trim()))}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
