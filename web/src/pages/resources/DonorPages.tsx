import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, PasswordInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api';
import { DONOR_TYPES, resourcesApi, type DonorType, type VettingStatus } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { KeyValue, ReasonModal } from './shared';

const VETTING_COLORS: Record<VettingStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

export function VettingBadge({ status }: { status: VettingStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={VETTING_COLORS[status]} variant="light" style={{ textTransform: 'none' }} data-testid="donor-vetting" data-status={status}>
      {t(`donor.vetting.${status}`)}
    </Badge>
  );
}

type RegField = 'organisationName' | 'donorType' | 'taxCode' | 'website' | 'description' | 'provinceCode' | 'email' | 'password' | 'displayName';

/** `/nha-tai-tro/dang-ky`: a donor registers its organisation and first account, then waits for vetting. */
export default function DonorRegisterPage() {
  const { t } = useI18n();
  const { user, refresh } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const provinces = useProvinces();
  const [v, setV] = useState({ organisationName: '', donorType: 'business' as DonorType, taxCode: '', website: '', description: '', provinceCode: '', email: '', password: '', displayName: '', anonymousDefault: false });
  const [errors, setErrors] = useState<Partial<Record<RegField, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof v>(k: K, val: (typeof v)[K]) => {
    setV((x) => ({ ...x, [k]: val }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  if (user) {
    return (
      <Alert color="blue" title={t('donor.register.signedIn')}>
        <Anchor component={Link} href={user.role === 'donor' ? `/nha-tai-tro/${user.organisation.id}` : '/'}>
          {t('donor.register.openProfile')}
        </Anchor>
      </Alert>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Partial<Record<RegField, string>> = {};
    if (v.organisationName.trim().length < 2) errs.organisationName = t('form.required');
    if (v.displayName.trim().length < 2) errs.displayName = t('form.required');
    if (!/^\S+@\S+\.\S+$/.test(v.email.trim())) errs.email = t('donor.register.emailInvalid');
    if (v.password.length < 10) errs.password = t('donor.register.passwordShort');
    if (v.website && !/^https?:\/\//.test(v.website.trim())) errs.website = t('donor.register.websiteInvalid');
    setErrors(errs);
    if (Object.values(errs).some(Boolean)) return;
    setBusy(true);
    try {
      const d = await resourcesApi.donors.register({
        organisationName: v.organisationName.trim(),
        donorType: v.donorType,
        taxCode: v.taxCode.trim() || null,
        website: v.website.trim() || null,
        description: v.description.trim() || null,
        provinceCode: v.provinceCode || null,
        anonymousDefault: v.anonymousDefault,
        email: v.email.trim(),
        password: v.password,
        displayName: v.displayName.trim(),
      });
      await refresh();
      notifications.show({ color: 'green', message: t('donor.register.done') });
      const next = search.get('tiep');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : `/nha-tai-tro/${d.id}`);
    } catch (err) {
      const apiErr = err as ApiError;
      const fe: Partial<Record<RegField, string>> = {};
      for (const f of apiErr.fieldErrors ?? []) fe[f.path as RegField] = f.message;
      setErrors(fe);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate data-testid="donor-register">
      <Stack gap="md" maw={760}>
        <Title order={1}>{t('donor.register.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('donor.register.intro')}
        </Text>
        {error && <ErrorAlert error={error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('donor.name')} required value={v.organisationName} onChange={(e) => set('organisationName', e.currentTarget.value)} error={errors.organisationName} data-testid="donor-name" />
          <Select label={t('donor.typeLabel')} required data={DONOR_TYPES.map((d) => ({ value: d, label: t(`donor.type.${d}`) }))} value={v.donorType} onChange={(x) => x && set('donorType', x as DonorType)} allowDeselect={false} data-testid="donor-type" />
          <TextInput label={t('donor.taxCode')} value={v.taxCode} onChange={(e) => set('taxCode', e.currentTarget.value)} error={errors.taxCode} inputMode="numeric" />
          <Select label={t('schools.province')} data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))} value={v.provinceCode || null} onChange={(x) => set('provinceCode', x ?? '')} searchable clearable />
          <TextInput label={t('donor.website')} type="url" placeholder="https://" value={v.website} onChange={(e) => set('website', e.currentTarget.value)} error={errors.website} />
        </SimpleGrid>
        <Textarea label={t('donor.description')} autosize minRows={2} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} />
        <Checkbox label={t('donor.anonymousDefault')} checked={v.anonymousDefault} onChange={(e) => set('anonymousDefault', e.currentTarget.checked)} />
        <Title order={2} size="h4">
          {t('donor.register.account')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('donor.displayName')} required value={v.displayName} onChange={(e) => set('displayName', e.currentTarget.value)} error={errors.displayName} autoComplete="name" data-testid="donor-display-name" />
          <TextInput label={t('donor.email')} type="email" required value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} autoComplete="email" data-testid="donor-email" />
          <PasswordInput label={t('donor.password')} description={t('donor.register.passwordHelp')} required value={v.password} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} autoComplete="new-password" data-testid="donor-password" />
        </SimpleGrid>
        <Group justify="space-between" wrap="wrap">
          <Anchor component={Link} href={signInHref()} size="sm">
            {t('donor.register.haveAccount')}
          </Anchor>
          <Button type="submit" loading={busy} data-testid="donor-register-submit">
            {t('donor.register.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function VetModal({ id, decision, onClose, onDone }: { id: string; decision: 'approved' | 'rejected'; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <ReasonModal
      title={t(`donor.vet.${decision}`)}
      required={decision === 'rejected'}
      color={decision === 'approved' ? 'green' : 'red'}
      confirmLabel={t(`donor.vet.${decision}`)}
      busy={busy}
      textTestId="donor-vet-reason"
      confirmTestId="donor-vet-confirm"
      onClose={onClose}
      onConfirm={async (reason) => {
        setBusy(true);
        try {
          await resourcesApi.donors.vet(id, decision, reason);
          notifications.show({ color: 'green', message: t(`donor.vet.done.${decision}`) });
          onDone();
        } catch (e) {
          setError(e as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      {error && <ErrorAlert error={error} />}
    </ReasonModal>
  );
}

/** `/nha-tai-tro/:id`: a donor's profile and vetting status; the vetting board approves or rejects. */
export function DonorProfilePage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const d = useAsync((signal) => resourcesApi.donors.get(params.id, signal), [params.id, user?.id], !!user);
  const [vet, setVet] = useState<'approved' | 'rejected' | null>(null);
  if (user === undefined || (d.loading && !d.data)) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Group gap="xs" mt="xs">
          <Button component={Link} href={signInHref()} size="xs">
            {t('nav.signIn')}
          </Button>
          <Button component={Link} href={`/cong-khai/nha-tai-tro/${params.id}`} size="xs" variant="light">
            {t('donor.publicPage')}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (d.error) return <ErrorAlert error={d.error} onRetry={d.reload} />;
  const x = d.data!;
  return (
    <Stack gap="md">
      <Anchor component={Link} href={user.role === 'donor' ? '/nhu-cau' : '/nha-tai-tro'} size="sm">
        ← {user.role === 'donor' ? t('need.list.title') : t('donor.list.title')}
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
          {x.can.vet && x.vettingStatus !== 'approved' && (
            <Button color="green" onClick={() => setVet('approved')} data-testid="donor-approve">
              {t('donor.vet.approved')}
            </Button>
          )}
          {x.can.vet && x.vettingStatus !== 'rejected' && (
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
      {x.vettingStatus === 'pending' && user.organisation.id === x.id && <Alert color="orange">{t('donor.pendingHelp')}</Alert>}
      {x.vettingStatus === 'rejected' && x.vettingReason && (
        <Alert color="red" title={t('donor.vetting.rejected')}>
          {x.vettingReason}
        </Alert>
      )}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <KeyValue label={t('donor.taxCode')} value={x.taxCode ?? '—'} />
          <KeyValue label={t('donor.country')} value={x.country} />
          <KeyValue label={t('donor.website')} value={x.website ? <Anchor href={x.website} target="_blank" rel="noreferrer">{x.website}</Anchor> : '—'} />
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
      {vet && (
        <VetModal
          id={x.id}
          decision={vet}
          onClose={() => setVet(null)}
          onDone={() => {
            setVet(null);
            d.reload();
          }}
        />
      )}
    </Stack>
  );
}

/** `/nha-tai-tro`: donors for the Ministry and Departments; pending ones first. */
export function DonorListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [vetting, setVetting] = useState<VettingStatus | null>(null);
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const allowed = !!user && ['admin', 'ministry', 'department'].includes(user.role);
  const list = useAsync((signal) => resourcesApi.donors.list({ vetting: vetting ?? undefined, q: dq || undefined }, signal), [vetting, dq, user?.id], allowed);
  if (user === undefined) return <PageLoader />;
  if (user?.role === 'donor') return <DonorProfilePage params={{ id: user.organisation.id }} />;
  if (!allowed) {
    return (
      <Stack>
        <Title order={1}>{t('donor.list.title')}</Title>
        {user ? (
          <Text c="dimmed">{t('common.forbidden')}</Text>
        ) : (
          <Group>
            <Button component={Link} href="/nha-tai-tro/dang-ky">
              {t('donor.register.title')}
            </Button>
            <Button component={Link} href={signInHref()} variant="light">
              {t('nav.signIn')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={1}>{t('donor.list.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={640}>
        <TextInput label={t('common.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select
          label={t('donor.vettingLabel')}
          placeholder={t('common.all')}
          data={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`donor.vetting.${s}`) }))}
          value={vetting}
          onChange={(v) => setVetting(v as VettingStatus | null)}
          clearable
          data-testid="donor-filter-vetting"
        />
      </SimpleGrid>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <PageLoader />}
      {list.data && (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped highlightOnHover data-testid="donor-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('donor.name')}</Table.Th>
                <Table.Th>{t('donor.typeLabel')}</Table.Th>
                <Table.Th>{t('donor.taxCode')}</Table.Th>
                <Table.Th>{t('donor.vettingLabel')}</Table.Th>
                <Table.Th>{t('donor.registeredOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((d) => (
                <Table.Tr key={d.id} data-testid="donor-row">
                  <Table.Td>
                    <Anchor component={Link} href={`/nha-tai-tro/${d.id}`} size="sm">
                      {d.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`donor.type.${d.donorType}`)}</Table.Td>
                  <Table.Td>{d.taxCode ?? '—'}</Table.Td>
                  <Table.Td>
                    <VettingBadge status={d.vettingStatus} />
                  </Table.Td>
                  <Table.Td>{formatDate(d.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
