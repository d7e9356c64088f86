import { Alert, Anchor, Button, Card, Checkbox, FileInput, Grid, Group, Modal, Progress, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps, type FormEvent } from 'react';
import type { ApiError } from '../../api';
import { FORMS, NEED_ACTIONS, resourcesApi, type ContributionForm, type NeedAction, type NeedDetail } from '../../api/resources';
import { ErrorAlert, FlagBadges, PageLoader, signInHref } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link } from '../../lib/router';
import {
  checkImages,
  ContributionStatusBadge,
  EVIDENCE_ACCEPT,
  formatVnd,
  HistoryTimeline,
  IMAGE_ACCEPT,
  KeyValue,
  NeedProgress,
  NeedStatusBadge,
  parseMoney,
  parseQuantity,
  PhotoGrid,
} from './shared';

const ACTION_COLORS: Record<NeedAction, string> = { submit: 'blue', verify: 'teal', return: 'orange', publish: 'blue', accept: 'green', close: 'gray', withdraw: 'red' };
const NEEDS_REASON: NeedAction[] = ['return', 'withdraw'];

function ActionModal({ need, action, onClose, onDone }: { need: NeedDetail; action: NeedAction; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const reason = NEEDS_REASON.includes(action);
  const accept = action === 'accept';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (reason && !text.trim()) return setFieldError(t('need.reasonRequired'));
    if (accept) {
      if (!files.length && !need.acceptanceEvidence.length) return setFieldError(t('need.accept.evidenceRequired'));
      const err = checkImages(files, t, { pdf: true, maxMb: 10 });
      if (err) return setFieldError(err);
    }
    setProgress(0);
    try {
      await resourcesApi.needs.transition(need.id, action, reason ? { reason: text.trim() } : { note: text.trim(), files }, setProgress);
      notifications.show({ color: 'green', message: t(`need.done.${action}`) });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t(`need.action.${action}`)} data-testid={`need-modal-${action}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && <ErrorAlert error={error} />}
          <Textarea
            label={reason ? t('need.reason') : t('need.accept.note')}
            required={reason}
            autosize
            minRows={3}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setFieldError(null);
            }}
            error={!accept ? fieldError : undefined}
            data-testid="need-action-text"
          />
          {accept && (
            <FileInput
              label={t('need.accept.files')}
              description={t('need.accept.filesHelp')}
              placeholder={t('need.photos.pick')}
              multiple
              accept={EVIDENCE_ACCEPT}
              value={files}
              onChange={(f) => {
                setFiles(f);
                setFieldError(null);
              }}
              clearable
              error={fieldError}
              fileInputProps={{ 'data-testid': 'need-accept-files', 'aria-label': t('need.accept.files') } as ComponentProps<'input'>}
            />
          )}
          {progress !== null && files.length > 0 && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={ACTION_COLORS[action]} loading={progress !== null} data-testid="need-action-confirm">
              {t(`need.action.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PledgeModal({ need, onClose, onDone }: { need: NeedDetail; onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useI18n();
  const unitCost = need.quantity > 0 ? need.estimatedCost / need.quantity : 0;
  const [quantity, setQuantity] = useState(String(need.remainingQuantity));
  const [value, setValue] = useState(formatNumber(Math.round(unitCost * need.remainingQuantity)));
  const [valueTouched, setValueTouched] = useState(false);
  const [form, setForm] = useState<ContributionForm>('in_kind');
  const [description, setDescription] = useState(`${formatNumber(need.remainingQuantity)} ${need.unit} – ${need.title}`);
  const [anonymous, setAnonymous] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const q = parseQuantity(quantity);
    const v = parseMoney(value);
    const errs: Record<string, string> = {};
    if (q === undefined || Number.isNaN(q) || q <= 0) errs.quantity = t('pledge.quantityInvalid');
    else if (q > need.remainingQuantity) errs.quantity = t('pledge.quantityTooMuch', { n: formatNumber(need.remainingQuantity), unit: need.unit });
    if (v === undefined || Number.isNaN(v) || v < 0) errs.value = t('pledge.valueInvalid');
    if (description.trim().length < 3) errs.description = t('pledge.descriptionRequired');
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const c = await resourcesApi.contributions.pledge({ needId: need.id, form, description: description.trim(), valueVnd: v!, quantity: q!, anonymous });
      notifications.show({ color: 'green', message: t('pledge.done') });
      onDone(c.id);
    } catch (err) {
      const apiErr = err as ApiError;
      const fe: Record<string, string> = {};
      for (const f of apiErr.fieldErrors ?? []) {
        const k = f.path === 'valueVnd' ? 'value' : f.path;
        fe[k] = f.message;
      }
      setErrors(fe);
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('pledge.title')} size="lg">
      <form onSubmit={submit} noValidate data-testid="pledge-form">
        <Stack>
          <Text size="sm">
            <b>{need.title}</b> — {need.schoolName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('need.remaining', { quantity: formatNumber(need.remainingQuantity), unit: need.unit, value: formatVnd(need.remainingValue) })}
          </Text>
          {error && <ErrorAlert error={error} />}
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('pledge.quantity', { unit: need.unit })}
              inputMode="decimal"
              required
              value={quantity}
              onChange={(e) => {
                const s = e.currentTarget.value;
                setQuantity(s);
                const q = parseQuantity(s);
                if (!valueTouched && q && !Number.isNaN(q)) setValue(formatNumber(Math.round(unitCost * q)));
                setErrors((x) => ({ ...x, quantity: '' }));
              }}
              error={errors.quantity}
              description={t('pledge.quantityHelp', { n: formatNumber(need.remainingQuantity) })}
              data-testid="pledge-quantity"
              miw={160}
            />
            <TextInput
              label={t('pledge.value')}
              inputMode="numeric"
              required
              value={value}
              onChange={(e) => {
                setValue(e.currentTarget.value);
                setValueTouched(true);
                setErrors((x) => ({ ...x, value: '' }));
              }}
              onBlur={() => {
                const v = parseMoney(value);
                if (v !== undefined && !Number.isNaN(v)) setValue(formatNumber(v));
              }}
              error={errors.value}
              description={t('pledge.valueHelp')}
              rightSection={<Text size="sm">₫</Text>}
              data-testid="pledge-value"
              miw={180}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="pledge-form-label">
              {t('pledge.form')}
            </Text>
            <SegmentedControl
              aria-labelledby="pledge-form-label"
              value={form}
              onChange={(v) => setForm(v as ContributionForm)}
              data={FORMS.map((f) => ({ value: f, label: t(`pledge.formValue.${f}`) }))}
              data-testid="pledge-form-kind"
            />
          </Stack>
          <Textarea
            label={t('pledge.description')}
            required
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-testid="pledge-description"
          />
          <Checkbox label={t('pledge.anonymous')} description={t('pledge.anonymousHelp')} checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} data-testid="pledge-anonymous" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="pledge-submit">
              {t('pledge.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Pledges({ needId, reloadKey }: { needId: string; reloadKey: number }) {
  const { t } = useI18n();
  const list = useAsync((signal) => resourcesApi.contributions.list({ needId }, signal), [needId, reloadKey]);
  if (list.error) return list.error.status === 403 ? null : <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <PageLoader />;
  return (
    <Card withBorder component="section" aria-labelledby="pledges-title">
      <Title order={2} size="h4" id="pledges-title" mb="sm">
        {t('need.pledges')}
      </Title>
      {list.data.items.length === 0 ? (
        <Text c="dimmed">{t('need.pledgesEmpty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table striped data-testid="need-pledges">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pledge.contributor')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('pledge.quantityShort')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('pledge.value')}</Table.Th>
                <Table.Th>{t('pledge.statusCol')}</Table.Th>
                <Table.Th>{t('pledge.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid="need-pledge-row">
                  <Table.Td>
                    <Anchor component={Link} href={`/dong-gop/${c.id}`} size="sm">
                      {c.contributorName}
                      {c.anonymous ? ` (${t('pledge.anonymousShort')})` : ''}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{c.quantity != null ? `${formatNumber(c.quantity)} ${c.unit ?? ''}` : '—'}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatVnd(c.valueVnd)}</Table.Td>
                  <Table.Td>
                    <ContributionStatusBadge status={c.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(c.pledgedOn)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function AddPhotos({ needId, onDone }: { needId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [err, setErr] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  return (
    <Stack gap="xs">
      <FileInput
        label={t('need.photos.add')}
        description={t('need.photos.help')}
        placeholder={t('need.photos.pick')}
        multiple
        accept={IMAGE_ACCEPT}
        value={files}
        onChange={(f) => {
          setFiles(f);
          setErr(checkImages(f, t));
        }}
        clearable
        error={err}
        fileInputProps={{ 'data-testid': 'need-photos-input', 'aria-label': t('need.photos.add') } as ComponentProps<'input'>}
      />
      {error && <ErrorAlert error={error} />}
      {progress !== null && <Progress value={Math.round(progress * 100)} aria-label={t('need.uploading')} />}
      <div>
        <Button
          size="xs"
          variant="light"
          disabled={!files.length || !!err}
          loading={progress !== null}
          data-testid="need-photos-upload"
          onClick={async () => {
            setError(null);
            setProgress(0);
            try {
              await resourcesApi.needs.addPhotos(needId, files, setProgress);
              setFiles([]);
              notifications.show({ color: 'green', message: t('need.photos.added') });
              onDone();
            } catch (e) {
              setError(e as ApiError);
            } finally {
              setProgress(null);
            }
          }}
        >
          {t('need.photos.upload')}
        </Button>
      </div>
    </Stack>
  );
}

export default function NeedDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const id = params.id;
  const need = useAsync((signal) => resourcesApi.needs.get(id, signal), [id, user?.id], user !== undefined);
  const [action, setAction] = useState<NeedAction | null>(null);
  const [pledging, setPledging] = useState(false);
  const [askSignIn, setAskSignIn] = useState(false);
  const [busy, setBusy] = useState<NeedAction | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [lastPledge, setLastPledge] = useState<string | null>(null);
  const reload = () => {
    need.reload();
    setReloadKey((k) => k + 1);
  };

  if (user === undefined || (need.loading && !need.data)) return <PageLoader />;
  if (need.error) {
    return (
      <Stack>
        <Anchor component={Link} href="/nhu-cau" size="sm">
          ← {t('need.backToList')}
        </Anchor>
        <ErrorAlert error={need.error} onRetry={need.reload} />
      </Stack>
    );
  }
  const n = need.data!;
  const p = n.can;
  const open = n.status === 'published' || n.status === 'partly_pledged';
  const showPledge = open && (!user || user.role === 'donor');
  // coordinators and the need's Department record a pledge on a donor's behalf
  const showRecord = open && !!user && (user.role === 'ministry' || user.role === 'admin' || (user.role === 'department' && user.organisation.provinceCode === n.provinceCode));
  const actions = NEED_ACTIONS.filter((a) => p[a] && isAvailable(a, n));

  async function run(a: NeedAction) {
    if (NEEDS_REASON.includes(a) || a === 'accept') return setAction(a);
    setBusy(a);
    setActionError(null);
    try {
      await resourcesApi.needs.transition(n.id, a);
      notifications.show({ color: 'green', message: t(`need.done.${a}`) });
      reload();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(null);
    }
  }

  const historyItems = n.history.map((h, i) => ({
    key: String(i),
    title: h.action === 'create' ? t('need.history.create') : t(`need.action.${h.action as NeedAction}`),
    at: h.at,
    by: h.actor,
    note: h.reason,
  }));

  return (
    <Stack gap="md" data-testid="need-page" data-need-id={n.id}>
      <Anchor component={Link} href="/nhu-cau" size="sm">
        ← {t('need.backToList')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Group gap="xs" mb={4}>
            <NeedStatusBadge status={n.status} size="lg" />
            <Text size="sm" c="dimmed">
              {t(`need.category.${n.category}`)} · {t(`need.priority.${n.priority}`)}
            </Text>
          </Group>
          <Title order={1} data-testid="need-heading">
            {n.title}
          </Title>
          <Text>
            <Anchor component={Link} href={user ? `/truong-hoc/${n.schoolId}` : `/cong-khai/truong/${n.schoolId}`}>
              {n.schoolName}
            </Anchor>
            {' · '}
            {n.communeName}, {n.provinceName}
          </Text>
          <FlagBadges flags={n.communeFlags} />
        </div>
        <Group gap="xs" wrap="wrap">
          {showPledge && (
            <Button size="md" color="pink" onClick={() => (user ? setPledging(true) : setAskSignIn(true))} data-testid="pledge-button">
              {t('pledge.button')}
            </Button>
          )}
          {showRecord && (
            <Button size="md" variant="light" color="pink" component={Link} href={`/dong-gop/ghi-nhan?needId=${encodeURIComponent(n.id)}`} data-testid="record-open">
              {t('record.onBehalf')}
            </Button>
          )}
          {p.edit && (n.state === 'draft' || n.state === 'returned') && (
            <Button variant="default" component={Link} href={`/nhu-cau/${n.id}/sua`} data-testid="need-edit">
              {t('need.edit')}
            </Button>
          )}
        </Group>
      </Group>

      {n.state === 'returned' && n.returnReason && (
        <Alert color="orange" title={t('need.returnedTitle')}>
          {n.returnReason}
        </Alert>
      )}
      {n.state === 'withdrawn' && n.withdrawReason && (
        <Alert color="gray" title={t('need.withdrawnTitle')}>
          {n.withdrawReason}
        </Alert>
      )}
      {lastPledge && (
        <Alert color="green" withCloseButton onClose={() => setLastPledge(null)} data-testid="pledge-success">
          <Group gap="xs" wrap="wrap">
            <Text size="sm">{t('pledge.done')}</Text>
            <Anchor component={Link} href={`/dong-gop/${lastPledge}`} size="sm" data-testid="pledge-open">
              {t('pledge.openContribution')}
            </Anchor>
          </Group>
        </Alert>
      )}

      {actions.length > 0 && (
        <Card withBorder component="section" aria-label={t('need.actions')}>
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('need.actions')}
            </Text>
            {actionError && <ErrorAlert error={actionError} />}
            <Group gap="xs" wrap="wrap">
              {actions.map((a) => (
                <Button
                  key={a}
                  color={ACTION_COLORS[a]}
                  variant={a === 'withdraw' || a === 'return' ? 'light' : 'filled'}
                  loading={busy === a}
                  onClick={() => run(a)}
                  data-testid={`need-action-${a}`}
                >
                  {t(`need.action.${a}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Card>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card withBorder component="section" aria-labelledby="need-progress-title">
              <Title order={2} size="h4" id="need-progress-title" mb="sm">
                {t('need.progress')}
              </Title>
              <NeedProgress need={n} />
              <Group mt="md" gap="xl" wrap="wrap">
                <KeyValue label={t('need.quantity')} value={`${formatNumber(n.quantity)} ${n.unit}`} />
                <KeyValue label={t('need.pledged')} value={`${formatNumber(n.pledgedQuantity)} ${n.unit}`} testId="need-pledged" />
                <KeyValue label={t('need.received')} value={`${formatNumber(n.receivedQuantity)} ${n.unit}`} testId="need-received" />
                <KeyValue label={t('need.remainingQuantity')} value={`${formatNumber(n.remainingQuantity)} ${n.unit}`} testId="need-remaining-quantity" />
              </Group>
              <Group mt="sm" gap="xl" wrap="wrap">
                <KeyValue label={t('need.estimatedCost')} value={formatVnd(n.estimatedCost)} />
                <KeyValue label={t('need.pledgedValue')} value={formatVnd(n.pledgedValue)} />
                <KeyValue label={t('need.receivedValue')} value={formatVnd(n.receivedValue)} />
                <KeyValue label={t('need.remainingValue')} value={formatVnd(n.remainingValue)} />
              </Group>
              <Text mt="sm" size="sm" data-testid="need-remaining" data-quantity={n.remainingQuantity} data-value={n.remainingValue}>
                {t('need.remaining', { quantity: formatNumber(n.remainingQuantity), unit: n.unit, value: formatVnd(n.remainingValue) })}
              </Text>
            </Card>
            <Card withBorder component="section" aria-labelledby="need-desc-title">
              <Title order={2} size="h4" id="need-desc-title" mb="sm">
                {t('need.description')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{n.description || t('common.none')}</Text>
              <Text size="xs" c="dimmed" mt="sm">
                {t('need.createdAt', { date: formatDate(n.createdAt) })}
                {n.publishedAt ? ` · ${t('need.publishedAt', { date: formatDate(n.publishedAt) })}` : ''}
              </Text>
            </Card>
            {user && <Pledges needId={n.id} reloadKey={reloadKey} />}
            {(n.acceptanceNote || n.acceptanceEvidence.length > 0) && (
              <Card withBorder component="section" aria-labelledby="need-accept-title">
                <Title order={2} size="h4" id="need-accept-title" mb="sm">
                  {t('need.acceptance')}
                </Title>
                {n.acceptanceNote && <Text mb="sm">{n.acceptanceNote}</Text>}
                <PhotoGrid files={n.acceptanceEvidence} />
              </Card>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Card withBorder component="section" aria-labelledby="need-photos-title">
              <Title order={2} size="h4" id="need-photos-title" mb="sm">
                {t('need.photos')}
              </Title>
              {n.photos.length ? <PhotoGrid files={n.photos} cols={2} /> : <Text c="dimmed">{t('need.photos.none')}</Text>}
              {p.edit && !['accepted', 'closed', 'withdrawn'].includes(n.state) && (
                <div style={{ marginTop: 12 }}>
                  <AddPhotos needId={n.id} onDone={reload} />
                </div>
              )}
            </Card>
            <Card withBorder component="section" aria-labelledby="need-history-title">
              <Title order={2} size="h4" id="need-history-title" mb="sm">
                {t('need.history')}
              </Title>
              <HistoryTimeline items={historyItems} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>

      {action && (
        <ActionModal
          need={n}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            reload();
          }}
        />
      )}
      {pledging && (
        <PledgeModal
          need={n}
          onClose={() => setPledging(false)}
          onDone={(cid) => {
            setPledging(false);
            reload();
            notifications.show({ color: 'blue', message: t('pledge.next'), autoClose: 8000 });
            setLastPledge(cid);
          }}
        />
      )}
      <Modal opened={askSignIn} onClose={() => setAskSignIn(false)} title={t('pledge.signInTitle')}>
        <Stack>
          <Text size="sm">{t('pledge.signInText')}</Text>
          <Group>
            <Button component={Link} href={signInHref()} data-testid="pledge-signin">
              {t('nav.signIn')}
            </Button>
            <Button component={Link} href={`/nha-tai-tro/dang-ky?tiep=${encodeURIComponent(`/nhu-cau/${n.id}`)}`} variant="light" data-testid="pledge-register">
              {t('donor.register.title')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Actions the lifecycle allows now (the server decides; this hides buttons that would only be refused). */
function isAvailable(a: NeedAction, n: NeedDetail): boolean {
  switch (a) {
    case 'submit':
      return n.status === 'draft' || n.status === 'returned';
    case 'verify':
    case 'return':
      return n.status === 'submitted';
    case 'publish':
      return n.status === 'verified';
    case 'accept':
      return n.status === 'delivered';
    case 'close':
      return n.status === 'accepted';
    case 'withdraw':
      return ['draft', 'submitted', 'returned', 'verified', 'published'].includes(n.status) && n.pledgedQuantity === 0;
  }
}
