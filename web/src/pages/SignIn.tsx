import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import { useAuth } from '../lib/auth';
import { Link, useNavigate, useSearchParams } from '../lib/router';

function safeNext(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/dang-nhap')) return '/';
  return next;
}

export default function SignInPage() {
  const { t } = useI18n();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!email.trim()) next.email = t('signIn.emailRequired');
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) next.email = t('signIn.emailInvalid');
    if (!password) next.password = t('signIn.passwordRequired');
    setErrors(next);
    setFormError(null);
    if (next.email || next.password) return;
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(safeNext(search.get('tiep')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.status === 401 || err.status === 400 || err.status === 422) setFormError(t('signIn.invalid'));
        else if (err.status === 429) setFormError(err.detail ?? t('signIn.rateLimited')); // the server says how long to wait
        else if (err.status === 0) setFormError(t('common.networkError'));
        else setFormError(err.detail ?? err.title);
      } else setFormError(t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack align="center" py="lg">
      <Paper withBorder shadow="sm" p="lg" w="100%" maw={420}>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {t('signIn.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('signIn.subtitle')}
              </Text>
            </div>
            {user && (
              <Alert color="blue" variant="light">
                {t('signIn.already', { email: user.email })}
              </Alert>
            )}
            {formError && (
              <Alert color="red" role="alert" data-testid="signin-error">
                {formError}
              </Alert>
            )}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
              data-testid="signin-email"
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
              visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
              data-testid="signin-password"
            />
            <Button type="submit" loading={busy} fullWidth data-testid="signin-submit">
              {t('signIn.submit')}
            </Button>
            <Anchor component={Link} href="/quen-mat-khau" size="sm" data-testid="signin-forgot">
              {t('signIn.forgot')}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t('signIn.public')}{' '}
              <Anchor component={Link} href="/truong-hoc" size="sm">
                {t('nav.schools')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
