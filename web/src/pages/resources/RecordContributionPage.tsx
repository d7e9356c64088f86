/**
 * `/dong-gop/ghi-nhan`: the Ministry's coordinators, a Department or a school record a
 * contribution on a donor's behalf (an agreement, a campaign, a gift handed over at a school).
 * A school records only its own gifts, as the contributor. Prefilled from `?needId=`,
 * `?schoolId=` and `?beneficiaryId=` (the "Ghi nhận quà tặng" action of a gift recipient).
 */
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { resourcesApi, type NeedDetail } from '../../api/resources';
import type { School } from '../../api';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { SignedIn } from './ListTable';
import { canRecordContribution, canRecordPastGift, ownSchool, recordsOwnGiftsOnly } from './permissions';
import { resourceQueries, useResource, useResourceMutation } from './queries';
import { RecordTo } from './record/RecordTo';
import { RecordWhat } from './record/RecordWhat';
import { RecordWho } from './record/RecordWho';
import { recordBody, recordSchema, type RecordValues } from './record/recordForm';

export default function RecordContributionPage() {
  const { t } = useI18n();
  const auth = useAuth();
  return <SignedIn>{() => (canRecordContribution(auth) ? <Prefilled /> : <Alert color="yellow">{t('record.notAllowed')}</Alert>)}</SignedIn>;
}

/** Loads what the address names (the need, or the school) before the form opens with it. */
function Prefilled() {
  const params = useSearchParams();
  const needId = params.get('needId') ?? '';
  const schoolId = needId ? '' : (params.get('schoolId') ?? '');
  const need = useResource(resourceQueries.need(needId), { enabled: !!needId });
  const school = useResource(resourceQueries.school(schoolId), { enabled: !!schoolId });
  const pending = (needId && need.isPending) || (schoolId && school.isPending);
  if (pending) return <PageLoader />;
  return <RecordForm need={need.data} needError={need.error} school={school.data} beneficiaryId={params.get('beneficiaryId') ?? ''} schoolError={school.error} />;
}

function RecordForm({ need, needError, school, schoolError, beneficiaryId }: { need?: NeedDetail; needError: Error | null; school?: School; schoolError: Error | null; beneficiaryId: string }) {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const own = recordsOwnGiftsOnly(auth) ? ownSchool(auth) : null;
  const initialValues: RecordValues = {
    contributorId: own?.id ?? '',
    agreementId: '',
    needId: need?.id ?? '',
    schoolId: school?.id ?? '',
    schoolName: school?.name ?? '',
    schoolProvince: school?.provinceCode ?? '',
    beneficiaryId,
    form: 'in_kind',
    category: need?.category ?? '',
    description: need?.title ?? '',
    valueVnd: '',
    quantity: '',
    unit: need?.unit ?? '',
    pledgedOn: '',
    anonymous: false,
  };
  const draftKey = `kn.draft.record.${need ? `need.${need.id}` : school ? `school.${school.id}.${beneficiaryId}` : 'new'}`;
  const schema = useMemo(() => recordSchema(t, need), [t, need]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey, initialValues, schema });
  const withNeed = !!form.values.needId && !!need;
  const record = useResourceMutation((v: RecordValues) => resourcesApi.contributions.pledge(recordBody(v, need)), {
    onSuccess: (c) => {
      clearDraft();
      notifications.show({ color: 'green', message: t('record.done') });
      navigate(`/dong-gop/${c.id}`);
    },
  });
  const back = withNeed ? `/nhu-cau/${need.id}` : '/dong-gop';

  return (
    <form onSubmit={form.onSubmit((v) => record.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid="record-form">
      <Stack gap="md" maw={860}>
        <Anchor component={Link} href={back} size="sm">
          ← {t('common.back')}
        </Anchor>
        <div>
          <Title order={1}>{t('record.title')}</Title>
          <Text c="dimmed" size="sm">
            {t(own ? 'record.introSchool' : 'record.intro')}
          </Text>
        </div>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initialValues)} />}
        {needError && <ErrorAlert error={needError} />}
        {schoolError && <ErrorAlert error={schoolError} />}
        {record.error && <ErrorAlert error={record.error} />}
        <RecordWho form={form} ownSchoolName={own?.name ?? null} />
        <RecordTo form={form} need={need} />
        <RecordWhat form={form} withNeed={withNeed} pastAllowed={canRecordPastGift(auth)} />
        <Group justify="flex-end">
          <Button component={Link} href={back} variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending} data-testid="record-submit">
            {t('record.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
