import { checkFiles, EVIDENCE_ACCEPT } from '../../components/FilesField';
/** Pieces shared by the twinning pages: labels, badges, the calendar strip, money, evidence files. */
import { Anchor, Badge, Box, Group, NativeSelect, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ACTIVITY_KINDS, type ActivityKind, type PairStatus, type Phase, type Submission } from '../../../../contracts/twinning';
import { PageHeader } from '../../components/common';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { formatDate, parseViInteger } from '../../lib/format';
import { Link } from '../../lib/router';

export const STATUS_COLORS: Record<PairStatus, string> = { active: 'green', paused: 'orange', ended: 'gray' };
export const KIND_COLORS: Record<ActivityKind, string> = { material_support: 'orange', professional: 'blue', exchange: 'teal', tradition: 'grape' };

export const kindLabel = (t: TFunction, kind: string) => t(`tw.kind.${kind}` as MessageKey);
export const kindShort = (t: TFunction, kind: string) => t(`tw.kindShort.${kind}` as MessageKey);
export const subKindLabel = (t: TFunction, sub: string) => t(`tw.subkind.${sub}` as MessageKey);

export function subKindsOf(kind: string): readonly string[] {
  return (ACTIVITY_KINDS as Record<string, readonly string[]>)[kind] ?? [];
}

/** This year in Vietnam. */
export function thisYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
}

/** Today in Vietnam as YYYY-MM-DD. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The programme years one may look at: from 2026 (the plan's first year) to next year. */
export function yearOptions(): string[] {
  const out: string[] = [];
  for (let y = 2026; y <= Math.max(2026, thisYear() + 1); y++) out.push(String(y));
  return out;
}

export { formatVnd } from '../../lib/format';

/** "16.000.000", "16 000 000 đ", "16000000₫" → 16000000; undefined if empty, NaN if not a whole number. */
export function parseMoney(input: string): number | undefined {
  return parseViInteger(input.replace(/(₫|đồng|đ|vnd)\s*$/i, '').trim());
}

export function PairStatusBadge({ status }: { status: PairStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" data-testid="pair-status" data-status={status} style={{ textTransform: 'none', whiteSpace: 'nowrap' }} styles={{ label: { overflow: 'visible' } }}>
      {t(`tw.status.${status}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: ActivityKind }) {
  const { t } = useI18n();
  return (
    <Badge color={KIND_COLORS[kind] ?? 'gray'} variant="light" radius="sm" title={kindLabel(t, kind)} style={{ textTransform: 'none', whiteSpace: 'nowrap' }} styles={{ label: { overflow: 'visible' } }}>
      {kindShort(t, kind)}
    </Badge>
  );
}

/** The year's calendar (§IV of the plan) as a strip of phases, today's phase highlighted. */
export function PhaseStrip({ year, phases, reportDue }: { year: number; phases: Phase[]; reportDue: string }) {
  const { t } = useI18n();
  const today = todayIso();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="tw-cal-title" data-testid="twinning-calendar">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={2} size="h4" id="tw-cal-title">
          {t('tw.cal.title', { year })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('tw.cal.today', { date: formatDate(today) })} · {t('tw.cal.due', { date: formatDate(reportDue) })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: phases.length }} spacing={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {phases.map((p) => {
          const state = today < p.from ? 'upcoming' : today > p.to ? 'done' : 'now';
          return (
            <Box
              component="li"
              key={p.key}
              data-testid="phase"
              data-phase={p.key}
              data-current={state === 'now' ? 'true' : 'false'}
              aria-current={state === 'now' ? 'step' : undefined}
              p="xs"
              style={{
                borderRadius: 6,
                borderLeft: `4px solid var(--mantine-color-${state === 'now' ? 'blue-6' : state === 'done' ? 'gray-4' : 'teal-3'})`,
                background: state === 'now' ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
              }}
            >
              <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600}>
                  {t(`tw.cal.phase.${p.key}`)}
                </Text>
                <Badge size="xs" variant={state === 'now' ? 'filled' : 'light'} color={state === 'now' ? 'blue' : 'gray'} style={{ textTransform: 'none', flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }}>
                  {t(`tw.cal.${state}`)}
                </Badge>
              </Group>
              <Text size="sm">
                {formatDate(p.from)} – {formatDate(p.to)}
              </Text>
            </Box>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}

/** Badge of a report submission: submitted / draft / not started, and late or on time. */
export function SubmissionStatus({ s }: { s: Pick<Submission, 'status' | 'late'> }) {
  const { t } = useI18n();
  return (
    <Group gap={4} wrap="wrap">
      <Badge color={s.status === 'submitted' ? 'green' : s.status === 'draft' ? 'blue' : 'gray'} variant="light" radius="sm" style={{ textTransform: 'none' }} styles={{ label: { overflow: 'visible' } }}>
        {t(`tw.rep.status.${s.status}`)}
      </Badge>
      {s.late && (
        <Badge color="red" variant="filled" radius="sm" style={{ textTransform: 'none' }} styles={{ label: { overflow: 'visible' } }}>
          {t('tw.subm.late')}
        </Badge>
      )}
    </Group>
  );
}

/** A figure in a small card: big number, label, optional detail line. */
export function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId ? `${testId}-value` : undefined}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** Images (HEIC too) or PDF, up to 10 files of 10 MB: what the server accepts for twinning evidence. */
export const ACCEPT_EVIDENCE = EVIDENCE_ACCEPT;
export const EVIDENCE_RULES = { pdf: true, maxMb: 10 } as const;

export function checkEvidence(files: File[], t: TFunction): string | null {
  return checkFiles(files, t, EVIDENCE_RULES);
}

/** Back link to the twinning home, then the page title and help text with a control (the year) on the right. */
export function TwinningPageHeader({ title, help, children }: { title: ReactNode; help: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Anchor component={Link} href="/ket-nghia" size="sm">
        {t('tw.back')}
      </Anchor>
      <PageHeader
        title={title}
        help={help}
        actions={children}
      />
    </>
  );
}

/** The programme-year select of a page header. */
export function HeaderYearSelect({ year, onChange, testId }: { year: number; onChange: (year: string) => void; testId: string }) {
  const { t } = useI18n();
  return <NativeSelect label={t('tw.year')} value={String(year)} onChange={(e) => onChange(e.currentTarget.value)} data={yearOptions()} w={120} data-testid={testId} />;
}
