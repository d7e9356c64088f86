import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { SponsorshipPlanDetail } from '../../../../contracts/sponsorship';
import { ErrorAlert } from '../../components/common';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDate, formatDateTime, formatVnd } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { HistoryTimeline, KeyValue } from '../resources/shared';
import { ReasonModal } from '../resources/shared-dialogs';
import { useMovePlan, usePlan } from './api';
import { PlanStateBadge } from './StateBadge';

/** `/ke-hoach-tai-tro/:id`: a plan, its items and total, its deadline; the school submits it, the approver approves or returns it. */
export default function SponsorshipDetailPage({ params }: { params: Record<string, string> }) {
  const plan = usePlan(params.id);
  return <SignedIn>{() => <QueryView query={plan}>{(p) => <Plan p={p} />}</QueryView>}</SignedIn>;
}

function Plan({ p }: { p: SponsorshipPlanDetail }) {
  const { t } = useI18n();
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} href="/ke-hoach-tai-tro" size="sm">
        ← {t('sp.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} data-testid="sp-detail-title">{p.title}</Title>
          <Text c="dimmed">{p.schoolName} · {p.communeName} · {p.period}</Text>
        </div>
        <PlanStateBadge plan={p} />
      </Group>
      {p.state === 'approved' && <Alert color="green" data-testid="sp-approved-note">{t('sp.detail.approvedNote')}</Alert>}
      {p.state === 'returned' && p.returnReason && (
        <Alert color="orange" title={t('sp.detail.returnReason')} data-testid="sp-return-reason">
          {p.returnReason}
        </Alert>
      )}
      <Actions p={p} />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <KeyValue label={t('sp.detail.approver')} value={t(`sp.approver.${p.approver}`)} />
          <KeyValue label={t('sp.detail.submittedAt')} value={formatDateTime(p.submittedAt)} />
          <KeyValue label={t('sp.detail.dueOn')} value={p.dueOn ? formatDate(p.dueOn) : '—'} testId="sp-due" />
          <KeyValue label={t('sp.detail.total')} value={formatVnd(p.total)} testId="sp-total-value" />
          {p.decisionNumber && <KeyValue label={t('sp.detail.decisionNumber')} value={p.decisionNumber} />}
          {p.decidedAt && <KeyValue label={t('sp.detail.decidedAt')} value={formatDateTime(p.decidedAt)} />}
        </SimpleGrid>
      </Card>
      <Text fw={600}>{t('sp.field.purpose')}</Text>
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{p.purpose}</Text>
      {p.beneficiaries && <KeyValue label={t('sp.field.beneficiaries')} value={p.beneficiaries} />}
      <Title order={2} size="h4">{t('sp.detail.items')}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid="sp-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sp.field.itemDescription')}</Table.Th>
              <Table.Th>{t('sp.field.itemForm')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('sp.field.itemValue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.items.map((i) => (
              <Table.Tr key={`${i.form}:${i.estimatedValue}:${i.description}`}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{i.description}</Table.Td>
                <Table.Td>{t(`sp.form.${i.form}`)}</Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(i.estimatedValue)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {p.needs.length > 0 && (
        <>
          <Title order={2} size="h4">{t('sp.detail.needs')}</Title>
          <Stack gap={4}>
            {p.needs.map((n) => (
              <Anchor key={n.id} component={Link} href={`/nhu-cau/${n.id}`} size="sm">{n.title}</Anchor>
            ))}
          </Stack>
        </>
      )}
      <Title order={2} size="h4">{t('sp.detail.history')}</Title>
      <HistoryTimeline items={p.history.map((e, n) => ({ key: String(n), title: t(`sp.event.${e.action}` as MessageKey), at: e.at, by: e.actor, note: e.reason }))} />
    </Stack>
  );
}

function Actions({ p }: { p: SponsorshipPlanDetail }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<'approve' | 'return' | null>(null);
  const [decision, setDecision] = useState('');
  const move = useMovePlan(p.id, () => {
    setDialog(null);
    notifications.show({ color: 'green', message: t('sp.action.done') });
  });
  const { can } = p;
  if (!can.edit && !can.submit && !can.approve && !can.return) return null;
  return (
    <>
      {move.error && !dialog && <ErrorAlert error={move.error} />}
      <Group gap="xs" wrap="wrap">
        {can.edit && (p.state === 'draft' || p.state === 'returned') && (
          <Button component={Link} href={`/ke-hoach-tai-tro/${p.id}/sua`} variant="light" data-testid="sp-edit">
            {t('sp.action.edit')}
          </Button>
        )}
        {can.submit && (p.state === 'draft' || p.state === 'returned') && (
          <Button onClick={() => move.mutate({ action: 'submit' })} loading={move.isPending} data-testid="sp-submit">
            {t('sp.action.submit')}
          </Button>
        )}
        {can.approve && p.state === 'submitted' && (
          <Button color="green" onClick={() => setDialog('approve')} data-testid="sp-approve">
            {t('sp.action.approve')}
          </Button>
        )}
        {can.return && p.state === 'submitted' && (
          <Button color="orange" variant="light" onClick={() => setDialog('return')} data-testid="sp-return">
            {t('sp.action.return')}
          </Button>
        )}
      </Group>
      {dialog === 'approve' && (
        <ReasonModal
          title={t('sp.action.approveTitle')}
          intro={t('sp.action.approveIntro')}
          required={false}
          color="green"
          confirmLabel={t('sp.action.approve')}
          busy={move.isPending}
          textTestId="sp-approve-note"
          confirmTestId="sp-approve-confirm"
          onClose={() => setDialog(null)}
          onConfirm={(reason) => move.mutate({ action: 'approve', decisionNumber: decision.trim(), reason })}
        >
          {move.error && <ErrorAlert error={move.error} />}
          <TextInput label={t('sp.detail.decisionNumber')} maxLength={60} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} data-testid="sp-approve-decision" />
        </ReasonModal>
      )}
      {dialog === 'return' && (
        <ReasonModal
          title={t('sp.action.returnTitle')}
          intro={t('sp.action.returnIntro')}
          color="orange"
          confirmLabel={t('sp.action.return')}
          busy={move.isPending}
          textTestId="sp-return-reason-input"
          confirmTestId="sp-return-confirm"
          onClose={() => setDialog(null)}
          onConfirm={(reason) => move.mutate({ action: 'return', reason })}
        >
          {move.error && <ErrorAlert error={move.error} />}
        </ReasonModal>
      )}
    </>
  );
}
