import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AssessmentSummary, Campaign } from '../../../../contracts/assessments';
import { PageHeader } from '../../components/common';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable, SignedIn } from '../resources/ListTable';
import { assessmentsExportUrl, useAssessments, useCampaign, useCompleteness } from './api';
import { AnswerImport, CampaignDownloads, ReviewerProgress } from './CampaignTools';

/** `/danh-gia/dot/:id`: a campaign's progress by province (who has not submitted, who has not been reviewed) and its assessments. */
export default function CampaignPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const c = useCampaign(id);
  return <SignedIn>{() => <QueryView query={c}>{(campaign) => <Loaded c={campaign} />}</QueryView>}</SignedIn>;
}

function Loaded({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const { user } = useAuth();
  // a commune reviewing its schools sees their list, not the province's progress
  const showProgress = !c.ownAssessmentId && user?.role !== 'commune';
  const progress = useCompleteness(c.id, showProgress);
  const pages = useCursorPages(c.id);
  const list = useAssessments(c.id, pages.cursor);
  const { can } = useAuth();
  const reviewer = !c.ownAssessmentId && can('assessments.open');
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/danh-gia" size="sm">← {t('as.title')}</Anchor>
      <PageHeader
        title={c.title}
        help={`${c.frameworkName} · ${t('as.window', { opens: formatDate(c.opensOn), self: formatDate(c.selfDueOn), review: formatDate(c.reviewDueOn), publish: formatDate(c.publishOn) })}`}
        actions={
          <Group gap="xs">
            <Button component="a" href={assessmentsExportUrl(c.id, 'xlsx')} download variant="light">{t('schools.exportXlsx')}</Button>
            <Button component="a" href={assessmentsExportUrl(c.id, 'csv')} download variant="light">{t('schools.exportCsv')}</Button>
          </Group>
        }
      />
      {reviewer && <CampaignDownloads c={c} />}
      {showProgress && (
        <QueryView query={progress}>
          {(p) => (
            <>
              <Title order={2} size="h4">{t('as.completeness')}</Title>
              <Table.ScrollContainer minWidth={720}>
                <Table data-testid="as-completeness">
                  <Table.Thead>
                    <Table.Tr>
                      {(['as.col.province', 'as.col.total', 'as.state.draft', 'as.state.submitted', 'as.state.returned', 'as.state.approved', 'as.col.notSubmittedLate', 'as.col.notReviewedLate'] as const).map((k) => <Table.Th key={k}>{t(k)}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.items.map((r) => (
                      <Table.Tr key={r.provinceCode}>
                        <Table.Td>{r.provinceName}</Table.Td><Table.Td>{r.total}</Table.Td><Table.Td>{r.draft}</Table.Td><Table.Td>{r.submitted}</Table.Td>
                        <Table.Td>{r.returned}</Table.Td><Table.Td>{r.approved}</Table.Td><Table.Td>{r.notSubmittedLate}</Table.Td><Table.Td>{r.notReviewedLate}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
        </QueryView>
      )}
      {!c.ownAssessmentId && <ReviewerProgress c={c} />}
      {reviewer && <AnswerImport c={c} />}
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed">{data.total}</Text>
            <ListTable<AssessmentSummary>
              rows={data.items}
              rowKey={(a) => a.id}
              rowProps={() => ({ 'data-testid': 'as-row' })}
              minWidth={900}
              testId="as-table"
              empty={t('as.empty')}
              columns={[
                { key: 'org', header: t('as.col.organisation'), cell: (a) => <Anchor component={Link} href={`/danh-gia/${a.id}`} size="sm">{a.organisationName}</Anchor> },
                { key: 'commune', header: t('as.col.commune'), cell: (a) => a.communeName ?? '' },
                { key: 'state', header: t('as.col.state'), cell: (a) => <Badge variant="light">{t(`as.state.${a.state}`)}</Badge> },
                { key: 'self', header: t('as.col.self'), numeric: true, cell: (a) => a.selfPoints },
                { key: 'reviewed', header: t('as.col.reviewed'), numeric: true, cell: (a) => (a.state === 'draft' ? '—' : a.reviewedPoints ?? '—') },
                { key: 'late', header: t('as.col.late'), cell: (a) => (a.late ? <Badge color="red" variant="light">{t('as.col.late')}</Badge> : '') },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
