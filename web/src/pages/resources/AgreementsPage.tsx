import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Progress, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps, type FormEvent } from 'react';
import { api, type ApiError } from '../../api';
import { resourcesApi } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, parseVnDate } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { fileUrl } from '../../api/resources';
import { checkImages, EVIDENCE_ACCEPT, formatVnd, parseMoney } from './shared';

type Field = 'code' | 'title' | 'donorId' | 'counterpartId' | 'scope' | 'committedValue' | 'periodFrom' | 'periodTo' | 'signedOn' | 'document';

function AgreementForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const donors = useAsync((signal) => resourcesApi.donors.list({ vetting: 'approved' }, signal), []);
  const provinceCode = user?.organisation.provinceCode ?? undefined;
  const schools = useAsync((signal) => api.organisations.list({ kind: 'school', provinceCode, limit: 200 }, signal), [provinceCode], !!provinceCode);
  const [v, setV] = useState<Record<Exclude<Field, 'document'>, string>>({ code: '', title: '', donorId: '', counterpartId: user?.organisation.id ?? '', scope: '', committedValue: '', periodFrom: '', periodTo: '', signedOn: '' });
  const [doc, setDoc] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const set = (k: Exclude<Field, 'document'>, val: string) => {
    setV((x) => ({ ...x, [k]: val }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Partial<Record<Field, string>> = {};
    if (v.title.trim().length < 3) errs.title = t('form.required');
    if (!v.donorId) errs.donorId = t('form.required');
    if (!v.counterpartId) errs.counterpartId = t('form.required');
    const value = parseMoney(v.committedValue);
    if (value === undefined || Number.isNaN(value)) errs.committedValue = t('need.form.costInvalid');
    const dates: Record<string, string | null> = {};
    for (const k of ['periodFrom', 'periodTo', 'signedOn'] as const) {
      dates[k] = parseVnDate(v[k]);
      if (!dates[k]) errs[k] = t('date.invalid');
    }
    if (doc) {
      const err = checkImages([doc], t, { pdf: true, maxMb: 10 });
      if (err) errs.document = err;
    }
    setErrors(errs);
    if (Object.values(errs).some(Boolean)) return;
    setProgress(0);
    try {
      await resourcesApi.agreements.create(
        { code: v.code.trim(), title: v.title.trim(), donorId: v.donorId, counterpartId: v.counterpartId, scope: v.scope.trim(), committedValue: String(value), periodFrom: dates.periodFrom!, periodTo: dates.periodTo!, signedOn: dates.signedOn! },
        doc,
        setProgress,
      );
      notifications.show({ color: 'green', message: t('agreement.created') });
      onDone();
    } catch (err) {
      const apiErr = err as ApiError;
      const fe: Partial<Record<Field, string>> = {};
      for (const f of apiErr.fieldErrors ?? []) fe[f.path as Field] = f.message;
      setErrors(fe);
      setError(apiErr);
    } finally {
      setProgress(null);
    }
  }

  const counterparts = [
    ...(user ? [{ value: user.organisation.id, label: user.organisation.name }] : []),
    ...(schools.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
  ];
  return (
    <Card withBorder component="section" aria-labelledby="agreement-form-title">
      <form onSubmit={submit} noValidate data-testid="agreement-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="agreement-form-title">
            {t('agreement.new')}
          </Title>
          {error && <ErrorAlert error={error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('agreement.code')} value={v.code} onChange={(e) => set('code', e.currentTarget.value)} error={errors.code} maxLength={60} />
            <TextInput label={t('agreement.titleField')} required value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} maxLength={300} data-testid="agreement-title" />
            <Select label={t('agreement.donor')} required searchable data={(donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} value={v.donorId || null} onChange={(x) => set('donorId', x ?? '')} error={errors.donorId} data-testid="agreement-donor" />
            <Select label={t('agreement.counterpart')} required searchable data={counterparts} value={v.counterpartId || null} onChange={(x) => set('counterpartId', x ?? '')} error={errors.counterpartId} data-testid="agreement-counterpart" />
            <TextInput label={t('agreement.committed')} required inputMode="numeric" placeholder="500.000.000" rightSection={<Text size="sm">₫</Text>} value={v.committedValue} onChange={(e) => set('committedValue', e.currentTarget.value)} error={errors.committedValue} data-testid="agreement-value" />
            <TextInput label={t('agreement.signedOn')} required placeholder="dd/mm/yyyy" value={v.signedOn} onChange={(e) => set('signedOn', e.currentTarget.value)} error={errors.signedOn} data-testid="agreement-signed" />
            <TextInput label={t('agreement.periodFrom')} required placeholder="dd/mm/yyyy" value={v.periodFrom} onChange={(e) => set('periodFrom', e.currentTarget.value)} error={errors.periodFrom} data-testid="agreement-from" />
            <TextInput label={t('agreement.periodTo')} required placeholder="dd/mm/yyyy" value={v.periodTo} onChange={(e) => set('periodTo', e.currentTarget.value)} error={errors.periodTo} data-testid="agreement-to" />
          </SimpleGrid>
          <Textarea label={t('agreement.scope')} autosize minRows={2} value={v.scope} onChange={(e) => set('scope', e.currentTarget.value)} />
          <FileInput
            label={t('agreement.document')}
            description={t('agreement.documentHelp')}
            placeholder={t('need.photos.pick')}
            accept={EVIDENCE_ACCEPT}
            value={doc}
            onChange={(f) => {
              setDoc(f);
              setErrors((e) => ({ ...e, document: undefined }));
            }}
            clearable
            error={errors.document}
            fileInputProps={{ 'data-testid': 'agreement-document', 'aria-label': t('agreement.document') } as ComponentProps<'input'>}
          />
          {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={progress !== null} data-testid="agreement-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function AgreementsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [behind, setBehind] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useAsync((signal) => resourcesApi.agreements.list({ behind }, signal), [behind, user?.id], !!user);
  if (user === undefined) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  const canCreate = ['admin', 'ministry', 'department'].includes(user.role);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('agreement.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('agreement.intro')}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button component="a" href={resourcesApi.agreements.exportUrl('xlsx', behind)} download variant="light">
            {t('schools.exportXlsx')}
          </Button>
          <Button component="a" href={resourcesApi.agreements.exportUrl('csv', behind)} download variant="light">
            {t('schools.exportCsv')}
          </Button>
          {canCreate && !creating && (
            <Button onClick={() => setCreating(true)} data-testid="agreement-add">
              {t('agreement.new')}
            </Button>
          )}
        </Group>
      </Group>
      {creating && (
        <AgreementForm
          onCancel={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
      <Checkbox label={t('agreement.behindOnly')} checked={behind} onChange={(e) => setBehind(e.currentTarget.checked)} data-testid="agreement-behind" />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <PageLoader />}
      {list.data && (
        <Table.ScrollContainer minWidth={960} type="native">
          <Table striped data-testid="agreement-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreement.titleField')}</Table.Th>
                <Table.Th>{t('agreement.donor')}</Table.Th>
                <Table.Th>{t('agreement.counterpart')}</Table.Th>
                <Table.Th>{t('agreement.period')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('agreement.committed')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('agreement.delivered')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('agreement.accepted')}</Table.Th>
                <Table.Th>{t('agreement.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text c="dimmed">{t('agreement.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((a) => {
                const share = a.committedValue > 0 ? Math.min(100, (a.deliveredValue / a.committedValue) * 100) : 0;
                return (
                  <Table.Tr key={a.id} data-testid="agreement-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {a.code ? `${a.code} – ` : ''}
                        {a.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('agreement.signedOnShort', { date: formatDate(a.signedOn) })}
                        {a.documentFileId && (
                          <>
                            {' · '}
                            <Anchor href={fileUrl(a.documentFileId)} target="_blank" size="xs">
                              {t('agreement.document')}
                            </Anchor>
                          </>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.donorName}</Table.Td>
                    <Table.Td>{a.counterpartName}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(a.periodFrom)} – {formatDate(a.periodTo)}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(a.committedValue)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(a.deliveredValue)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(a.acceptedValue)}</Table.Td>
                    <Table.Td miw={140}>
                      <Progress value={share} color={a.behindSchedule ? 'red' : 'teal'} aria-label={t('agreement.progress')} />
                      {a.cancelled ? (
                        <Badge color="gray" variant="light" mt={4} style={{ textTransform: 'none' }}>
                          {t('agreement.cancelled')}
                        </Badge>
                      ) : a.behindSchedule ? (
                        <Badge color="red" variant="light" mt={4} style={{ textTransform: 'none' }} data-testid="agreement-behind-badge">
                          {t('agreement.behind')}
                        </Badge>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
