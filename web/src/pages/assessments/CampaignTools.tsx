import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { assessmentsExcelApi, type OutstandingItem, type OutstandingKind } from '../../../../contracts/assessments-excel';
import type { Campaign } from '../../../../contracts/assessments';
import { callForm, endpointUrl } from '../../api/call';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { ImportCard, ImportDone, useImportSubmit } from '../../components/ImportCard';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi, useInvalidate } from '../../lib/query';
import { Link } from '../../lib/router';
import { ListTable } from '../resources/ListTable';

/** The reviewer's downloads of a campaign: the answer template, the results workbook, the Decree-30 report. */
export function CampaignDownloads({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const params = { id: c.id };
  return (
    <Group gap="xs" data-testid="as-tools">
      <Button component="a" href={endpointUrl(assessmentsExcelApi.template, { params })} download variant="light" data-testid="as-template">{t('asx.template')}</Button>
      <Button component="a" href={endpointUrl(assessmentsExcelApi.results, { params })} download variant="light" data-testid="as-results-xlsx">{t('asx.results')}</Button>
      <Button component="a" href={endpointUrl(assessmentsExcelApi.report, { params })} download variant="light" data-testid="as-report-docx">{t('asx.report')}</Button>
    </Group>
  );
}

/** Import many schools' answers from the filled template: all rows or none, every bad row listed. */
export function AnswerImport({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const sheet = useImportSubmit(
    (file, progress) => callForm(assessmentsExcelApi.import, { params: { id: c.id }, files: [file], fileField: 'file' }, progress),
    () => invalidate(assessmentsExcelApi.import.tags[0]),
  );
  return (
    <ImportCard
      state={sheet}
      testId="as-import"
      title={t('asx.importTitle')}
      help={t('asx.importHelp')}
      template={{ href: endpointUrl(assessmentsExcelApi.template, { params: { id: c.id } }), label: t('asx.template') }}
      success={(r) => <ImportDone testId="as-import-success">{t('asx.importDone', { assessments: formatNumber(r.assessments), answers: formatNumber(r.answers) })}</ImportDone>}
    />
  );
}

/** Completeness by reviewing organisation, and who has not submitted or not been reviewed (paged). */
export function ReviewerProgress({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const reviewers = useApi(assessmentsExcelApi.reviewers, { params: { id: c.id } });
  const [kind, setKind] = useState<OutstandingKind>('not_submitted');
  const [late, setLate] = useState(false);
  const pages = useCursorPages(`${c.id}:${kind}:${late}`);
  const list = useApi(assessmentsExcelApi.outstanding, { params: { id: c.id }, query: { kind, late: late ? 'true' : undefined, cursor: pages.cursor, limit: 20 } }, { keepPrevious: true });
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">{t('asx.byReviewer')}</Title>
      <QueryView query={reviewers}>
        {(r) => (
          <Table.ScrollContainer minWidth={640}>
            <Table data-testid="as-reviewers">
              <Table.Thead>
                <Table.Tr>
                  {(['asx.col.reviewer', 'as.col.total', 'asx.col.notSubmitted', 'as.col.notSubmittedLate', 'asx.col.notReviewed', 'as.col.notReviewedLate', 'as.state.approved'] as const).map((k) => <Table.Th key={k}>{t(k)}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.items.map((x) => (
                  <Table.Tr key={x.reviewerName}>
                    <Table.Td>{x.reviewerName}</Table.Td><Table.Td>{x.total}</Table.Td><Table.Td>{x.notSubmitted}</Table.Td><Table.Td>{x.notSubmittedLate}</Table.Td>
                    <Table.Td>{x.notReviewed}</Table.Td><Table.Td>{x.notReviewedLate}</Table.Td><Table.Td>{x.approved}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
      <Group gap="md" align="center" wrap="wrap">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as OutstandingKind)}
          data={[{ value: 'not_submitted', label: t('asx.col.notSubmitted') }, { value: 'not_reviewed', label: t('asx.col.notReviewed') }]}
          data-testid="as-outstanding-kind"
        />
        <Checkbox label={t('asx.lateOnly')} checked={late} onChange={(e) => setLate(e.currentTarget.checked)} data-testid="as-outstanding-late" />
      </Group>
      <QueryView query={list}>
        {(data) => (
          <>
            <Text size="sm" c="dimmed" data-testid="as-outstanding-total">{t('asx.outstandingTotal', { n: formatNumber(data.total) })}</Text>
            <ListTable<OutstandingItem>
              rows={data.items}
              rowKey={(a) => a.assessmentId}
              minWidth={720}
              testId="as-outstanding"
              empty={t('asx.none')}
              columns={[
                { key: 'org', header: t('as.col.organisation'), cell: (a) => <Anchor component={Link} href={`/danh-gia/${a.assessmentId}`} size="sm">{a.organisationName}</Anchor> },
                { key: 'commune', header: t('as.col.commune'), cell: (a) => a.communeName ?? '' },
                { key: 'province', header: t('as.col.province'), cell: (a) => a.provinceName },
                { key: 'reviewer', header: t('asx.col.reviewer'), cell: (a) => a.reviewerName },
                { key: 'state', header: t('as.col.state'), cell: (a) => <Badge variant="light">{t(`as.state.${a.state}`)}</Badge> },
                { key: 'late', header: t('as.col.late'), cell: (a) => (a.late ? <Badge color="red" variant="light">{t('as.col.late')}</Badge> : '') },
              ]}
            />
            <CursorPager pages={pages} nextCursor={data.nextCursor} busy={list.isFetching} scrollTop={false} />
          </>
        )}
      </QueryView>
    </Stack>
  );
}
