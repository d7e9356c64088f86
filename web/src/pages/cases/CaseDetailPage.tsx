import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { CaseDetail } from '../../../../contracts/cases';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link, useNavigate } from '../../lib/router';
import { useAuth } from '../../lib/auth';
import { ErrorAlert } from '../../components/common';
import { SignedIn } from '../resources/ListTable';
import { KeyValue } from '../resources/shared';
import { useCase, useUnassign } from './api';
import { BreakGlass, MoveStep, NewEntry, NewReferral } from './CaseActions';
import { ClockBadge } from './ClockBadge';

/** `/cong-tac-xa-hoi/:id`: a case for its assigned staff; its existence and deadline for the school's head (every view is logged). */
export default function CaseDetailPage({ params }: { params: Record<string, string> }) {
  const c = useCase(params.id);
  return <SignedIn>{(u) => <QueryView query={c}>{(x) => <Case c={x} userId={u.id} />}</QueryView>}</SignedIn>;
}

function Case({ c, userId }: { c: CaseDetail; userId: string }) {
  const { t } = useI18n();
  return (
    <Stack gap="md" maw={1000}>
      <Anchor component={Link} href="/cong-tac-xa-hoi" size="sm">← {t('cases.title')}</Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} data-testid="case-reference">{c.reference}</Title>
          <Text c="dimmed">{c.schoolName} · {t(`cases.step.${c.step}`)}</Text>
        </div>
        <ClockBadge c={c} />
      </Group>
      {c.restricted && <Alert color="gray" data-testid="case-restricted">{t('cases.restrictedNote')}</Alert>}
      {c.breakGlassUntil && <Alert color="red" data-testid="case-break-glass-until">{t('cases.breakGlassUntil', { until: formatDateTime(c.breakGlassUntil) })}</Alert>}
      {c.anonymised && <Alert color="gray">{t('cases.anonymised')}</Alert>}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          {c.pupil && <KeyValue label={t('cases.field.pupil')} value={`${c.pupil.fullName}${c.pupil.className ? ` · ${c.pupil.className}` : ''}`} testId="case-pupil-name" />}
          {c.category && <KeyValue label={t('cases.col.category')} value={t(`cases.cat.${c.category}`)} />}
          {c.risk && <KeyValue label={t('cases.field.risk')} value={t(`cases.risk.${c.risk}`)} />}
          <KeyValue label={t('cases.col.reported')} value={formatDateTime(c.reportedAt)} />
          {c.outcome && <KeyValue label={t('cases.field.outcome')} value={t(`cases.outcome.${c.outcome}`)} testId="case-outcome" />}
          <KeyValue label={t('cases.field.assigned')} value={c.assigned.map((a) => a.name).join(', ') || '—'} />
        </SimpleGrid>
      </Card>
      {c.can.unassign && c.assigned.length > 1 && <Staff c={c} />}
      {c.initialAssessment && <><Text fw={600}>{t('cases.field.assessment')}</Text><Text style={{ whiteSpace: 'pre-wrap' }}>{c.initialAssessment}</Text></>}
      {c.can.breakGlass && <BreakGlass id={c.id} />}
      {c.can.move && <MoveStep c={c} userId={userId} />}
      {!c.restricted && (
        <>
          <Title order={2} size="h4">{t('cases.entries')}</Title>
          <Stack gap="xs" data-testid="case-entries">
            {c.entries.length === 0 && <Text c="dimmed" size="sm">{t('cases.noEntries')}</Text>}
            {c.entries.map((e) => (
              <Card key={e.id} withBorder padding="sm">
                <Group gap="xs"><Badge variant="light">{t(`cases.entry.${e.kind}`)}</Badge><Text size="xs" c="dimmed">{formatDateTime(e.createdAt)} · {e.author ?? ''}</Text></Group>
                {e.body && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{e.body}</Text>}
                {e.plan && <Text size="sm">{e.plan.goals} — {e.plan.actions.map((a) => `${a.what} (${a.who}${a.when ? `, ${a.when}` : ''})`).join('; ')}</Text>}
                {(e.pupilParticipated || e.parentParticipated) && <Text size="xs" c="dimmed">{[e.pupilParticipated && t('cases.entry.pupilTook'), e.parentParticipated && t('cases.entry.parentTook')].filter(Boolean).join(' · ')}</Text>}
              </Card>
            ))}
          </Stack>
          {c.can.addEntry && <NewEntry id={c.id} userId={userId} />}
          <Title order={2} size="h4">{t('cases.referrals')}</Title>
          <Table.ScrollContainer minWidth={640}>
            <Table data-testid="case-referrals">
              <Table.Thead><Table.Tr><Table.Th>{t('cases.ref.provider')}</Table.Th><Table.Th>{t('cases.ref.state')}</Table.Th><Table.Th>{t('cases.ref.sentAt')}</Table.Th><Table.Th>{t('cases.ref.report')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {c.referrals.map((r) => (
                  <Table.Tr key={r.id} data-testid="case-referral-row">
                    <Table.Td>{r.providerName}</Table.Td>
                    <Table.Td>{t(`cases.refState.${r.state}`)}</Table.Td>
                    <Table.Td>{formatDateTime(r.sentAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{r.report ?? r.declineReason ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {c.can.refer && c.step !== 'closed' && <NewReferral id={c.id} userId={userId} />}
        </>
      )}
    </Stack>
  );
}

/**
 * Take someone off the case (a member of the assignment or the school's head). The server keeps
 * the last counsellor and says so; whoever takes themselves off goes back to the list.
 */
function Staff({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const off = useUnassign(c.id, (userId) => { if (userId === user?.id && !c.can.viewLog) navigate('/cong-tac-xa-hoi'); });
  return (
    <Card withBorder data-testid="case-staff">
      <Stack gap="xs">
        <Text fw={600}>{t('cases.staff.title')}</Text>
        {off.error && <ErrorAlert error={off.error} />}
        {c.assigned.map((a) => (
          <Group key={a.userId} justify="space-between" wrap="nowrap" data-testid="case-staff-row">
            <Text size="sm">{a.name}{a.lead ? ` · ${t('cases.staff.lead')}` : ''}</Text>
            <Button size="xs" variant="light" color="red" loading={off.isPending && off.variables === a.userId} onClick={() => off.mutate(a.userId)} data-testid="case-staff-remove">{t('cases.staff.remove')}</Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
