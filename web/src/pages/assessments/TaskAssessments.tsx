import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { assessmentsApi } from '../../../../contracts/assessments';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Link } from '../../lib/router';

const PHASE_COLOUR = { upcoming: 'gray', open: 'blue', closed: 'orange', published: 'green' } as const;

/** On a plan task's page: the indicator sets the task asks for and the real state of their campaigns (nothing when the task asks for none). */
export function TaskAssessments({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const q = useApi(assessmentsApi.planTaskAssessments, { params: { id: taskId } });
  const d = q.data;
  if (!d || d.frameworks.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="task-assessments-title" data-testid="task-assessments">
      <Title order={2} size="h4" id="task-assessments-title">{t('as.task.title')}</Title>
      {d.frameworks.map((f) => (
        <Text size="sm" key={f.key} data-testid="task-framework">
          {f.versionId ? <Anchor component={Link} href={`/danh-gia/bo-chi-so/${f.versionId}`}>{f.name}</Anchor> : f.name} · {f.basis}
        </Text>
      ))}
      {d.campaigns.length === 0 ? <Text size="sm" c="dimmed">{t('as.task.none')}</Text> : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="task-campaigns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('as.task.campaign')}</Table.Th>
                <Table.Th scope="col">{t('as.task.phase')}</Table.Th>
                <Table.Th scope="col">{t('as.task.submitted')}</Table.Th>
                <Table.Th scope="col">{t('as.task.approved')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.campaigns.map((c) => (
                <Table.Tr key={c.id} data-testid="task-campaign">
                  <Table.Td>
                    <Anchor component={Link} href={c.phase === 'published' ? `/cong-khai/danh-gia/${c.id}` : `/danh-gia/dot/${c.id}`} size="sm">{c.title}</Anchor>
                    <Text size="xs" c="dimmed">{c.provinceName ?? t('as.task.national')} · {formatDate(c.opensOn)} – {formatDate(c.publishOn)}</Text>
                  </Table.Td>
                  <Table.Td><Badge variant="light" color={PHASE_COLOUR[c.phase]}>{t(`as.task.phase.${c.phase}`)}</Badge></Table.Td>
                  <Table.Td>{formatNumber(c.counts.submitted + c.counts.approved)} / {formatNumber(c.counts.total)}</Table.Td>
                  <Table.Td>{formatNumber(c.counts.approved)} / {formatNumber(c.counts.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {d.campaignTotal > d.campaigns.length && (
        <Group gap="xs"><Text size="sm" c="dimmed">{t('as.task.more', { shown: d.campaigns.length, total: d.campaignTotal })}</Text></Group>
      )}
    </Stack>
  );
}
