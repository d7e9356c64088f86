import { Alert, Anchor, Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { resourcesApi, type Survey, type SurveyInput } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, parseViInteger } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import { LevelLegend, SurveySummary } from './SurveyView';

const NUMBERS = ['classroomsSolid', 'classroomsSemiSolid', 'classroomsTemporary', 'classroomsLacking', 'subjectRooms', 'subjectRoomsLacking', 'toiletsTotal', 'toiletsStandard', 'boardingPlaces', 'semiBoardingPlaces', 'computers'] as const;
const BOOLS = ['toiletsImproved', 'toiletsSingleSex', 'toiletsUsable', 'waterAvailable', 'kitchen', 'internet'] as const;
type NumField = (typeof NUMBERS)[number];
type BoolField = (typeof BOOLS)[number];
type Values = Record<NumField, string> & Record<BoolField, boolean> & Pick<SurveyInput, 'waterSource' | 'handwashing' | 'electricity' | 'roadAccess' | 'teachingEquipment'> & { note: string };

const CHOICES = {
  waterSource: ['piped', 'protected_well', 'rainwater', 'unprotected', 'surface', 'none'],
  handwashing: ['water_soap', 'water_only', 'none'],
  electricity: ['grid', 'solar', 'none'],
  roadAccess: ['paved', 'dirt', 'seasonal', 'none'],
  teachingEquipment: ['sufficient', 'partial', 'lacking'],
} as const;
const CHOICE_PREFIX: Record<keyof typeof CHOICES, string> = { waterSource: 'survey.water', handwashing: 'survey.handwashing', electricity: 'survey.electricity', roadAccess: 'survey.road', teachingEquipment: 'survey.equipment' };

function currentSchoolYear(): string {
  const d = new Date();
  const y = d.getMonth() >= 7 ? d.getFullYear() : d.getFullYear() - 1; // a school year starts in September (Aug counted forward)
  return `${y}-${y + 1}`;
}

function emptyValues(): Values {
  return {
    ...(Object.fromEntries(NUMBERS.map((k) => [k, ''])) as Record<NumField, string>),
    ...(Object.fromEntries(BOOLS.map((k) => [k, false])) as Record<BoolField, boolean>),
    waterSource: 'piped', handwashing: 'water_soap', electricity: 'grid', roadAccess: 'paved', teachingEquipment: 'partial', note: '',
  };
}
function fromSurvey(s: Survey): Values {
  return {
    ...(Object.fromEntries(NUMBERS.map((k) => [k, String(s[k])])) as Record<NumField, string>),
    ...(Object.fromEntries(BOOLS.map((k) => [k, s[k]])) as Record<BoolField, boolean>),
    waterSource: s.waterSource, handwashing: s.handwashing, electricity: s.electricity, roadAccess: s.roadAccess, teachingEquipment: s.teachingEquipment, note: s.note ?? '',
  };
}
const draftKey = (id: string, year: string) => `kn.draft.survey.${id}.${year}`;

export default function SurveyFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const id = params.id;
  const school = useAsync((signal) => api.schools.get(id, signal), [id]);
  const surveys = useAsync((signal) => resourcesApi.surveys.list(id, signal), [id]);
  if (user === undefined || school.loading || surveys.loading) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  if (school.error) return <ErrorAlert error={school.error} />;
  if (surveys.error) return <ErrorAlert error={surveys.error} />;
  return <SurveyForm schoolId={id} schoolName={school.data!.name} existing={surveys.data!.items} />;
}

