/** The dashboard's bar chart of activities by kind (loaded on demand: recharts is heavy). */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { formatNumber } from '../../lib/format';

export default function KindBarChart({ data, seriesLabel }: { data: { kind: string; count: number }[]; seriesLabel: string }) {
  return (
    <BarChart
      h={Math.max(180, data.length * 44 + 40)}
      data={data}
      dataKey="kind"
      orientation="vertical"
      series={[{ name: 'count', label: seriesLabel, color: 'teal.6' }]}
      valueFormatter={(v) => formatNumber(v)}
      gridAxis="x"
      tickLine="none"
      withBarValueLabel
      yAxisProps={{ width: 120 }}
      xAxisProps={{ allowDecimals: false }}
    />
  );
}
