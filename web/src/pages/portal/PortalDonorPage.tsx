import { Anchor, Stack, Text, } from '@mantine/core';
import { useI18n } from '../../i18n';
import { QueryView } from '../../lib/query';
import { resourceQueries, useResource } from '../resources/queries';
import { PortalProfileHeader, PortalSection, ProfileContributions, Totals } from './PublicParts';

export default function PortalDonorPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const data = useResource(resourceQueries.portalDonor(params.id));
  return (
    <QueryView query={data}>
      {(d) => (
        <Stack gap="md">
          <PortalProfileHeader name={d.donor.name} testId="portal-donor-name">
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
          </PortalProfileHeader>
          <Totals totals={d.totals} />
          <PortalSection id="pd-contrib" title={t('portal.table')}>
            <ProfileContributions items={d.contributions} total={d.totals.count} of={{ contributorId: d.donor.id }} showContributor={false} />
            <Text size="xs" c="dimmed">
              {t('portal.donorAnonymousNote')}
            </Text>
          </PortalSection>
        </Stack>
      )}
    </QueryView>
  );
}