function SurveyForm({ schoolId, schoolName, existing }: { schoolId: string; schoolName: string; existing: Survey[] }) {
  const { t } = useI18n();
  const [year, setYear] = useState(currentSchoolYear());
  const base = existing.find((s) => s.schoolYear === year) ?? existing[0];
  const [values, setValues] = useState<Values>(() => {
    try {
      const raw = localStorage.getItem(draftKey(schoolId, year));
      if (raw) return { ...emptyValues(), ...(JSON.parse(raw) as Values) };
    } catch {
      /* ignore */
    }
    return base ? fromSurvey(base) : emptyValues();
  });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Survey | null>(null);
  const dirty = useRef(false);

  useEffect(() => {
    if (!dirty.current) return;
    const h = setTimeout(() => {
      try {
        localStorage.setItem(draftKey(schoolId, year), JSON.stringify(values));
      } catch {
        /* ignore */
      }
    }, 300);
    return () => clearTimeout(h);
  }, [values, schoolId, year]);

  function set<K extends keyof Values>(k: K, v: Values[K]) {
    dirty.current = true;
    setValues((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Partial<Record<keyof Values, string>> = {};
    const nums = {} as Record<NumField, number>;
    for (const k of NUMBERS) {
      const n = parseViInteger(values[k] || '0');
      if (n === undefined || Number.isNaN(n) || n < 0) errs[k] = t('form.invalidInteger');
      else nums[k] = n;
    }
    if (!errs.toiletsStandard && nums.toiletsStandard > nums.toiletsTotal) errs.toiletsStandard = t('survey.toiletsStandardTooMany');
    if (!/^\d{4}-\d{4}$/.test(year) || Number(year.slice(5)) !== Number(year.slice(0, 4)) + 1) {
      setError(new ApiError({ status: 422, title: t('survey.yearInvalid') }));
      return;
    }
    setErrors(errs);
    if (Object.values(errs).some(Boolean)) {
      notifications.show({ color: 'red', message: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    try {
      const input: SurveyInput = {
        ...nums,
        ...(Object.fromEntries(BOOLS.map((k) => [k, values[k]])) as Record<BoolField, boolean>),
        waterSource: values.waterSource, handwashing: values.handwashing, electricity: values.electricity, roadAccess: values.roadAccess,
        teachingEquipment: values.teachingEquipment, note: values.note.trim() || null,
      };
      const s = await resourcesApi.surveys.save(schoolId, year, input);
      try {
        localStorage.removeItem(draftKey(schoolId, year));
      } catch {
        /* ignore */
      }
      dirty.current = false;
      setSaved(s);
      notifications.show({ color: 'green', message: t('survey.saved') });
    } catch (err) {
      const apiErr = err as ApiError;
      const fe: Partial<Record<keyof Values, string>> = {};
      for (const f of apiErr.fieldErrors ?? []) fe[f.path as keyof Values] = f.message;
      setErrors(fe);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  const num = (k: NumField) => (
    <TextInput key={k} label={t(`survey.field.${k}` as MessageKey)} inputMode="numeric" value={values[k]} onChange={(e) => set(k, e.currentTarget.value)} error={errors[k]} data-testid={`survey-${k}`} />
  );
  const bool = (k: BoolField) => <Checkbox key={k} label={t(`survey.field.${k}` as MessageKey)} checked={values[k]} onChange={(e) => set(k, e.currentTarget.checked)} data-testid={`survey-${k}`} />;
  const choice = (k: keyof typeof CHOICES) => (
    <Select
      key={k}
      label={t(`survey.field.${k}` as MessageKey)}
      data={CHOICES[k].map((v) => ({ value: v, label: t(`${CHOICE_PREFIX[k]}.${v}` as MessageKey) }))}
      value={values[k]}
      onChange={(v) => v && set(k, v as never)}
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
        {base && (
          <Text size="xs" c="dimmed">
            {t('survey.lastSaved', { year: base.schoolYear, time: formatDateTime(base.updatedAt) })}
          </Text>
        )}
        {error && <ErrorAlert error={error} />}
        {saved && (
          <Card withBorder data-testid="survey-saved">
            <SurveySummary survey={saved} />
          </Card>
        )}
        <TextInput label={t('survey.schoolYear')} description={t('survey.schoolYearHelp')} value={year} onChange={(e) => setYear(e.currentTarget.value.trim())} w={200} data-testid="survey-year" />
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
          <Group mt="sm" gap="lg" wrap="wrap">
            {(['toiletsImproved', 'toiletsSingleSex', 'toiletsUsable', 'waterAvailable'] as const).map(bool)}
          </Group>
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
          <Group mt="sm" gap="lg">
            {bool('kitchen')}
            {bool('internet')}
          </Group>
        </Card>
        <Textarea label={t('survey.note')} autosize minRows={2} value={values.note} onChange={(e) => set('note', e.currentTarget.value)} maxLength={2000} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('form.draftSaved')}
          </Text>
          <Button type="submit" loading={busy} data-testid="survey-submit">
            {t('survey.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
