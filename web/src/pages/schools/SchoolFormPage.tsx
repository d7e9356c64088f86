import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { auditApi } from '../../../../contracts/audit';
import { schoolsApi, type SchoolInput } from '../../../../contracts/schools';
import type { ApiError } from '../../api/client';
import { call } from '../../api/call';
import { DraftFormFooter, ErrorAlert, PageLoader, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { useApi, useApiMutation } from '../../lib/query';
import { Link, useNavigate } from '../../lib/router';
import { EMPTY_SCHOOL, fromSchool, SchoolFormSchema, toSchoolInput, type SchoolFormValues } from './schoolForm';
import { GeneralSection, LocationSection, SizeSection } from './SchoolFormFields';

const FIELDS = new Set(Object.keys(EMPTY_SCHOOL));

/** A server error shown once: on the fields it names, or above the form when it names none of them. */
function onlyOnFields(err: ApiError | null): boolean {
  return !!err && err.fieldErrors.length > 0 && err.fieldErrors.every((f) => FIELDS.has(f.path.split('.')[0]));
}

function SchoolForm({ id, initial, recode }: { id?: string; initial: SchoolFormValues; recode: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm({ draftKey: `kn.draft.school.${id ?? 'new'}`, initialValues: initial, schema: SchoolFormSchema });

  const save = useApiMutation(
    (input: z.input<typeof SchoolInput>) => (id ? call(schoolsApi.update, { params: { id }, body: input }) : call(schoolsApi.create, { body: input })),
    {
      domains: [schoolsApi.create.tags[0], auditApi.history.tags[0]],
      onSuccess: (saved) => {
        clearDraft();
        notifications.show({ color: 'green', message: t(id ? 'form.updated' : 'form.created', { name: saved.name }) });
        navigate(`/truong-hoc/${saved.id}`);
      },
    },
  );

  const onSubmit = form.onSubmit(
    (values) =>
      save.mutate(toSchoolInput(values), {
        onError: (err) => {
          if (showServerErrors(form, err) && onlyOnFields(err)) notifications.show({ color: 'red', message: err.title || t('form.fixErrors') });
        },
      }),
    () => notifications.show({ color: 'red', message: t('form.fixErrors') }),
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="school-form">
      <Stack gap="md" maw={900}>
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initial)} />}
        {save.error && !onlyOnFields(save.error) && <ErrorAlert error={save.error} />}
        <GeneralSection form={form} recode={recode} />
        <LocationSection form={form} recode={recode} />
        <SizeSection form={form} recode={recode} />
        <DraftFormFooter>
          <Group gap="sm">
            <Button variant="default" component={Link} href={id ? `/truong-hoc/${id}` : '/truong-hoc'}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="school-save">
              {t('common.save')}
            </Button>
          </Group>
        </DraftFormFooter>
      </Stack>
    </form>
  );
}

function Frame({ id, name, children }: { id?: string; name?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} href={id ? `/truong-hoc/${id}` : '/truong-hoc'} size="sm">
          ← {name ?? t('school.backToList')}
        </Anchor>
        <Title order={1}>{t(id ? 'form.editTitle' : 'form.newTitle')}</Title>
      </div>
      {children}
    </Stack>
  );
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <Alert color="yellow" data-testid="form-forbidden">
      {t('form.forbidden')}
    </Alert>
  );
}

function EditSchool({ id }: { id: string }) {
  const school = useApi(schoolsApi.get, { params: { id } });
  const s = school.data;
  if (!s)
    return <Frame id={id}>{school.error ? <ErrorAlert error={school.error} onRetry={() => void school.refetch()} /> : <PageLoader />}</Frame>;
  return (
    <Frame id={id} name={s.name}>
      {s.can.update ? <SchoolForm id={id} initial={fromSchool(s)} recode={s.can.recode} /> : <Forbidden />}
    </Frame>
  );
}

export default function SchoolFormPage({ params }: { params: Record<string, string> }) {
  const { user, can } = useAuth();
  if (user === undefined) return <PageLoader />;
  if (user === null)
    return (
      <Frame id={params.id}>
        <SignInPrompt />
      </Frame>
    );
  if (params.id) return <EditSchool id={params.id} />;
  return <Frame>{can('schools.create') ? <SchoolForm initial={EMPTY_SCHOOL} recode /> : <Forbidden />}</Frame>;
}
