import { Alert, Anchor, Button, Card, FileInput, Group, Progress, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type ComponentProps, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { NEED_CATEGORIES, PRIORITIES, resourcesApi, type Need, type NeedCategory, type NeedDetail, type Priority } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { Link, useNavigate } from '../../lib/router';
import { checkImages, formatVnd, IMAGE_ACCEPT, parseMoney, parseQuantity } from './shared';

interface Values {
  schoolId: string;
  schoolName: string;
  category: NeedCategory | '';
  title: string;
  description: string;
  quantity: string;
  unit: string;
  estimatedCost: string;
  priority: Priority;
}
type Field = keyof Values | 'photos';
const EMPTY: Values = { schoolId: '', schoolName: '', category: '', title: '', description: '', quantity: '', unit: '', estimatedCost: '', priority: 'normal' };
const FIELDS: Field[] = ['schoolId', 'category', 'title', 'description', 'quantity', 'unit', 'estimatedCost', 'priority', 'photos'];

const draftKey = (id?: string) => `kn.draft.need.${id ?? 'new'}`;
function readDraft(id?: string): { savedAt: string; values: Values } | null {
  try {
    const raw = localStorage.getItem(draftKey(id));
    if (!raw) return null;
    const d = JSON.parse(raw) as { savedAt: string; values: Values };
    return d?.values ? { savedAt: d.savedAt, values: { ...EMPTY, ...d.values } } : null;
  } catch {
    return null;
  }
}
function writeDraft(id: string | undefined, values: Values) {
  try {
    localStorage.setItem(draftKey(id), JSON.stringify({ savedAt: new Date().toISOString(), values }));
  } catch {
    /* storage full or blocked */
  }
}
function clearDraft(id?: string) {
  try {
    localStorage.removeItem(draftKey(id));
  } catch {
    /* ignore */
  }
}
const same = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

function fromNeed(n: NeedDetail): Values {
  return {
    schoolId: n.schoolId,
    schoolName: n.schoolName,
    category: n.category,
    title: n.title,
    description: n.description ?? '',
    quantity: formatNumber(n.quantity),
    unit: n.unit,
    estimatedCost: formatNumber(n.estimatedCost),
    priority: n.priority,
  };
}

function SchoolPicker({ provinceCode, value, label, onChange, error }: { provinceCode?: string | null; value: { id: string; name: string }; label: string; onChange: (id: string, name: string) => void; error?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState(value.name);
  const q = useDebounced(search.trim(), 300);
  const list = useAsync((signal) => api.schools.list({ provinceCode: provinceCode ?? undefined, q: q && q !== value.name ? q : undefined, limit: 50 }, signal), [provinceCode, q]);
  const data = (list.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${s.communeName}` }));
  if (value.id && !data.some((d) => d.value === value.id)) data.unshift({ value: value.id, label: value.name });
  return (
    <Select
      label={label}
      required
      searchable
      data={data}
      value={value.id || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, opt) => onChange(v ?? '', opt ? opt.label.split(' — ')[0] : '')}
      nothingFoundMessage={list.loading ? t('app.loading') : t('common.noResults')}
      filter={({ options }) => options}
      error={error}
      data-testid="need-form-school"
    />
  );
}

export default function NeedFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const id = params.id;
  const existing = useAsync((signal) => resourcesApi.needs.get(id, signal), [id], !!id && !!user);
  if (user === undefined || (id && existing.loading)) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('need.form.signIn')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  if (!['school', 'department', 'admin'].includes(user.role)) return <Alert color="yellow">{t('need.form.notAllowed')}</Alert>;
  if (existing.error) return <ErrorAlert error={existing.error} />;
  const initial = existing.data ? fromNeed(existing.data) : user.role === 'school' ? { ...EMPTY, schoolId: user.organisation.id, schoolName: user.organisation.name } : EMPTY;
  return <NeedForm id={id} initial={initial} />;
}

function NeedForm({ id, initial }: { id?: string; initial: Values }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [draft] = useState(() => readDraft(id));
  const restored = draft && !same(draft.values, initial) ? draft : null;
  const [values, setValues] = useState<Values>(() => (restored ? { ...restored.values, ...(user?.role === 'school' ? { schoolId: initial.schoolId, schoolName: initial.schoolName } : {}) } : initial));
  const [showRestored, setShowRestored] = useState(!!restored);
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [saved, setSaved] = useState<Need | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const dirty = useRef(false);

  useEffect(() => {
    if (!dirty.current) return;
    const h = setTimeout(() => (same(values, initial) ? clearDraft(id) : writeDraft(id, values)), 300);
    return () => clearTimeout(h);
  }, [values, id, initial]);
  useEffect(() => {
    const flush = () => dirty.current && !same(values, initial) && writeDraft(id, values);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [values, id, initial]);

  function set<K extends keyof Values>(k: K, v: Values[K]) {
    dirty.current = true;
    setValues((x) => ({ ...x, [k]: v }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: undefined }));
  }

  const quantity = parseQuantity(values.quantity);
  const cost = parseMoney(values.estimatedCost);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const errs: Partial<Record<Field, string>> = {};
    if (!values.schoolId) errs.schoolId = t('form.required');
    if (!values.category) errs.category = t('form.required');
    if (values.title.trim().length < 3) errs.title = t('need.form.titleShort');
    if (quantity === undefined || Number.isNaN(quantity) || quantity <= 0) errs.quantity = t('need.form.quantityInvalid');
    if (!values.unit.trim()) errs.unit = t('form.required');
    if (cost === undefined || Number.isNaN(cost) || cost < 0) errs.estimatedCost = t('need.form.costInvalid');
    const photoErr = checkImages(photos, t);
    if (photoErr) errs.photos = photoErr;
    setErrors(errs);
    if (Object.values(errs).some(Boolean)) {
      notifications.show({ color: 'red', message: t('form.fixErrors') });
      return;
    }
    writeDraft(id, values);
    setBusy(true);
    try {
      const body = {
        category: values.category as NeedCategory,
        title: values.title.trim(),
        description: values.description.trim() || null,
        quantity: quantity!,
        unit: values.unit.trim(),
        estimatedCost: cost!,
        priority: values.priority,
      };
      const need = id ? await resourcesApi.needs.update(id, body) : await resourcesApi.needs.create({ ...body, schoolId: values.schoolId });
      if (photos.length) {
        setProgress(0);
        try {
          await resourcesApi.needs.addPhotos(need.id, photos, setProgress);
        } catch (err) {
          setFormError(err as ApiError);
        } finally {
          setProgress(null);
        }
      }
      clearDraft(id);
      dirty.current = false;
      notifications.show({ color: 'green', message: t('need.form.saved') });
      setSaved(need);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      const fe: Partial<Record<Field, string>> = {};
      for (const f of apiErr.fieldErrors) {
        const head = f.path.split('.')[0] as Field;
        if (FIELDS.includes(head)) fe[head] = f.message;
      }
      setErrors(fe);
      setFormError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <Stack gap="md" maw={760}>
        <Title order={1}>{id ? t('need.form.editTitle') : t('need.form.title')}</Title>
        <Card withBorder data-testid="need-saved">
          <Stack>
            <Alert color="green" title={t('need.form.savedTitle')}>
              {t('need.form.savedText', { title: saved.title })}
            </Alert>
            {formError && <ErrorAlert error={formError} />}
            <Group gap="sm" wrap="wrap">
              <Button
                loading={submitting}
                data-testid="need-submit"
                onClick={async () => {
                  setSubmitting(true);
                  setFormError(null);
                  try {
                    await resourcesApi.needs.transition(saved.id, 'submit');
                    notifications.show({ color: 'green', message: t('need.done.submit') });
                    navigate(`/nhu-cau/${saved.id}`);
                  } catch (err) {
                    setFormError(err as ApiError);
                  } finally {
                    setSubmitting(false);
                  }
                }}
              >
                {t('need.action.submit')}
              </Button>
              <Button component={Link} href={`/nhu-cau/${saved.id}`} variant="default" data-testid="need-open-saved">
                {t('need.form.openSaved')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    );
  }

  const isSchool = user?.role === 'school';
  return (
    <form onSubmit={onSubmit} noValidate data-testid="need-form">
      <Stack gap="md" maw={860}>
        <Anchor component={Link} href={id ? `/nhu-cau/${id}` : '/nhu-cau'} size="sm">
          ← {t('common.back')}
        </Anchor>
        <Title order={1}>{id ? t('need.form.editTitle') : t('need.form.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('need.form.intro')}
        </Text>
        {showRestored && restored && (
          <Alert color="blue" withCloseButton onClose={() => setShowRestored(false)} data-testid="draft-restored">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm">{t('form.draftRestored', { time: formatDateTime(restored.savedAt) })}</Text>
              <Button
                size="xs"
                variant="light"
                onClick={() => {
                  clearDraft(id);
                  setValues(initial);
                  setShowRestored(false);
                }}
              >
                {t('form.draftDiscard')}
              </Button>
            </Group>
          </Alert>
        )}
        {formError && <ErrorAlert error={formError} />}
        {isSchool || id ? (
          <TextInput label={t('need.school')} value={values.schoolName} readOnly data-testid="need-form-school" />
        ) : (
          <SchoolPicker
            provinceCode={user?.role === 'department' ? user.organisation.provinceCode : null}
            label={t('need.school')}
            value={{ id: values.schoolId, name: values.schoolName }}
            onChange={(sid, name) => {
              dirty.current = true;
              setValues((x) => ({ ...x, schoolId: sid, schoolName: name }));
              setErrors((e) => ({ ...e, schoolId: undefined }));
            }}
            error={errors.schoolId}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('need.category')}
            required
            data={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`need.category.${c}`) }))}
            value={values.category || null}
            onChange={(v) => set('category', (v as NeedCategory) ?? '')}
            error={errors.category}
            searchable
            data-testid="need-form-category"
          />
          <Select
            label={t('need.priority')}
            required
            data={PRIORITIES.map((p) => ({ value: p, label: t(`need.priority.${p}`) }))}
            value={values.priority}
            onChange={(v) => set('priority', (v as Priority) ?? 'normal')}
            allowDeselect={false}
            data-testid="need-form-priority"
          />
        </SimpleGrid>
        <TextInput
          label={t('need.titleField')}
          description={t('need.form.titleHelp')}
          required
          value={values.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          maxLength={300}
          data-testid="need-form-title"
        />
        <Textarea
          label={t('need.description')}
          autosize
          minRows={3}
          maxRows={10}
          value={values.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          maxLength={5000}
          data-testid="need-form-description"
        />
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <TextInput
            label={t('need.quantity')}
            required
            inputMode="decimal"
            value={values.quantity}
            onChange={(e) => set('quantity', e.currentTarget.value)}
            error={errors.quantity}
            data-testid="need-form-quantity"
          />
          <TextInput
            label={t('need.unit')}
            required
            placeholder={t('need.form.unitPlaceholder')}
            value={values.unit}
            onChange={(e) => set('unit', e.currentTarget.value)}
            error={errors.unit}
            maxLength={50}
            data-testid="need-form-unit"
          />
          <TextInput
            label={t('need.estimatedCost')}
            required
            inputMode="numeric"
            placeholder="150.000.000"
            value={values.estimatedCost}
            onChange={(e) => set('estimatedCost', e.currentTarget.value)}
            onBlur={() => cost !== undefined && !Number.isNaN(cost) && set('estimatedCost', formatNumber(cost))}
            error={errors.estimatedCost}
            description={cost !== undefined && !Number.isNaN(cost) ? formatVnd(cost) : t('need.form.costHelp')}
            rightSection={<Text size="sm">₫</Text>}
            data-testid="need-form-cost"
          />
        </SimpleGrid>
        <FileInput
          label={t('need.photos')}
          description={t('need.photos.help')}
          placeholder={t('need.photos.pick')}
          multiple
          accept={IMAGE_ACCEPT}
          value={photos}
          onChange={(f) => {
            setPhotos(f);
            setErrors((e) => ({ ...e, photos: checkImages(f, t) ?? undefined }));
          }}
          clearable
          error={errors.photos}
          data-testid="need-form-photos-button"
          fileInputProps={{ 'data-testid': 'need-form-photos', 'aria-label': t('need.photos') } as ComponentProps<'input'>}
        />
        {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('need.form.draftNote')}
          </Text>
          <Button type="submit" loading={busy} data-testid="need-form-save">
            {id ? t('common.save') : t('need.form.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
