import { Alert, Anchor, Button, Card, Select, Stack, Text, Title } from '@mantine/core';
import type { NeedDetail } from '../../../api/resources';
import { useI18n } from '../../../i18n';
import { schoolsApi } from '../../../../../contracts/schools';
import { useAuth } from '../../../lib/auth';
import { formatNumber } from '../../../lib/format';
import { useApi } from '../../../lib/query';
import { Link } from '../../../lib/router';
import { canSeeBeneficiaries, pickerProvince } from '../permissions';
import { resourceQueries, useResource } from '../queries';
import { SchoolPicker } from '../SchoolPicker';
import { formatVnd } from '../shared';
import type { RecordForm } from './recordForm';

/** To whom: the need it answers (from `?needId=`) or a school, and optionally a named recipient. */
export function RecordTo({ form, need }: { form: RecordForm; need: NeedDetail | undefined }) {
  const { t } = useI18n();
  const auth = useAuth();
  const v = form.values;
  const n = v.needId ? need : undefined;
  const recipientId = n ? n.schoolId : v.schoolId;
  // recipients are listed only for the school itself and its Department (the school's `can`); for others the field is hidden
  const recipient = useApi(schoolsApi.get, { params: { id: recipientId } }, { enabled: !!recipientId });
  const seesRecipients = !!recipientId && recipient.data?.id === recipientId && canSeeBeneficiaries(recipient.data);
  const beneficiaries = useResource(resourceQueries.beneficiaries(recipientId), { enabled: seesRecipients });
  const items = beneficiaries.data?.items ?? [];
  const benef = items.find((b) => b.id === v.beneficiaryId);
  const openNeed = n && (n.status === 'published' || n.status === 'partly_pledged');
  return (
    <Card withBorder component="section" aria-labelledby="record-to">
      <Stack gap="sm">
        <Title order={2} size="h4" id="record-to">
          {t('record.to')}
        </Title>
        {n ? (
          <Alert color={openNeed ? 'blue' : 'orange'} variant="light" data-testid="record-need">
            <Stack gap={4}>
              <Text size="sm">
                {t('record.forNeed')}{' '}
                <Anchor component={Link} href={`/nhu-cau/${n.id}`} size="sm" fw={600}>
                  {n.title}
                </Anchor>{' '}
                — {n.schoolName}
              </Text>
              <Text size="sm" c="dimmed">
                {t('need.remaining', { quantity: formatNumber(n.remainingQuantity), unit: n.unit, value: formatVnd(n.remainingValue) })}
              </Text>
              {!openNeed && <Text size="sm">{t('record.needClosed')}</Text>}
              {form.errors.needId && (
                <Text size="sm" c="red">
                  {form.errors.needId}
                </Text>
              )}
              <div>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => form.setValues({ needId: '', schoolId: n.schoolId, schoolName: n.schoolName, schoolProvince: n.provinceCode, unit: '' })}
                  data-testid="record-need-clear"
                >
                  {t('record.needClear')}
                </Button>
              </div>
            </Stack>
          </Alert>
        ) : (
          <SchoolPicker
            label={t('record.school')}
            description={t('record.schoolHelp')}
            placeholder={t('record.schoolPick')}
            testId="record-school"
            provinceCode={pickerProvince(auth)}
            value={{ id: v.schoolId, name: v.schoolName }}
            onChange={(id, name) => {
              // the picker lists only a Department's own province
              form.setValues({ schoolId: id, schoolName: name, schoolProvince: pickerProvince(auth) ?? '', beneficiaryId: '' });
              form.clearFieldError('schoolId');
            }}
            error={form.errors.schoolId}
          />
        )}
        {beneficiaries.data && (
          <Select
            label={t('record.beneficiary')}
            description={t('record.beneficiaryHelp')}
            placeholder={items.length ? t('record.beneficiaryPick') : t('record.beneficiaryNone')}
            clearable
            searchable
            data={items.map((b) => ({ value: b.id, label: `${t(`benef.kind.${b.kind}`)} — ${b.full_name}${b.grade ? ` (${b.grade})` : ''}` }))}
            value={v.beneficiaryId || null}
            onChange={(x) => form.setFieldValue('beneficiaryId', x ?? '')}
            error={form.errors.beneficiaryId}
            disabled={!items.length}
            data-testid="record-beneficiary"
          />
        )}
        {benef && (
          <Text size="sm" c="dimmed" data-testid="record-beneficiary-note">
            {t('record.beneficiaryPublic', { kind: t(`benef.kind.${benef.kind}`) })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
