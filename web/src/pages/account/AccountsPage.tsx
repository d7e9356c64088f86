import { ActionIcon, Alert, Badge, Button, CopyButton, Group, Menu, Modal, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { call, callForm, endpointUrl } from '../../api/call';
import { accountsApi, type Account, type AccountImportResult, type PasswordLink } from '../../../../contracts/accounts';
import { auditApi } from '../../../../contracts/audit';
import { ROLE_ORGANISATION_KINDS, ROLES, type Role } from '../../../../contracts/common';
import { organisationsApi } from '../../../../contracts/organisations';
import { CursorPager, useCursorPages } from '../../components/CursorPager';
import { ErrorAlert, PageHeader, SignInPrompt } from '../../components/common';
import { ImportCard, ImportDone, useImportSubmit } from '../../components/ImportCard';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { showServerErrors, useDraftForm } from '../../lib/form';
import { formatNumber } from '../../lib/format';
import { QueryView, useApi, useApiMutation, useInvalidate } from '../../lib/query';
import { SignInHistory } from './SignInHistory';

/** A link answered once by the server, as an absolute address to pass on. */
const absolute = (link: string) => (link.startsWith('/') ? `${window.location.origin}${link}` : link);

/**
 * `/tai-khoan`: the accounts a manager looks after (an administrator all, a Department its
 * province's schools and communes): search, invite, change, deactivate and reactivate, reset a
 * password, import school accounts. What each button does is allowed by the server (`can`).
 */
export default function AccountsPage() {
  const { t } = useI18n();
  const { user, can } = useAuth();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const pages = useCursorPages(`${debounced}|${role ?? ''}`);
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<{ email: string; link: PasswordLink } | null>(null);
  const list = useApi(accountsApi.list, { query: { q: debounced || undefined, role: role ?? undefined, cursor: pages.cursor, limit: 50 } }, { enabled: can('accounts.list'), keepPrevious: true });
  if (user === undefined) return null;
  if (!user || !can('accounts.list')) return <SignInPrompt />;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('acc.title')}
        actions={
          <Button onClick={() => setInviting(true)} data-testid="account-invite">
            {t('acc.invite')}
          </Button>
        }
      >
        <Group data-testid="accounts-filter" align="flex-end">
          <TextInput label={t('acc.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} data-testid="accounts-search" />
          <Select
            label={t('acc.col.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            value={role}
            onChange={(v) => setRole(v as Role | null)}
            clearable
            placeholder={t('acc.allRoles')}
            maw={240}
            data-testid="accounts-role"
          />
        </Group>
      </PageHeader>
      {link && <LinkOnce email={link.email} link={link.link} onClose={() => setLink(null)} />}
      <QueryView query={list}>
        {(page) => (
          <>
            <Text size="sm" c="dimmed">
              {t('acc.total', { count: formatNumber(page.total) })}
            </Text>
            <Table.ScrollContainer minWidth={820}>
              <Table striped data-testid="accounts-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('acc.col.email')}</Table.Th>
                    <Table.Th>{t('acc.col.name')}</Table.Th>
                    <Table.Th>{t('acc.col.role')}</Table.Th>
                    <Table.Th>{t('acc.col.organisation')}</Table.Th>
                    <Table.Th>{t('acc.col.status')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((a) => (
                    <AccountRow key={a.id} account={a} onLink={(l) => setLink({ email: a.email, link: l })} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {!page.items.length && <Text c="dimmed">{t('acc.empty')}</Text>}
            <CursorPager pages={pages} nextCursor={page.nextCursor} busy={list.isFetching} />
          </>
        )}
      </QueryView>
      <Modal opened={inviting} onClose={() => setInviting(false)} title={t('acc.invite')} size="lg">
        <AccountForm
          onDone={(a) => {
            setInviting(false);
            if ('invitation' in a && a.invitation && !a.invitation.emailed) setLink({ email: a.email, link: a.invitation });
            else notifications.show({ color: 'green', message: t('acc.invite.sent', { email: a.email }) });
          }}
        />
      </Modal>
      {can('accounts.import') && <ImportAccounts />}
    </Stack>
  );
}

/** The link to choose a password, shown this once (no e-mail server): copy it and pass it on. */
function LinkOnce({ email, link, onClose }: { email: string; link: PasswordLink; onClose: () => void }) {
  const { t } = useI18n();
  if (!link.link) return null;
  const url = absolute(link.link);
  return (
    <Alert color="yellow" title={t('acc.link.title', { email })} withCloseButton onClose={onClose} closeButtonLabel={t('common.close')} data-testid="account-link">
      <Stack gap="xs">
        <Text size="sm">{t('acc.link.help')}</Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput value={url} readOnly aria-label={t('acc.link.label')} style={{ flex: 1 }} data-testid="account-link-url" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'green' : 'blue'} onClick={copy} data-testid="account-link-copy">
                {copied ? t('acc.link.copied') : t('acc.link.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

/** A searchable organisation select, limited to the kinds a role may belong to and to the manager's province. */
function OrganisationPicker({ role, value, onChange, error }: { role: Role; value: { id: string; name: string }; onChange: (id: string, name: string) => void; error?: ReactNode }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [search, setSearch] = useState(value.name);
  useEffect(() => setSearch(value.name), [value.name]);
  const [q] = useDebouncedValue(search.trim(), 300);
  const kinds = ROLE_ORGANISATION_KINDS[role];
  const provinceCode = user?.role === 'admin' ? undefined : (user?.organisation.provinceCode ?? undefined);
  const list = useApi(organisationsApi.list, { query: { kind: kinds.length === 1 ? kinds[0] : undefined, provinceCode, q: q && q !== value.name ? q : undefined, limit: 50 } }, { keepPrevious: true });
  const data = (list.data?.items ?? []).filter((o) => (kinds as readonly string[]).includes(o.kind)).map((o) => ({ value: o.id, label: o.name }));
  if (value.id && !data.some((d) => d.value === value.id)) data.unshift({ value: value.id, label: value.name });
  return (
    <Select
      label={t('acc.col.organisation')}
      required
      searchable
      data={data}
      value={value.id || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, opt) => onChange(v ?? '', opt?.label ?? '')}
      nothingFoundMessage={list.isFetching ? t('app.loading') : t('common.noResults')}
      filter={({ options }) => options}
      error={error}
      data-testid="account-organisation"
    />
  );
}

/** Invite a new account (no password: its owner chooses it from the e-mailed link), or change one. */
function AccountForm({ account, onDone }: { account?: Account; onDone: (a: Account | (Account & { invitation: PasswordLink | null })) => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const schema = useMemo(
    () =>
      z.object({
        email: account ? z.string() : z.string().refine((s) => /^\S+@\S+\.\S+$/.test(s.trim()), t('signIn.emailInvalid')),
        displayName: z.string().trim().min(2, t('acc.form.nameShort')),
        role: z.string().min(1, t('acc.form.required')),
        organisationId: z.string().min(1, t('acc.form.required')),
        organisationName: z.string(),
      }),
    [t, account],
  );
  // a Department invites for schools first; an administrator picks the role
  const firstRole = user?.role === 'admin' ? '' : (ROLES.find((r) => ROLE_ORGANISATION_KINDS[r].includes('school')) ?? '');
  const { form } = useDraftForm({
    draftKey: null,
    initialValues: {
      email: account?.email ?? '',
      displayName: account?.displayName ?? '',
      role: (account?.role ?? firstRole) as string,
      organisationId: account?.organisation.id ?? '',
      organisationName: account?.organisation.name ?? '',
    },
    schema,
  });
  const save = useApiMutation(
    (v: typeof form.values) =>
      account
        ? call(accountsApi.update, { params: { id: account.id }, body: { displayName: v.displayName.trim(), role: v.role as Role, organisationId: v.organisationId } })
        : call(accountsApi.create, { body: { email: v.email.trim(), displayName: v.displayName.trim(), role: v.role as Role, organisationId: v.organisationId } }),
    { domains: [...accountsApi.list.tags, ...auditApi.history.tags], onSuccess: (a) => onDone(a) },
  );
  const role = form.values.role as Role | '';
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (e) => showServerErrors(form, e) }))} noValidate data-testid={account ? 'account-edit-form' : 'account-invite-form'}>
      <Stack gap="sm">
        {save.error && !save.error.fieldErrors.length && <ErrorAlert error={save.error} />}
        {!account && <Text size="sm">{t('acc.invite.help')}</Text>}
        {account && <Text size="sm">{t('acc.edit.help')}</Text>}
        {!account && <TextInput label={t('acc.col.email')} type="email" required {...form.getInputProps('email')} data-testid="account-email" />}
        <TextInput label={t('acc.col.name')} required {...form.getInputProps('displayName')} data-testid="account-name" />
        <Select
          label={t('acc.col.role')}
          required
          data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          {...form.getInputProps('role')}
          onChange={(v) => {
            form.setFieldValue('role', v ?? '');
            form.setFieldValue('organisationId', '');
            form.setFieldValue('organisationName', '');
          }}
          data-testid="account-role"
        />
        {role && (
          <OrganisationPicker
            key={role}
            role={role}
            value={{ id: form.values.organisationId, name: form.values.organisationName }}
            onChange={(id, name) => {
              form.setFieldValue('organisationId', id);
              form.setFieldValue('organisationName', name);
            }}
            error={form.errors.organisationId}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="account-save">
            {account ? t('common.save') : t('acc.invite.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AccountRow({ account: a, onLink }: { account: Account; onLink: (l: PasswordLink) => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<null | 'deactivate' | 'edit' | 'history'>(null);
  const deactivate = useApiMutation(() => call(accountsApi.deactivate, { params: { id: a.id } }), {
    domains: accountsApi.list.tags,
    onSuccess: () => {
      setAsking(null);
      notifications.show({ color: 'green', message: t('acc.deactivate.done') });
    },
  });
  const reactivate = useApiMutation(() => call(accountsApi.reactivate, { params: { id: a.id } }), {
    domains: accountsApi.list.tags,
    onSuccess: () => notifications.show({ color: 'green', message: t('acc.reactivate.done') }),
  });
  const reset = useApiMutation(() => call(accountsApi.resetPassword, { params: { id: a.id } }), {
    domains: [],
    onSuccess: (l) => (l.emailed ? notifications.show({ color: 'green', message: t('acc.reset.sent', { email: a.email }) }) : onLink(l)),
  });
  const anything = a.can.update || a.can.deactivate || a.can.reactivate || a.can.resetPassword || a.can.viewSignIns;
  return (
    <Table.Tr data-testid="account-row" data-email={a.email}>
      <Table.Td>{a.email}</Table.Td>
      <Table.Td>{a.displayName}</Table.Td>
      <Table.Td>{t(`role.${a.role}`)}</Table.Td>
      <Table.Td>{a.organisation.shortName ?? a.organisation.name}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Badge color={a.active ? 'green' : 'gray'} variant="light" data-testid="account-status">
            {a.active ? t('acc.active') : t('acc.inactive')}
          </Badge>
          {a.invited && (
            <Badge color="yellow" variant="light" data-testid="account-invited">
              {t('acc.invited')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {(reactivate.error || reset.error) && (
            <Tooltip label={(reactivate.error ?? reset.error)?.title}>
              <Badge color="red">!</Badge>
            </Tooltip>
          )}
          {anything && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="light" aria-label={t('acc.actions', { email: a.email })} data-testid="account-actions">
                  ⋯
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {a.can.update && (
                  <Menu.Item onClick={() => setAsking('edit')} data-testid="account-edit">
                    {t('acc.edit')}
                  </Menu.Item>
                )}
                {a.can.resetPassword && (
                  <Menu.Item onClick={() => reset.mutate(undefined)} data-testid="account-reset">
                    {a.invited ? t('acc.reinvite') : t('acc.reset')}
                  </Menu.Item>
                )}
                {a.can.viewSignIns && (
                  <Menu.Item onClick={() => setAsking('history')} data-testid="account-history">
                    {t('acc.signIns')}
                  </Menu.Item>
                )}
                {a.can.reactivate && (
                  <Menu.Item onClick={() => reactivate.mutate(undefined)} data-testid="account-reactivate">
                    {t('acc.reactivate')}
                  </Menu.Item>
                )}
                {a.can.deactivate && (
                  <Menu.Item color="red" onClick={() => setAsking('deactivate')} data-testid="account-deactivate">
                    {t('acc.deactivate')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
          <Modal opened={asking === 'deactivate'} onClose={() => setAsking(null)} title={t('acc.deactivate')}>
            <Stack gap="md">
              <Text size="sm">{t('acc.deactivate.confirm', { email: a.email })}</Text>
              {deactivate.error && <ErrorAlert error={deactivate.error} />}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAsking(null)} data-testid="account-deactivate-cancel">
                  {t('common.cancel')}
                </Button>
                <Button color="red" loading={deactivate.isPending} onClick={() => deactivate.mutate(undefined)} data-testid="account-deactivate-confirm">
                  {t('acc.deactivate')}
                </Button>
              </Group>
            </Stack>
          </Modal>
          <Modal opened={asking === 'edit'} onClose={() => setAsking(null)} title={t('acc.edit')} size="lg">
            {asking === 'edit' && (
              <AccountForm
                account={a}
                onDone={() => {
                  setAsking(null);
                  notifications.show({ color: 'green', message: t('acc.edit.done') });
                }}
              />
            )}
          </Modal>
          <Modal opened={asking === 'history'} onClose={() => setAsking(null)} title={t('acc.signIns.of', { email: a.email })} size="xl">
            {asking === 'history' && <SignInHistory accountId={a.id} />}
          </Modal>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Import school accounts from a spreadsheet (school code, e-mail, name): all rows or none; each account is invited. */
function ImportAccounts() {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const sheet = useImportSubmit(
    (file, progress) => callForm(accountsApi.import, { files: [file], fileField: 'file' }, progress),
    () => invalidate(accountsApi.list.tags[0]),
  );
  return (
    <ImportCard
      state={sheet}
      testId="accounts-import"
      title={t('acc.import.title')}
      help={t('acc.import.help')}
      template={{ href: endpointUrl(accountsApi.importTemplate), label: t('import.template') }}
      success={(r) => <ImportedAccounts result={r} />}
    />
  );
}

/** The accounts an import made, with the one-time links to show where no e-mail could be sent. */
function ImportedAccounts({ result }: { result: AccountImportResult }) {
  const { t } = useI18n();
  const links = result.invitations.filter((i) => i.link);
  return (
    <ImportDone title={t('acc.import.done', { count: formatNumber(result.created) })} testId="accounts-import-success">
      {links.length > 0 && (
        <Stack gap={4}>
          <Text size="sm">{t('acc.link.help')}</Text>
          {links.map((l) => (
            <Group key={l.email} gap="xs" wrap="nowrap">
              <Text size="sm" style={{ minWidth: 200 }}>
                {l.email}
              </Text>
              <TextInput value={absolute(l.link!)} readOnly aria-label={t('acc.link.label')} style={{ flex: 1 }} />
              <CopyButton value={absolute(l.link!)}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('acc.link.copied') : t('acc.link.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          ))}
        </Stack>
      )}
    </ImportDone>
  );
}
