import { Group, Paper, Stack, Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { CLUSTER_COLOURS, SCHOOL_COLOUR } from './mapBase';

export function MapLegend() {
  const { t } = useI18n();
  const row = (colour: string, size: number, label: string, ring = false) => (
    <Group gap={8} wrap="nowrap" key={label}>
      <span className="kn-legend-dot" style={{ width: size, height: size, background: ring ? 'transparent' : colour, border: ring ? `2px solid ${colour}` : undefined, borderRadius: ring ? 2 : '50%' }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Paper className="kn-legend" shadow="sm" p="xs" withBorder data-testid="map-legend">
      <Text size="xs" fw={700} mb={4}>
        {t('map.legend')}
      </Text>
      <Stack gap={4}>
        {row(SCHOOL_COLOUR, 10, t('map.legend.school'))}
        {row(CLUSTER_COLOURS.small, 14, t('map.legend.clusterSmall'))}
        {row(CLUSTER_COLOURS.medium, 18, t('map.legend.clusterMedium'))}
        {row(CLUSTER_COLOURS.large, 22, t('map.legend.clusterLarge'))}
        {row('#8c8c8c', 14, t('map.legend.province'), true)}
      </Stack>
    </Paper>
  );
}

