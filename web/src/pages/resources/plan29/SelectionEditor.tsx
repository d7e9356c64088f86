import { Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { resourcesApi, type Plan29Province, type QuotaRow } from '../../../api/resources';
import { ErrorAlert } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { resourceQueries, useResource, useResourceMutation } from '../queries';
import { countLevel, LevelCounter, QUOTA_LEVELS, YEARS } from './quota';
import { PickedSchools, SchoolFinder, type Picked } from './SchoolPicks';

/**
 * Choose, for a year and a target province (as written in 2021), its district and its 20 schools.
 * `oldCode` is the province asked for; a Department with one province starts on its own.
 */
export function SelectionEditor({ targets, year, setYear, quota, oldCode, setOldCode }: {
  targets: Plan29Province[];
  year: string;
  setYear: (y: string) => void;
  quota: QuotaRow[] | undefined;
  oldCode: string | null;
  setOldCode: (c: string | null) => void;
}) {
  const { t } = useI18n();
  // 2021 counts only the 10 provinces chosen that year; later years any of the 30
  const options = targets.filter((p) => year !== '2021' || p.selected2021);
  const province = options.find((p) => p.oldCode === oldCode) ?? (options.length === 1 ? options[0] : null);
  const head = (
    <>
      <Select label={t('p29.sel.year')} data={YEARS} value={year} onChange={(v) => v && setYear(v)} allowDeselect={false} data-testid="p29-sel-year" />
      <Select
        label={t('p29.sel.province')}
        description={t('p29.sel.provinceHelp')}
        placeholder={t('p29.sel.provincePick')}
        searchable
        data={options.map((p) => ({ value: p.oldCode, label: p.currentName && p.currentName !== p.asWritten ? t('p29.sel.provinceOption', { old: p.asWritten, current: p.currentName }) : p.asWritten }))}
        value={province?.oldCode ?? null}
        onChange={(v) => setOldCode(v)}
        nothingFoundMessage={t('common.noResults')}
        data-testid="p29-sel-province"
      />
    </>
  );
  return (
    <Card withBorder component="section" aria-labelledby="p29-select" data-testid="p29-editor">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="p29-select">
            {t('p29.sel.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('p29.sel.intro')}
          </Text>
        </div>
        {/* a new province or year starts a fresh selection */}
        <ProvinceSelection key={`${province?.oldCode ?? ''}:${year}`} head={head} province={province} year={year} row={quota?.find((r) => r.oldCode === province?.oldCode)} />
      </Stack>
    </Card>
  );
}

/** The user's changes; until there are any (and again once saved) the saved selection is shown. */
interface Edit {
  district: string | null;
  picked: Picked[];
}

function ProvinceSelection({ head, province, year, row }: { head: ReactNode; province: Plan29Province | null; year: string; row: QuotaRow | undefined }) {
  const { t } = useI18n();
  const [edit, setEdit] = useState<Edit | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const districts = useResource(resourceQueries.legacyDistricts(province?.oldCode ?? ''), { enabled: !!province });
  const current: Edit = edit ?? { district: row?.districts[0]?.code ?? null, picked: (row?.schools ?? []).map((s) => ({ id: s.id, name: s.name, levels: s.levels })) };
  const { district, picked } = current;
  const save = useResourceMutation(
    (v: { province: Plan29Province; district: string; picked: Picked[] }) =>
      resourcesApi.plan29.select({ year: Number(year), oldProvinceCode: v.province.oldCode, oldDistrictCode: v.district, schoolIds: v.picked.map((p) => p.id) }),
    {
      onSuccess: (_, v) => {
        setEdit(null);
        notifications.show({ color: 'green', message: t('p29.sel.saved', { province: v.province.asWritten, n: v.picked.length }) });
      },
    },
  );

  const toggle = (s: Picked, on: boolean) => {
    setErrors((e) => ({ ...e, schoolIds: '' }));
    setEdit({ district, picked: on ? (picked.some((x) => x.id === s.id) ? picked : [...picked, s]) : picked.filter((x) => x.id !== s.id) });
  };

  function submit() {
    if (!province) return setErrors({ oldProvinceCode: t('form.required') });
    if (!district) return setErrors({ oldDistrictCode: t('p29.sel.districtRequired') });
    setErrors({});
    save.mutate(
      { province, district, picked },
      {
        onError: (err) => {
          const fe: Record<string, string> = {};
          for (const f of err.fieldErrors ?? []) {
            const key = f.path.split('.')[0];
            // the server names a school in another province, or outside the chosen district, by its id
            const name = key === 'schoolIds' ? picked.find((p) => p.id === f.message)?.name : undefined;
            const text = !name ? f.message : f.path === 'schoolIds.district' ? t('p29.sel.schoolOutsideDistrict', { name }) : t('p29.sel.schoolWrongProvince', { name });
            fe[key] = fe[key] ? `${fe[key]} ${text}` : text;
          }
          setErrors(fe);
        },
      },
    );
  }

  const counts = QUOTA_LEVELS.map((q) => ({ ...q, have: countLevel(picked, q.level) }));
  const met = counts.every((c) => c.have === c.want);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {head}
        <Select
          label={t('p29.sel.district')}
          description={t('p29.sel.districtHelp')}
          placeholder={province ? t('p29.sel.districtPick') : t('p29.sel.provinceFirst')}
          searchable
          disabled={!province}
          data={(districts.data?.items ?? []).map((d) => ({ value: d.code, label: d.fullName }))}
          value={district}
          onChange={(v) => {
            setEdit({ district: v, picked });
            setErrors((e) => ({ ...e, oldDistrictCode: '' }));
          }}
          error={errors.oldDistrictCode || errors.oldProvinceCode || (districts.error ? (districts.error.detail ?? districts.error.title) : undefined)}
          nothingFoundMessage={districts.isFetching ? t('app.loading') : t('common.noResults')}
          data-testid="p29-sel-district"
        />
      </SimpleGrid>
      {province && (
        <>
          <Text size="sm">
            {province.currentName && province.currentName !== province.asWritten
              ? t('p29.sel.currentProvince', { old: province.asWritten, current: province.currentName })
              : t('p29.sel.currentSame', { current: province.currentName ?? province.asWritten })}
          </Text>
          <Group gap="xs" wrap="wrap" aria-live="polite" data-testid="p29-counters" data-total={picked.length}>
            {counts.map((c) => (
              <LevelCounter key={c.level} label={t(`level.${c.level}`)} have={c.have} want={c.want} testId={`p29-count-${c.level}`} />
            ))}
            <LevelCounter label={t('p29.sel.totalSchools')} have={picked.length} want={20} testId="p29-count-total" />
          </Group>
          {picked.length > 0 && !met && (
            <Text size="sm" c="orange.8">
              {t('p29.sel.notMet')}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <SchoolFinder provinceCode={province.currentCode} picked={picked} toggle={toggle} />
            <PickedSchools picked={picked} toggle={toggle} error={errors.schoolIds} />
          </SimpleGrid>
          {save.error && <ErrorAlert error={save.error} />}
          <Group justify="flex-end">
            <Button onClick={submit} loading={save.isPending} data-testid="p29-sel-save">
              {t('p29.sel.save')}
            </Button>
          </Group>
        </>
      )}
    </>
  );
}
