import { Alert, Anchor, Button, Card, Checkbox, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type Ownership, type School, type SchoolInput, type SchoolLevel } from '../../api';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n, type MessageKey } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber, parseViDecimal, parseViInteger } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { useCommunes, useProvinces } from '../../lib/reference';
import { Link, useNavigate } from '../../lib/router';
import { OWNERSHIPS, SCHOOL_LEVELS, SCHOOL_MANAGER_ROLES } from '../../lib/vocab';

/** What the form holds: text as typed (numbers are parsed on submit). */
interface FormValues {
  code: string;
  name: string;
  levels: SchoolLevel[];
  ownership: Ownership;
  address: string;
  provinceCode: string;
  communeCode: string;
  lat: string;
  lng: string;
  pupils: string;
  staff: string;
  clusterId: string;
}

type FieldName = keyof FormValues;
type Errors = Partial<Record<FieldName, string>>;

const EMPTY: FormValues = {
  code: '',
  name: '',
  levels: [],
  ownership: 'public',
  address: '',
  provinceCode: '',
  communeCode: '',
  lat: '',
  lng: '',
  pupils: '',
  staff: '',
  clusterId: '',
};

interface Draft {
  savedAt: string;
  values: FormValues;
}

const draftKey = (id: string | undefined) => `kn.draft.school.${id ?? 'new'}`;

function readDraft(id: string | undefined): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(id));
    if (!raw) return null;
    const d = JSON.parse(raw) as Draft;
    if (!d || typeof d !== 'object' || !d.values) return null;
    return { savedAt: d.savedAt, values: { ...EMPTY, ...d.values } };
  } catch {
    return null;
  }
}

function writeDraft(id: string | undefined, values: FormValues) {
  try {
    localStorage.setItem(draftKey(id), JSON.stringify({ savedAt: new Date().toISOString(), values } satisfies Draft));
  } catch {
    /* storage full or blocked: nothing more we can do */
  }
}

function clearDraft(id: string | undefined) {
  try {
    localStorage.removeItem(draftKey(id));
  } catch {
    /* ignore */
  }
}

function fromSchool(s: School): FormValues {
  const num = (n: number | null) => (n == null ? '' : Number.isInteger(n) ? formatNumber(n) : String(n));
  return {
    code: s.code,
    name: s.name,
    levels: [...s.levels],
    ownership: s.ownership,
    address: s.address ?? '',
    provinceCode: s.provinceCode,
    communeCode: s.communeCode,
    lat: s.lat == null ? '' : String(s.lat),
    lng: s.lng == null ? '' : String(s.lng),
    pupils: num(s.pupils),
    staff: num(s.staff),
    clusterId: s.clusterId ?? '',
  };
}

function same(a: FormValues, b: FormValues) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Client-side checks mirroring the contract, so obvious mistakes show before a round trip. */
function toInput(v: FormValues, t: (k: MessageKey) => string): { input?: SchoolInput; errors: Errors } {
  const errors: Errors = {};
  if (!v.code.trim()) errors.code = t('form.required');
  if (v.name.trim().length < 2) errors.name = t('form.required');
  if (!v.levels.length) errors.levels = t('form.levelsRequired');
  if (!/^\d{5}$/.test(v.communeCode)) errors.communeCode = t('form.communeRequired');
  const lat = parseViDecimal(v.lat);
  const lng = parseViDecimal(v.lng);
  const pupils = parseViInteger(v.pupils);
  const staff = parseViInteger(v.staff);
  if (lat !== undefined && Number.isNaN(lat)) errors.lat = t('form.invalidNumber');
  if (lng !== undefined && Number.isNaN(lng)) errors.lng = t('form.invalidNumber');
  if (pupils !== undefined && Number.isNaN(pupils)) errors.pupils = t('form.invalidInteger');
  if (staff !== undefined && Number.isNaN(staff)) errors.staff = t('form.invalidInteger');
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      code: v.code.trim(),
      name: v.name.trim(),
      levels: v.levels,
      ownership: v.ownership,
      address: v.address.trim() || null,
      communeCode: v.communeCode,
      lat: lat ?? null,
      lng: lng ?? null,
      pupils: pupils ?? null,
      staff: staff ?? null,
      clusterId: v.clusterId || null,
    },
  };
}

const FIELD_NAMES: FieldName[] = ['code', 'name', 'levels', 'ownership', 'address', 'communeCode', 'lat', 'lng', 'pupils', 'staff', 'clusterId'];

