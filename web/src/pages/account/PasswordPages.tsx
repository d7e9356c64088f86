import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { call } from '../../api/call';
import { accountsApi } from '../../../../contracts/accounts';
import { ErrorAlert, SignInPrompt } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { showServerErrors, useDraftForm } from '../../lib/form';
import { useApiMutation } from '../../lib/query';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { SignInHistory } from './SignInHistory';

function Card({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Stack align="center" py="lg">
      <Paper withBorder shadow="sm" p="lg" w="100%" maw={460}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {title}
            </Title>
            <Text c="dimmed" size="sm">
              {intro}
            </Text>
          </div>
          {children}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** A new password typed twice (forms hold passwords: nothing is kept on the device). */
function usePasswordSchema<T extends z.ZodRawShape>(extra: T) {
  const { t } = useI18n();
  return useMemo(
    () =>
      z
        .object({ ...extra, newPassword: z.string().min(10, t('pw.short')), repeat: z.string() })
        .refine((v) => (v as { newPassword: string }).newPassword === (v as { repeat: string }).repeat, { message: t('pw.mismatch'), path: ['repeat'] }),
    [t, extra],
  );
}

/** `/doi-mat-khau`: the signed-in account changes its password; its other sessions end. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const extra = useMemo(() => ({ currentPassword: z.string().min(1, t('pw.required')) }), [t]);
  const schema = usePasswordSchema(extra);
  const { form } = useDraftForm({ draftKey: null, initialValues: { currentPassword: '', newPassword: '', repeat: '' }, schema });
  const change = useApiMutation((v: typeof form.values) => call(accountsApi.changePassword, { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }), {
    domains: [],
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'green', message: t('pw.change.done') });
    },
  });
  if (user === undefined) return null;
  if (!user) return <SignInPrompt />;
  return (
    <Stack gap="lg">
    <Card title={t('pw.change.title')} intro={t('pw.change.intro')}>
      <form onSubmit={form.onSubmit((v) => change.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid="password-change">
        <Stack gap="sm">
          {change.error && !change.error.fieldErrors.length && <ErrorAlert error={change.error} />}
          {change.isSuccess && (
            <Alert color="green" data-testid="password-changed">
              {t('pw.change.done')}
            </Alert>
          )}
          <PasswordInput label={t('pw.current')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} data-testid="pw-current" />
          <PasswordInput label={t('pw.new')} description={t('pw.help')} autoComplete="new-password" required {...form.getInputProps('newPassword')} data-testid="pw-new" />
          <PasswordInput label={t('pw.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} data-testid="pw-repeat" />
          <Button type="submit" loading={change.isPending} data-testid="pw-change-submit">
            {t('pw.change.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
    <Stack gap="sm" data-testid="own-sign-ins">
      <Title order={2} size="h3">
        {t('acc.signIns.mine')}
      </Title>
      <SignInHistory accountId={user.id} />
    </Stack>
    </Stack>
  );
}

/** `/quen-mat-khau`: ask for a reset code; the answer is the same whether the address has an account or not. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const schema = useMemo(() => z.object({ email: z.string().refine((s) => /^\S+@\S+\.\S+$/.test(s.trim()), t('signIn.emailInvalid')) }), [t]);
  const { form } = useDraftForm({ draftKey: null, initialValues: { email: '' }, schema });
  const [sent, setSent] = useState(false);
  const request = useApiMutation((v: { email: string }) => call(accountsApi.requestReset, { body: { email: v.email.trim() } }), { domains: [], onSuccess: () => setSent(true) });
  return (
    <Card title={t('pw.forgot.title')} intro={t('pw.forgot.intro')}>
      {sent ? (
        <Alert color="green" data-testid="reset-sent">
          {t('pw.forgot.sent')}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => request.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid="password-forgot">
          <Stack gap="sm">
            {request.error && !request.error.fieldErrors.length && <ErrorAlert error={request.error} />}
            <TextInput label={t('signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} data-testid="forgot-email" />
            <Button type="submit" loading={request.isPending} data-testid="forgot-submit">
              {t('pw.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} href="/dat-lai-mat-khau" size="sm" data-testid="reset-link">
        {t('pw.forgot.haveCode')}
      </Anchor>
    </Card>
  );
}

/** `/kich-hoat?ma=…`: an invited account chooses its first password with the e-mailed link. */
export function AcceptInvitationPage() {
  return <PasswordWithCode invitation />;
}

/** `/dat-lai-mat-khau?ma=…`: a new password with the e-mailed code. */
export function ResetPasswordPage() {
  return <PasswordWithCode invitation={false} />;
}

function PasswordWithCode({ invitation }: { invitation: boolean }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const extra = useMemo(() => ({ token: z.string().trim().min(1, t('pw.reset.codeRequired')) }), [t]);
  const schema = usePasswordSchema(extra);
  const { form } = useDraftForm({ draftKey: null, initialValues: { token: search.get('ma') ?? '', newPassword: '', repeat: '' }, schema });
  const { refresh } = useAuth();
  const confirm = useApiMutation((v: typeof form.values) => call(accountsApi.confirmReset, { body: { token: v.token.trim(), password: v.newPassword } }), {
    domains: [],
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'green', message: invitation ? t('pw.invite.done') : t('pw.reset.done') });
      navigate('/dang-nhap', { replace: true });
    },
  });
  return (
    <Card title={invitation ? t('pw.invite.title') : t('pw.reset.title')} intro={invitation ? t('pw.invite.intro') : t('pw.reset.intro')}>
      <form onSubmit={form.onSubmit((v) => confirm.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid="password-reset">
        <Stack gap="sm">
          {confirm.error && !confirm.error.fieldErrors.length && <ErrorAlert error={confirm.error} />}
          <TextInput label={t('pw.reset.code')} autoComplete="one-time-code" required {...form.getInputProps('token')} data-testid="reset-code" />
          <PasswordInput label={t('pw.new')} description={t('pw.help')} autoComplete="new-password" required {...form.getInputProps('newPassword')} data-testid="reset-new" />
          <PasswordInput label={t('pw.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} data-testid="reset-repeat" />
          <Button type="submit" loading={confirm.isPending} data-testid="reset-submit">
            {t('pw.reset.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
