/**
 * `/dong-gop/ghi-nhan`: the Ministry's coordinators, a Department or a school record a
 * contribution on a donor's behalf (an agreement, a campaign, a gift handed over at a school).
 * A school records only its own gifts, as the contributor. Prefilled from `?needId=`,
 * `?schoolId=` and `?beneficiaryId=` (the "Ghi nhận quà tặng" action of a gift recipient).
 */
import { Alert, Anchor, Button, Card, Checkbox, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { FORMS, NEED_CATEGORIES, resourcesApi, type ContributionForm, type NeedCategory, type PledgeInput } from '../../api/resources';
import { ErrorAlert, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatNumber, parseVnDate } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { formatVnd, parseMoney, parseQuantity } from './shared';

const ROLES = ['admin', 'ministry', 'department', 'school'] as const;
type Field = 'contributorId' | 'needId' | 'schoolId' | 'beneficiaryId' | 'agreementId' | 'form' | 'category' | 'description' | 'value' | 'quantity' | 'unit' | 'pledgedOn';
const FIELD_OF: Record<string, Field> = { valueVnd: 'value' };

function SchoolPicker({ provinceCode, value, onChange, error }: { provinceCode?: string | null; value: { id: string; name: string }; onChange: (id: string, name: string) => void; error?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState(value.name);
  useEffect(() => setSearch(value.name), [value.name]);
  const q = useDebounced(search.trim(), 300);
  const list = useAsync((signal) => api.schools.list({ provinceCode: provinceCode ?? undefined, q: q && q !== value.name ? q : undefined, limit: 50 }, signal), [provinceCode, q, value.name]);
  // the chosen school shows by its name alone; the others with their commune to tell namesakes apart
  const data = (list.data?.items ?? []).map((s) => ({ value: s.id, label: s.id === value.id ? s.name : `${s.name} — ${s.communeName}` }));
  if (value.id && !data.some((d) => d.value === value.id)) data.unshift({ value: value.id, label: value.name });
  return (
    <Select
      label={t('record.school')}
      description={t('record.schoolHelp')}
      placeholder={t('record.schoolPick')}
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
      data-testid="record-school"
    />
  );
}

export default function RecordContributionPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const params = useSearchParams();
  const needId = params.get('needId') ?? '';
  const allowed = !!user && (ROLES as readonly string[]).includes(user.role);
  const isSchool = user?.role === 'school';

  const [need, setNeedId] = useState(needId);
  const needQ = useAsync((signal) => resourcesApi.needs.get(need, signal), [need], allowed && !!need);
  const [school, setSchool] = useState<{ id: string; name: string; provinceCode?: string }>({ id: params.get('schoolId') ?? '', name: '' });
  const schoolQ = useAsync((signal) => api.schools.get(school.id, signal), [school.id], allowed && !!school.id && !school.name && !need);
  const [contributorId, setContributorId] = useState<string | null>(null);
  const [beneficiaryId, setBeneficiaryId] = useState<string | null>(params.get('beneficiaryId'));
  const [agreementId, setAgreementId] = useState<string | null>(null);
  const [form, setForm] = useState<ContributionForm>('in_kind');
  const [category, setCategory] = useState<NeedCategory | null>(null);
  const [description, setDescription] = useState('');
  const [value, setValue] = useState('');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  // a gift given before today (plan-29 gifts of past years): the Ministry and Departments only
  const [givenOn, setGivenOn] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const n = need ? needQ.data : undefined;
  const recipientId = n?.schoolId ?? school.id;
  const donors = useAsync((signal) => resourcesApi.donors.list({ vetting: 'approved' }, signal), [], allowed && !isSchool);
  const agreements = useAsync((signal) => resourcesApi.agreements.list({ donorId: contributorId! }, signal), [contributorId], allowed && !isSchool && !!contributorId);
  // recipients are listed only for the school itself and its Department; others get 403 and the field is hidden
  const recipientProvince = n?.provinceCode ?? school.provinceCode;
  const seesBeneficiaries =
    !!recipientId &&
    ((user?.role === 'school' && recipientId === user.organisation.id) || (user?.role === 'department' && !!recipientProvince && recipientProvince === user.organisation.provinceCode));
  const beneficiaries = useAsync((signal) => resourcesApi.beneficiaries.list(recipientId, signal), [recipientId], allowed && seesBeneficiaries);

  // fill the school's name from ?schoolId=, the category and unit from ?needId=
  useEffect(() => {
    if (schoolQ.data) setSchool({ id: schoolQ.data.id, name: schoolQ.data.name, provinceCode: schoolQ.data.provinceCode });
  }, [schoolQ.data]);
  useEffect(() => {
    if (!n) return;
    setCategory(n.category);
    setUnit(n.unit);
    setDescription((d) => d || n.title);
  }, [n]);
  useEffect(() => {
    if (isSchool && user) setContributorId(user.organisation.id);
  }, [isSchool, user]);
  // a chosen beneficiary suggests warm clothes-style gifts: leave the category to the user, but keep the description free of names
  const benef = beneficiaries.data?.items.find((b) => b.id === beneficiaryId);

  if (user === undefined) return <PageLoader />;
  if (!user) {
    return (
      <Alert color="blue" title={t('common.signInRequired')}>
        <Button component={Link} href={signInHref()} size="xs" mt="xs">
          {t('nav.signIn')}
        </Button>
      </Alert>
    );
  }
  if (!allowed) return <Alert color="yellow">{t('record.notAllowed')}</Alert>;

  const clear = (f: Field) => setErrors((e) => ({ ...e, [f]: undefined }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: Partial<Record<Field, string>> = {};
    const v = parseMoney(value);
    const q = parseQuantity(quantity);
    if (!contributorId) errs.contributorId = t('record.contributorRequired');
    if (!recipientId) errs.schoolId = t('record.schoolRequired');
    if (!n && !category) errs.category = t('form.required');
    if (description.trim().length < 3) errs.description = t('pledge.descriptionRequired');
    if (v === undefined || Number.isNaN(v) || v < 0) errs.value = t('pledge.valueInvalid');
    if (q !== undefined && (Number.isNaN(q) || q <= 0)) errs.quantity = t('pledge.quantityInvalid');
    if (n && q !== undefined && !Number.isNaN(q) && q > n.remainingQuantity) errs.quantity = t('pledge.quantityTooMuch', { n: formatNumber(n.remainingQuantity), unit: n.unit });
    if (q !== undefined && !n && !unit.trim()) errs.unit = t('record.unitRequired');
    const pledgedOn = givenOn.trim() ? parseVnDate(givenOn) : null;
    if (givenOn.trim() && !pledgedOn) errs.pledgedOn = t('record.givenOnInvalid');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const body: PledgeInput = {
      contributorId,
      needId: n ? n.id : null,
      schoolId: n ? null : recipientId,
      beneficiaryId: beneficiaryId || null,
      agreementId: agreementId || null,
      form,
      category: category ?? null,
      description: description.trim(),
      valueVnd: v!,
      quantity: q ?? null,
      unit: q !== undefined && !n ? unit.trim() : null,
      anonymous,
      pledgedOn,
    };
    setBusy(true);
    try {
      const c = await resourcesApi.contributions.pledge(body);
      notifications.show({ color: 'green', message: t('record.done') });
      navigate(`/dong-gop/${c.id}`);
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError({ status: 0, title: String(err) });
      const fe: Partial<Record<Field, string>> = {};
      for (const f of apiErr.fieldErrors) {
        const head = f.path.split('.')[0];
        fe[FIELD_OF[head] ?? (head as Field)] = f.message;
      }
      setErrors(fe);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  const openNeed = n && (n.status === 'published' || n.status === 'partly_pledged');
  const donorOptions = (donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <form onSubmit={submit} noValidate data-testid="record-form">
      <Stack gap="md" maw={860}>
        <Anchor component={Link} href={n ? `/nhu-cau/${n.id}` : '/dong-gop'} size="sm">
          ← {t('common.back')}
        </Anchor>
        <div>
          <Title order={1}>{t('record.title')}</Title>
          <Text c="dimmed" size="sm">
            {t(isSchool ? 'record.introSchool' : 'record.intro')}
          </Text>
        </div>
        {error && <ErrorAlert error={error} />}

        <Card withBorder component="section" aria-labelledby="record-who">
          <Stack gap="sm">
            <Title order={2} size="h4" id="record-who">
              {t('record.who')}
            </Title>
            {isSchool ? (
              <TextInput label={t('pledge.contributor')} description={t('record.contributorSchool')} value={user.organisation.name} readOnly data-testid="record-contributor" />
            ) : (
              <Select
                label={t('pledge.contributor')}
                description={t('record.contributorHelp')}
                placeholder={t('record.contributorPick')}
                required
                searchable
                data={donorOptions}
                value={contributorId}
                onChange={(v) => {
                  setContributorId(v);
                  setAgreementId(null);
                  clear('contributorId');
                  const d = donors.data?.items.find((x) => x.id === v);
                  if (d) setAnonymous(d.anonymousDefault);
                }}
                error={errors.contributorId || (donors.error ? donors.error.detail ?? donors.error.title : undefined)}
                nothingFoundMessage={donors.loading ? t('app.loading') : t('record.noDonors')}
                data-testid="record-contributor"
              />
            )}
            {!isSchool && contributorId && (
              <Select
                label={t('record.agreement')}
                description={t('record.agreementHelp')}
                placeholder={agreements.data?.items.length ? t('record.agreementPick') : t('record.agreementNone')}
                clearable
                data={(agreements.data?.items ?? []).filter((a) => !a.cancelled).map((a) => ({ value: a.id, label: a.code ? `${a.code} — ${a.title}` : a.title }))}
                value={agreementId}
                onChange={(v) => {
                  setAgreementId(v);
                  clear('agreementId');
                }}
                error={errors.agreementId}
                disabled={!agreements.data?.items.length}
                data-testid="record-agreement"
              />
            )}
          </Stack>
        </Card>

        <Card withBorder component="section" aria-labelledby="record-to">
          <Stack gap="sm">
            <Title order={2} size="h4" id="record-to">
              {t('record.to')}
            </Title>
            {need ? (
              needQ.error ? (
                <ErrorAlert error={needQ.error} onRetry={needQ.reload} />
              ) : !n ? (
                <PageLoader />
              ) : (
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
                    {errors.needId && (
                      <Text size="sm" c="red">
                        {errors.needId}
                      </Text>
                    )}
                    <div>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => {
                          setSchool({ id: n.schoolId, name: n.schoolName, provinceCode: n.provinceCode });
                          setNeedId('');
                          setUnit('');
                        }}
                        data-testid="record-need-clear"
                      >
                        {t('record.needClear')}
                      </Button>
                    </div>
                  </Stack>
                </Alert>
              )
            ) : (
              <SchoolPicker
                provinceCode={user.role === 'department' ? user.organisation.provinceCode : undefined}
                value={{ id: school.id, name: school.name || (schoolQ.loading ? t('app.loading') : '') }}
                onChange={(id, name) => {
                  // the picker lists only the Department's own province
                  setSchool({ id, name, provinceCode: user.role === 'department' ? user.organisation.provinceCode ?? undefined : undefined });
                  setBeneficiaryId(null);
                  clear('schoolId');
                }}
                error={errors.schoolId || (schoolQ.error ? schoolQ.error.detail ?? schoolQ.error.title : undefined)}
              />
            )}
            {beneficiaries.data && (
              <Select
                label={t('record.beneficiary')}
                description={t('record.beneficiaryHelp')}
                placeholder={beneficiaries.data.items.length ? t('record.beneficiaryPick') : t('record.beneficiaryNone')}
                clearable
                searchable
                data={beneficiaries.data.items.map((b) => ({ value: b.id, label: `${t(`benef.kind.${b.kind}`)} — ${b.full_name}${b.grade ? ` (${b.grade})` : ''}` }))}
                value={beneficiaryId}
                onChange={(v) => {
                  setBeneficiaryId(v);
                  clear('beneficiaryId');
                }}
                error={errors.beneficiaryId}
                disabled={!beneficiaries.data.items.length}
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

        <Card withBorder component="section" aria-labelledby="record-what">
          <Stack gap="sm">
            <Title order={2} size="h4" id="record-what">
              {t('record.what')}
            </Title>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="record-form-label">
                {t('pledge.form')}
              </Text>
              <SegmentedControl
                aria-labelledby="record-form-label"
                value={form}
                onChange={(v) => setForm(v as ContributionForm)}
                data={FORMS.map((f) => ({ value: f, label: t(`pledge.formValue.${f}`) }))}
                data-testid="record-form-kind"
              />
            </Stack>
            <Select
              label={t('record.category')}
              required={!n}
              searchable
              data={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`need.category.${c}`) }))}
              value={category}
              onChange={(v) => {
                setCategory(v as NeedCategory | null);
                clear('category');
              }}
              error={errors.category}
              data-testid="record-category"
            />
            <Textarea
              label={t('pledge.description')}
              description={t('record.descriptionHelp')}
              required
              autosize
              minRows={2}
              maxLength={1000}
              value={description}
              onChange={(e) => {
                setDescription(e.currentTarget.value);
                clear('description');
              }}
              error={errors.description}
              data-testid="record-description"
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <TextInput
                label={t('pledge.value')}
                description={t('record.valueHelp')}
                inputMode="numeric"
                required
                value={value}
                onChange={(e) => {
                  setValue(e.currentTarget.value);
                  clear('value');
                }}
                onBlur={() => {
                  const v = parseMoney(value);
                  if (v !== undefined && !Number.isNaN(v)) setValue(formatNumber(v));
                }}
                error={errors.value}
                rightSection={<Text size="sm">₫</Text>}
                data-testid="record-value"
              />
              <TextInput
                label={t('record.quantity')}
                inputMode="decimal"
                value={quantity}
                onChange={(e) => {
                  setQuantity(e.currentTarget.value);
                  clear('quantity');
                }}
                error={errors.quantity}
                data-testid="record-quantity"
              />
              <TextInput
                label={t('record.unit')}
                description={n ? t('record.unitFromNeed') : undefined}
                placeholder={t('record.unitPlaceholder')}
                value={unit}
                readOnly={!!n}
                onChange={(e) => {
                  setUnit(e.currentTarget.value);
                  clear('unit');
                }}
                error={errors.unit}
                maxLength={50}
                data-testid="record-unit"
              />
            </SimpleGrid>
            {!isSchool && (
              <TextInput
                label={t('record.givenOn')}
                description={t('record.givenOnHelp')}
                placeholder="dd/mm/yyyy"
                value={givenOn}
                onChange={(e) => {
                  setGivenOn(e.currentTarget.value);
                  clear('pledgedOn');
                }}
                error={errors.pledgedOn}
                maw={240}
                data-testid="record-given-on"
              />
            )}
            <Checkbox
              label={t('pledge.anonymous')}
              description={t('pledge.anonymousHelp')}
              checked={anonymous}
              onChange={(e) => setAnonymous(e.currentTarget.checked)}
              data-testid="record-anonymous"
            />
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button component={Link} href={n ? `/nhu-cau/${n.id}` : '/dong-gop'} variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="record-submit">
            {t('record.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