function SchoolForm({ id, initial }: { id?: string; initial: FormValues }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [draft] = useState(() => readDraft(id));
  const restored = draft && !same(draft.values, initial) ? draft : null;
  const [values, setValues] = useState<FormValues>(restored?.values ?? initial);
  const [showRestored, setShowRestored] = useState(!!restored);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const dirty = useRef(false);

  const provinces = useProvinces();
  const communes = useCommunes(values.provinceCode || null);
  const clusters = useAsync(
    (signal) => api.organisations.list({ kind: 'cluster', provinceCode: values.provinceCode, limit: 200 }, signal),
    [values.provinceCode],
    !!values.provinceCode,
  );

  // keep the draft on this device while typing (debounced), so a dropped line loses nothing
  useEffect(() => {
    if (!dirty.current) return;
    const h = setTimeout(() => {
      if (same(values, initial)) clearDraft(id);
      else writeDraft(id, values);
    }, 300);
    return () => clearTimeout(h);
  }, [values, id, initial]);

  // also save right away when the page is hidden or closed
  useEffect(() => {
    const flush = () => {
      if (dirty.current && !same(values, initial)) writeDraft(id, values);
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [values, id, initial]);

  function set<K extends FieldName>(key: K, value: FormValues[K]) {
    dirty.current = true;
    setValues((v) => {
      const next = { ...v, [key]: value };
      if (key === 'provinceCode' && value !== v.provinceCode) {
        next.communeCode = '';
        next.clusterId = '';
      }
      return next;
    });
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setOtherErrors([]);
    const { input, errors: clientErrors } = toInput(values, t);
    setErrors(clientErrors);
    if (!input) {
      notifications.show({ color: 'red', message: t('form.fixErrors') });
      return;
    }
    writeDraft(id, values);
    setBusy(true);
    try {
      const saved = id ? await api.schools.update(id, input) : await api.schools.create(input);
      clearDraft(id);
      dirty.current = false;
      notifications.show({ color: 'green', message: t(id ? 'form.updated' : 'form.created', { name: saved.name }) });
      navigate(`/truong-hoc/${saved.id}`);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      if (apiErr.fieldErrors.length) {
        const next: Errors = {};
        const rest: string[] = [];
        for (const fe of apiErr.fieldErrors) {
          const head = fe.path.split('.')[0] as FieldName;
          if (FIELD_NAMES.includes(head)) next[head] = next[head] ? `${next[head]}; ${fe.message}` : fe.message;
          else rest.push(fe.path ? `${fe.path}: ${fe.message}` : fe.message);
        }
        setErrors(next);
        setOtherErrors(rest);
        if (rest.length === 0) notifications.show({ color: 'red', message: apiErr.title || t('form.fixErrors') });
        else setFormError(apiErr);
      } else setFormError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  const provinceOptions = (provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }));
  const communeOptions = (communes.data ?? []).map((c) => ({ value: c.code, label: c.name }));
  const clusterOptions = (clusters.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));

  return (
    <form onSubmit={onSubmit} noValidate data-testid="school-form">
      <Stack gap="md" maw={900}>
        {showRestored && restored && (
          <Alert color="blue" data-testid="draft-restored" withCloseButton onClose={() => setShowRestored(false)}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm">{t('form.draftRestored', { time: formatDateTime(restored.savedAt) })}</Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  clearDraft(id);
                  setValues(initial);
                  setErrors({});
                  setShowRestored(false);
                }}
              >
                {t('form.draftDiscard')}
              </Button>
            </Group>
          </Alert>
        )}
        {formError && <ErrorAlert error={formError} />}
        {otherErrors.length > 0 && (
          <Alert color="red">
            {otherErrors.map((m) => (
              <Text size="sm" key={m}>
                {m}
              </Text>
            ))}
          </Alert>
        )}

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('form.general')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('school.code')} required value={values.code} onChange={(e) => set('code', e.currentTarget.value)} error={errors.code} name="code" data-testid="field-code" />
              <TextInput label={t('school.name')} required value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} name="name" data-testid="field-name" />
            </SimpleGrid>
            <Checkbox.Group
              label={t('school.levels')}
              withAsterisk
              value={values.levels}
              onChange={(v) => set('levels', v as SchoolLevel[])}
              error={errors.levels}
              data-testid="field-levels"
            >
              <Group gap="md" mt={6}>
                {SCHOOL_LEVELS.map((l) => (
                  <Checkbox key={l} value={l} label={t(`level.${l}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <div>
              <Text size="sm" fw={500} mb={4} id="ownership-label">
                {t('school.ownership')}
              </Text>
              <SegmentedControl
                aria-labelledby="ownership-label"
                value={values.ownership}
                onChange={(v) => set('ownership', v as Ownership)}
                data={OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))}
              />
              {errors.ownership && (
                <Text c="red" size="xs" mt={4}>
                  {errors.ownership}
                </Text>
              )}
            </div>
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('form.location')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('school.province')}
                required
                searchable
                data={provinceOptions}
                value={values.provinceCode || null}
                onChange={(v) => set('provinceCode', v ?? '')}
                data-testid="field-province"
                rightSection={provinces.loading ? <Loader size="xs" /> : undefined}
              />
              <Select
                label={t('school.commune')}
                required
                searchable
                data={communeOptions}
                value={values.communeCode || null}
                onChange={(v) => set('communeCode', v ?? '')}
                disabled={!values.provinceCode}
                placeholder={values.provinceCode ? undefined : t('schools.communePickProvince')}
                error={errors.communeCode}
                data-testid="field-commune"
                rightSection={communes.loading ? <Loader size="xs" /> : undefined}
              />
            </SimpleGrid>
            <TextInput label={t('school.address')} value={values.address} onChange={(e) => set('address', e.currentTarget.value)} error={errors.address} name="address" />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('school.lat')}
                description={t('form.coordHint')}
                inputMode="decimal"
                value={values.lat}
                onChange={(e) => set('lat', e.currentTarget.value)}
                error={errors.lat}
                name="lat"
              />
              <TextInput
                label={t('school.lng')}
                description={t('form.coordHint')}
                inputMode="decimal"
                value={values.lng}
                onChange={(e) => set('lng', e.currentTarget.value)}
                error={errors.lng}
                name="lng"
              />
            </SimpleGrid>
          </Stack>
        </Card>

        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('form.size')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('school.pupils')}
                description={t('form.numberHint')}
                inputMode="numeric"
                value={values.pupils}
                onChange={(e) => set('pupils', e.currentTarget.value)}
                error={errors.pupils}
                name="pupils"
                data-testid="field-pupils"
              />
              <TextInput
                label={t('school.staff')}
                description={t('form.numberHint')}
                inputMode="numeric"
                value={values.staff}
                onChange={(e) => set('staff', e.currentTarget.value)}
                error={errors.staff}
                name="staff"
                data-testid="field-staff"
              />
            </SimpleGrid>
            {(clusterOptions.length > 0 || values.clusterId) && (
              <Select
                label={t('school.cluster')}
                placeholder={t('form.clusterNone')}
                clearable
                searchable
                data={clusterOptions}
                value={values.clusterId || null}
                onChange={(v) => set('clusterId', v ?? '')}
                error={errors.clusterId}
              />
            )}
          </Stack>
        </Card>

        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('form.draftSaved')}
          </Text>
          <Group gap="sm">
            <Button variant="default" component={Link} href={id ? `/truong-hoc/${id}` : '/truong-hoc'}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="school-save">
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export default function SchoolFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const id = params.id;
  const school = useAsync((signal) => api.schools.get(id!, signal), [id], !!id);
  const perms = useAsync((signal) => api.schools.permissions(id!, signal), [id, user?.id], !!id && !!user);
  const [initial, setInitial] = useState<FormValues | null>(id ? null : EMPTY);

  useEffect(() => {
    if (school.data) setInitial(fromSchool(school.data));
  }, [school.data]);

  const heading = (
    <div>
      <Anchor component={Link} href={id ? `/truong-hoc/${id}` : '/truong-hoc'} size="sm">
        ← {id && school.data ? school.data.name : t('school.backToList')}
      </Anchor>
      <Title order={1}>{t(id ? 'form.editTitle' : 'form.newTitle')}</Title>
    </div>
  );

  if (user === undefined) return <PageLoader />;
  if (user === null)
    return (
      <Stack>
        {heading}
        <Alert color="blue">
          <Stack gap="xs">
            <Text size="sm">{t('common.signInRequired')}</Text>
            <div>
              <Button component={Link} href={signInHref()} size="xs">
                {t('nav.signIn')}
              </Button>
            </div>
          </Stack>
        </Alert>
      </Stack>
    );
  const allowed = id ? perms.data?.update : hasRole(SCHOOL_MANAGER_ROLES);
  if (id && (school.loading || perms.loading || !initial) && !school.error && !perms.error) return <PageLoader />;
  if (school.error)
    return (
      <Stack>
        {heading}
        <ErrorAlert error={school.error} onRetry={school.reload} />
      </Stack>
    );
  if (!allowed)
    return (
      <Stack>
        {heading}
        <Alert color="yellow" data-testid="form-forbidden">
          {t('form.forbidden')}
        </Alert>
      </Stack>
    );

  return (
    <Stack gap="md">
      {heading}
      {initial && <SchoolForm id={id} initial={initial} />}
    </Stack>
  );
}
