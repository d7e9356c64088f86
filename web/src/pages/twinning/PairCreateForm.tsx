import { Alert, Badge, Button, Card, Group, NativeSelect, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { BORDER_PROVINCES, twinningApi, type Suggestion } from '../../../../contracts/twinning';
import type { Organisation, SchoolLevel } from '../../api';
import { call } from '../../api/call';
import { DraftFormFooter, ErrorAlert, LevelBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { formatNumber } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { QueryView, useApi, useApiMutation } from '../../lib/query';
import { useNavigate } from '../../lib/router';
import { useHanoiSchools } from './queries';
import { thisYear, yearOptions } from './shared';

interface Values extends Record<string, unknown> {
  side: 'school' | 'cluster';
  hanoiSchoolId: string;
  schoolName: string;
  hanoiClusterId: string;
  province: string;
  borderSchoolId: string;
  startYear: string;
  note: string;
}

const EMPTY: Values = { side: 'school', hanoiSchoolId: '', schoolName: '', hanoiClusterId: '', province: '', borderSchoolId: '', startYear: String(thisYear()), note: '' };

/** The Hanoi Department pairs a Hanoi school (or cluster) with a school in a border commune. */
export function PairCreateForm({ clusters, provinceNames }: { clusters: Organisation[]; provinceNames: Record<string, string> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const schema = useMemo(
    () =>
      z
        .object({ side: z.enum(['school', 'cluster']), hanoiSchoolId: z.string(), hanoiClusterId: z.string(), borderSchoolId: z.string().min(1, t('tw.create.pickPartner')) })
        .superRefine((v, ctx) => {
          if (v.side === 'school' && !v.hanoiSchoolId) ctx.addIssue({ code: 'custom', path: ['hanoiSchoolId'], message: t('tw.create.pickSide') });
          if (v.side === 'cluster' && !v.hanoiClusterId) ctx.addIssue({ code: 'custom', path: ['hanoiClusterId'], message: t('tw.create.pickSide') });
        }),
    [t],
  );
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<Values>({ draftKey: 'kn.draft.twinningPair', initialValues: EMPTY, schema });
  const v = form.getValues();
  const [search, setSearch] = useState(v.schoolName);
  const q = useDebounced(search, 250);

  const schools = useHanoiSchools({ q: q.trim() || undefined, limit: 20 }, v.side === 'school');
  const schoolOptions = useMemo(() => {
    const items = (schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
    if (v.hanoiSchoolId && !items.some((i) => i.value === v.hanoiSchoolId)) items.unshift({ value: v.hanoiSchoolId, label: v.schoolName });
    return items;
  }, [schools.data, v.hanoiSchoolId, v.schoolName]);

  // for a cluster, the suggestions follow the levels of one of its schools
  const clusterRef = useHanoiSchools({ clusterId: v.hanoiClusterId, limit: 1 }, v.side === 'cluster' && !!v.hanoiClusterId);
  const clusterSchool = v.side === 'cluster' && v.hanoiClusterId && clusterRef.data ? (clusterRef.data.items[0] ?? null) : undefined;
  const referenceId = v.side === 'school' ? v.hanoiSchoolId : (clusterSchool?.id ?? '');
  const suggestions = useApi(twinningApi.suggestions, { query: { hanoiSchoolId: referenceId, provinceCode: v.province || undefined } }, { enabled: !!referenceId });
  const chosen = suggestions.data?.items.find((s) => s.id === v.borderSchoolId);

  const create = useApiMutation((values: Values) => call(twinningApi.createPair, {
    body: {
      hanoiSchoolId: values.side === 'school' ? values.hanoiSchoolId : null,
      hanoiClusterId: values.side === 'cluster' ? values.hanoiClusterId : null,
      borderSchoolId: values.borderSchoolId,
      startYear: Number(values.startYear),
      note: values.note.trim() || null,
    },
  }), {
    domains: [twinningApi.createPair.tags[0]],
    onSuccess: (pair) => {
      clearDraft(EMPTY);
      notifications.show({ color: 'green', message: t('tw.create.done', { a: pair.hanoiSide, b: pair.borderSchoolName }) });
      navigate(`/ket-nghia/${pair.id}`);
    },
  });

  const onSubmit = form.onSubmit(
    (values) => create.mutate(values, { onError: (err) => showServerErrors(form, err) }),
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );

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
                clearDraft(EMPTY);
                setSearch('');
              }}
            />
          )}
          {create.error && <ErrorAlert error={create.error} />}
          <div>
            <Text size="sm" fw={500} mb={4} id="tw-side-label">
              {t('tw.create.side')}
            </Text>
            <SegmentedControl
              aria-labelledby="tw-side-label"
              value={v.side}
              onChange={(side) => form.setValues({ side: side as Values['side'], borderSchoolId: '' })}
              data={[
                { value: 'school', label: t('tw.create.sideSchool') },
                { value: 'cluster', label: t('tw.create.sideCluster') },
              ]}
            />
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {v.side === 'school' ? (
              <Select
                label={t('tw.create.school')}
                placeholder={t('tw.create.schoolPlaceholder')}
                required
                searchable
                clearable
                data={schoolOptions}
                value={v.hanoiSchoolId || null}
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                onChange={(id, opt) => form.setValues({ hanoiSchoolId: id ?? '', schoolName: opt?.label ?? '', borderSchoolId: '' })}
                nothingFoundMessage={schools.isFetching ? t('app.loading') : t('common.noResults')}
                error={form.errors.hanoiSchoolId}
                data-testid="pair-create-hanoi"
                comboboxProps={{ withinPortal: true }}
              />
            ) : (
              <NativeSelect
                label={t('tw.create.cluster')}
                required
                value={v.hanoiClusterId}
                onChange={(e) => form.setValues({ hanoiClusterId: e.currentTarget.value, borderSchoolId: '' })}
                data={[{ value: '', label: t('tw.create.clusterPlaceholder') }, ...clusters.map((c) => ({ value: c.id, label: c.name }))]}
                error={form.errors.hanoiClusterId}
                description={clusterSchool ? t('tw.create.clusterReference', { name: clusterSchool.name }) : clusterSchool === null ? t('tw.create.clusterEmpty') : undefined}
                data-testid="pair-create-cluster"
              />
            )}
            <NativeSelect
              label={t('tw.create.province')}
              value={v.province}
              onChange={(e) => form.setValues({ province: e.currentTarget.value, borderSchoolId: '' })}
              data={[{ value: '', label: t('tw.create.allProvinces') }, ...BORDER_PROVINCES.map((c) => ({ value: c, label: provinceNames[c] ?? c }))]}
              data-testid="pair-create-province"
            />
          </SimpleGrid>

          <Radio.Group
            label={t('tw.create.suggestions')}
            description={suggestions.data ? t('tw.create.suggestionsCount', { count: formatNumber(suggestions.data.items.length) }) : undefined}
            {...form.getInputProps('borderSchoolId')}
            required
          >
            {referenceId ? (
              <QueryView query={suggestions} loader={<Text size="sm" c="dimmed" mt={4}>{t('app.loading')}</Text>}>
                {(data) =>
                  data.items.length === 0 ? (
                    <Text size="sm" c="dimmed" mt={4}>
                      {t('tw.create.noSuggestions')}
                    </Text>
                  ) : (
                    <Stack gap={6} mt={6} mah={360} style={{ overflowY: 'auto' }} p={2} data-testid="pair-suggestions">
                      {data.items.map((s) => (
                        <SuggestionCard key={s.id} s={s} checked={s.id === v.borderSchoolId} onPick={() => form.setFieldValue('borderSchoolId', s.id)} />
                      ))}
                    </Stack>
                  )
                }
              </QueryView>
            ) : (
              <Text size="sm" c="dimmed" mt={4}>
                {t('tw.create.pickSideFirst')}
              </Text>
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
            <NativeSelect label={t('tw.create.startYear')} {...form.getInputProps('startYear')} data={yearOptions()} data-testid="pair-create-year" />
            <Textarea label={t('tw.create.note')} autosize minRows={1} maxRows={4} maxLength={1000} {...form.getInputProps('note')} />
          </SimpleGrid>
          <DraftFormFooter>
            <Button type="submit" loading={create.isPending} data-testid="pair-create-submit">
              {t('tw.create.submit')}
            </Button>
          </DraftFormFooter>
        </Stack>
      </form>
    </Card>
  );
}

function SuggestionCard({ s, checked, onPick }: { s: Suggestion; checked: boolean; onPick: () => void }) {
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
