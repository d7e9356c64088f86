import { Alert, Anchor, Button, Card, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { resourcesApi, type Survey } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n, type MessageKey } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { DraftRestored, showServerErrors, useDraftForm } from '../../../lib/form';
import { Link } from '../../../lib/router';
import { useResourceMutation } from '../queries';
import { LevelLegend, SurveySummary } from '../SurveyView';
import { CHOICES, currentSchoolYear, surveyBody, surveySchema, surveyValues, unanswered, type BoolField, type NumField, type Question, type SurveyValues } from './surveyForm';

const CHOICE_PREFIX: Record<keyof typeof CHOICES, string> = { waterSource: 'survey.water', handwashing: 'survey.handwashing', electricity: 'survey.electricity', roadAccess: 'survey.road', teachingEquipment: 'survey.equipment' };

/** A school's facility survey for a school year: the answers of that year's survey if there is one, otherwise none pre-filled; every answer required; kept as a draft while typing. */
export function SurveyForm({ schoolId, schoolName, existing }: { schoolId: string; schoolName: string; existing: Survey[] }) {
  const { t } = useI18n();
  const year = currentSchoolYear();
  const initial = surveyValues(existing.find((s) => s.schoolYear === year), year);
  const schema = useMemo(() => surveySchema(t), [t]);
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: `kn.draft.survey.v2.${schoolId}`, initialValues: initial, schema });
  const base = existing.find((s) => s.schoolYear === form.values.schoolYear) ?? existing[0];
  const [saved, setSaved] = useState<Survey | null>(null);
  const [missing, setMissing] = useState<Question[]>([]);
  const save = useResourceMutation((v: SurveyValues) => resourcesApi.surveys.save(schoolId, v.schoolYear, surveyBody(v)), {
    onSuccess: (s) => {
      // saved: nothing left to keep on the device until the next change
      clearDraft();
      form.resetDirty();
      setSaved(s);
      notifications.show({ color: 'green', message: t('survey.saved') });
    },
  });
  const label = (k: Question) => t(`survey.field.${k}` as MessageKey);
  const submit = form.onSubmit(
    (v) => {
      setMissing([]);
      save.mutate(v, { onError: (e) => showServerErrors(form, e) });
    },
    () => {
      const left = unanswered(form.getValues());
      setMissing(left);
      notifications.show({ color: 'red', message: left.length ? t('survey.missing', { n: left.length, fields: left.map(label).join(', ') }) : t('form.fixErrors') });
    },
  );

  const num = (k: NumField) => <TextInput key={k} label={label(k)} withAsterisk inputMode="numeric" {...form.getInputProps(k)} data-testid={`survey-${k}`} />;
  const bool = (k: BoolField) => (
    <Radio.Group key={k} label={label(k)} withAsterisk {...form.getInputProps(k)} data-testid={`survey-${k}`}>
      <Group gap="md" mt={4}>
        <Radio value="yes" label={t('common.yes')} />
        <Radio value="no" label={t('common.no')} />
      </Group>
    </Radio.Group>
  );
  const choice = (k: keyof typeof CHOICES) => (
    <Select
      key={k}
      label={label(k)}
      withAsterisk
      placeholder={t('survey.choose')}
      data={CHOICES[k].map((v) => ({ value: v, label: t(`${CHOICE_PREFIX[k]}.${v}` as MessageKey) }))}
      value={form.values[k] || null}
      onChange={(v) => form.setFieldValue(k, v ?? '')}
      error={form.errors[k]}
      allowDeselect={false}
      data-testid={`survey-${k}`}
    />
  );

  return (
    <form onSubmit={submit} noValidate data-testid="survey-form">
      <Stack gap="md" maw={960}>
        <Anchor component={Link} href={`/truong-hoc/${schoolId}`} size="sm">
          ← {schoolName}
        </Anchor>
        <Title order={1}>{t('survey.formTitle')}</Title>
        <Text c="dimmed" size="sm">
          {t('survey.intro')}
        </Text>
        <LevelLegend />
        <Text size="sm">{t('survey.allRequired')}</Text>
        {base && (
          <Text size="xs" c="dimmed">
            {t('survey.lastSaved', { year: base.schoolYear, time: formatDateTime(base.updatedAt) })}
          </Text>
        )}
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initial)} />}
        {save.error && <ErrorAlert error={save.error} />}
        {missing.length > 0 && (
          <Alert color="red" title={t('survey.missingTitle', { n: missing.length })} data-testid="survey-missing">
            {missing.map(label).join(', ')}
          </Alert>
        )}
        {saved && (
          <Card withBorder data-testid="survey-saved">
            <SurveySummary survey={saved} />
          </Card>
        )}
        <TextInput
          label={t('survey.schoolYear')}
          description={t('survey.schoolYearHelp')}
          w={200}
          {...form.getInputProps('schoolYear')}
          onChange={(e) => form.setFieldValue('schoolYear', e.currentTarget.value.trim())}
          data-testid="survey-year"
        />
        <Card withBorder>
          <Title order={2} size="h5" mb="sm">
            {t('survey.classrooms')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>{(['classroomsSolid', 'classroomsSemiSolid', 'classroomsTemporary', 'classroomsLacking', 'subjectRooms', 'subjectRoomsLacking'] as const).map(num)}</SimpleGrid>
        </Card>
        <Card withBorder>
          <Title order={2} size="h5" mb="sm">
            {t('survey.wash')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {num('toiletsTotal')}
            {num('toiletsStandard')}
            {choice('waterSource')}
            {choice('handwashing')}
          </SimpleGrid>
          <SimpleGrid mt="sm" cols={{ base: 1, xs: 2, sm: 4 }}>
            {(['toiletsImproved', 'toiletsSingleSex', 'toiletsUsable', 'waterAvailable'] as const).map(bool)}
          </SimpleGrid>
        </Card>
        <Card withBorder>
          <Title order={2} size="h5" mb="sm">
            {t('survey.other')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {choice('electricity')}
            {choice('roadAccess')}
            {choice('teachingEquipment')}
            {num('boardingPlaces')}
            {num('semiBoardingPlaces')}
            {num('computers')}
          </SimpleGrid>
          <SimpleGrid mt="sm" cols={{ base: 1, xs: 2, sm: 4 }}>
            {bool('kitchen')}
            {bool('internet')}
          </SimpleGrid>
        </Card>
        <Textarea label={t('survey.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('form.draftSaved')}
          </Text>
          <Button type="submit" loading={save.isPending} data-testid="survey-submit">
            {t('survey.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
