import { Button, Card, Group, Progress, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { resourcesApi } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { EVIDENCE_ACCEPT, FilesField, useFiles } from '../../../components/FilesField';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { parseVnDate } from '../../../lib/format';
import { DraftRestored, showServerErrors, useDraftForm } from '../../../lib/form';
import { amountText, dateText, trimmedText } from '../fields';
import { resourceQueries, useResource, useResourceMutation } from '../queries';
import { parseMoney } from '../shared';

type Values = Record<'code' | 'title' | 'donorId' | 'counterpartId' | 'scope' | 'committedValue' | 'periodFrom' | 'periodTo' | 'signedOn', string>;

/** Record a signed agreement with a donor (and its scanned document), kept as a draft while typing. */
export function AgreementForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const provinceCode = user?.organisation.provinceCode ?? '';
  const donors = useResource(resourceQueries.donors({ vetting: 'approved' }));
  const schools = useResource(resourceQueries.schoolOrganisations(provinceCode), { enabled: !!provinceCode });
  const schema = useMemo(
    () =>
      z.object({
        title: trimmedText(3, t('form.required')),
        donorId: z.string().min(1, t('form.required')),
        counterpartId: z.string().min(1, t('form.required')),
        committedValue: amountText(t('need.form.costInvalid')),
        periodFrom: dateText(t('date.invalid')),
        periodTo: dateText(t('date.invalid')),
        signedOn: dateText(t('date.invalid')),
      }),
    [t],
  );
  const initialValues: Values = { code: '', title: '', donorId: '', counterpartId: user?.organisation.id ?? '', scope: '', committedValue: '', periodFrom: '', periodTo: '', signedOn: '' };
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: 'kn.draft.agreement.new', initialValues, schema });
  // the scanned document: one file, PDF or image, named when refused here or by the server
  const doc = useFiles({ pdf: true, maxMb: 10, single: true });
  const [progress, setProgress] = useState<number | null>(null);
  const create = useResourceMutation(
    (v: Values) =>
      resourcesApi.agreements
        .create(
          {
            code: v.code.trim(),
            title: v.title.trim(),
            donorId: v.donorId,
            counterpartId: v.counterpartId,
            scope: v.scope.trim(),
            committedValue: String(parseMoney(v.committedValue)),
            periodFrom: parseVnDate(v.periodFrom)!,
            periodTo: parseVnDate(v.periodTo)!,
            signedOn: parseVnDate(v.signedOn)!,
          },
          doc.files[0] ?? null,
          setProgress,
        )
        .finally(() => setProgress(null)),
    {
      onSuccess: () => {
        clearDraft();
        doc.clear();
        notifications.show({ color: 'green', message: t('agreement.created') });
        onDone();
      },
    },
  );
  const submit = form.onSubmit((v) => {
    if (!doc.check()) return;
    setProgress(0);
    create.mutate(v, { onError: (e) => doc.fromServer(e) || showServerErrors(form, e) });
  });

  const counterparts = [...(user ? [{ value: user.organisation.id, label: user.organisation.name }] : []), ...(schools.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))];
  const date = (k: 'signedOn' | 'periodFrom' | 'periodTo', label: string, testId: string) => <TextInput label={label} required placeholder="dd/mm/yyyy" {...form.getInputProps(k)} data-testid={testId} />;
  return (
    <Card withBorder component="section" aria-labelledby="agreement-form-title">
      <form onSubmit={submit} noValidate data-testid="agreement-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="agreement-form-title">
            {t('agreement.new')}
          </Title>
          {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initialValues)} />}
          {create.error && <ErrorAlert error={create.error} />}
          {donors.error && <ErrorAlert error={donors.error} onRetry={() => void donors.refetch()} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('agreement.code')} maxLength={60} {...form.getInputProps('code')} />
            <TextInput label={t('agreement.titleField')} required maxLength={300} {...form.getInputProps('title')} data-testid="agreement-title" />
            <Select
              label={t('agreement.donor')}
              required
              searchable
              data={(donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={form.values.donorId || null}
              onChange={(x) => form.setFieldValue('donorId', x ?? '')}
              error={form.errors.donorId}
              data-testid="agreement-donor"
            />
            <Select
              label={t('agreement.counterpart')}
              required
              searchable
              data={counterparts}
              value={form.values.counterpartId || null}
              onChange={(x) => form.setFieldValue('counterpartId', x ?? '')}
              error={form.errors.counterpartId}
              data-testid="agreement-counterpart"
            />
            <TextInput
              label={t('agreement.committed')}
              required
              inputMode="numeric"
              placeholder="500.000.000"
              rightSection={<Text size="sm">₫</Text>}
              {...form.getInputProps('committedValue')}
              data-testid="agreement-value"
            />
            {date('signedOn', t('agreement.signedOn'), 'agreement-signed')}
            {date('periodFrom', t('agreement.periodFrom'), 'agreement-from')}
            {date('periodTo', t('agreement.periodTo'), 'agreement-to')}
          </SimpleGrid>
          <Textarea label={t('agreement.scope')} autosize minRows={2} {...form.getInputProps('scope')} />
          <FilesField
            state={doc}
            label={t('agreement.document')}
            description={t('agreement.documentHelp')}
            accept={EVIDENCE_ACCEPT}
            inputTestId="agreement-document"
            data-testid="agreement-document-button"
          />
          {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="agreement-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
