import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Score } from '../../../../contracts/assessments';
import { useI18n } from '../../i18n';

/** The self score (live while the school types) and the reviewed score, each with its groups and result. */
export function ScorePanel({ self, reviewed, live }: { self: Score; reviewed: Score | null; live: boolean }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, sm: reviewed ? 2 : 1 }}>
      <One title={t('as.score.self')} s={self} note={live ? t('as.score.live') : undefined} testId="as-score-self" />
      {reviewed && <One title={t('as.score.reviewed')} s={reviewed} testId="as-score-reviewed" />}
    </SimpleGrid>
  );
}

function One({ title, s, note, testId }: { title: string; s: Score; note?: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Card withBorder data-testid={testId}>
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          <Badge color={s.result.code === '3' || s.result.code === 'dat' ? 'green' : s.result.code === '2' ? 'yellow' : 'red'} data-testid={`${testId}-result`}>
            {t('as.score.result', { label: s.result.label })}
          </Badge>
        </Group>
        {note && <Text size="xs" c="dimmed">{note}</Text>}
        {s.groups.map((g) => (
          <Text size="sm" key={g.code}>
            {g.code}. {g.name}: {t('as.group.points', { points: g.points, max: g.max })}{g.level ? ` · ${g.level.label}` : ''}
          </Text>
        ))}
        {s.criteria && <Text size="sm">{t('as.score.criteria', s.criteria)}</Text>}
        {s.mandatoryFailed.length > 0 && <Text size="sm" c="red">{t('as.score.mandatoryFailed', { codes: s.mandatoryFailed.join(', ') })}</Text>}
      </Stack>
    </Card>
  );
}
