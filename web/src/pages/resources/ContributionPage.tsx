import { Alert, Anchor, Button, Card, FileInput, Grid, Group, Progress, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps, type FormEvent } from 'react';
import type { ApiError } from '../../api';
import { CONTRIBUTION_STATUSES, resourcesApi, type ContributionDetail, type ContributionStatus } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link, useRouter } from '../../lib/router';
import { checkImages, ContributionStatusBadge, EVIDENCE_ACCEPT, formatVnd, HistoryTimeline, KeyValue, PhotoGrid, ReasonModal } from './shared';

function ConfirmReceipt({ c, onDone }: { c: ContributionDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!files.length) return setFileError(t('pledge.confirm.fileRequired'));
    const err = checkImages(files, t, { pdf: true, maxMb: 10 });
    if (err) return setFileError(err);
    setProgress(0);
    try {
      await resourcesApi.contributions.transition(c.id, 'confirm', { note: note.trim(), files }, setProgress);
      notifications.show({ color: 'green', message: t('pledge.done.confirm') });
      setFiles([]);
      setNote('');
      onDone();
    } catch (e2) {
      setError(e2 as ApiError);
    } finally {
      setProgress(null);
    }
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
          {error && <ErrorAlert error={error} />}
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
            <Button type="submit" color="teal" loading={progress !== null} data-testid="contribution-confirm-submit">
              {t('pledge.action.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function ContributionPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const id = params.id;
  const c = useAsync((signal) => resourcesApi.contributions.get(id, signal), [id, user?.id], !!user);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [cancelling, setCancelling] = useState(false);

  if (user === undefined || (c.loading && !c.data)) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  if (c.error) return <ErrorAlert error={c.error} onRetry={c.reload} />;
  const k = c.data!;
  const canConfirm = k.can.confirm && (k.status === 'pledged' || k.status === 'delivered');

  async function run(action: 'deliver' | 'accept' | 'cancel', opts: { reason?: string } = {}) {
    setBusy(action);
    setError(null);
    try {
      await resourcesApi.contributions.transition(k.id, action, opts);
      notifications.show({ color: 'green', message: t(`pledge.done.${action}`) });
      c.reload();
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    } finally {
      setBusy(null);
    }
  }

  return (
    <Stack gap="md" data-testid="contribution-page">
      <Anchor component={Link} href="/dong-gop" size="sm">
        ← {t('pledge.backToList')}
      </Anchor>
      <div>
        <Group gap="xs" mb={4}>
          <ContributionStatusBadge status={k.status} />
          <Text size="sm" c="dimmed">
            {t(`pledge.formValue.${k.form}`)} · {t(`need.category.${k.category}`)}
          </Text>
        </Group>
        <Title order={1}>{k.description}</Title>
        <Text>
          {k.contributorName}
          {k.anonymous ? ` (${t('pledge.anonymousShort')})` : ''} → {k.schoolName}, {k.provinceName}
        </Text>
      </div>
      {k.status === 'cancelled' && k.cancelReason && (
        <Alert color="gray" title={t('pledge.cancelledTitle')}>
          {k.cancelReason}
        </Alert>
      )}
      {error && <ErrorAlert error={error} />}
      {(k.can.deliver && k.status === 'pledged') || (k.can.accept && k.status === 'received') || (k.can.cancel && (k.status === 'pledged' || k.status === 'delivered')) ? (
        <Group gap="xs" wrap="wrap">
          {k.can.deliver && k.status === 'pledged' && (
            <Button loading={busy === 'deliver'} onClick={() => run('deliver')} data-testid="contribution-action-deliver">
              {t('pledge.action.deliver')}
            </Button>
          )}
          {k.can.accept && k.status === 'received' && (
            <Button color="green" loading={busy === 'accept'} onClick={() => run('accept')} data-testid="contribution-action-accept">
              {t('pledge.action.accept')}
            </Button>
          )}
          {k.can.cancel && (k.status === 'pledged' || k.status === 'delivered') && (
            <Button
              color="red"
              variant="light"
              onClick={() => setCancelling(true)}
              data-testid="contribution-action-cancel"
            >
              {t('pledge.action.cancel')}
            </Button>
          )}
        </Group>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card withBorder>
              <Group gap="xl" wrap="wrap">
                <KeyValue label={t('pledge.value')} value={formatVnd(k.valueVnd)} testId="contribution-value" />
                <KeyValue label={t('pledge.quantityShort')} value={k.quantity != null ? `${formatNumber(k.quantity)} ${k.unit ?? ''}` : '—'} />
                <KeyValue label={t('pledge.date')} value={formatDate(k.pledgedOn)} />
              </Group>
              {k.needId && (
                <Text mt="sm" size="sm">
                  {t('pledge.forNeed')}{' '}
                  <Anchor component={Link} href={`/nhu-cau/${k.needId}`}>
                    {k.needTitle}
                  </Anchor>
                </Text>
              )}
              {k.recipientGroup && (
                <Text size="sm" mt={4}>
                  {t('pledge.recipient')}: {k.recipientGroup}
                </Text>
              )}
            </Card>
            {canConfirm && <ConfirmReceipt c={k} onDone={c.reload} />}
            <Card withBorder component="section" aria-labelledby="evidence-title">
              <Title order={2} size="h4" id="evidence-title" mb="sm">
                {t('pledge.evidence')}
              </Title>
              {k.evidence.length ? <PhotoGrid files={k.evidence} /> : <Text c="dimmed">{t('pledge.evidenceNone')}</Text>}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder component="section" aria-labelledby="c-history-title">
            <Title order={2} size="h4" id="c-history-title" mb="sm">
              {t('need.history')}
            </Title>
            <HistoryTimeline items={k.history.map((h, i) => ({ key: String(i), title: t(`pledge.status.${h.status}`), at: h.at, by: h.by, note: h.note }))} />
          </Card>
        </Grid.Col>
      </Grid>
      {cancelling && (
        <ReasonModal
          title={t('pledge.action.cancel')}
          color="red"
          confirmLabel={t('pledge.action.cancel')}
          busy={busy === 'cancel'}
          textTestId="contribution-cancel-reason"
          confirmTestId="contribution-cancel-confirm"
          onClose={() => setCancelling(false)}
          onConfirm={async (reason) => {
            if (await run('cancel', { reason })) setCancelling(false);
          }}
        />
      )}
    </Stack>
  );
}

/** `/dong-gop`: contributions in my scope (a donor's own, a school's received, a Department's province). */
export function ContributionListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { location } = useRouter();
  const [status, setStatus] = useState<ContributionStatus | null>(null);
  const list = useAsync((signal) => resourcesApi.contributions.list({ status: status ?? undefined }, signal), [status, user?.id, location.pathname], !!user);
  if (user === undefined) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  const total = (list.data?.items ?? []).reduce((n, c) => n + c.valueVnd, 0);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('pledge.list.title')}</Title>
          <Text c="dimmed" size="sm">
            {t(`pledge.list.intro.${user.role}`)}
          </Text>
          <Text c="dimmed" aria-live="polite">
            {list.data ? t('pledge.list.total', { count: formatNumber(list.data.items.length), value: formatVnd(total) }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          {['admin', 'ministry', 'department', 'school'].includes(user.role) && (
            <Button component={Link} href="/dong-gop/ghi-nhan" variant="light" data-testid="record-open">
              {t('record.open')}
            </Button>
          )}
          <Select
            label={t('pledge.statusCol')}
            placeholder={t('common.all')}
            data={CONTRIBUTION_STATUSES.map((s) => ({ value: s, label: t(`pledge.status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as ContributionStatus | null)}
            clearable
            w={220}
            data-testid="contribution-filter-status"
          />
        </Group>
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <PageLoader />}
      {list.data && (
        <Table.ScrollContainer minWidth={820} type="native">
          <Table striped highlightOnHover data-testid="contribution-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pledge.description')}</Table.Th>
                <Table.Th>{t('pledge.contributor')}</Table.Th>
                <Table.Th>{t('need.school')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('pledge.value')}</Table.Th>
                <Table.Th>{t('pledge.statusCol')}</Table.Th>
                <Table.Th>{t('pledge.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">{t('pledge.list.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid="contribution-row" data-contribution-id={c.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/dong-gop/${c.id}`} size="sm">
                      {c.description}
                    </Anchor>
                    {c.needTitle && (
                      <Text size="xs" c="dimmed">
                        {c.needTitle}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.contributorName}
                    {c.anonymous ? ` (${t('pledge.anonymousShort')})` : ''}
                  </Table.Td>
                  <Table.Td>{c.schoolName}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(c.valueVnd)}</Table.Td>
                  <Table.Td>
                    <ContributionStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(c.pledgedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
