import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { auditApi } from '../../../../contracts/audit';
import { schoolsApi } from '../../../../contracts/schools';
import { callForm, endpointUrl } from '../../api/call';
import { PageLoader, SignInPrompt } from '../../components/common';
import { ImportCard, ImportDone, useImportSubmit } from '../../components/ImportCard';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useInvalidate } from '../../lib/query';
import { Link } from '../../lib/router';
import { AreaFlagsImport } from './AreaFlagsImport';

export default function ImportSchoolsPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const invalidate = useInvalidate();
  const sheet = useImportSubmit(
    (file, progress) => callForm(schoolsApi.import, { files: [file], fileField: 'file' }, progress),
    () => invalidate(schoolsApi.import.tags[0], auditApi.history.tags[0]),
  );

  if (user === undefined) return <PageLoader />;

  const heading = (
    <div>
      <Title order={1}>{t('import.title')}</Title>
      <Text c="dimmed" maw={760}>
        {t('import.help')}
      </Text>
    </div>
  );

  if (!user)
    return (
      <Stack>
        {heading}
        <SignInPrompt />
      </Stack>
    );
  if (!can('schools.import'))
    return (
      <Stack>
        {heading}
        <Alert color="yellow">{t('import.forbidden')}</Alert>
      </Stack>
    );

  return (
    <Stack gap="md" maw={1000}>
      {heading}
      <ImportCard
        state={sheet}
        testId="import"
        template={{ href: endpointUrl(schoolsApi.importTemplate), label: t('import.template') }}
        success={(r) => (
          <ImportDone testId="import-success" title={t('import.success', { total: formatNumber(r.total) })}>
            {t('import.successDetail', { created: formatNumber(r.created), updated: formatNumber(r.updated) })}{' '}
            <Anchor component={Link} href="/truong-hoc" size="sm">
              {t('nav.schools')} →
            </Anchor>
          </ImportDone>
        )}
      />
      {can('areas.importFlags') && <AreaFlagsImport />}
    </Stack>
  );
}
