import { Anchor, Stack, Text, Title } from '@mantine/core';
import { resourcesApi } from '../../api/resources';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { PublicContributionTable, Totals } from './PortalPage';

export default function PortalDonorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const data = useAsync((signal) => resourcesApi.portal.donor(params.id, signal), [params.id]);
  if (data.loading && !data.data) return <PageLoader />;
  if (data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  const d = data.data!;
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/cong-khai" size="sm">
        ← {t('portal.back')}
      </Anchor>
      <div>
        <Title order={1} data-testid="portal-donor-name">
          {d.donor.name}
        </Title>
        <Text c="dimmed">{t(`donor.type.${d.donor.donorType}`)}</Text>
        {d.donor.website && (
          <Anchor href={d.donor.website} target="_blank" rel="noreferrer" size="sm">
            {d.donor.website}
          </Anchor>
        )}
        {d.donor.description && (
          <Text size="sm" mt="xs" maw={760}>
            {d.donor.description}
          </Text>
        )}
      </div>
      <Totals totals={d.totals} />
      <Stack gap="xs" component="section" aria-labelledby="pd-contrib">
        <Title order={2} size="h4" id="pd-contrib">
          {t('portal.table')}
        </Title>
        <PublicContributionTable items={d.contributions} showContributor={false} />
        <Text size="xs" c="dimmed">
          {t('portal.donorAnonymousNote')}
        </Text>
      </Stack>
    </Stack>
  );
}
