import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { ACTIVITY_KIND_LIST, type Figures } from '../../../../contracts/twinning';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { formatVnd, kindLabel, Stat } from './shared';

/** The figures compiled by the server: pairs, new pairs, schools joining, activities by kind, participants, support. */
export function FiguresPanel({ f, frozen }: { f: Figures; frozen?: boolean }) {
  const { t } = useI18n();
  const forms = Object.entries(f.supportByForm).filter(([, v]) => v !== '0');
  return (
    <Card withBorder component="section" aria-labelledby="tw-figures-title" data-testid="report-figures">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="tw-figures-title">
            {t('tw.rep.figures')}
          </Title>
          {frozen && (
            <Text size="xs" c="dimmed">
              {t('tw.rep.figuresFrozen')}
            </Text>
          )}
        </div>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          <Stat label={t('tw.fig.pairs')} value={formatNumber(f.pairs)} detail={t('tw.fig.pairsDetail', { active: formatNumber(f.pairsActive) })} testId="fig-pairs" />
          <Stat label={t('tw.fig.newPairs')} value={formatNumber(f.newPairs)} testId="fig-new-pairs" />
          <Stat label={t('tw.fig.joined')} value={formatNumber(f.joinedSchools)} testId="fig-joined" />
          <Stat label={t('tw.fig.activities')} value={formatNumber(f.activities)} detail={t('tw.fig.activitiesDetail', { confirmed: formatNumber(f.activitiesConfirmed) })} testId="fig-activities" />
          <Stat label={t('tw.fig.participants')} value={formatNumber(f.teachers + f.pupils)} detail={t('tw.fig.participantsDetail', { teachers: formatNumber(f.teachers), pupils: formatNumber(f.pupils) })} testId="fig-participants" />
          <Stat label={t('tw.fig.without')} value={formatNumber(f.pairsWithoutActivity)} testId="fig-without" />
        </SimpleGrid>
        <Stat
          label={t('tw.fig.support')}
          value={formatVnd(f.supportValue)}
          detail={forms.length ? forms.map(([k, v]) => `${t(`tw.fig.form.${k}` as 'tw.fig.form.money')}: ${formatVnd(v)}`).join(' · ') : undefined}
          testId="fig-support"
        />
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('tw.fig.byKind')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} data-testid="fig-by-kind">
            <Table.Tbody>
              {ACTIVITY_KIND_LIST.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>
                    <Text size="sm">{kindLabel(t, k)}</Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-kind={k}>
                    {formatNumber(f.byKind[k] ?? 0)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Card>
  );
}

