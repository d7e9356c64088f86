import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { PublicCampaign, PublicResult } from '../../../../contracts/assessments';
import { PageHeader, PageLoader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable } from '../resources/ListTable';
import { percent } from './shares';
import { CommuneDistribution, YearOverYear } from './PublicComparisons';
import { openDataUrl, usePublicCampaign, usePublicCampaigns, usePublicResult, usePublicResults } from './api';

const ResultsMap = lazy(() => import('./ResultsMap'));

/** The map's figures as a table (screen readers, print, phones): each province's share at each level. */
function ShareTable({ c }: { c: PublicCampaign }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table data-testid="as-map-table" striped captionSide="top">
        <caption>{t('as.map.table')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('as.map.province')}</Table.Th>
            {c.results.map((r) => <Table.Th scope="col" key={r.code}>{r.label}</Table.Th>)}
            <Table.Th scope="col">{t('as.map.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.byProvince.map((p) => (
            <Table.Tr key={p.provinceCode} data-testid="as-map-row">
              <Table.Th scope="row">{p.provinceName}</Table.Th>
              {c.results.map((r) => <Table.Td key={r.code}>{percent(p.counts[r.code] ?? 0, p.total)}%</Table.Td>)}
              <Table.Td>{p.total}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/cong-khai/danh-gia`: the campaigns whose results are public (from their publication date). */
export default function PublicCampaignsPage() {
  const { t } = useI18n();
  const list = usePublicCampaigns();
  return (
    <Stack gap="md">
      <PageHeader title={t('as.pub.title')} help={t('as.pub.intro')} />
      <QueryView query={list}>
        {(data) => (
          <Stack gap="xs">
            {data.items.length === 0 && <Text c="dimmed">{t('as.pub.empty')}</Text>}
            {data.items.map((c) => (
              <Anchor key={c.id} component={Link} href={`/cong-khai/danh-gia/${c.id}`} data-testid="as-pub-campaign">
                {c.title} ({c.year}) · {formatDate(c.publishOn)}
              </Anchor>
            ))}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

/** `/cong-khai/danh-gia/:id`: the distribution of results by province and school level, each organisation's result, the open data. */
export function PublicCampaignPage({ params }: { params: Record<string, string> }) {
  const c = usePublicCampaign(params.id ?? '');
  return <QueryView query={c}>{(campaign) => <Published c={campaign} />}</QueryView>;
}

function Distribution({ title, rows, c, testId }: { title: string; rows: { key: string; label: string; counts: Record<string, number>; total: number }[]; c: PublicCampaign; testId: string }) {
  return (
    <>
      <Title order={2} size="h4">{title}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid={testId}>
          <Table.Thead>
            <Table.Tr><Table.Th />{c.results.map((r) => <Table.Th key={r.code}>{r.label}</Table.Th>)}<Table.Th /></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>{r.label}</Table.Td>
                {c.results.map((x) => <Table.Td key={x.code}>{r.counts[x.code] ?? 0} ({r.total ? Math.round(((r.counts[x.code] ?? 0) * 100) / r.total) : 0}%)</Table.Td>)}
                <Table.Td>{r.total}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function Published({ c }: { c: PublicCampaign }) {
  const { t } = useI18n();
  const pages = useCursorPages(c.id);
  const results = usePublicResults(c.id, pages.cursor);
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/cong-khai/danh-gia" size="sm">← {t('as.pub.title')}</Anchor>
      <PageHeader
        title={c.title}
        help={`${c.frameworkName} (${c.basis}) · ${t('as.pub.assessed', { approved: c.approved, assessed: c.assessed })}`}
        actions={
          <Group gap="xs">
            <Text size="sm">{t('as.pub.openData')}:</Text>
            <Button component="a" href={openDataUrl(c.id, 'csv')} download variant="light" size="xs">CSV</Button>
            <Button component="a" href={openDataUrl(c.id, 'xlsx')} download variant="light" size="xs">XLSX</Button>
            <Button component="a" href={openDataUrl(c.id, 'json')} target="_blank" variant="light" size="xs">JSON</Button>
          </Group>
        }
      />
      {!c.complete && <Text size="sm" c="orange">{t('as.provisional')}</Text>}
      <Title order={2} size="h4">{t('as.map.title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Suspense fallback={<PageLoader />}>
          <ResultsMap c={c} />
        </Suspense>
        <ShareTable c={c} />
      </SimpleGrid>
      <Distribution title={t('as.pub.byProvince')} c={c} testId="as-pub-provinces" rows={c.byProvince.map((p) => ({ key: p.provinceCode, label: p.provinceName, counts: p.counts, total: p.total }))} />
      <Distribution title={t('as.pub.byLevel')} c={c} testId="as-pub-levels" rows={c.bySchoolLevel.map((l) => ({ key: l.level, label: t(`level.${l.level}`), counts: l.counts, total: l.total }))} />
      <YearOverYear c={c} />
      <CommuneDistribution c={c} />
      <Title order={2} size="h4">{t('as.pub.results')}</Title>
      <QueryView query={results}>
        {(data) => (
          <>
            <ListTable<PublicResult>
              rows={data.items}
              rowKey={(r) => r.assessmentId}
              rowProps={() => ({ 'data-testid': 'as-pub-row' })}
              minWidth={720}
              testId="as-pub-results"
              empty={t('as.pub.empty')}
              columns={[
                { key: 'org', header: t('as.col.organisation'), cell: (r) => <Anchor component={Link} href={`/cong-khai/danh-gia/ket-qua/${r.assessmentId}`} size="sm">{r.organisationName}</Anchor> },
                { key: 'province', header: t('as.col.province'), cell: (r) => r.provinceName },
                { key: 'commune', header: t('as.col.commune'), cell: (r) => r.communeName ?? '' },
                { key: 'points', header: t('as.pub.points'), numeric: true, cell: (r) => r.points },
                { key: 'result', header: t('as.col.result'), cell: (r) => r.resultLabel },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={results.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}

/** `/cong-khai/danh-gia/ket-qua/:id`: one organisation's published result, by group (never its evidence). */
export function PublicResultPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const r = usePublicResult(params.id ?? '');
  return (
    <QueryView query={r}>
      {(x) => (
        <Stack gap="md" maw={900}>
          <Anchor component={Link} href={`/cong-khai/danh-gia/${x.campaignId}`} size="sm">← {x.campaignTitle}</Anchor>
          <Title order={1} data-testid="as-pub-school">{x.organisationName}</Title>
          <Text c="dimmed">{x.frameworkName} · {x.provinceName}{x.communeName ? ` · ${x.communeName}` : ''}</Text>
          <Card withBorder>
            <Text fw={600} data-testid="as-pub-result">{t('as.score.result', { label: x.resultLabel })}</Text>
            {x.groups.map((g) => <Text size="sm" key={g.code}>{g.code}. {g.name}: {t('as.group.points', { points: g.points, max: g.max })}{g.level ? ` · ${g.level.label}` : ''}</Text>)}
          </Card>
        </Stack>
      )}
    </QueryView>
  );
}
