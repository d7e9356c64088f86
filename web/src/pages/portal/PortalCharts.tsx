/** Bar charts of the portal and the dashboard (loaded on demand: recharts is the heaviest part). */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Text, Title } from '@mantine/core';
import { formatVnd } from '../resources/shared';
import { formatCompact } from '../../lib/format';

export interface ChartSeries {
  name: string;
  label: string;
  color: string;
}

export default function ValueBarChart({
  title,
  data,
  dataKey,
  series,
  horizontal = false,
  testId,
  empty,
}: {
  title: string;
  data: Record<string, string | number>[];
  dataKey: string;
  series: ChartSeries[];
  horizontal?: boolean;
  testId?: string;
  empty: string;
}) {
  const height = horizontal ? Math.max(160, data.length * 34 + 60) : 260;
  return (
    <Card withBorder component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <BarChart
          h={height}
          data={data}
          dataKey={dataKey}
          orientation={horizontal ? 'vertical' : 'horizontal'}
          series={series.map((s) => ({ name: s.name, label: s.label, color: s.color }))}
          valueFormatter={(v) => formatVnd(v)}
          withLegend={series.length > 1}
          legendProps={{ verticalAlign: 'bottom' }}
          gridAxis={horizontal ? 'x' : 'y'}
          tickLine="none"
          xAxisProps={horizontal ? { tickFormatter: (v: number) => formatCompact(v) } : undefined}
          yAxisProps={horizontal ? { width: 130, interval: 0 } : { tickFormatter: (v: number) => formatCompact(v), width: 60 }}
        />
      )}
    </Card>
  );
}
