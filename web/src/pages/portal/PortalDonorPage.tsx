import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { resourceQueries, useResource } from '../resources/queries';
import { PublicContributionTable, Totals } from './PublicParts';

export default function PortalDonorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const data = useResource(resourceQueries.portalDonor(params.id));
  return (
    <QueryView query={data}>
      {(d) => (
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
      )}
    </QueryView>
  );
}
