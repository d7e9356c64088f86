import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { TASK_STATUSES, type PlanDetail, type PlanSectionProgress, type PlanTaskFilters, type StatusTally } from '../../../../contracts/plans';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { Link } from '../../lib/router';
import { Section, TallyBar, TallyCounts } from './shared';

// ---------- progress by section and by unit ----------

/** Sections as a tree (each parent followed by its children), parents counting their children's tasks. */
function sectionRows(plan: PlanDetail): { s: PlanSectionProgress; depth: number; count: number; tally: StatusTally }[] {
  const children = new Map<string | null, PlanSectionProgress[]>();
  const codes = new Set(plan.sections.map((s) => s.code));
  for (const s of plan.sections) {
    const parent = s.parentCode && codes.has(s.parentCode) ? s.parentCode : null;
    (children.get(parent) ?? children.set(parent, []).get(parent)!).push(s);
  }
  const out: { s: PlanSectionProgress; depth: number; count: number; tally: StatusTally }[] = [];
  const walk = (s: PlanSectionProgress, depth: number): { count: number; tally: StatusTally } => {
    const row = { s, depth, count: s.taskCount, tally: { ...s.tally } };
    out.push(row);
    for (const c of children.get(s.code) ?? []) {
      const sub = walk(c, depth + 1);
      row.count += sub.count;
      for (const k of TASK_STATUSES) row.tally[k] += sub.tally[k];
    }
    return row;
  };
  for (const root of children.get(null) ?? []) walk(root, 0);
  return out.filter((r) => r.count > 0);
}

interface ProgressRow {
  key: string;
  href: string;
  label: ReactNode;
  depth: number;
  strong: boolean;
  count: number;
  tally: StatusTally;
}

/** Progress rows: a table on wide screens, a list of bars on phones. */
function ProgressTable({ rows, firstHeader, maxHeight }: { rows: ProgressRow[]; firstHeader: string; maxHeight?: number }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone)
    return (
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {rows.map((r) => (
          <Stack key={r.key} component="li" gap={4} pl={r.depth * 14}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Anchor component={Link} href={r.href} size="sm" c="inherit" fw={r.strong ? 600 : 400}>
                {r.label}
              </Anchor>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('plan.tasksShown', { count: formatNumber(r.count) })}
              </Text>
            </Group>
            <TallyBar tally={r.tally} height={10} />
            <TallyCounts tally={r.tally} />
          </Stack>
        ))}
      </Stack>
    );
  return (
    <Table.ScrollContainer minWidth={480} maxHeight={maxHeight} type="native">
      <Table verticalSpacing="xs" striped stickyHeader={!!maxHeight}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{firstHeader}</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{t('plan.col.count')}</Table.Th>
            <Table.Th style={{ width: '35%', minWidth: 160 }}>{t('plan.col.progress')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td style={{ paddingLeft: 10 + r.depth * 20 }}>
                <Anchor component={Link} href={r.href} size="sm" c="inherit" fw={r.strong ? 600 : 400}>
                  {r.label}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{formatNumber(r.count)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <TallyBar tally={r.tally} height={10} />
                  <TallyCounts tally={r.tally} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function BySection({ plan, linkFor }: { plan: PlanDetail; linkFor: (patch: Partial<PlanTaskFilters>) => string }) {
  const { t } = useI18n();
  const rows: ProgressRow[] = sectionRows(plan).map(({ s, depth, count, tally }) => ({
    key: s.code,
    href: `${linkFor({ section: s.code })}#nhiem-vu`,
    label: `${s.code}. ${s.title}`,
    depth,
    strong: depth === 0,
    count,
    tally,
  }));
  return (
    <Section title={t('plan.bySection')} testId="plan-by-section">
      <ProgressTable rows={rows} firstHeader={t('plan.col.section')} />
    </Section>
  );
}

export function ByUnit({ plan, linkFor }: { plan: PlanDetail; linkFor: (patch: Partial<PlanTaskFilters>) => string }) {
  const { t } = useI18n();
  const rows: ProgressRow[] = plan.byUnit.map((u) => ({ key: u.id, href: `${linkFor({ unitId: u.id })}#nhiem-vu`, label: u.name, depth: 0, strong: false, count: u.count, tally: u.tally }));
  return (
    <Section title={t('plan.byUnit')} testId="plan-by-unit">
      <ProgressTable rows={rows} firstHeader={t('plan.col.unit')} maxHeight={520} />
    </Section>
  );
}
