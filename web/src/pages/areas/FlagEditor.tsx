import { Button, Checkbox, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { areasApi, type Area } from '../../../../contracts/areas';
import type { AreaFlag } from '../../../../contracts/common';
import { schoolsApi } from '../../../../contracts/schools';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { useApiMutation } from '../../lib/query';
import { AREA_FLAGS } from '../../lib/vocab';

/** An administrator sets the flags (border, island …) of one unit. */
export function FlagEditor({ area, onClose }: { area: Area; onClose: () => void }) {
  const { t } = useI18n();
  const [flags, setFlags] = useState<AreaFlag[]>(area.flags);
  const save = useApiMutation(() => call(areasApi.setFlags, { params: { code: area.code }, body: { flags } }), {
    domains: [areasApi.setFlags.tags[0], schoolsApi.get.tags[0]],
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('areas.flagsSaved', { name: area.name }) });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('areas.editFlagsTitle', { name: area.fullName || area.name })}>
      <Stack>
        <Checkbox.Group value={flags} onChange={(v) => setFlags(v as AreaFlag[])} label={t('areas.col.flags')}>
          <Stack gap="xs" mt="xs">
            {AREA_FLAGS.map((f) => (
              <Checkbox key={f} value={f} label={t(`flag.${f}`)} data-testid={`flag-${f}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            data-testid="flags-save"
            onClick={() => save.mutate(undefined)}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

