import { Alert, Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { resourcesApi, type ContributionDetail } from '../../api/resources';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { ConfirmReceipt } from './contribution/ConfirmReceipt';
import { SignedIn } from './ListTable';
import { contributionActions } from './permissions';
import { resourceQueries, useResource, useResourceMutation } from './queries';
import { ContributionStatusBadge, formatVnd, HistoryTimeline, KeyValue, PhotoGrid } from './shared';
import { ReasonModal } from './shared-dialogs';

export { ContributionListPage } from './contribution/ContributionListPage';

/** `/dong-gop/:id`: one contribution, its evidence and history, with the steps the server allows. */
export default function ContributionPage({ params }: { params: Record<string, string> }) {
  return <SignedIn>{() => <Contribution id={params.id} />}</SignedIn>;
}

function Contribution({ id }: { id: string }) {
  const c = useResource(resourceQueries.contribution(id));
  return <QueryView query={c}>{(k) => <ContributionView k={k} />}</QueryView>;
}

type Step = 'deliver' | 'accept' | 'cancel';

function ContributionView({ k }: { k: ContributionDetail }) {
  const { t } = useI18n();
  const [cancelling, setCancelling] = useState(false);
  const step = useResourceMutation((v: { action: Step; reason?: string }) => resourcesApi.contributions.transition(k.id, v.action, { reason: v.reason }), {
    onSuccess: (_, v) => {
      notifications.show({ color: 'green', message: t(`pledge.done.${v.action}`) });
      if (v.action === 'cancel') setCancelling(false);
    },
  });
  const busy = step.isPending ? step.variables?.action : undefined;
  const can = contributionActions(k);

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
      {step.error && <ErrorAlert error={step.error} />}
      {(can.deliver || can.accept || can.cancel) && (
        <Group gap="xs" wrap="wrap">
          {can.deliver && (
            <Button loading={busy === 'deliver'} onClick={() => step.mutate({ action: 'deliver' })} data-testid="contribution-action-deliver">
              {t('pledge.action.deliver')}
            </Button>
          )}
          {can.accept && (
            <Button color="green" loading={busy === 'accept'} onClick={() => step.mutate({ action: 'accept' })} data-testid="contribution-action-accept">
              {t('pledge.action.accept')}
            </Button>
          )}
          {can.cancel && (
            <Button color="red" variant="light" onClick={() => setCancelling(true)} data-testid="contribution-action-cancel">
              {t('pledge.action.cancel')}
            </Button>
          )}
        </Group>
      )}
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
            {can.confirm && <ConfirmReceipt c={k} />}
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
          onConfirm={(reason) => step.mutate({ action: 'cancel', reason })}
        />
      )}
    </Stack>
  );
}
