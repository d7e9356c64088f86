import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { CaseDetail, CaseStep } from '../../../../contracts/cases';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { endpointUrl } from '../../api/call';
import { casesApi } from '../../../../contracts/cases';
import { SignedIn } from '../resources/ListTable';
import { KeyValue } from '../resources/shared';
import { useCase } from './api';
import { PlanForm, Staff } from './CaseStaffPlan';
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
      {(c.can.assign || (c.can.unassign && c.assigned.length > 1)) && <Staff c={c} />}
      {c.can.export && (
        <Group gap="xs" wrap="wrap">
          <Button component="a" variant="light" href={endpointUrl(casesApi.document, { params: { id: c.id } })} download data-testid="case-document">{t('cases.document')}</Button>
          <Text size="xs" c="dimmed">{t('cases.documentHelp')}</Text>
        </Group>
      )}
      {c.steps.length > 0 && (
        <Card withBorder padding="sm">
          <Text fw={600} mb={4}>{t('cases.steps')}</Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="case-steps">
            {c.steps.map((s) => (
              <Group key={`${s.at}-${s.to}`} component="li" gap="xs" wrap="wrap" data-testid="case-step-row">
                <Text size="sm" fw={500}>{t(`cases.step.${s.to as CaseStep}`)}</Text>
                <Text size="sm" c="dimmed">{formatDateTime(s.at)}{s.actor ? ` · ${s.actor}` : ''}</Text>
                {s.reason && <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{s.reason}</Text>}
              </Group>
            ))}
          </Stack>
        </Card>
      )}
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
          {c.can.addEntry && c.step !== 'closed' && <PlanForm id={c.id} userId={userId} />}
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
