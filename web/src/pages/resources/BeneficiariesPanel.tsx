/**
 * The "Người nhận quà" tab of a school's page: pupils, teachers and managers receiving plan-29
 * gifts. Names are personal data (Decree 13/2023/NĐ-CP): only the school itself and its
 * Department see them; the API answers 403 to anyone else and the panel then shows nothing.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import type { SchoolDetail } from '../../../../contracts/schools';
import { BENEFICIARY_KINDS, resourcesApi, type Beneficiary, type BeneficiaryKind } from '../../api/resources';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { parseViInteger } from '../../lib/format';
import { showServerErrors, useDraftForm } from '../../lib/form';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { trimmedText } from './fields';
import { canSeeBeneficiaries } from './permissions';
import { resourceQueries, useResource, useResourceMutation } from './queries';

/** Plan 29 §III.1: per school, gifts for 1 teacher, 1 manager and 10 pupils in hardship. */
const WANT: Record<BeneficiaryKind, number> = { teacher: 1, manager: 1, pupil: 10 };

const EMPTY = { kind: 'pupil' as BeneficiaryKind, fullName: '', birthYear: '', grade: '', consentRecorded: false };

function AddForm({ schoolId, onDone }: { schoolId: string; onDone: () => void }) {
  const { t } = useI18n();
  const schema = useMemo(() => {
    const thisYear = new Date().getFullYear();
    return z
      .object({
        kind: z.enum(BENEFICIARY_KINDS),
        fullName: trimmedText(2, t('benef.nameRequired')),
        birthYear: z.string().refine((s) => {
          if (!s.trim()) return true;
          const y = parseViInteger(s.trim().replace(/\./g, ''));
          return y !== undefined && !Number.isNaN(y) && y >= 1940 && y <= thisYear;
        }, t('benef.birthYearInvalid', { max: thisYear })),
        grade: z.string(),
        consentRecorded: z.boolean(),
      })
      .refine((v) => v.kind !== 'pupil' || v.consentRecorded, { path: ['consentRecorded'], message: t('benef.consentRequired') });
  }, [t]);
  // names of pupils are personal data: the form keeps no draft on the device
  const { form } = useDraftForm({ draftKey: null, initialValues: EMPTY, schema });
  const pupil = form.values.kind === 'pupil';
  const add = useResourceMutation(
    (v: typeof EMPTY) =>
      resourcesApi.beneficiaries.add(schoolId, {
        kind: v.kind,
        fullName: v.fullName.trim(),
        birthYear: v.birthYear.trim() ? parseViInteger(v.birthYear.trim().replace(/\./g, ''))! : null,
        grade: v.kind === 'pupil' && v.grade.trim() ? v.grade.trim() : null,
        consentRecorded: v.kind === 'pupil' ? v.consentRecorded : false,
      }),
    {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('benef.added') });
        form.setValues(EMPTY);
        onDone();
      },
    },
  );

  return (
    <Card withBorder component="section" aria-labelledby="benef-add-title">
      <form onSubmit={form.onSubmit((v) => add.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid="benef-form">
        <Stack gap="sm">
          <Title order={3} size="h5" id="benef-add-title">
            {t('benef.addTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('benef.kind')}
              required
              data={BENEFICIARY_KINDS.map((k) => ({ value: k, label: t(`benef.kind.${k}`) }))}
              value={form.values.kind}
              onChange={(v) => v && form.setFieldValue('kind', v as BeneficiaryKind)}
              allowDeselect={false}
              data-testid="benef-kind"
            />
            <TextInput label={t('benef.fullName')} required autoComplete="off" {...form.getInputProps('fullName')} data-testid="benef-name" />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label={t('benef.birthYear')} inputMode="numeric" placeholder={pupil ? '2015' : '1985'} {...form.getInputProps('birthYear')} data-testid="benef-birth-year" />
            {pupil && <TextInput label={t('benef.grade')} description={t('benef.gradeHelp')} maxLength={20} {...form.getInputProps('grade')} data-testid="benef-grade" />}
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
                {...form.getInputProps('consentRecorded', { type: 'checkbox' })}
                data-testid="benef-consent"
              />
            </>
          )}
          {add.error && <ErrorAlert error={add.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} data-testid="benef-submit">
              {t('benef.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function BeneficiariesPanel({ school }: { school: Pick<SchoolDetail, 'id' | 'name' | 'can'> }) {
  const allowed = canSeeBeneficiaries(school);
  const list = useResource(resourceQueries.beneficiaries(school.id), { enabled: allowed });
  if (!allowed) return null;
  // not the school's own staff nor its Department: nothing about the pupils is shown
  if (list.error?.status === 403 || list.error?.status === 401) return null;
  return <QueryView query={list}>{(data) => <BeneficiaryList school={school} items={data.items} />}</QueryView>;
}

function BeneficiaryList({ school, items }: { school: Pick<SchoolDetail, 'id'>; items: Beneficiary[] }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
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
          onDone={() => setAdding(false)}
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
