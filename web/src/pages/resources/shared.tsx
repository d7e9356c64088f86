import { Anchor, Badge, Group, Image, type ImageProps, Progress, SimpleGrid, Stack, Text, Timeline, Tooltip } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { fileUrl, fileVariantUrl, type ContributionStatus, type FileRef, type Need, type NeedStatus, type ServiceLevel } from '../../api/resources';
import { useI18n, useT } from '../../i18n';
import { formatDateTime, formatNumber, parseViInteger } from '../../lib/format';

export { formatVnd } from '../../lib/format';

/** "150.000.000", "150 000 000 đ", "150000000₫" → 150000000; undefined if empty, NaN if not a whole number. */
export function parseMoney(input: string): number | undefined {
  const s = input.replace(/(₫|đồng|đ|vnd)\s*$/i, '').trim();
  return parseViInteger(s);
}

/** A positive quantity: "100", "1.200", "2,5" → number; undefined if empty, NaN otherwise. */
export function parseQuantity(input: string): number | undefined {
  const s = input.trim();
  if (!s) return undefined;
  const whole = parseViInteger(s);
  if (whole !== undefined && !Number.isNaN(whole)) return whole;
  if (/^\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
  return Number.NaN;
}

export const NEED_STATUS_COLORS: Record<NeedStatus, string> = {
  draft: 'gray',
  submitted: 'orange',
  returned: 'red',
  verified: 'cyan',
  published: 'blue',
  partly_pledged: 'yellow',
  fully_pledged: 'teal',
  delivered: 'green',
  accepted: 'green',
  closed: 'dark',
  withdrawn: 'gray',
};

/** Map colours for the four public states of a need. */
export const NEED_MAP_COLORS = { open: '#1c7ed6', partly: '#f59f00', full: '#0ca678', met: '#2b8a3e' } as const;
export function mapGroup(status: string): keyof typeof NEED_MAP_COLORS {
  if (status === 'partly_pledged') return 'partly';
  if (status === 'fully_pledged') return 'full';
  if (status === 'delivered' || status === 'accepted' || status === 'closed') return 'met';
  return 'open';
}

export const CONTRIBUTION_STATUS_COLORS: Record<ContributionStatus, string> = {
  pledged: 'blue',
  delivered: 'cyan',
  received: 'teal',
  accepted: 'green',
  cancelled: 'gray',
};

export const SERVICE_COLORS: Record<ServiceLevel, string> = { basic: 'green', limited: 'yellow', none: 'red' };
export const SERVICE_HEX: Record<ServiceLevel, string> = { basic: '#2f9e44', limited: '#f59f00', none: '#e03131' };

const badgeStyle = { textTransform: 'none', overflow: 'visible', height: 'auto', minHeight: 'var(--badge-height)' } as const;
const badgeStyles = { label: { overflow: 'visible', whiteSpace: 'normal', lineHeight: 1.25, paddingBlock: 2 } } as const;

export function NeedStatusBadge({ status, size = 'md' }: { status: NeedStatus; size?: 'sm' | 'md' | 'lg' }) {
  const t = useT();
  return (
    <Badge color={NEED_STATUS_COLORS[status]} variant="light" radius="sm" style={badgeStyle} styles={badgeStyles} data-status={status} data-testid="need-status" size={size}>
      {t(`need.status.${status}`)}
    </Badge>
  );
}

export function ContributionStatusBadge({ status }: { status: ContributionStatus }) {
  const t = useT();
  return (
    <Badge color={CONTRIBUTION_STATUS_COLORS[status]} variant="light" radius="sm" style={badgeStyle} styles={badgeStyles} data-status={status} data-testid="contribution-status">
      {t(`pledge.status.${status}`)}
    </Badge>
  );
}

export function ServiceBadge({ level, label }: { level: ServiceLevel; label?: string }) {
  const t = useT();
  return (
    <Badge color={SERVICE_COLORS[level]} variant="filled" radius="sm" style={badgeStyle} styles={badgeStyles} data-level={level}>
      {label ? `${label}: ` : ''}
      {t(`survey.level.${level}`)}
    </Badge>
  );
}

/**
 * Pledged and received as shares of the need, as one stacked bar with a caption: money pledges
 * count by their amount of the estimated cost, pledges in kind by their quantity (the server's rule).
 */
export function NeedProgress({ need, compact = false }: { need: Pick<Need, 'pledgedShare' | 'receivedShare'>; compact?: boolean }) {
  const t = useT();
  const received = Math.min(100, need.receivedShare * 100);
  const pledged = Math.min(100, need.pledgedShare * 100);
  const pct = (v: number) => `${formatNumber(Math.floor(v))}%`;
  const label = t('need.progressLabel', { pledged: pct(pledged), received: pct(received) });
  return (
    <Stack gap={4} data-testid="need-progress" data-pledged={need.pledgedShare} data-received={need.receivedShare}>
      <Progress.Root size={compact ? 'md' : 'lg'} aria-label={label}>
        <Tooltip label={t('need.receivedShort', { n: pct(received) })}>
          <Progress.Section value={received} color="green" />
        </Tooltip>
        <Tooltip label={t('need.pledgedShort', { n: pct(pledged) })}>
          <Progress.Section value={Math.max(0, pledged - received)} color="yellow" />
        </Tooltip>
      </Progress.Root>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/**
 * A stored photo as its thumbnail, or its page-size copy where the screen shows it large (the
 * browser picks by width); loaded only when scrolled near.
 */
export function PhotoImage({ id, page, testId, ...props }: { id: string; alt: string; page?: boolean; testId?: string } & Omit<ImageProps, 'src'>) {
  return (
    <Image
      data-testid={testId}
      src={fileVariantUrl(id, page ? 'page' : 'thumb')}
      srcSet={`${fileVariantUrl(id, 'thumb')} 320w, ${fileVariantUrl(id, 'page')} 1280w`}
      sizes={page ? '(max-width: 700px) 100vw, 700px' : '(max-width: 500px) 50vw, 320px'}
      loading="lazy"
      decoding="async"
      {...props}
    />
  );
}

export function PhotoGrid({ files, cols = { base: 2, sm: 3 } }: { files: FileRef[]; cols?: ComponentProps<typeof SimpleGrid>['cols'] }) {
  const t = useT();
  if (!files.length) return null;
  return (
    <SimpleGrid cols={cols} spacing="xs">
      {files.map((f) => (
        f.mime && !f.mime.startsWith('image/') ? (
          <a key={f.id} href={fileUrl(f.id)} target="_blank" rel="noreferrer" aria-label={t('need.openFile', { name: f.name })}>
            <Text size="sm">{f.name}</Text>
          </a>
        ) : (
          // the page-size copy opens on a click, the original is one link away
          <Stack key={f.id} gap={2}>
            <a href={fileVariantUrl(f.id, 'page')} target="_blank" rel="noreferrer" aria-label={t('need.openFile', { name: f.name })}>
              <PhotoImage id={f.id} alt={f.name} h={120} radius="sm" fit="cover" />
            </a>
            <Anchor href={fileUrl(f.id)} target="_blank" rel="noreferrer" size="xs" aria-label={t('photo.originalOf', { name: f.name })} data-testid="photo-original">
              {t('photo.original')}
            </Anchor>
          </Stack>
        )
      ))}
    </SimpleGrid>
  );
}

export function HistoryTimeline({ items }: { items: { key: string; title: string; at: string; by?: string | null; note?: string | null }[] }) {
  const { t } = useI18n();
  if (!items.length) return <Text c="dimmed">{t('common.none')}</Text>;
  return (
    <Timeline active={items.length - 1} bulletSize={14} lineWidth={2} data-testid="history">
      {items.map((e) => (
        <Timeline.Item key={e.key} title={e.title}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
            {e.by ? ` · ${e.by}` : ''}
          </Text>
          {e.note && <Text size="sm">{e.note}</Text>}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function KeyValue({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

export function SchoolLink({ id, name, publicPage }: { id: string; name: string; publicPage?: boolean }) {
  return (
    <Anchor href={publicPage ? `/cong-khai/truong/${id}` : `/truong-hoc/${id}`} size="sm" data-spa-link="">
      {name}
    </Anchor>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return (
    <Group gap="xs" wrap="wrap">
      {children}
    </Group>
  );
}

/** Downloads rows as a CSV file made in the browser (UTF-8 with BOM so Excel shows Vietnamese). */
export function downloadCsv(filename: string, header: string[], rows: (string | number | null | undefined)[][]) {
  const esc = (v: string | number | null | undefined) => {
    const s = v == null ? '' : String(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = '\uFEFF' + [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
