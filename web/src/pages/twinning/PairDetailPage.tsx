import { ActionIcon, Alert, Anchor, Badge, Button, Card, FileInput, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type ComponentProps } from 'react';
import { ApiError, apiUrl } from '../../api';
import { TW_KINDS, twinningApi, type TwActivity, type TwPairDetail, type TwPairStatus, type TwPlanItem } from '../../api/twinning';
import { ErrorAlert, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/hooks';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { ActivityForm } from './ActivityForm';
import { ACCEPT_EVIDENCE, checkEvidence, DraftRestored, formatVnd, KindBadge, kindLabel, PairStatusBadge, subKindLabel, subKindsOf, thisYear, useDraft } from './shared';

type Action = 'pause' | 'resume' | 'end';
const ACTION_STATUS: Record<Action, TwPairStatus> = { pause: 'paused', resume: 'active', end: 'ended' };

function StatusActions({ pair, onDone }: { pair: TwPairDetail; onDone: () => void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const actions: Action[] = pair.status === 'active' ? ['pause', 'end'] : pair.status === 'paused' ? ['resume', 'end'] : [];
  if (!actions.length) return null;

  async function submit() {
    if (!action) return;
    if (action !== 'resume' && !reason.trim()) {
      setReasonError(t('tw.action.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await twinningApi.pairs.setStatus(pair.id, ACTION_STATUS[action], reason.trim() || null);
      notifications.show({ color: 'green', message: t('tw.action.done') });
      setAction(null);
      setReason('');
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Group gap="xs">
        {actions.map((a) => (
          <Button key={a} size="xs" variant="light" color={a === 'end' ? 'red' : a === 'pause' ? 'orange' : 'green'} onClick={() => setAction(a)} data-testid={`pair-${a}`}>
            {t(`tw.action.${a}`)}
          </Button>
        ))}
      </Group>
      <Modal opened={!!action} onClose={() => setAction(null)} title={action ? t('tw.action.title', { action: t(`tw.action.${action}`), pair: `${pair.hanoiSide} – ${pair.borderSchoolName}` }) : ''}>
        <Stack gap="sm">
          {error && <ErrorAlert error={error} />}
          {action === 'end' && <Alert color="red">{t('tw.action.endWarning')}</Alert>}
          <Textarea
            label={t('tw.action.reason')}
            required={action !== 'resume'}
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setReasonError(undefined);
            }}
            error={reasonError}
            data-testid="pair-status-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={action === 'end' ? 'red' : undefined} loading={busy} onClick={submit} data-testid="pair-status-submit">
              {action ? t(`tw.action.${action}`) : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

interface PlanValues {
  items: { kind: string; subKind: string; description: string; month: string }[];
  note: string;
}

function toPlanValues(pair: TwPairDetail, year: number): PlanValues {
  const plan = pair.plans.find((p) => p.year === year);
  return {
    items: (plan?.items ?? []).map((i) => ({ kind: i.kind, subKind: i.subKind, description: i.description, month: i.month ? String(i.month) : '' })),
    note: plan?.note ?? '',
  };
}

function PlanEditor({ pair, year, onSaved, onCancel }: { pair: TwPairDetail; year: number; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const initial = toPlanValues(pair, year);
  if (!initial.items.length) initial.items.push({ kind: '', subKind: '', description: '', month: '' });
  const { values, setValues, restoredAt, dismissRestored, clear } = useDraft<PlanValues>(`kn.draft.twinningPlan.${pair.id}.${year}`, initial);
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const setItem = (i: number, patch: Partial<PlanValues['items'][number]>) =>
    setValues((v) => ({ ...v, items: v.items.map((it, j) => (j === i ? { ...it, ...patch, ...(patch.kind !== undefined ? { subKind: '' } : {}) } : it)) }));

  async function save() {
    const errs: Record<number, string> = {};
    const items: TwPlanItem[] = [];
    values.items.forEach((it, i) => {
      if (!it.kind && !it.subKind && !it.description.trim()) return; // an empty row is ignored
      if (!it.kind || !it.subKind) errs[i] = t('tw.form.pick');
      else if (!it.description.trim()) errs[i] = t('tw.plan.descriptionRequired');
      else items.push({ kind: it.kind, subKind: it.subKind, description: it.description.trim(), month: it.month ? Number(it.month) : null });
    });
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setError(null);
    try {
      await twinningApi.pairs.savePlan(pair.id, year, items, values.note.trim() || null);
      clear();
      notifications.show({ color: 'green', message: t('tw.plan.saved', { year }) });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) }));
    } finally {
      setBusy(false);
    }
  }

  const months = [{ value: '', label: t('tw.plan.noMonth') }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('tw.plan.monthN', { n: i + 1 }) }))];
  return (
    <Stack gap="sm" data-testid="plan-editor">
      {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clear(initial)} />}
      {error && <ErrorAlert error={error} />}
      {values.items.map((it, i) => (
        <Card key={i} withBorder padding="xs" data-testid="plan-item-edit">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              {t('tw.plan.item', { n: i + 1 })}
            </Text>
            <ActionIcon variant="subtle" color="red" aria-label={t('tw.plan.remove', { n: i + 1 })} onClick={() => setValues((v) => ({ ...v, items: v.items.filter((_, j) => j !== i) }))}>
              ✕
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <NativeSelect
              label={t('tw.plan.kind')}
              value={it.kind}
              onChange={(e) => setItem(i, { kind: e.currentTarget.value })}
              data={[{ value: '', label: t('tw.form.pick') }, ...TW_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
              data-testid="plan-kind"
            />
            <NativeSelect
              label={t('tw.plan.subKind')}
              value={it.subKind}
              disabled={!it.kind}
              onChange={(e) => setItem(i, { subKind: e.currentTarget.value })}
              data={[{ value: '', label: t('tw.form.pick') }, ...subKindsOf(it.kind).map((s) => ({ value: s, label: subKindLabel(t, s) }))]}
              data-testid="plan-subkind"
            />
            <NativeSelect label={t('tw.plan.month')} value={it.month} onChange={(e) => setItem(i, { month: e.currentTarget.value })} data={months} data-testid="plan-month" />
          </SimpleGrid>
          <TextInput mt="xs" label={t('tw.plan.description')} maxLength={1000} value={it.description} onChange={(e) => setItem(i, { description: e.currentTarget.value })} error={errors[i]} data-testid="plan-description" />
        </Card>
      ))}
      <div>
        <Button variant="light" size="xs" onClick={() => setValues((v) => ({ ...v, items: [...v.items, { kind: '', subKind: '', description: '', month: '' }] }))} disabled={values.items.length >= 50} data-testid="plan-add">
          + {t('tw.plan.add')}
        </Button>
      </div>
      <Textarea label={t('tw.plan.note')} autosize minRows={2} maxLength={3000} value={values.note} onChange={(e) => {
          const note = e.currentTarget.value;
          setValues((v) => ({ ...v, note }));
        }} />
      <Group justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed">
          {t('form.draftSaved')}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} loading={busy} data-testid="plan-save">
            {t('tw.plan.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function PlanSection({ pair, year, onSaved }: { pair: TwPairDetail; year: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const plan = pair.plans.find((p) => p.year === year);
  return (
    <Card withBorder component="section" aria-labelledby="tw-plan-title" data-testid="pair-plan">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <div>
          <Title order={2} size="h4" id="tw-plan-title">
            {t('tw.plan.title', { year })}
          </Title>
          {plan && (
            <Text size="xs" c="dimmed">
              {t('tw.plan.updated', { time: formatDateTime(plan.updatedAt) })}
            </Text>
          )}
        </div>
        {pair.permissions.plan && !editing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="plan-edit">
            {t('tw.plan.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <PlanEditor
          key={year}
          pair={pair}
          year={year}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      ) : !plan || plan.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tw.plan.empty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {TW_KINDS.filter((k) => plan.items.some((i) => i.kind === k)).map((k) => (
            <div key={k}>
              <Text size="sm" fw={600}>
                {kindLabel(t, k)}
              </Text>
              <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
                {plan.items
                  .filter((i) => i.kind === k)
                  .map((i, n) => (
                    <Text component="li" size="sm" key={n} data-testid="plan-item">
                      <strong>{subKindLabel(t, i.subKind)}</strong>: {i.description}
                      {i.month ? ` (${t('tw.plan.monthN', { n: i.month })})` : ''}
                    </Text>
                  ))}
              </Stack>
            </div>
          ))}
          {plan.note && (
            <Text size="sm" c="dimmed">
              {plan.note}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

function ConfirmButton({ activity, onDone }: { activity: TwActivity; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const fe = checkEvidence(files, t);
    setFileError(fe ?? undefined);
    if (fe) return;
    setBusy(true);
    setError(null);
    try {
      await twinningApi.confirmActivity(activity.id, note.trim(), files);
      notifications.show({ color: 'green', message: t('tw.act.confirmDone') });
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, title: String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)} data-testid="activity-confirm">
        {t('tw.act.confirm')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('tw.act.confirmTitle', { title: activity.title })}>
        <Stack gap="sm" data-testid="confirm-form">
          <Text size="sm" c="dimmed">
            {t('tw.act.confirmHelp')}
          </Text>
          {error && <ErrorAlert error={error} />}
          <Textarea label={t('tw.act.confirmNote')} autosize minRows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="confirm-note" />
          <FileInput
            label={t('tw.act.confirmPhoto')}
            placeholder={t('tw.form.filesPlaceholder')}
            multiple
            clearable
            accept={ACCEPT_EVIDENCE}
            value={files}
            onChange={setFiles}
            error={fileError}
            fileInputProps={{ 'data-testid': 'confirm-photo', 'aria-label': t('tw.act.confirmPhoto') } as ComponentProps<'input'>}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={busy} onClick={submit} data-testid="confirm-submit">
              {t('tw.act.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ConfirmedBadge({ a }: { a: TwActivity }) {
  const { t } = useI18n();
  return (
    <Badge
      color={a.confirmed ? 'green' : 'gray'}
      variant={a.confirmed ? 'light' : 'outline'}
      radius="sm"
      style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
      title={a.confirmed && a.confirmedAt ? formatDateTime(a.confirmedAt) : undefined}
      data-testid="activity-confirmed"
      data-confirmed={a.confirmed ? 'true' : 'false'}
     styles={{ label: { overflow: 'visible' } }}>
      {t(a.confirmed ? 'tw.act.confirmed' : 'tw.act.unconfirmed')}
    </Badge>
  );
}

function ActivityTitle({ a }: { a: TwActivity }) {
  const { t } = useI18n();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {a.title}
      </Text>
      <Text size="xs" c="dimmed">
        {subKindLabel(t, a.subKind)}
        {a.mode ? ` · ${t(`tw.mode.${a.mode}`)}` : ''} · {t('tw.act.loggedBy', { name: a.loggedByName })}
      </Text>
      {a.description && <Text size="xs">{a.description}</Text>}
      {a.confirmationNote && (
        <Text size="xs" c="green.9">
          {t('tw.act.confirmNoteShown', { note: a.confirmationNote })}
        </Text>
      )}
    </Stack>
  );
}

function Files({ a }: { a: TwActivity }) {
  if (!a.files.length) return <>—</>;
  return (
    <Stack gap={2}>
      {a.files.map((f) => (
        <Anchor key={f.id} href={apiUrl(`/files/${encodeURIComponent(f.id)}`)} target="_blank" rel="noopener" size="xs" style={{ wordBreak: 'break-all' }}>
          {f.name}
        </Anchor>
      ))}
    </Stack>
  );
}

function ActivityList({ activities, onChanged }: { activities: TwActivity[]; onChanged: () => void }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  if (!activities.length) return <Text size="sm" c="dimmed">{t('tw.act.empty')}</Text>;
  if (phone) {
    return (
      <Stack gap="sm" data-testid="activities">
        {activities.map((a) => (
          <Card key={a.id} withBorder padding="sm" data-testid="activity-row" data-activity-id={a.id} data-subkind={a.subKind}>
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {formatDate(a.heldOn)}
                </Text>
                <KindBadge kind={a.kind} />
              </Group>
              <ActivityTitle a={a} />
              <Text size="xs">
                {t('tw.act.participants', { teachers: formatNumber(a.teachers), pupils: formatNumber(a.pupils) })}
                {a.supportValue > 0 ? ` · ${formatVnd(a.supportValue)}` : ''}
              </Text>
              <Files a={a} />
              <Group justify="space-between">
                <ConfirmedBadge a={a} />
                {a.permissions?.confirm && <ConfirmButton activity={a} onDone={onChanged} />}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table striped verticalSpacing="sm" data-testid="activities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tw.act.col.date')}</Table.Th>
            <Table.Th>{t('tw.act.col.kind')}</Table.Th>
            <Table.Th>{t('tw.act.col.title')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('tw.act.col.participants')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('tw.act.col.support')}</Table.Th>
            <Table.Th>{t('tw.act.col.files')}</Table.Th>
            <Table.Th>{t('tw.act.col.confirmed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {activities.map((a) => (
            <Table.Tr key={a.id} data-testid="activity-row" data-activity-id={a.id} data-subkind={a.subKind}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(a.heldOn)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <KindBadge kind={a.kind} />
              </Table.Td>
              <Table.Td>
                <ActivityTitle a={a} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{t('tw.act.participants', { teachers: formatNumber(a.teachers), pupils: formatNumber(a.pupils) })}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="activity-support">
                {a.supportValue > 0 ? formatVnd(a.supportValue) : '—'}
              </Table.Td>
              <Table.Td maw={180}>
                <Files a={a} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Stack gap={6} align="flex-start">
                  <ConfirmedBadge a={a} />
                  {a.permissions?.confirm && <ConfirmButton activity={a} onDone={onChanged} />}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SideCard({ title, name, href, lines }: { title: string; name: string; href: string | null; lines: (string | null)[] }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Text fw={600}>{name}</Text>
      {lines.filter(Boolean).map((l) => (
        <Text size="sm" c="dimmed" key={l}>
          {l}
        </Text>
      ))}
      {href && (
        <Anchor component={Link} href={href} size="sm">
          {t('tw.pair.openSchool')} →
        </Anchor>
      )}
    </Card>
  );
}

export default function PairDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const search = useSearchParams();
  const year = Number(search.get('nam')) || thisYear();
  const pair = useAsync((signal) => twinningApi.pairs.get(params.id, year, signal), [params.id, year]);

  if (pair.error) return <ErrorAlert error={pair.error} onRetry={pair.reload} />;
  if (!pair.data) return <PageLoader />;
  const p = pair.data;
  const years: string[] = [];
  for (let y = Math.min(p.startYear, thisYear()); y <= thisYear() + 1; y++) years.push(String(y));
  const isBorderSide = user?.organisation?.id === p.borderSchoolId;

  return (
    <Stack gap="md">
      <Anchor component={Link} href="/ket-nghia" size="sm">
        {t('tw.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={1} data-testid="pair-title">
            {p.hanoiSide} – {p.borderSchoolName}
          </Title>
          <Group gap="xs" mt={4}>
            <PairStatusBadge status={p.status} />
            <Text size="sm" c="dimmed">
              {t('tw.pair.since', { year: p.startYear })}
            </Text>
          </Group>
        </div>
        {p.permissions.manage && <StatusActions pair={p} onDone={pair.reload} />}
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SideCard
          title={t('tw.pair.hanoiSide')}
          name={p.hanoiSide}
          href={p.hanoiSchoolId ? `/truong-hoc/${p.hanoiSchoolId}` : null}
          lines={[p.hanoiClusterName ? t('tw.pair.cluster', { name: p.hanoiClusterName }) : null, 'Hà Nội']}
        />
        <SideCard title={t('tw.pair.borderSide')} name={p.borderSchoolName} href={`/truong-hoc/${p.borderSchoolId}`} lines={[`${p.borderCommuneName}, ${p.borderProvinceName}`]} />
      </SimpleGrid>

      {p.note && <Text size="sm">{p.note}</Text>}

      <Card withBorder padding="sm" component="section" aria-labelledby="tw-history-title">
        <Title order={2} size="h5" id="tw-history-title" mb="xs">
          {t('tw.pair.history')}
        </Title>
        <Timeline bulletSize={12} lineWidth={2} active={p.history.length - 1} data-testid="pair-history">
          {p.history.map((h, i) => (
            <Timeline.Item key={i} title={<Text size="sm" fw={600}>{t(`tw.status.${h.status}`)}</Text>}>
              <Text size="xs" c="dimmed">
                {formatDateTime(h.at)}
                {h.reason ? ` · ${h.reason}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>

      <NativeSelect
        label={t('tw.pair.yearLabel')}
        value={String(year)}
        onChange={(e) => navigate(`/ket-nghia/${p.id}${e.currentTarget.value === String(thisYear()) ? '' : `?nam=${e.currentTarget.value}`}`, { replace: true })}
        data={years}
        maw={200}
        data-testid="pair-year"
      />
      <PlanSection key={year} pair={p} year={year} onSaved={pair.reload} />

      <Stack gap="sm" component="section" aria-labelledby="tw-activities-title">
        <Title order={2} size="h4" id="tw-activities-title">
          {t('tw.act.title')}
        </Title>
        <ActivityList activities={p.activities} onChanged={pair.reload} />
      </Stack>

      {p.permissions.log && p.status === 'active' && <ActivityForm pairId={p.id} isBorderSide={isBorderSide} onLogged={pair.reload} />}
      {p.permissions.log && p.status !== 'active' && <Alert color="yellow">{t('tw.pair.notActive')}</Alert>}
    </Stack>
  );
}
