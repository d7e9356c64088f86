import { Alert, Anchor, Button, Checkbox, Group, PasswordInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { DONOR_TYPES, MAX_REFERENCES, normalizeTaxCode, resourcesApi, type DonorType } from '../../../api/resources';
import { ErrorAlert, signInHref } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useAuth } from '../../../lib/auth';
import { showServerErrors, useDraftForm } from '../../../lib/form';
import { useProvinces } from '../../../lib/reference';
import { Link } from '../../../lib/router';
import { trimmedText } from '../fields';
import { referenceLines } from './references';
import { ownDonorId } from '../permissions';
import { useResourceMutation } from '../queries';

const EMPTY = { organisationName: '', donorType: 'business' as DonorType, taxCode: '', contactRole: '', references: '', website: '', description: '', provinceCode: '', email: '', password: '', displayName: '', anonymousDefault: false };

/** `/nha-tai-tro/dang-ky`: a donor registers its organisation and first account, then waits for vetting. */
export default function DonorRegisterPage() {
  const { t } = useI18n();
  const auth = useAuth();
  if (auth.user) {
    const own = ownDonorId(auth);
    return (
      <Alert color="blue" title={t('donor.register.signedIn')}>
        <Anchor component={Link} href={own ? `/nha-tai-tro/${own}` : '/'}>
          {t('donor.register.openProfile')}
        </Anchor>
      </Alert>
    );
  }
  return <RegisterForm />;
}

function RegisterForm() {
  const { t } = useI18n();
  const provinces = useProvinces();
  const schema = useMemo(
    () =>
      z.object({
        organisationName: trimmedText(2, t('form.required')),
        displayName: trimmedText(2, t('form.required')),
        email: z.string().refine((s) => /^\S+@\S+\.\S+$/.test(s.trim()), t('donor.register.emailInvalid')),
        password: z.string().min(10, t('donor.register.passwordShort')),
        taxCode: z.string().refine((s) => !s.trim() || normalizeTaxCode(s) !== null, t('donor.taxCodeInvalid')),
        references: z.string().refine((s) => referenceLines(s).length <= MAX_REFERENCES, t('donor.referencesTooMany')),
        website: z.string().refine((s) => !s.trim() || /^https?:\/\//.test(s.trim()), t('donor.register.websiteInvalid')),
      }),
    [t],
  );
  // the form holds a password: nothing of it is kept on the device
  const { form } = useDraftForm({ draftKey: null, initialValues: EMPTY, schema });
  const register = useResourceMutation(
    (v: typeof EMPTY) =>
      resourcesApi.donors.register({
        organisationName: v.organisationName.trim(),
        donorType: v.donorType,
        taxCode: v.taxCode.trim() || null,
        contactRole: v.contactRole.trim() || null,
        references: referenceLines(v.references),
        website: v.website.trim() || null,
        description: v.description.trim() || null,
        provinceCode: v.provinceCode || null,
        anonymousDefault: v.anonymousDefault,
        email: v.email.trim(),
        password: v.password,
        displayName: v.displayName.trim(),
      }),
    {
      // the answer is the same whether the address is new or not: what happened is told by e-mail
      onSuccess: () => setSentTo(form.values.email.trim()),
    },
  );
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <Alert color="green" title={t('donor.register.checkEmail')} maw={760} data-testid="donor-register-sent">
        <Stack gap="xs">
          <Text size="sm">{t('donor.register.checkEmailBody', { email: sentTo })}</Text>
          <Anchor component={Link} href={signInHref()} size="sm">
            {t('nav.signIn')}
          </Anchor>
        </Stack>
      </Alert>
    );
  }

  return (
    <form onSubmit={form.onSubmit((v) => register.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid="donor-register">
      <Stack gap="md" maw={760}>
        <Title order={1}>{t('donor.register.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('donor.register.intro')}
        </Text>
        {register.error && <ErrorAlert error={register.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('donor.name')} required {...form.getInputProps('organisationName')} data-testid="donor-name" />
          <Select
            label={t('donor.typeLabel')}
            required
            data={DONOR_TYPES.map((d) => ({ value: d, label: t(`donor.type.${d}`) }))}
            value={form.values.donorType}
            onChange={(x) => x && form.setFieldValue('donorType', x as DonorType)}
            allowDeselect={false}
            data-testid="donor-type"
          />
          <TextInput label={t('donor.taxCode')} description={t('donor.taxCodeHelp')} inputMode="numeric" {...form.getInputProps('taxCode')} data-testid="donor-tax-code" />
          <TextInput label={t('donor.contactRole')} description={t('donor.contactRoleHelp')} {...form.getInputProps('contactRole')} data-testid="donor-contact-role" />
          <Select
            label={t('schools.province')}
            data={(provinces.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            value={form.values.provinceCode || null}
            onChange={(x) => form.setFieldValue('provinceCode', x ?? '')}
            searchable
            clearable
          />
          <TextInput label={t('donor.website')} type="url" placeholder="https://" {...form.getInputProps('website')} />
        </SimpleGrid>
        <Textarea label={t('donor.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Textarea label={t('donor.references')} description={t('donor.referencesHelp')} autosize minRows={2} {...form.getInputProps('references')} data-testid="donor-references" />
        <Checkbox label={t('donor.anonymousDefault')} {...form.getInputProps('anonymousDefault', { type: 'checkbox' })} />
        <Title order={2} size="h4">
          {t('donor.register.account')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('donor.displayName')} required autoComplete="name" {...form.getInputProps('displayName')} data-testid="donor-display-name" />
          <TextInput label={t('donor.email')} type="email" required autoComplete="email" {...form.getInputProps('email')} data-testid="donor-email" />
          <PasswordInput
            label={t('donor.password')}
            description={t('donor.register.passwordHelp')}
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
            data-testid="donor-password"
          />
        </SimpleGrid>
        <Group justify="space-between" wrap="wrap">
          <Anchor component={Link} href={signInHref()} size="sm">
            {t('donor.register.haveAccount')}
          </Anchor>
          <Button type="submit" loading={register.isPending} data-testid="donor-register-submit">
            {t('donor.register.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
