import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { twinningApi, type PairDetail, type PairStatus } from '../../../../contracts/twinning';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { showServerErrors, useDraftForm } from '../../lib/form';
import { useApiMutation } from '../../lib/query';

type Action = 'pause' | 'resume' | 'end';
const ACTION_STATUS: Record<Action, PairStatus> = { pause: 'paused', resume: 'active', end: 'ended' };

/** Pause, resume or end a pair (a reason is needed to pause or end). Shown when the pair's `can.changeStatus`. */
export function StatusActions({ pair }: { pair: PairDetail }) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action | null>(null);
  const schema = useMemo(
    () => z.object({ reason: z.string() }).refine((v) => action === 'resume' || v.reason.trim().length > 0, { path: ['reason'], message: t('tw.action.reasonRequired') }),
    [action, t],
  );
  const { form } = useDraftForm<{ reason: string }>({ draftKey: null, initialValues: { reason: '' } });
  const change = useApiMutation(
    (vars: { action: Action; reason: string }) => call(twinningApi.setPairStatus, { params: { id: pair.id }, body: { status: ACTION_STATUS[vars.action], reason: vars.reason.trim() || null } }),
    {
      domains: [twinningApi.setPairStatus.tags[0]],
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('tw.action.done') });
        setAction(null);
        form.reset();
      },
    },
  );
  const actions: Action[] = pair.status === 'active' ? ['pause', 'end'] : pair.status === 'paused' ? ['resume', 'end'] : [];
  if (!actions.length) return null;

  // the reason rule depends on the action chosen, so validate here rather than through the form's resolver
  const submit = () => {
    if (!action) return;
    const r = schema.safeParse(form.getValues());
    if (!r.success) {
      form.setErrors(Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    change.mutate({ action, reason: form.getValues().reason }, { onError: (err) => showServerErrors(form, err) });
  };

  return (
    <>
      <Group gap="xs">
        {actions.map((a) => (
          <Button key={a} size="xs" variant="light" color={a === 'end' ? 'red' : a === 'pause' ? 'orange' : 'green'} onClick={() => setAction(a)} data-testid={`pair-${a}`}>
            {t(`tw.action.${a}`)}
          </Button>
        ))}
      </Group>
      <Modal opened={!!action} onClose={() => setAction(null)} title={action ? t('tw.action.title', { action: t(`tw.action.${action}`), pair: `${pair.hanoiSide} – ${pair.borderSchoolName}` }) : ''}>
        <Stack gap="sm">
          {change.error && <ErrorAlert error={change.error} />}
          {action === 'end' && <Alert color="red">{t('tw.action.endWarning')}</Alert>}
          <Textarea label={t('tw.action.reason')} required={action !== 'resume'} autosize minRows={2} maxLength={1000} {...form.getInputProps('reason')} data-testid="pair-status-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={action === 'end' ? 'red' : undefined} loading={change.isPending} onClick={submit} data-testid="pair-status-submit">
              {action ? t(`tw.action.${action}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
