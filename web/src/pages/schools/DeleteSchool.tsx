import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { schoolsApi, type School } from '../../../../contracts/schools';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useApiMutation } from '../../lib/query';
import { useNavigate } from '../../lib/router';

/** "Delete this school?" and the deletion. */
export function DeleteSchool({ school, opened, onClose }: { school: School; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const remove = useApiMutation(() => call(schoolsApi.remove, { params: { id: school.id } }), {
    domains: [schoolsApi.remove.tags[0]],
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('school.deleted', { name: school.name }) });
      navigate('/truong-hoc');
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('school.delete')}>
      <Stack>
        <Text>{t('school.deleteConfirm', { name: school.name })}</Text>
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} data-testid="school-delete-confirm" onClick={() => remove.mutate(undefined)}>
            {t('school.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
