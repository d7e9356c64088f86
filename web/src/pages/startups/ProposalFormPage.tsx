import { Alert, Anchor, Button, FileInput, Group, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { startupsApi, type ProposalDetail } from '../../../../contracts/startups';
import { call } from '../../api/call';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/common';
import { ProvinceFilter } from '../../components/ProvinceFilter';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { QueryView, useInvalidate } from '../../lib/query';
import { Link, useNavigate } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { attachProposalFiles, PLANS, PROPOSAL_FILE_ACCEPT, STARTUPS, useCalls, useProposal } from './api';

/** `/mo-hinh-khoi-nghiep/dot/:id/nop`: a training institution submits a startup-model proposal to an open call, with its files. */
export default function ProposalFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const calls = useCalls();
  return (
    <SignedIn>
      {() => (
        <QueryView query={calls}>
          {(data) => {
            const c = data.items.find((x) => x.id === params.id);
            if (!c) return <Alert color="yellow">{t('su.callNotFound')}</Alert>;
            if (!data.can.submit) return <Alert color="yellow">{t('su.form.notAllowed')}</Alert>;
            if (!c.open) return <Alert color="yellow">{t('su.form.closed', { date: formatDate(c.deadline) })}</Alert>;
            return <ProposalForm callId={c.id} callTitle={c.title} deadline={c.deadline} />;
          }}
        </QueryView>
      )}
    </SignedIn>
  );
}

/** `/mo-hinh-khoi-nghiep/:id/sua`: the institution corrects its proposal while no reviewer has scored it and it is not decided. */
export function ProposalEditPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const valid = /^[0-9a-f-]{36}$/i.test(params.id);
  const proposal = useProposal(valid ? params.id : undefined);
  if (!valid || proposal.error?.status === 404) return <Alert color="yellow">{t('su.notFound')}</Alert>;
  return (
    <SignedIn>
      {() => (
        <QueryView query={proposal}>
          {(p) => (p.can.edit ? <ProposalForm callId={p.callId} callTitle={p.callTitle} deadline={null} editing={p} /> : <Alert color="yellow" data-testid="su-edit-closed">{t('su.edit.closed')}</Alert>)}
        </QueryView>
      )}
    </SignedIn>
  );
}

function ProposalForm({ callId, callTitle, deadline, editing }: { callId: string; callTitle: string; deadline: string | null; editing?: ProposalDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [v, setV] = useState(editing
    ? { title: editing.title, model: editing.model, locality: editing.locality, provinceCode: editing.provinceCode ?? undefined, targetHouseholds: editing.targetHouseholds as number | string, budget: editing.budget as number | string, expectedResults: editing.expectedResults }
    : { title: '', model: '', locality: '', provinceCode: undefined as string | undefined, targetHouseholds: '' as number | string, budget: '' as number | string, expectedResults: '' });
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof v>(k: K, x: (typeof v)[K]) => setV((o) => ({ ...o, [k]: x }));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        title: v.title, model: v.model, locality: v.locality, provinceCode: v.provinceCode ?? null,
        targetHouseholds: Number(v.targetHouseholds === '' ? Number.NaN : v.targetHouseholds), budget: Number(v.budget === '' ? Number.NaN : v.budget), expectedResults: v.expectedResults,
      };
      const p = editing ? await call(startupsApi.edit, { params: { id: editing.id }, body }) : await call(startupsApi.submit, { params: { id: callId }, body });
      let message = t(editing ? 'su.edit.saved' : 'su.form.submitted');
      if (files.length) {
        try {
          await attachProposalFiles(p.id, 'proposal', files);
        } catch {
          message = t('su.form.submittedFilesFailed');
        }
      }
      await invalidate(STARTUPS, PLANS);
      notifications.show({ color: 'green', message });
      navigate(`/mo-hinh-khoi-nghiep/${p.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md" maw={860} data-testid="su-form">
      <Anchor component={Link} href={editing ? `/mo-hinh-khoi-nghiep/${editing.id}` : '/mo-hinh-khoi-nghiep'} size="sm">← {editing ? editing.title : t('su.title')}</Anchor>
      <Title order={1} size="h2">{t(editing ? 'su.edit.title' : 'su.form.title')}</Title>
      <Text size="sm">{callTitle}{deadline ? ` · ${t('su.deadline')}: ${formatDate(deadline)}` : ''}</Text>
      {editing && <Text size="sm" c="dimmed">{t('su.edit.help')}</Text>}
      <TextInput label={t('su.field.title')} value={v.title} onChange={(e) => set('title', e.currentTarget.value)} required data-testid="su-form-title" />
      <Textarea label={t('su.field.model')} description={t('su.field.modelHelp')} value={v.model} onChange={(e) => set('model', e.currentTarget.value)} autosize minRows={3} required data-testid="su-form-model" />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label={t('su.field.locality')} value={v.locality} onChange={(e) => set('locality', e.currentTarget.value)} required w={{ base: '100%', sm: 320 }} data-testid="su-form-locality" />
        <ProvinceFilter value={v.provinceCode} onChange={(x) => set('provinceCode', x)} testId="su-form-province" w={220} />
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NumberInput label={t('su.field.households')} value={v.targetHouseholds} onChange={(x) => set('targetHouseholds', x)} min={0} allowDecimal={false} required w={200} data-testid="su-form-households" />
        <NumberInput label={t('su.field.budget')} value={v.budget} onChange={(x) => set('budget', x)} min={0} allowDecimal={false} thousandSeparator="." decimalSeparator="," required w={240} data-testid="su-form-budget" />
      </Group>
      <Textarea label={t('su.field.results')} value={v.expectedResults} onChange={(e) => set('expectedResults', e.currentTarget.value)} autosize minRows={2} required data-testid="su-form-results" />
      <FileInput label={t('su.field.files')} description={t('su.field.filesHelp')} multiple clearable accept={PROPOSAL_FILE_ACCEPT} value={files} onChange={(f) => setFiles(f ?? [])} data-testid="su-form-files" />
      {error && <ErrorAlert error={error} />}
      <Group><Button onClick={() => void save()} loading={busy} data-testid="su-form-submit">{t(editing ? 'su.edit.submit' : 'su.form.submit')}</Button></Group>
    </Stack>
  );
}
