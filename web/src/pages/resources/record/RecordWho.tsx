import { Card, Select, Stack, TextInput, Title } from '@mantine/core';
import { useI18n } from '../../../i18n';
import { resourceQueries, useResource } from '../queries';
import type { RecordForm } from './recordForm';

/** Who gives: a school itself, or an approved donor (and, optionally, the agreement it gives under). */
export function RecordWho({ form, ownSchoolName }: { form: RecordForm; ownSchoolName: string | null }) {
  const { t } = useI18n();
  const contributorId = form.values.contributorId;
  const donors = useResource(resourceQueries.donors({ vetting: 'approved' }), { enabled: !ownSchoolName });
  const agreements = useResource(resourceQueries.agreements({ donorId: contributorId }), { enabled: !ownSchoolName && !!contributorId });
  const agreementItems = (agreements.data?.items ?? []).filter((a) => !a.cancelled);
  const contributorError = form.errors.contributorId ?? (donors.error ? (donors.error.detail ?? donors.error.title) : undefined);
  return (
    <Card withBorder component="section" aria-labelledby="record-who">
      <Stack gap="sm">
        <Title order={2} size="h4" id="record-who">
          {t('record.who')}
        </Title>
        {ownSchoolName ? (
          <TextInput label={t('pledge.contributor')} description={t('record.contributorSchool')} value={ownSchoolName} readOnly data-testid="record-contributor" />
        ) : (
          <Select
            label={t('pledge.contributor')}
            description={t('record.contributorHelp')}
            placeholder={t('record.contributorPick')}
            required
            searchable
            data={(donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={contributorId || null}
            onChange={(v) => {
              form.setFieldValue('contributorId', v ?? '');
              form.setFieldValue('agreementId', '');
              const d = donors.data?.items.find((x) => x.id === v);
              if (d) form.setFieldValue('anonymous', d.anonymousDefault);
            }}
            error={contributorError}
            nothingFoundMessage={donors.isFetching ? t('app.loading') : t('record.noDonors')}
            data-testid="record-contributor"
          />
        )}
        {!ownSchoolName && contributorId && (
          <Select
            label={t('record.agreement')}
            description={t('record.agreementHelp')}
            placeholder={agreementItems.length ? t('record.agreementPick') : t('record.agreementNone')}
            clearable
            data={agreementItems.map((a) => ({ value: a.id, label: a.code ? `${a.code} — ${a.title}` : a.title }))}
            value={form.values.agreementId || null}
            onChange={(v) => form.setFieldValue('agreementId', v ?? '')}
            error={form.errors.agreementId}
            disabled={!agreementItems.length}
            data-testid="record-agreement"
          />
        )}
      </Stack>
    </Card>
  );
}
