import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { recognitionApi, type Decision } from '../../../../contracts/recognition';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';
import { Link } from '../../lib/router';
import { decisionExportUrl } from './api';

/** The recognition decisions handed over at an activity (e.g. the launch meeting's honouring item). */
export const useActivityDecisions = (activityId: string) => useApi(recognitionApi.decisions, { query: { activityId, limit: 50 } });

/** On an activity's page: each decision handed over there, with the agenda item and the honoured contributors. */
export function ActivityRecognitions({ activityId }: { activityId: string }) {
  const { t } = useI18n();
  const decisions = useActivityDecisions(activityId);
  const items = decisions.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="act-recognitions-title" id="khen-thuong" data-testid="act-recognitions">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="act-recognitions-title">{t('actrec.title')}</Title>
        <Group gap="xs">
          <Button component="a" size="xs" href={decisionExportUrl({ activityId }, 'xlsx')} download variant="light" data-testid="act-recognitions-xlsx">{t('schools.exportXlsx')}</Button>
          <Button component="a" size="xs" href={decisionExportUrl({ activityId }, 'csv')} download variant="light" data-testid="act-recognitions-csv">{t('schools.exportCsv')}</Button>
        </Group>
      </Group>
      {items.map((d) => <DecisionCard key={d.id} d={d} />)}
      <Anchor component={Link} href="/vinh-danh" size="sm" data-testid="act-recognitions-roll">{t('actrec.roll')}</Anchor>
    </Stack>
  );
}

function DecisionCard({ d }: { d: Decision }) {
  const { t } = useI18n();
  const detail = useApi(recognitionApi.getDecision, { params: { id: d.id } });
  return (
    <Card withBorder data-testid="act-recognition">
      <Group gap="xs" wrap="wrap">
        <Badge variant="light">{t(`recognition.form.${d.form}`)}</Badge>
        <Text size="sm" fw={600}>{t('actrec.decision', { number: d.number, date: formatDate(d.decidedOn) })}</Text>
        {d.activity?.agendaPosition != null && <Text size="sm" c="dimmed">{t('actrec.agendaItem', { n: d.activity.agendaPosition })}</Text>}
      </Group>
      <Text size="sm" mt={4}>{t('actrec.honoured', { count: formatNumber(d.honoured) })}</Text>
      {detail.data && detail.data.items.length > 0 && (
        <Text size="sm" data-testid="act-recognition-names">{detail.data.items.map((h) => h.contributor.shortName ?? h.contributor.name).join(', ')}</Text>
      )}
    </Card>
  );
}
