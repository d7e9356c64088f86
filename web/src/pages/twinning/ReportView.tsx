import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { NARRATIVE_FIELDS, twinningApi, type Narrative, type Report, type ReportLevel } from '../../../../contracts/twinning';
import { call, endpointUrl } from '../../api/call';
import { DraftFormFooter, ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, useDraftForm } from '../../lib/form';
import { formatDate, formatDateTime } from '../../lib/format';
import { QueryView, useApi, useApiMutation } from '../../lib/query';
import { FiguresPanel } from './FiguresPanel';

const docUrl = (r: Report, format: 'docx' | 'xlsx') => endpointUrl(twinningApi.reportDocument, { params: { level: r.level, orgId: r.organisationId, year: r.year }, query: { format } });

/** The lead school (or the Department) writes the narrative; kept as a draft; "submit" is final. */
function NarrativeForm({ report }: { report: Report }) {
  const { t } = useI18n();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Narrative>({
    draftKey: `kn.draft.twinningReport.${report.level}.${report.organisationId}.${report.year}`,
    initialValues: report.narrative,
  });
  const [confirming, setConfirming] = useState(false);
  const save = useApiMutation(
    (submit: boolean) => call(twinningApi.saveReport, { params: { level: report.level, orgId: report.organisationId, year: report.year }, body: { narrative: form.getValues(), submit } }),
    {
      domains: [twinningApi.saveReport.tags[0]],
      onSuccess: (r, submit) => {
        clearDraft(r.narrative);
        notifications.show({ color: 'green', message: t(submit ? 'tw.rep.sent' : 'tw.rep.saved') });
      },
    },
  );

  function send(submit: boolean) {
    setConfirming(false);
    if (submit && !form.getValues().results.trim()) {
      form.setFieldError('results', t('tw.nar.resultsRequired'));
      return;
    }
    save.mutate(submit, {
      onError: (err) => {
        for (const f of err.fieldErrors) form.setFieldError(f.path.replace(/^narrative\./, ''), f.message);
      },
    });
  }
  const busy = save.isPending ? (save.variables ? 'submit' : 'draft') : null;

  return (
    <Card withBorder component="section" aria-labelledby="tw-narrative-title">
      <Stack gap="sm" data-testid="report-narrative">
        <Title order={2} size="h4" id="tw-narrative-title">
          {t('tw.rep.narrative')}
        </Title>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(report.narrative)} />}
        {save.error && <ErrorAlert error={save.error} />}
        {NARRATIVE_FIELDS.map((k) => (
          <Textarea
            key={k}
            label={t(`tw.nar.${k}`)}
            required={k === 'results'}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={10000}
            {...form.getInputProps(k)}
            data-testid={`report-${k}`}
          />
        ))}
        <DraftFormFooter>
          <Group gap="xs">
            <Button variant="default" onClick={() => send(false)} loading={busy === 'draft'} disabled={!!busy} data-testid="report-save">
              {t('tw.rep.saveDraft')}
            </Button>
            <Button onClick={() => setConfirming(true)} loading={busy === 'submit'} disabled={!!busy} data-testid="report-submit">
              {t('tw.rep.submit')}
            </Button>
          </Group>
        </DraftFormFooter>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('tw.rep.submit')}>
        <Stack gap="sm">
          <Text size="sm">{t('tw.rep.submitConfirm', { year: report.year })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => send(true)} loading={busy === 'submit'} data-testid="report-submit-confirm">
              {t('tw.rep.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function NarrativeView({ n }: { n: Narrative }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="tw-narrative-title">
      <Stack gap="sm" data-testid="report-narrative">
        <Title order={2} size="h4" id="tw-narrative-title">
          {t('tw.rep.narrative')}
        </Title>
        {NARRATIVE_FIELDS.map((k) => (
          <div key={k}>
            <Text size="sm" fw={600}>
              {t(`tw.nar.${k}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={n[k] ? undefined : 'dimmed'}>
              {n[k] || t('tw.nar.empty')}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

/** One report: status, figures next to the narrative, downloads. */
export function ReportView({ level, orgId, year, fallbackName }: { level: ReportLevel; orgId: string; year: number; fallbackName?: string }) {
  const { t } = useI18n();
  const rep = useApi(twinningApi.report, { params: { level, orgId, year } });
  // a school that does not lead its cluster cannot read the cluster's draft: say so rather than show a refusal
  if (rep.error?.status === 403 && level === 'cluster' && fallbackName) return <Alert color="yellow" data-testid="report-not-lead">{t('tw.rep.notLead', { name: fallbackName })}</Alert>;
  return <QueryView query={rep}>{(r) => <ReportBody r={r} />}</QueryView>;
}

function ReportBody({ r }: { r: Report }) {
  const { t } = useI18n();
  const submitted = r.status === 'submitted';
  return (
    <Stack gap="sm" data-testid="report" data-status={r.status}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2} size="h3" data-testid="report-title">
            {t('tw.rep.of', { year: r.year, name: r.organisationName })}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge color={submitted ? 'green' : 'blue'} variant="light" radius="sm" style={{ textTransform: 'none' }} data-testid="report-status" styles={{ label: { overflow: 'visible' } }}>
              {t(`tw.rep.status.${r.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {submitted && r.submittedAt ? t('tw.rep.submittedAt', { time: formatDateTime(r.submittedAt) }) : t('tw.rep.due', { date: formatDate(r.due) })}
            </Text>
          </Group>
        </div>
        <Group gap="xs" role="group" aria-label={t('tw.rep.download')}>
          <Button component="a" href={docUrl(r, 'docx')} download variant="light" data-testid="report-docx">
            {t('tw.rep.docx')}
          </Button>
          <Button component="a" href={docUrl(r, 'xlsx')} download variant="light" data-testid="report-xlsx">
            {t('tw.rep.xlsx')}
          </Button>
        </Group>
      </Group>
      {submitted && <Alert color="green" variant="light">{t('tw.rep.readOnly')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <FiguresPanel f={r.figures} frozen={submitted} />
        {r.can.write ? <NarrativeForm key={r.status} report={r} /> : <NarrativeView n={r.narrative} />}
      </SimpleGrid>
    </Stack>
  );
}

