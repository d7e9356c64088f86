import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FocalPointInput, twinningApi, type FocalPoint } from '../../../../contracts/twinning';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { showServerErrors, useDraftForm } from '../../lib/form';
import { useApiMutation } from '../../lib/query';

/** A Department edits its own focal point for the programme: a role, its office and the office's contact (never a person's name). */
export function FocalPointForm({ focal, onClose }: { focal: FocalPoint; onClose: () => void }) {
  const { t } = useI18n();
  const initial = { roleTitle: focal.roleTitle, unit: focal.unit ?? '', contact: focal.contact ?? '' };
  const { form, clearDraft } = useDraftForm({ draftKey: `focal-point-${focal.departmentId}`, initialValues: initial, schema: FocalPointInput });
  const save = useApiMutation(
    (v: typeof initial) => call(twinningApi.saveFocalPoint, { params: { id: focal.departmentId }, body: { roleTitle: v.roleTitle, unit: v.unit.trim() || null, contact: v.contact.trim() || null } }),
    {
      domains: [twinningApi.saveFocalPoint.tags[0]],
      onSuccess: () => {
        clearDraft();
        notifications.show({ color: 'green', message: t('tw.focal.saved') });
        onClose();
      },
    },
  );
  return (
    <Modal opened onClose={onClose} title={t('tw.focal.editTitle', { department: focal.department })}>
      <form data-testid="focal-form" onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate>
        <Stack gap="sm">
          <TextInput label={t('tw.focal.roleTitle')} description={t('tw.focal.roleHelp')} required {...form.getInputProps('roleTitle')} key={form.key('roleTitle')} data-testid="focal-role" />
          <TextInput label={t('tw.focal.unit')} {...form.getInputProps('unit')} key={form.key('unit')} data-testid="focal-unit" />
          <TextInput label={t('tw.focal.contact')} description={t('tw.focal.contactHelp')} {...form.getInputProps('contact')} key={form.key('contact')} data-testid="focal-contact" />
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="focal-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="focal-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
