import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { resourcesApi, type DonorDetail, type VettingStatus } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { QueryView } from '../../../lib/query';
import { Link } from '../../../lib/router';
import { SignedIn } from '../ListTable';
import { canVetDonor, ownDonorId } from '../permissions';
import { resourceQueries, useResource, useResourceMutation } from '../queries';
import { KeyValue, ReasonModal } from '../shared';

const VETTING_COLORS: Record<VettingStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

export function VettingBadge({ status }: { status: VettingStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={VETTING_COLORS[status]} variant="light" style={{ textTransform: 'none' }} data-testid="donor-vetting" data-status={status}>
      {t(`donor.vetting.${status}`)}
    </Badge>
  );
}

function VetModal({ id, decision, onClose }: { id: string; decision: 'approved' | 'rejected'; onClose: () => void }) {
  const { t } = useI18n();
  const vet = useResourceMutation((reason: string) => resourcesApi.donors.vet(id, decision, reason), {
    onSuccess: () => {
      notifications.show({ color: 'green', message: t(`donor.vet.done.${decision}`) });
      onClose();
    },
  });
  return (
    <ReasonModal
      title={t(`donor.vet.${decision}`)}
      required={decision === 'rejected'}
      color={decision === 'approved' ? 'green' : 'red'}
      confirmLabel={t(`donor.vet.${decision}`)}
      busy={vet.isPending}
      textTestId="donor-vet-reason"
      confirmTestId="donor-vet-confirm"
      onClose={onClose}
      onConfirm={(reason) => vet.mutate(reason)}
    >
      {vet.error && <ErrorAlert error={vet.error} />}
    </ReasonModal>
  );
}

/** `/nha-tai-tro/:id`: a donor's profile and vetting status; the vetting board approves or rejects. */
export function DonorProfilePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  return (
    <SignedIn
      extra={
        <Button component={Link} href={`/cong-khai/nha-tai-tro/${params.id}`} size="xs" variant="light">
          {t('donor.publicPage')}
        </Button>
      }
    >
      {() => <Profile id={params.id} />}
    </SignedIn>
  );
}

function Profile({ id }: { id: string }) {
  const d = useResource(resourceQueries.donor(id));
  return <QueryView query={d}>{(x) => <ProfileView x={x} />}</QueryView>;
}

function ProfileView({ x }: { x: DonorDetail }) {
  const { t } = useI18n();
  const auth = useAuth();
  const [vet, setVet] = useState<'approved' | 'rejected' | null>(null);
  const own = ownDonorId(auth);
  return (
    <Stack gap="md">
      <Anchor component={Link} href={own ? '/nhu-cau' : '/nha-tai-tro'} size="sm">
        ← {own ? t('need.list.title') : t('donor.list.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1}>{x.name}</Title>
          <Group gap="xs">
            <Text c="dimmed">{t(`donor.type.${x.donorType}`)}</Text>
            <VettingBadge status={x.vettingStatus} />
          </Group>
        </div>
        <Group gap="xs">
          {canVetDonor(x) && x.vettingStatus !== 'approved' && (
            <Button color="green" onClick={() => setVet('approved')} data-testid="donor-approve">
              {t('donor.vet.approved')}
            </Button>
          )}
          {canVetDonor(x) && x.vettingStatus !== 'rejected' && (
            <Button color="red" variant="light" onClick={() => setVet('rejected')} data-testid="donor-reject">
              {t('donor.vet.rejected')}
            </Button>
          )}
          {x.vettingStatus === 'approved' && (
            <Button component={Link} href={`/cong-khai/nha-tai-tro/${x.id}`} variant="default">
              {t('donor.publicPage')}
            </Button>
          )}
        </Group>
      </Group>
      {x.vettingStatus === 'pending' && own === x.id && <Alert color="orange">{t('donor.pendingHelp')}</Alert>}
      {x.vettingStatus === 'rejected' && x.vettingReason && (
        <Alert color="red" title={t('donor.vetting.rejected')}>
          {x.vettingReason}
        </Alert>
      )}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <KeyValue label={t('donor.taxCode')} value={x.taxCode ?? '—'} />
          <KeyValue label={t('donor.country')} value={x.country} />
          <KeyValue
            label={t('donor.website')}
            value={
              x.website ? (
                <Anchor href={x.website} target="_blank" rel="noreferrer">
                  {x.website}
                </Anchor>
              ) : (
                '—'
              )
            }
          />
          <KeyValue label={t('donor.registeredOn')} value={formatDate(x.createdAt)} />
          <KeyValue label={t('donor.vettedOn')} value={formatDate(x.vettedAt)} />
          <KeyValue label={t('donor.anonymousDefault')} value={x.anonymousDefault ? t('common.yes') : t('common.no')} />
        </SimpleGrid>
        {x.description && (
          <Text mt="md" size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {x.description}
          </Text>
        )}
      </Card>
      {vet && <VetModal id={x.id} decision={vet} onClose={() => setVet(null)} />}
    </Stack>
  );
}
