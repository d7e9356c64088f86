import { Alert, Anchor, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FlagBadges, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { NeedActions } from './need/NeedActions';
import { NeedButtons, PledgeSuccess } from './need/NeedPledgeButtons';
import { NeedAcceptance, NeedDescription, NeedFigures, NeedHistory, NeedPhotos } from './need/NeedSections';
import { Pledges } from './need/Pledges';
import { resourceQueries, useResource } from './queries';
import { NeedStatusBadge } from './shared';

/** `/nhu-cau/:id`: a need, its progress, pledges, photos and history, with the actions the server allows. */
export default function NeedDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  // asked beside /auth/me, not after it: the request carries the session either way (a slow line pays one round trip, not two)
  const need = useResource(resourceQueries.need(params.id));
  const [lastPledge, setLastPledge] = useState<string | null>(null);
  if (user === undefined) return <PageLoader />;
  return (
    <Stack gap="md">
      <Anchor component={Link} href="/nhu-cau" size="sm">
        ← {t('need.backToList')}
      </Anchor>
      <QueryView query={need}>
        {(n) => (
          <Stack gap="md" data-testid="need-page" data-need-id={n.id}>
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <div>
                <Group gap="xs" mb={4}>
                  <NeedStatusBadge status={n.status} size="lg" />
                  <Text size="sm" c="dimmed">
                    {t(`need.category.${n.category}`)} · {t(`need.priority.${n.priority}`)}
                  </Text>
                </Group>
                <Title order={1} data-testid="need-heading">
                  {n.title}
                </Title>
                <Text>
                  <Anchor component={Link} href={user ? `/truong-hoc/${n.schoolId}` : `/cong-khai/truong/${n.schoolId}`}>
                    {n.schoolName}
                  </Anchor>
                  {' · '}
                  {n.communeName}, {n.provinceName}
                </Text>
                <FlagBadges flags={n.communeFlags} />
              </div>
              <NeedButtons n={n} onPledged={setLastPledge} />
            </Group>

            {n.state === 'returned' && n.returnReason && (
              <Alert color="orange" title={t('need.returnedTitle')}>
                {n.returnReason}
              </Alert>
            )}
            {n.state === 'withdrawn' && n.withdrawReason && (
              <Alert color="gray" title={t('need.withdrawnTitle')}>
                {n.withdrawReason}
              </Alert>
            )}
            {lastPledge && <PledgeSuccess contributionId={lastPledge} onClose={() => setLastPledge(null)} />}
            <NeedActions n={n} />

            <Grid gap="lg">
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Stack gap="md">
                  <NeedFigures n={n} />
                  <NeedDescription n={n} />
                  {user && <Pledges need={n} />}
                  <NeedAcceptance n={n} />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Stack gap="md">
                  <NeedPhotos n={n} />
                  <NeedHistory n={n} />
                </Stack>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
