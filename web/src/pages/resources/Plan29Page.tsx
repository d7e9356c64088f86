import { Accordion, Alert, Badge, Button, Card, Checkbox, Chip, Group, List, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type SchoolLevel } from '../../api';
import { resourcesApi, type Plan29Province, type QuotaRow } from '../../api/resources';
import { ErrorAlert, LevelBadges, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';

const YEARS = ['2021', '2022', '2023', '2024', '2025'];
/** Plan 29 §III.1: per province 20 schools, 10 preschools, 5 primary, 5 lower secondary; per school 1 teacher, 1 manager, 10 pupils. */
const QUOTA_LEVELS = [
  { level: 'mam_non', want: 10 },
  { level: 'tieu_hoc', want: 5 },
  { level: 'thcs', want: 5 },
] as const satisfies readonly { level: SchoolLevel; want: number }[];
const GIFT_QUOTA = [
  { kind: 'teacher', want: 1 },
  { kind: 'manager', want: 1 },
  { kind: 'pupil', want: 10 },
] as const;

interface Picked {
  id: string;
  name: string;
  levels: string[];
  communeName?: string;
}

const countLevel = (schools: { levels: string[] }[], level: string) => schools.filter((s) => s.levels.includes(level)).length;

/** "3/10 Mầm non" with a colour: green when met, orange when short, red when over. */
function LevelCounter({ label, have, want, testId }: { label: string; have: number; want: number; testId?: string }) {
  const color = have === want ? 'green' : have < want ? 'orange' : 'red';
  return (
    <Badge color={color} variant="light" size="lg" radius="sm" style={{ textTransform: 'none' }} data-testid={testId} data-have={have} data-want={want}>
      {label}: {have}/{want}
    </Badge>
  );
}

/** Which target provinces the signed-in user may select for: all (Ministry, admin) or its own current province (Department). */
function useSelectable(targets: Plan29Province[] | undefined): Plan29Province[] {
  const { user } = useAuth();
  return useMemo(() => {
    if (!user || !targets) return [];
    if (user.role === 'ministry' || user.role === 'admin') return targets;
    if (user.role === 'department') return targets.filter((p) => p.currentCode && p.currentCode === user.organisation.provinceCode);
    return [];
  }, [user, targets]);
}

function SelectionEditor({
  targets,
  year,
  setYear,
  quota,
  oldCode,
  setOldCode,
  onSaved,
}: {
  targets: Plan29Province[];
  year: string;
  setYear: (y: string) => void;
  quota: QuotaRow[] | undefined;
  oldCode: string | null;
  setOldCode: (c: string | null) => void;
  onSaved: (items: QuotaRow[]) => void;
}) {
  const { t } = useI18n();
  // 2021 counts only the 10 provinces chosen that year; later years any of the 30
  const options = targets.filter((p) => year !== '2021' || p.selected2021);
  const province = options.find((p) => p.oldCode === oldCode) ?? null;
  const [district, setDistrict] = useState<string | null>(null);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [level, setLevel] = useState<string>('mam_non');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);

  const districts = useAsync((signal) => resourcesApi.plan29.legacyDistricts(province!.oldCode, signal), [province?.oldCode], !!province);
  const schools = useAsync(
    (signal) => api.schools.list({ provinceCode: province!.currentCode!, level: level === 'all' ? undefined : (level as SchoolLevel), q: q || undefined, limit: 50 }, signal),
    [province?.currentCode, level, q],
    !!province?.currentCode,
  );

  // the saved selection of this province and year fills the form (until the user changes it)
  const row = quota?.find((r) => r.oldCode === province?.oldCode);
  useEffect(() => {
    dirty.current = false;
    setErrors({});
    setError(null);
  }, [province?.oldCode, year]);
  useEffect(() => {
    if (dirty.current) return;
    setDistrict(row?.districts[0]?.code ?? null);
    setPicked((row?.schools ?? []).map((s) => ({ id: s.id, name: s.name, levels: s.levels })));
  }, [row, province?.oldCode, year]);

  // a single-province Department starts on its own province
  useEffect(() => {
    if (!oldCode && options.length === 1) setOldCode(options[0].oldCode);
    if (oldCode && !options.some((p) => p.oldCode === oldCode)) setOldCode(options.length === 1 ? options[0].oldCode : null);
  }, [oldCode, options, setOldCode]);

  const toggle = (s: Picked, on: boolean) => {
    dirty.current = true;
    setErrors((e) => ({ ...e, schoolIds: '' }));
    setPicked((list) => (on ? (list.some((x) => x.id === s.id) ? list : [...list, s]) : list.filter((x) => x.id !== s.id)));
  };

  async function save() {
    setError(null);
    const errs: Record<string, string> = {};
    if (!province) errs.oldProvinceCode = t('form.required');
    if (!district) errs.oldDistrictCode = t('p29.sel.districtRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const r = await resourcesApi.plan29.select({ year: Number(year), oldProvinceCode: province!.oldCode, oldDistrictCode: district!, schoolIds: picked.map((p) => p.id) });
      dirty.current = false;
      notifications.show({ color: 'green', message: t('p29.sel.saved', { province: province!.asWritten, n: picked.length }) });
      onSaved(r.items);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) });
      const fe: Record<string, string> = {};
      for (const f of err.fieldErrors) {
        const key = f.path.split('.')[0];
        if (key === 'schoolIds') {
          const name = picked.find((p) => p.id === f.message)?.name;
          fe.schoolIds = name ? t('p29.sel.schoolWrongProvince', { name }) : f.message;
        } else fe[key] = f.message;
      }
      setErrors(fe);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const total = picked.length;
  const counts = QUOTA_LEVELS.map((q) => ({ ...q, have: countLevel(picked, q.level) }));
  const met = counts.every((c) => c.have === c.want);
  const pickedIds = new Set(picked.map((p) => p.id));

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
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('p29.sel.year')}
            data={YEARS}
            value={year}
            onChange={(v) => v && setYear(v)}
            allowDeselect={false}
            data-testid="p29-sel-year"
          />
          <Select
            label={t('p29.sel.province')}
            description={t('p29.sel.provinceHelp')}
            placeholder={t('p29.sel.provincePick')}
            searchable
            data={options.map((p) => ({ value: p.oldCode, label: p.currentName && p.currentName !== p.asWritten ? t('p29.sel.provinceOption', { old: p.asWritten, current: p.currentName }) : p.asWritten }))}
            value={province?.oldCode ?? null}
            onChange={(v) => setOldCode(v)}
            error={errors.oldProvinceCode}
            nothingFoundMessage={t('common.noResults')}
            data-testid="p29-sel-province"
          />
          <Select
            label={t('p29.sel.district')}
            description={t('p29.sel.districtHelp')}
            placeholder={province ? t('p29.sel.districtPick') : t('p29.sel.provinceFirst')}
            searchable
            disabled={!province}
            data={(districts.data?.items ?? []).map((d) => ({ value: d.code, label: d.fullName }))}
            value={district}
            onChange={(v) => {
              dirty.current = true;
              setDistrict(v);
              setErrors((e) => ({ ...e, oldDistrictCode: '' }));
            }}
            error={errors.oldDistrictCode || (districts.error ? districts.error.detail ?? districts.error.title : undefined)}
            nothingFoundMessage={districts.loading ? t('app.loading') : t('common.noResults')}
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
            <Group gap="xs" wrap="wrap" aria-live="polite" data-testid="p29-counters" data-total={total}>
              {counts.map((c) => (
                <LevelCounter key={c.level} label={t(`level.${c.level}`)} have={c.have} want={c.want} testId={`p29-count-${c.level}`} />
              ))}
              <LevelCounter label={t('p29.sel.totalSchools')} have={total} want={20} testId="p29-count-total" />
            </Group>
            {total > 0 && !met && (
              <Text size="sm" c="orange.8">
                {t('p29.sel.notMet')}
              </Text>
            )}

            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Stack gap="xs" miw={0}>
                <Text fw={600} size="sm" id="p29-find">
                  {t('p29.sel.find')}
                </Text>
                <Chip.Group multiple={false} value={level} onChange={(v) => setLevel(v as string)}>
                  <Group gap={6} wrap="wrap" role="radiogroup" aria-labelledby="p29-find" data-testid="p29-sel-level">
                    {(['mam_non', 'tieu_hoc', 'thcs', 'all'] as const).map((l) => (
                      <Chip key={l} value={l} size="sm" variant="outline">
                        {l === 'all' ? t('common.all') : t(`level.${l}`)}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
                <TextInput
                  label={t('p29.sel.search')}
                  placeholder={t('p29.sel.searchPlaceholder')}
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                  data-testid="p29-sel-search"
                />
                {schools.error && <ErrorAlert error={schools.error} onRetry={schools.reload} />}
                <Text size="xs" c="dimmed" aria-live="polite">
                  {schools.data ? t('p29.sel.found', { n: formatNumber(schools.data.total), shown: formatNumber(schools.data.items.length) }) : '\u00a0'}
                </Text>
                <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
                  <Stack gap={6} data-testid="p29-sel-results">
                    {schools.data?.items.map((s) => (
                      <Checkbox
                        key={s.id}
                        checked={pickedIds.has(s.id)}
                        onChange={(e) => toggle({ id: s.id, name: s.name, levels: s.levels, communeName: s.communeName }, e.currentTarget.checked)}
                        label={s.name}
                        description={
                          <Group gap={6} wrap="wrap" component="span">
                            <span>{s.communeName}</span>
                            <LevelBadges levels={s.levels} />
                          </Group>
                        }
                        data-testid="p29-sel-school"
                        data-school-id={s.id}
                        styles={{ body: { alignItems: 'flex-start' }, label: { fontWeight: 500 } }}
                      />
                    ))}
                    {schools.data && schools.data.items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
                    {schools.loading && !schools.data && <PageLoader />}
                  </Stack>
                </ScrollArea.Autosize>
              </Stack>

              <Stack gap="xs" miw={0}>
                <Text fw={600} size="sm">
                  {t('p29.sel.picked', { n: total })}
                </Text>
                {errors.schoolIds && (
                  <Text size="sm" c="red" role="alert">
                    {errors.schoolIds}
                  </Text>
                )}
                {picked.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('p29.sel.pickedNone')}
                  </Text>
                ) : (
                  <ScrollArea.Autosize mah={480} type="auto" offsetScrollbars>
                    <Stack gap={4} data-testid="p29-sel-picked">
                      {[...picked]
                        .sort((a, b) => rank(a.levels) - rank(b.levels) || a.name.localeCompare(b.name, 'vi'))
                        .map((s) => (
                          <Group key={s.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="p29-sel-picked-row">
                            <div style={{ minWidth: 0 }}>
                              <Text size="sm">{s.name}</Text>
                              <LevelBadges levels={s.levels as SchoolLevel[]} />
                            </div>
                            <Button size="compact-sm" variant="subtle" color="red" onClick={() => toggle(s, false)} aria-label={t('p29.sel.removeSchool', { name: s.name })}>
                              {t('p29.sel.remove')}
                            </Button>
                          </Group>
                        ))}
                    </Stack>
                  </ScrollArea.Autosize>
                )}
              </Stack>
            </SimpleGrid>
            {error && <ErrorAlert error={error} />}
            <Group justify="flex-end">
              <Button onClick={save} loading={busy} data-testid="p29-sel-save">
                {t('p29.sel.save')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** Preschools first, then primary, then lower secondary. */
function rank(levels: string[]): number {
  const i = QUOTA_LEVELS.findIndex((q) => levels.includes(q.level));
  return i === -1 ? 9 : i;
}

function GiftCount({ have, want }: { have: number; want: number }) {
  return (
    <Text size="sm" c={have >= want ? 'green.8' : 'red.7'} fw={500} style={{ whiteSpace: 'nowrap' }}>
      {have}/{want}
    </Text>
  );
}

function QuotaCard({ q, year, canEdit, onEdit }: { q: QuotaRow; year: string; canEdit: boolean; onEdit: () => void }) {
  const { t } = useI18n();
  const levelCounts = QUOTA_LEVELS.map((l) => ({ ...l, have: countLevel(q.schools, l.level) }));
  const schoolsMet = q.districts.length === 1 && levelCounts.every((c) => c.have === c.want);
  const giftsMissing = q.schools.filter((s) => GIFT_QUOTA.some((g) => (s.gifts[g.kind] ?? 0) < g.want)).length;
  return (
    <Card withBorder padding="sm" data-testid="p29-quota-row" data-old-code={q.oldCode} data-complies={q.complies ? 'true' : 'false'} data-schools-met={schoolsMet ? 'true' : 'false'} data-gifts-missing={giftsMissing}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{q.asWritten}</Text>
        <Group gap="xs" wrap="wrap">
          <Badge color={q.complies ? 'green' : 'red'} variant="light" style={{ textTransform: 'none' }} data-testid="p29-quota-status">
            {q.complies ? t('p29.complies') : t('p29.missingCount', { n: q.missing.length })}
          </Badge>
          {canEdit && (
            <Button size="compact-sm" variant="light" onClick={onEdit} data-testid="p29-quota-edit">
              {t('p29.sel.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="xs" c="dimmed">
        {q.districts.length ? q.districts.map((d) => d.name).join(', ') : t('p29.noDistrict')} · {t('p29.schools', { n: formatNumber(q.schools.length) })}
      </Text>
      {q.schools.length > 0 && (
        <Group gap={6} mt={6} wrap="wrap" data-testid="p29-quota-levels">
          {levelCounts.map((c) => (
            <LevelCounter key={c.level} label={t(`level.${c.level}`)} have={c.have} want={c.want} />
          ))}
          <Badge color={giftsMissing ? 'orange' : 'green'} variant="outline" size="lg" radius="sm" style={{ textTransform: 'none' }} data-testid="p29-quota-gifts">
            {giftsMissing ? t('p29.q.giftsMissing', { n: giftsMissing }) : t('p29.q.giftsMet')}
          </Badge>
        </Group>
      )}
      {(!q.complies || q.schools.length > 0) && (
        <Accordion variant="default" chevronPosition="left" mt={4}>
          {!q.complies && (
            <Accordion.Item value="missing">
              <Accordion.Control>
                <Text size="sm">{t('p29.q.missingList', { n: q.missing.length })}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                <List size="sm" spacing={2} data-testid="p29-quota-missing">
                  {q.missing.slice(0, 40).map((m) => (
                    <List.Item key={m}>{m}</List.Item>
                  ))}
                  {q.missing.length > 40 && <List.Item>{t('p29.more', { n: q.missing.length - 40 })}</List.Item>}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          )}
          {q.schools.length > 0 && (
            <Accordion.Item value="schools">
              <Accordion.Control>
                <Text size="sm">{t('p29.q.perSchool')}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('p29.q.giftsYear', { year })}
                </Text>
                <Table.ScrollContainer minWidth={520} type="native">
                  <Table striped data-testid="p29-quota-schools">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('school.name')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('p29.q.teacher')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('p29.q.manager')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('p29.q.pupils')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...q.schools]
                        .sort((a, b) => rank(a.levels) - rank(b.levels) || a.name.localeCompare(b.name, 'vi'))
                        .map((s) => (
                          <Table.Tr key={s.id} data-testid="p29-quota-school" data-school-id={s.id} data-pupils={s.gifts.pupil ?? 0}>
                            <Table.Td>
                              <Text size="sm">{s.name}</Text>
                              <LevelBadges levels={s.levels as SchoolLevel[]} />
                            </Table.Td>
                            {GIFT_QUOTA.map((g) => (
                              <Table.Td key={g.kind} style={{ textAlign: 'right' }}>
                                <GiftCount have={s.gifts[g.kind] ?? 0} want={g.want} />
                              </Table.Td>
                            ))}
                          </Table.Tr>
                        ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Accordion.Panel>
            </Accordion.Item>
          )}
        </Accordion>
      )}
    </Card>
  );
}

/** `/ke-hoach-29`: the 30 target provinces as written in 2021, today's province, the 10 chosen for 2021, the selection of districts and schools, and the quota check. */
export default function Plan29Page() {
  const { t } = useI18n();
  const data = useAsync((signal) => resourcesApi.plan29.provinces(signal), []);
  const [year, setYear] = useState('2021');
  const quota = useAsync((signal) => resourcesApi.plan29.quota(Number(year), signal), [year]);
  const selectable = useSelectable(data.data?.targets);
  const [editing, setEditing] = useState<string | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const editableCodes = new Set(selectable.map((p) => p.oldCode));
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>{t('p29.title')}</Title>
        <Text c="dimmed" size="sm" maw={800}>
          {t('p29.intro')}
        </Text>
      </div>
      {data.error && <ErrorAlert error={data.error} onRetry={data.reload} />}
      {data.loading && !data.data && <PageLoader />}
      {data.data && (
        <Card withBorder component="section" aria-labelledby="p29-targets">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4" id="p29-targets">
              {t('p29.targets', { n: data.data.targets.length })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('p29.selectedCount', { n: data.data.targets.filter((x) => x.selected2021).length, current: data.data.byCurrentProvince.length })}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={560} type="native">
            <Table striped data-testid="p29-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('p29.asWritten')}</Table.Th>
                  <Table.Th>{t('p29.current')}</Table.Th>
                  <Table.Th>{t('p29.selected2021')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.targets.map((p, i) => (
                  <Table.Tr key={p.oldCode} data-testid="p29-row" data-selected={p.selected2021 ? 'true' : 'false'}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>{p.asWritten}</Table.Td>
                    <Table.Td>{p.currentName ?? '—'}</Table.Td>
                    <Table.Td>
                      {p.selected2021 && (
                        <Badge color="teal" variant="light" style={{ textTransform: 'none' }}>
                          {t('p29.chosen')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {selectable.length > 0 && (
        <div ref={editorRef}>
          <SelectionEditor
            targets={selectable}
            year={year}
            setYear={setYear}
            quota={quota.data?.items}
            oldCode={editing}
            setOldCode={setEditing}
            onSaved={(items) => quota.setData({ items })}
          />
        </div>
      )}
      <Card withBorder component="section" aria-labelledby="p29-quota">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={2} size="h4" id="p29-quota">
              {t('p29.quota')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('p29.quotaRule')}
            </Text>
          </div>
          <SegmentedControl value={year} onChange={setYear} data={YEARS} aria-label={t('portal.year')} data-testid="p29-quota-year" />
        </Group>
        {quota.error && <ErrorAlert error={quota.error} onRetry={quota.reload} />}
        {quota.loading && !quota.data && <PageLoader />}
        {quota.data && (
          <Stack gap="xs" data-testid="p29-quota-list">
            {quota.data.items.length === 0 && <Alert color="gray">{t('common.noResults')}</Alert>}
            {quota.data.items.map((q) => (
              <QuotaCard
                key={q.oldCode}
                q={q}
                year={year}
                canEdit={editableCodes.has(q.oldCode)}
                onEdit={() => {
                  setEditing(q.oldCode);
                  editorRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                }}
              />
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
