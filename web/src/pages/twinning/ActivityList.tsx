import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, } from 'react';
import { twinningApi, type PairActivity } from '../../../../contracts/twinning';
import { apiUrl } from '../../api';
import { callForm } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useDraftForm } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { FilesField, useFiles } from '../../components/FilesField';
import { ACCEPT_EVIDENCE, EVIDENCE_RULES, formatVnd, KindBadge, subKindLabel } from './shared';

/** The receiving school confirms an activity, with a photo or a handover record for a material support. */
function ConfirmButton({ activity }: { activity: PairActivity }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { form } = useDraftForm<{ note: string }>({ draftKey: null, initialValues: { note: '' } });
  const files = useFiles(EVIDENCE_RULES);
  const confirm = useApiMutation(() => callForm(twinningApi.confirmActivity, { params: { id: activity.id }, fields: { note: form.getValues().note.trim() || undefined }, files: files.files }), {
    domains: [twinningApi.confirmActivity.tags[0]],
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('tw.act.confirmDone') });
      setOpen(false);
    },
  });

  function submit() {
    // a refused file is marked by name; the others and the note stay for sending again
    if (files.check()) confirm.mutate(undefined, { onError: (err) => files.fromServer(err) });
  }

  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)} data-testid="activity-confirm">
        {t('tw.act.confirm')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('tw.act.confirmTitle', { title: activity.title })}>
        <Stack gap="sm" data-testid="confirm-form">
          <Text size="sm" c="dimmed">
            {t('tw.act.confirmHelp')}
          </Text>
          {confirm.error && <ErrorAlert error={confirm.error} />}
          <Textarea label={t('tw.act.confirmNote')} autosize minRows={2} maxLength={1000} {...form.getInputProps('note')} data-testid="confirm-note" />
          <FilesField state={files} label={t('tw.act.confirmPhoto')} placeholder={t('tw.form.filesPlaceholder')} accept={ACCEPT_EVIDENCE} inputTestId="confirm-photo" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={confirm.isPending} onClick={submit} data-testid="confirm-submit">
              {t('tw.act.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ConfirmedBadge({ a }: { a: PairActivity }) {
  const { t } = useI18n();
  return (
    <Badge
      color={a.confirmed ? 'green' : 'gray'}
      variant={a.confirmed ? 'light' : 'outline'}
      radius="sm"
      style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
      title={a.confirmed && a.confirmedAt ? formatDateTime(a.confirmedAt) : undefined}
      data-testid="activity-confirmed"
      data-confirmed={a.confirmed ? 'true' : 'false'}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(a.confirmed ? 'tw.act.confirmed' : 'tw.act.unconfirmed')}
    </Badge>
  );
}

function ActivityTitle({ a }: { a: PairActivity }) {
  const { t } = useI18n();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {a.title}
      </Text>
      <Text size="xs" c="dimmed">
        {subKindLabel(t, a.subKind)}
        {a.mode ? ` · ${t(`tw.mode.${a.mode}`)}` : ''} · {t('tw.act.loggedBy', { name: a.loggedByName })}
      </Text>
      {a.description && <Text size="xs">{a.description}</Text>}
      {a.confirmationNote && (
        <Text size="xs" c="green.9">
          {t('tw.act.confirmNoteShown', { note: a.confirmationNote })}
        </Text>
      )}
    </Stack>
  );
}

function Files({ a }: { a: PairActivity }) {
  if (!a.files.length) return <>—</>;
  return (
    <Stack gap={2}>
      {a.files.map((f) => (
        <Anchor key={f.id} href={apiUrl(`/files/${encodeURIComponent(f.id)}`)} target="_blank" rel="noopener" size="xs" style={{ wordBreak: 'break-all' }}>
          {f.name}
        </Anchor>
      ))}
    </Stack>
  );
}

/** The pair's activities: a table (cards on a phone), with "confirm" where the server allows it. */
export function ActivityList({ activities }: { activities: PairActivity[] }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  if (!activities.length) return <Text size="sm" c="dimmed">{t('tw.act.empty')}</Text>;
  const participants = (a: PairActivity) => t('tw.act.participants', { teachers: formatNumber(a.teachers), pupils: formatNumber(a.pupils) });
  if (phone) {
    return (
      <Stack gap="sm" data-testid="activities">
        {activities.map((a) => (
          <Card key={a.id} withBorder padding="sm" data-testid="activity-row" data-activity-id={a.id} data-subkind={a.subKind}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {formatDate(a.heldOn)}
                </Text>
                <KindBadge kind={a.kind} />
              </Group>
              <ActivityTitle a={a} />
              <Text size="xs">
                {participants(a)}
                {a.supportValue > 0 ? ` · ${formatVnd(a.supportValue)}` : ''}
              </Text>
              <Files a={a} />
              <Group justify="space-between">
                <ConfirmedBadge a={a} />
                {a.can.confirm && <ConfirmButton activity={a} />}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table striped verticalSpacing="sm" data-testid="activities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tw.act.col.date')}</Table.Th>
            <Table.Th>{t('tw.act.col.kind')}</Table.Th>
            <Table.Th>{t('tw.act.col.title')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('tw.act.col.participants')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('tw.act.col.support')}</Table.Th>
            <Table.Th>{t('tw.act.col.files')}</Table.Th>
            <Table.Th>{t('tw.act.col.confirmed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {activities.map((a) => (
            <Table.Tr key={a.id} data-testid="activity-row" data-activity-id={a.id} data-subkind={a.subKind}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.heldOn)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <KindBadge kind={a.kind} />
              </Table.Td>
              <Table.Td>
                <ActivityTitle a={a} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{participants(a)}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="activity-support">
                {a.supportValue > 0 ? formatVnd(a.supportValue) : '—'}
              </Table.Td>
              <Table.Td maw={180}>
                <Files a={a} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={6} align="flex-start">
                  <ConfirmedBadge a={a} />
                  {a.can.confirm && <ConfirmButton activity={a} />}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
