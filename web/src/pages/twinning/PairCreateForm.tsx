import { Alert, Badge, Button, Card, Group, NativeSelect, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, type Organisation, type SchoolLevel } from '../../api';
import { TW_BORDER_PROVINCES, twinningApi, type TwSuggestion } from '../../api/twinning';
import { ErrorAlert, LevelBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { useNavigate } from '../../lib/router';
import { DraftRestored, thisYear, useDraft, yearOptions } from './shared';

interface Values {
  side: 'school' | 'cluster';
  schoolId: string;
  schoolName: string;
  clusterId: string;
  province: string;
  borderSchoolId: string;
  startYear: string;
  note: string;
}

const EMPTY: Values = { side: 'school', schoolId: '', schoolName: '', clusterId: '', province: '', borderSchoolId: '', startYear: String(thisYear()), note: '' };
const DRAFT_KEY = 'kn.draft.twinningPair';

/** The Hanoi Department pairs a Hanoi school (or cluster) with a school in a border commune. */
export function PairCreateForm({ clusters, provinceNames }: { clusters: Organisation[]; provinceNames: Record<string, string> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { values, setValues, restoredAt, dismissRestored, clear } = useDraft<Values>(DRAFT_KEY, EMPTY);
  const [search, setSearch] = useState(values.schoolName);
  const q = useDebounced(search, 250);
  const [errors, setErrors] = useState<Partial<Record<'side' | 'partner', string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));

  // Hanoi schools matching what is typed (the server folds diacritics)
  const schools = useAsync((signal) => api.schools.list({ provinceCode: '01', q: q.trim() || undefined, limit: 20 }, signal), [q], values.side === 'school');
  const schoolOptions = useMemo(() => {
    const items = (schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
    if (values.schoolId && !items.some((i) => i.value === values.schoolId)) items.unshift({ value: values.schoolId, label: values.schoolName });
    return items;
  }, [schools.data, values.schoolId, values.schoolName]);

  // for a cluster, the suggestions follow the levels of one of its schools
  const clusterRef = useAsync((signal) => api.schools.list({ clusterId: values.clusterId, provinceCode: '01', limit: 1 }, signal).then((r) => r.items[0] ?? null), [values.clusterId], values.side === 'cluster' && !!values.clusterId);
  const referenceId = values.side === 'school' ? values.schoolId : (clusterRef.data?.id ?? '');

  const suggestions = useAsync((signal) => twinningApi.suggestions(referenceId, values.province || undefined, signal).then((r) => r.items), [referenceId, values.province], !!referenceId);
  const chosen = suggestions.data?.find((s) => s.id === values.borderSchoolId);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const next: typeof errors = {};
    if (values.side === 'school' ? !values.schoolId : !values.clusterId) next.side = t('tw.create.pickSide');
    if (!values.borderSchoolId) next.partner = t('tw.create.pickPartner');
    setErrors(next);
    if (Object.keys(next).length) {
      notifications.show({ color: 'red', message: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    try {
      const pair = await twinningApi.pairs.create({
        hanoiSchoolId: values.side === 'school' ? values.schoolId : null,
        hanoiClusterId: values.side === 'cluster' ? values.clusterId : null,
        borderSchoolId: values.borderSchoolId,
        startYear: Number(values.startYear),
        note: values.note.trim() || null,
      });
      clear(EMPTY);
      notifications.show({ color: 'green', message: t('tw.create.done', { a: pair.hanoiSide, b: pair.borderSchoolName }) });
      navigate(`/ket-nghia/${pair.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card withBorder component="section" aria-labelledby="tw-create-title">
      <form onSubmit={onSubmit} noValidate data-testid="pair-create-form">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4" id="tw-create-title">
              {t('tw.create.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('tw.create.help')}
            </Text>
          </div>
          {restoredAt && (
            <DraftRestored
              at={restoredAt}
              onClose={dismissRestored}
              onDiscard={() => {
                clear(EMPTY);
                setSearch('');
              }}
            />
          )}
          {error && <ErrorAlert error={error} />}
          <div>
            <Text size="sm" fw={500} mb={4} id="tw-side-label">
              {t('tw.create.side')}
            </Text>
            <SegmentedControl
              aria-labelledby="tw-side-label"
              value={values.side}
              onChange={(v) => setValues((o) => ({ ...o, side: v as Values['side'], borderSchoolId: '' }))}
              data={[
                { value: 'school', label: t('tw.create.sideSchool') },
                { value: 'cluster', label: t('tw.create.sideCluster') },
              ]}
            />
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {values.side === 'school' ? (
              <Select
                label={t('tw.create.school')}
                placeholder={t('tw.create.schoolPlaceholder')}
                required
                searchable
                clearable
                data={schoolOptions}
                value={values.schoolId || null}
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                onChange={(v, opt) => setValues((o) => ({ ...o, schoolId: v ?? '', schoolName: opt?.label ?? '', borderSchoolId: '' }))}
                nothingFoundMessage={schools.loading ? t('app.loading') : t('common.noResults')}
                error={errors.side}
                data-testid="pair-create-hanoi"
                comboboxProps={{ withinPortal: true }}
              />
            ) : (
              <NativeSelect
                label={t('tw.create.cluster')}
                required
                value={values.clusterId}
                onChange={(e) => {
                  const clusterId = e.currentTarget.value;
                  setValues((o) => ({ ...o, clusterId, borderSchoolId: '' }));
                }}
                data={[{ value: '', label: t('tw.create.clusterPlaceholder') }, ...clusters.map((c) => ({ value: c.id, label: c.name }))]}
                error={errors.side}
                description={clusterRef.data ? t('tw.create.clusterReference', { name: clusterRef.data.name }) : values.clusterId && clusterRef.data === null ? t('tw.create.clusterEmpty') : undefined}
                data-testid="pair-create-cluster"
              />
            )}
            <NativeSelect
              label={t('tw.create.province')}
              value={values.province}
              onChange={(e) => {
                const province = e.currentTarget.value;
                setValues((o) => ({ ...o, province, borderSchoolId: '' }));
              }}
              data={[{ value: '', label: t('tw.create.allProvinces') }, ...TW_BORDER_PROVINCES.map((c) => ({ value: c, label: provinceNames[c] ?? c }))]}
              data-testid="pair-create-province"
            />
          </SimpleGrid>

          <Radio.Group
            label={t('tw.create.suggestions')}
            description={suggestions.data ? t('tw.create.suggestionsCount', { count: formatNumber(suggestions.data.length) }) : undefined}
            value={values.borderSchoolId}
            onChange={(v) => {
              set('borderSchoolId', v);
              setErrors((e) => ({ ...e, partner: undefined }));
            }}
            error={errors.partner}
            required
          >
            {!referenceId && (
              <Text size="sm" c="dimmed" mt={4}>
                {t('tw.create.pickSideFirst')}
              </Text>
            )}
            {suggestions.error && <ErrorAlert error={suggestions.error} onRetry={suggestions.reload} />}
            {suggestions.loading && referenceId && (
              <Text size="sm" c="dimmed" mt={4}>
                {t('app.loading')}
              </Text>
            )}
            {suggestions.data && suggestions.data.length === 0 && (
              <Text size="sm" c="dimmed" mt={4}>
                {t('tw.create.noSuggestions')}
              </Text>
            )}
            {suggestions.data && suggestions.data.length > 0 && (
              <Stack gap={6} mt={6} mah={360} style={{ overflowY: 'auto' }} p={2} data-testid="pair-suggestions">
                {suggestions.data.map((s) => (
                  <Suggestion key={s.id} s={s} checked={s.id === values.borderSchoolId} onPick={() => set('borderSchoolId', s.id)} />
                ))}
              </Stack>
            )}
          </Radio.Group>
          {chosen && (
            <Alert color="blue" variant="light" py="xs">
              <Text size="sm">
                {t('tw.create.chosen')}: <strong>{chosen.name}</strong> — {chosen.communeName}, {chosen.provinceName}
              </Text>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect label={t('tw.create.startYear')} value={values.startYear} onChange={(e) => set('startYear', e.currentTarget.value)} data={yearOptions()} data-testid="pair-create-year" />
            <Textarea label={t('tw.create.note')} autosize minRows={1} maxRows={4} maxLength={1000} value={values.note} onChange={(e) => set('note', e.currentTarget.value)} />
          </SimpleGrid>
          <Group justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('form.draftSaved')}
            </Text>
            <Button type="submit" loading={busy} data-testid="pair-create-submit">
              {t('tw.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Suggestion({ s, checked, onPick }: { s: TwSuggestion; checked: boolean; onPick: () => void }) {
  const { t } = useI18n();
  return (
    <UnstyledButton
      component="div"
      onClick={onPick}
      data-testid="pair-suggestion"
      data-province={s.provinceCode}
      data-school-id={s.id}
      data-checked={checked ? 'true' : 'false'}
      p="xs"
      style={{
        border: `1px solid var(--mantine-color-${checked ? 'blue-6' : 'gray-3'})`,
        borderRadius: 8,
        background: checked ? 'var(--mantine-color-blue-0)' : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Radio value={s.id} aria-label={s.name} mt={3} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {s.name}
          </Text>
          <Text size="xs" c="dimmed">
            {s.communeName}, {s.provinceName}
          </Text>
          <Group gap={6} wrap="wrap">
            <LevelBadges levels={s.levels as SchoolLevel[]} />
            <Badge size="sm" radius="sm" variant={s.levelMatch ? 'filled' : 'outline'} color={s.levelMatch ? 'green' : 'gray'} style={{ textTransform: 'none' }} data-testid="suggestion-level" styles={{ label: { overflow: 'visible' } }}>
              {t(s.levelMatch ? 'tw.create.levelMatch' : 'tw.create.levelOther')}
            </Badge>
            <Text size="xs" c="dimmed" data-testid="suggestion-partners">
              {t('tw.create.partners', { count: formatNumber(s.partners) })}
            </Text>
          </Group>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
