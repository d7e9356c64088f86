/**
 * The "Người nhận quà" tab of a school's page: pupils, teachers and managers receiving plan-29
 * gifts. Names are personal data (Decree 13/2023/NĐ-CP): only the school itself and its
 * Department see them; the API answers 403 to anyone else and the panel then shows nothing.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError, type School } from '../../api';
import { BENEFICIARY_KINDS, resourcesApi, type BeneficiaryKind } from '../../api/resources';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { parseViInteger } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';

/** The school's own staff and its Department (the server's beneficiary policy). */
export function useCanSeeBeneficiaries(school: Pick<School, 'id' | 'provinceCode'>): boolean {
  const { user } = useAuth();
  if (!user) return false;
  if (user.role === 'department') return user.organisation.provinceCode === school.provinceCode;
  if (user.role === 'school') return user.organisation.id === school.id;
  return false;
}

/** Plan 29 §III.1: per school, gifts for 1 teacher, 1 manager and 10 pupils in hardship. */
const WANT: Record<BeneficiaryKind, number> = { teacher: 1, manager: 1, pupil: 10 };

function AddForm({ schoolId, onDone }: { schoolId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<BeneficiaryKind>('pupil');
  const [fullName, setFullName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [grade, setGrade] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const pupil = kind === 'pupil';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Record<string, string> = {};
    const year = birthYear.trim() ? parseViInteger(birthYear.trim().replace(/\./g, '')) : undefined;
    const thisYear = new Date().getFullYear();
    if (fullName.trim().length < 2) errs.fullName = t('benef.nameRequired');
    if (year !== undefined && (Number.isNaN(year) || year < 1940 || year > thisYear)) errs.birthYear = t('benef.birthYearInvalid', { max: thisYear });
    if (pupil && !consent) errs.consentRecorded = t('benef.consentRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await resourcesApi.beneficiaries.add(schoolId, { kind, fullName: fullName.trim(), birthYear: year ?? null, grade: pupil && grade.trim() ? grade.trim() : null, consentRecorded: pupil ? consent : false });
      notifications.show({ color: 'green', message: t('benef.added') });
      setFullName('');
      setBirthYear('');
      setGrade('');
      setConsent(false);
      onDone();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      const fe: Record<string, string> = {};
      for (const f of apiErr.fieldErrors) fe[f.path.split('.')[0]] = f.message;
      setErrors(fe);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="benef-add-title">
      <form onSubmit={submit} noValidate data-testid="benef-form">
        <Stack gap="sm">
          <Title order={3} size="h5" id="benef-add-title">
            {t('benef.addTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('benef.kind')}
              required
              data={BENEFICIARY_KINDS.map((k) => ({ value: k, label: t(`benef.kind.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v as BeneficiaryKind)}
              allowDeselect={false}
              data-testid="benef-kind"
            />
            <TextInput
              label={t('benef.fullName')}
              required
              autoComplete="off"
              value={fullName}
              onChange={(e) => {
                setFullName(e.currentTarget.value);
                setErrors((x) => ({ ...x, fullName: '' }));
              }}
              error={errors.fullName}
              data-testid="benef-name"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('benef.birthYear')}
              inputMode="numeric"
              placeholder={pupil ? '2015' : '1985'}
              value={birthYear}
              onChange={(e) => {
                setBirthYear(e.currentTarget.value);
                setErrors((x) => ({ ...x, birthYear: '' }));
              }}
              error={errors.birthYear}
              data-testid="benef-birth-year"
            />
            {pupil && (
              <TextInput
                label={t('benef.grade')}
                description={t('benef.gradeHelp')}
                value={grade}
                maxLength={20}
                onChange={(e) => setGrade(e.currentTarget.value)}
                error={errors.grade}
                data-testid="benef-grade"
              />
            )}
          </SimpleGrid>
          {pupil && (
            <>
              <Alert color="blue" variant="light" title={t('benef.privacyTitle')} data-testid="benef-privacy">
                {t('benef.privacyText')}
              </Alert>
              <Checkbox
                label={t('benef.consent')}
                description={t('benef.consentHelp')}
                required
                checked={consent}
                onChange={(e) => {
                  setConsent(e.currentTarget.checked);
                  setErrors((x) => ({ ...x, consentRecorded: '' }));
                }}
                error={errors.consentRecorded}
                data-testid="benef-consent"
              />
            </>
          )}
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="benef-submit">
              {t('benef.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function BeneficiariesPanel({ school }: { school: Pick<School, 'id' | 'provinceCode' | 'name'> }) {
  const { t } = useI18n();
  const allowed = useCanSeeBeneficiaries(school);
  const list = useAsync((signal) => resourcesApi.beneficiaries.list(school.id, signal), [school.id], allowed);
  const [adding, setAdding] = useState(false);
  if (!allowed) return null;
  // not the school's own staff nor its Department: nothing about the pupils is shown
  if (list.error?.status === 403 || list.error?.status === 401) return null;
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <PageLoader />;
  const items = list.data.items;
  const count = (k: BeneficiaryKind) => items.filter((b) => b.kind === k).length;
  return (
    <Stack gap="md" data-testid="benef-panel">
      <Text size="sm" c="dimmed" maw={820}>
        {t('benef.intro')}
      </Text>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap" data-testid="benef-counts">
          {BENEFICIARY_KINDS.map((k) => (
            <Badge key={k} color={count(k) >= WANT[k] ? 'green' : 'orange'} variant="light" size="lg" radius="sm" style={{ textTransform: 'none' }}>
              {t(`benef.kind.${k}`)}: {count(k)}/{WANT[k]}
            </Badge>
          ))}
        </Group>
        <Button variant={adding ? 'default' : 'filled'} onClick={() => setAdding((a) => !a)} data-testid="benef-open-form">
          {adding ? t('common.close') : t('benef.add')}
        </Button>
      </Group>
      {adding && (
        <AddForm
          schoolId={school.id}
          onDone={() => {
            setAdding(false);
            list.reload();
          }}
        />
      )}
      <Table.ScrollContainer minWidth={640} type="native">
        <Table striped data-testid="benef-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('benef.kind')}</Table.Th>
              <Table.Th>{t('benef.fullName')}</Table.Th>
              <Table.Th>{t('benef.birthYear')}</Table.Th>
              <Table.Th>{t('benef.grade')}</Table.Th>
              <Table.Th>{t('benef.consentCol')}</Table.Th>
              {/* positioned, so the hidden heading stays inside the scrolling table on a phone */}
              <Table.Th style={{ position: 'relative' }}>
                <VisuallyHidden>{t('benef.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed">{t('benef.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((b) => (
              <Table.Tr key={b.id} data-testid="benef-row" data-beneficiary-id={b.id} data-kind={b.kind}>
                <Table.Td>{t(`benef.kind.${b.kind}`)}</Table.Td>
                <Table.Td>{b.full_name}</Table.Td>
                <Table.Td>{b.birth_year ?? '—'}</Table.Td>
                <Table.Td>{b.grade ?? '—'}</Table.Td>
                <Table.Td>{b.kind === 'pupil' ? (b.consent_recorded ? t('benef.consentYes') : t('benef.consentNo')) : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Button
                    component={Link}
                    href={`/dong-gop/ghi-nhan?schoolId=${encodeURIComponent(school.id)}&beneficiaryId=${encodeURIComponent(b.id)}`}
                    size="compact-sm"
                    variant="light"
                    data-testid="benef-record-gift"
                    aria-label={t('benef.recordGiftFor', { name: b.full_name })}
                  >
                    {t('benef.recordGift')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export default BeneficiariesPanel;
