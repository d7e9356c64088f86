import { Alert, Anchor, Badge, Button, Card, Group, List, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DONOR_DOCUMENT_KINDS, fileUrl, MAX_REFERENCES, resourcesApi, type DonorDetail, type DonorDocumentKind, type VettingStatus } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { formatDate } from '../../../lib/format';
import { QueryView } from '../../../lib/query';
import { Link } from '../../../lib/router';
import { SignedIn } from '../ListTable';
import { canVetDonor, ownDonorId } from '../permissions';
import { resourceQueries, useResource, useResourceMutation } from '../queries';
import { KeyValue } from '../shared';
import { ReasonModal } from '../shared-dialogs';
import { EVIDENCE_ACCEPT, FilesField, useFiles } from '../../../components/FilesField';
import { referenceLines } from './references';

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
      <VettingFile x={x} />
      {vet && <VetModal id={x.id} decision={vet} onClose={() => setVet(null)} />}
    </Stack>
  );
}

/**
 * What the vetting board vets: who speaks for the donor (their role), references and the
 * registration papers. The donor edits and uploads them here; the board reads and downloads them.
 */
function VettingFile({ x }: { x: DonorDetail }) {
  const { t } = useI18n();
  return (
    <Card withBorder component="section" aria-labelledby="vetting-file-title" data-testid="donor-vetting-file">
      <Title order={2} size="h4" id="vetting-file-title">
        {t('donor.vettingFile')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('donor.vettingFileHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <KeyValue label={t('donor.contactRole')} value={x.contactRole ?? '—'} testId="donor-contact-role-value" />
        <KeyValue
          label={t('donor.references')}
          testId="donor-references-value"
          value={
            x.references.length ? (
              <List size="sm">
                {x.references.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            ) : (
              t('donor.referencesNone')
            )
          }
        />
      </SimpleGrid>
      {x.documents && (
        <Stack gap={4} mt="md" data-testid="donor-documents">
          <Text size="xs" c="dimmed">
            {t('donor.documents')}
          </Text>
          {x.documents.length ? (
            x.documents.map((d) => (
              <Group key={d.id} gap="xs">
                <Anchor href={fileUrl(d.id)} target="_blank" rel="noreferrer" size="sm" data-testid="donor-document" data-kind={d.kind}>
                  {d.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t(`donor.documentKind.${d.kind}`)} · {formatDate(d.uploadedAt)}
                </Text>
              </Group>
            ))
          ) : (
            <Text size="sm" c="dimmed">
              {t('donor.documentsNone')}
            </Text>
          )}
          {x.can.edit && !x.documents.length && x.vettingStatus === 'pending' && <Alert color="orange">{t('donor.missingDocuments')}</Alert>}
        </Stack>
      )}
      {x.can.edit && <EditVettingFile x={x} />}
    </Card>
  );
}

function EditVettingFile({ x }: { x: DonorDetail }) {
  const { t } = useI18n();
  const [role, setRole] = useState(x.contactRole ?? '');
  const [refs, setRefs] = useState(x.references.join('\n'));
  const [kind, setKind] = useState<DonorDocumentKind>('business_registration');
  const files = useFiles({ pdf: true, maxMb: 10, max: 5 });
  const lines = referenceLines(refs);
  const save = useResourceMutation(() => resourcesApi.donors.update(x.id, { contactRole: role.trim() || null, references: lines }), {
    onSuccess: () => notifications.show({ color: 'green', message: t('donor.savedVettingFile') }),
  });
  const upload = useResourceMutation((f: File[]) => resourcesApi.donors.addDocuments(x.id, kind, f), {
    onSuccess: () => {
      files.clear();
      notifications.show({ color: 'green', message: t('donor.documentUploaded') });
    },
  });
  const tooMany = lines.length > MAX_REFERENCES;
  return (
    <Stack gap="sm" mt="md" data-testid="donor-vetting-edit">
      <TextInput label={t('donor.contactRole')} description={t('donor.contactRoleHelp')} value={role} onChange={(e) => setRole(e.currentTarget.value)} maxLength={200} data-testid="donor-contact-role-edit" />
      <Textarea
        label={t('donor.references')}
        description={t('donor.referencesHelp')}
        autosize
        minRows={2}
        value={refs}
        onChange={(e) => setRefs(e.currentTarget.value)}
        error={tooMany ? t('donor.referencesTooMany') : null}
        data-testid="donor-references-edit"
      />
      {save.error && <ErrorAlert error={save.error} />}
      <div>
        <Button size="xs" variant="light" disabled={tooMany} loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="donor-vetting-save">
          {t('donor.saveVettingFile')}
        </Button>
      </div>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('donor.documentKind')}
          data={DONOR_DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`donor.documentKind.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as DonorDocumentKind)}
          allowDeselect={false}
          data-testid="donor-document-kind"
        />
        <div style={{ flex: 1, minWidth: 240 }}>
          <FilesField state={files} label={t('donor.documentFiles')} placeholder={t('donor.documentPick')} accept={EVIDENCE_ACCEPT} inputTestId="donor-document-input" />
        </div>
        <Button
          size="xs"
          disabled={!files.files.length || !!files.error}
          loading={upload.isPending}
          // a refused file is marked by name; the others stay chosen for sending again
          onClick={() => files.check() && upload.mutate(files.files, { onError: (e) => files.fromServer(e) })}
          data-testid="donor-document-upload"
        >
          {t('donor.documentUpload')}
        </Button>
      </Group>
      {upload.error && <ErrorAlert error={upload.error} />}
    </Stack>
  );
}
