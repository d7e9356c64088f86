import { ActionIcon, Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { FrameworkDefinition, FrameworkVersionDetail, GroupDef, IndicatorDef, IndicatorType, ScoringRule } from '../../../../contracts/assessments';
import { INDICATOR_TYPES } from '../../../../contracts/assessments';
import { indicatorMax } from '../../../../contracts/assessment-scoring';
import type { ApiError } from '../../api/client';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { QueryView } from '../../lib/query';
import { Link, useRouter } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { useVersions } from './api';
import { useCopyVersion, useSaveAndPublish, useSaveDraft, useVersion } from './editingApi';

/** `/danh-gia/bo-chi-so`: every version of every framework (drafts for the administrator), each opened in the editor. */
export default function FrameworksPage() {
  return <SignedIn>{() => <Versions />}</SignedIn>;
}

function Versions() {
  const { t } = useI18n();
  const versions = useVersions();
  return (
    <Stack gap="md">
      <PageHeader title={t('asf.title')} help={t('asf.intro')} actions={<Anchor component={Link} href="/danh-gia" size="sm">{t('as.title')}</Anchor>} />
      <QueryView query={versions}>
        {(data) => (
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="asf-versions">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('asf.name')}</Table.Th><Table.Th>{t('asf.year')}</Table.Th><Table.Th>{t('asf.version')}</Table.Th><Table.Th>{t('asf.state')}</Table.Th><Table.Th>{t('asf.indicators')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((v) => (
                  <Table.Tr key={v.id} data-testid="asf-version-row">
                    <Table.Td><Anchor component={Link} href={`/danh-gia/bo-chi-so/${v.id}`}>{v.name}</Anchor></Table.Td>
                    <Table.Td>{v.year}</Table.Td>
                    <Table.Td>v{v.version}</Table.Td>
                    <Table.Td><Badge color={v.state === 'draft' ? 'yellow' : 'green'}>{t(`asf.state.${v.state}`)}</Badge></Table.Td>
                    <Table.Td>{v.indicatorCount}{v.provisionalCount ? ` (${t('asf.provisionalCount', { n: v.provisionalCount })})` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </Stack>
  );
}

/** `/danh-gia/bo-chi-so/:id`: a version; a draft is edited by the administrator, a published one is read-only and copied into a new draft. */
export function FrameworkEditorPage({ params }: { params: Record<string, string> }) {
  return <SignedIn>{() => <Editor id={params.id ?? ''} />}</SignedIn>;
}

/** The scoring a type starts with when an indicator's type is changed (each type's rules: domain's SCORING_OF_TYPE). */
const SCORING_KINDS: Record<IndicatorType, ScoringRule['kind'][]> = {
  yes_no: ['yes', 'none'], number: ['bands', 'none'], percentage: ['bands', 'none'], choice: ['choice'], text: ['none'], evidence: ['evidence', 'none'],
};
function startScoring(kind: ScoringRule['kind']): ScoringRule {
  switch (kind) {
    case 'yes': return { kind: 'yes', points: 1 };
    case 'evidence': return { kind: 'evidence', points: 1 };
    case 'bands': return { kind: 'bands', bands: [{ from: 0, points: 0 }, { from: 50, points: 1 }] };
    case 'choice': return { kind: 'choice', options: [{ value: 'a', label: 'Chưa', points: 0 }, { value: 'b', label: 'Có', points: 1 }] };
    default: return { kind: 'none' };
  }
}
/**
 * A stable key per group, indicator, choice and band while they are edited (codes change as they
 * are typed): an edited copy carries the key of the object it replaces.
 */
const keys = new WeakMap<object, string>();
let lastKey = 0;
const keyOf = (o: object) => {
  let k = keys.get(o);
  if (!k) { k = `k${++lastKey}`; keys.set(o, k); }
  return k;
};
const keep = <T extends object>(old: T, next: T): T => { keys.set(next, keyOf(old)); return next; };

const move = <T,>(xs: T[], i: number, by: -1 | 1): T[] => {
  const j = i + by;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
};
/** The next free code after the group's last one (1.6 → 1.7), unique in the whole definition. */
function nextCode(def: FrameworkDefinition, g: GroupDef): string {
  const used = new Set<string>();
  const walk = (i: IndicatorDef) => { used.add(i.code); i.parts?.forEach(walk); };
  const group = (x: GroupDef) => { used.add(x.code); x.indicators.forEach(walk); x.groups?.forEach(group); };
  def.groups.forEach(group);
  for (let n = g.indicators.length + 1; ; n++) if (!used.has(`${g.code}.${n}`)) return `${g.code}.${n}`;
}

function Editor({ id }: { id: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const version = useVersion(id);
  return (
    <Stack gap="md">
      <PageHeader title={t('asf.editTitle')} actions={<Anchor component={Link} href="/danh-gia/bo-chi-so" size="sm">{t('asf.title')}</Anchor>} />
      <QueryView query={version}>{(v) => <VersionForm key={`${v.id}:${v.state}`} v={v} admin={can('assessments.frameworks')} />}</QueryView>
    </Stack>
  );
}

function VersionForm({ v, admin }: { v: FrameworkVersionDetail; admin: boolean }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [def, setDef] = useState<FrameworkDefinition>(v.definition);
  const [dirty, setDirty] = useState(false);
  useEffect(() => { setDef(v.definition); setDirty(false); }, [v.definition]);
  const editable = admin && v.state === 'draft';
  const save = useSaveDraft(v.id);
  const publish = useSaveAndPublish(v.id, () => notifications.show({ color: 'green', message: t('asf.published') }));
  const copy = useCopyVersion(v.id, (n) => { notifications.show({ color: 'green', message: t('asf.copied', { version: n.version }) }); navigate(`/danh-gia/bo-chi-so/${n.id}`); });
  const change = (f: (d: FrameworkDefinition) => FrameworkDefinition) => { setDef(f); setDirty(true); };
  const setGroup = (gi: number, f: (g: GroupDef) => GroupDef) => change((d) => ({ ...d, groups: d.groups.map((g, i) => (i === gi ? keep(g, f(g)) : g)) }));
  const setIndicator = (gi: number, ii: number, f: (x: IndicatorDef) => IndicatorDef) => setGroup(gi, (g) => ({ ...g, indicators: g.indicators.map((x, i) => (i === ii ? keep(x, f(x)) : x)) }));
  const error = (save.error ?? publish.error ?? copy.error) as ApiError | null;
  return (
    <Stack gap="md" data-testid="asf-editor">
      <Card withBorder>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={2} size="h4">{v.name}</Title>
            <Text size="sm" c="dimmed">{v.basis} · v{v.version}</Text>
          </div>
          <Badge color={v.state === 'draft' ? 'yellow' : 'green'} data-testid="asf-state">{t(`asf.state.${v.state}`)}</Badge>
        </Group>
        {v.state !== 'draft' && (
          <Alert color="blue" mt="sm" data-testid="asf-frozen" title={t('asf.frozenTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('asf.frozen')}</Text>
              {admin && <div><Button size="xs" onClick={() => copy.mutate(undefined)} loading={copy.isPending} data-testid="asf-copy">{t('asf.copy')}</Button></div>}
            </Stack>
          </Alert>
        )}
        {!v.complete && <Text size="xs" c="orange" mt="xs">{t('as.provisional')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
          <NumberInput label={t('asf.year')} value={def.year} min={2000} max={2100} disabled={!editable} onChange={(y) => change((d) => ({ ...d, year: Number(y) || d.year }))} data-testid="asf-year" />
          <TextInput label={t('asf.name')} value={def.name} disabled={!editable} onChange={(e) => { const name = e.currentTarget.value; change((d) => ({ ...d, name })); }} data-testid="asf-name" />
          <TextInput label={t('asf.basis')} value={def.basis} disabled={!editable} onChange={(e) => { const basis = e.currentTarget.value; change((d) => ({ ...d, basis })); }} data-testid="asf-basis" />
        </SimpleGrid>
      </Card>

      {error && (
        <Stack gap={4} data-testid="asf-error">
          <ErrorAlert error={error} />
          {error.fieldErrors?.length > 0 && <List size="sm" c="red">{error.fieldErrors.map((e) => <List.Item key={`${e.path}:${e.message}`}>{e.message}</List.Item>)}</List>}
        </Stack>
      )}

      {def.groups.map((g, gi) => {
        const sum = g.indicators.reduce((n, x) => n + indicatorMax(x), 0);
        return (
          <Card withBorder key={keyOf(g)} data-testid="asf-group">
            <Stack gap="sm">
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput label={t('asf.groupCode')} w={90} value={g.code} disabled={!editable} onChange={(e) => { const code = e.currentTarget.value; setGroup(gi, (x) => ({ ...x, code })); }} data-testid="asf-group-code" />
                <TextInput label={t('asf.groupName')} style={{ flex: 1, minWidth: 200 }} value={g.name} disabled={!editable} onChange={(e) => { const name = e.currentTarget.value; setGroup(gi, (x) => ({ ...x, name })); }} data-testid="asf-group-name" />
                <NumberInput label={t('asf.groupMax')} w={120} value={g.max ?? ''} min={0} disabled={!editable} onChange={(m) => setGroup(gi, (x) => ({ ...x, max: m === '' ? undefined : Number(m) }))} data-testid="asf-group-max" />
              </Group>
              <Text size="xs" c={g.max !== undefined && Math.abs(sum - g.max) > 1e-9 ? 'red' : 'dimmed'} data-testid="asf-group-sum">{t('asf.groupSum', { sum, max: g.max ?? sum })}</Text>
              {g.groups?.length ? <Text size="xs" c="dimmed">{t('asf.subgroups', { n: g.groups.length })}</Text> : null}
              {g.indicators.map((x, ii) => (
                <IndicatorRow
                  key={keyOf(x)}
                  x={x}
                  editable={editable}
                  first={ii === 0}
                  last={ii === g.indicators.length - 1}
                  onChange={(f) => setIndicator(gi, ii, f)}
                  onMove={(by) => setGroup(gi, (y) => ({ ...y, indicators: move(y.indicators, ii, by) }))}
                  onRetire={() => setGroup(gi, (y) => ({ ...y, indicators: y.indicators.filter((_, i) => i !== ii) }))}
                />
              ))}
              {editable && (
                <Group>
                  <Button variant="light" size="xs" data-testid="asf-add-indicator"
                    onClick={() => setGroup(gi, (y) => ({ ...y, indicators: [...y.indicators, { code: nextCode(def, y), text: t('asf.newIndicatorText'), type: 'yes_no', mandatory: false, provisional: true, scoring: { kind: 'yes', points: 1 }, evidence: null }] }))}>
                    {t('asf.addIndicator')}
                  </Button>
                  <Button variant="subtle" size="xs" disabled={gi === 0} onClick={() => change((d) => ({ ...d, groups: move(d.groups, gi, -1) }))} data-testid="asf-group-up">{t('asf.up')}</Button>
                  <Button variant="subtle" size="xs" disabled={gi === def.groups.length - 1} onClick={() => change((d) => ({ ...d, groups: move(d.groups, gi, 1) }))} data-testid="asf-group-down">{t('asf.down')}</Button>
                </Group>
              )}
            </Stack>
          </Card>
        );
      })}

      {editable && (
        <Group gap="sm" wrap="wrap">
          <Button variant="light" data-testid="asf-add-group"
            onClick={() => change((d) => ({ ...d, groups: [...d.groups, { code: `N${d.groups.length + 1}`, name: t('asf.newGroupName'), indicators: [{ code: `N${d.groups.length + 1}.1`, text: t('asf.newIndicatorText'), type: 'yes_no', mandatory: false, provisional: true, scoring: { kind: 'yes', points: 1 }, evidence: null }] }] }))}>
            {t('asf.addGroup')}
          </Button>
          <Button onClick={() => save.mutate(def, { onSuccess: () => { setDirty(false); notifications.show({ color: 'green', message: t('asf.saved') }); } })} loading={save.isPending} data-testid="asf-save">{t('asf.save')}</Button>
          <Button color="green" onClick={() => publish.mutate(def)} loading={publish.isPending} data-testid="asf-publish">{t('asf.publish')}</Button>
          {dirty && <Text size="sm" c="orange" data-testid="asf-dirty">{t('asf.unsaved')}</Text>}
        </Group>
      )}
    </Stack>
  );
}

function IndicatorRow({ x, editable, first, last, onChange, onMove, onRetire }: {
  x: IndicatorDef; editable: boolean; first: boolean; last: boolean;
  onChange: (f: (x: IndicatorDef) => IndicatorDef) => void; onMove: (by: -1 | 1) => void; onRetire: () => void;
}) {
  const { t } = useI18n();
  const s = x.scoring;
  const parts = !!x.parts?.length;
  return (
    <Card withBorder padding="sm" data-testid="asf-indicator" data-code={x.code}>
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label={t('asf.code')} w={90} value={x.code} disabled={!editable} onChange={(e) => { const code = e.currentTarget.value; onChange((y) => ({ ...y, code })); }} data-testid="asf-code" />
          <Select label={t('asf.type')} w={170} data={INDICATOR_TYPES.map((v) => ({ value: v, label: t(`asf.type.${v}`) }))} value={x.type} allowDeselect={false} disabled={!editable || parts}
            onChange={(v) => v && onChange((y) => ({ ...y, type: v as IndicatorType, scoring: startScoring(SCORING_KINDS[v as IndicatorType][0]!) }))} data-testid="asf-type" />
          <Select label={t('asf.scoring')} w={170} data={SCORING_KINDS[x.type].map((k) => ({ value: k, label: t(`asf.scoring.${k}`) }))} value={s.kind} allowDeselect={false} disabled={!editable || parts}
            onChange={(k) => k && onChange((y) => ({ ...y, scoring: startScoring(k as ScoringRule['kind']) }))} data-testid="asf-scoring" />
          {(s.kind === 'yes' || s.kind === 'evidence') && (
            <NumberInput label={t('asf.points')} w={100} min={0} value={s.points} disabled={!editable} onChange={(p) => onChange((y) => ({ ...y, scoring: { kind: s.kind, points: Number(p) || 0 } }))} data-testid="asf-points" />
          )}
          <NumberInput label={t('asf.max')} w={110} min={0} value={x.max ?? ''} placeholder={String(indicatorMax(x))} disabled={!editable} onChange={(m) => onChange((y) => ({ ...y, max: m === '' ? undefined : Number(m) }))} data-testid="asf-max" />
          <Checkbox label={t('asf.mandatory')} checked={x.mandatory} disabled={!editable} onChange={(e) => { const mandatory = e.currentTarget.checked; onChange((y) => ({ ...y, mandatory })); }} data-testid="asf-mandatory" />
          <Checkbox label={t('asf.provisional')} checked={x.provisional} disabled={!editable} onChange={(e) => { const provisional = e.currentTarget.checked; onChange((y) => ({ ...y, provisional })); }} data-testid="asf-provisional" />
        </Group>
        <Textarea label={t('asf.text')} autosize minRows={1} value={x.text} disabled={!editable} onChange={(e) => { const text = e.currentTarget.value; onChange((y) => ({ ...y, text })); }} data-testid="asf-text" />
        <TextInput label={t('asf.evidence')} value={x.evidence ?? ''} disabled={!editable} onChange={(e) => { const evidence = e.currentTarget.value; onChange((y) => ({ ...y, evidence: evidence || null })); }} data-testid="asf-evidence" />
        {parts && <Text size="xs" c="dimmed">{t('asf.parts', { n: x.parts!.length })}</Text>}
        {s.kind === 'choice' && (
          <Stack gap={4} data-testid="asf-options">
            {s.options.map((o, oi) => (
              <Group key={keyOf(o)} gap="xs" wrap="nowrap">
                <TextInput aria-label={t('asf.optionLabel')} placeholder={t('asf.optionLabel')} style={{ flex: 1 }} value={o.label} disabled={!editable}
                  onChange={(e) => { const label = e.currentTarget.value; onChange((y) => ({ ...y, scoring: { kind: 'choice', options: s.options.map((p, i) => (i === oi ? keep(p, { ...p, label }) : p)) } })); }} data-testid="asf-option-label" />
                <NumberInput aria-label={t('asf.points')} w={90} min={0} value={o.points} disabled={!editable}
                  onChange={(p) => onChange((y) => ({ ...y, scoring: { kind: 'choice', options: s.options.map((q, i) => (i === oi ? keep(q, { ...q, points: Number(p) || 0 }) : q)) } }))} data-testid="asf-option-points" />
                {editable && s.options.length > 2 && (
                  <ActionIcon variant="subtle" color="red" aria-label={t('asf.removeOption')} onClick={() => onChange((y) => ({ ...y, scoring: { kind: 'choice', options: s.options.filter((_, i) => i !== oi) } }))} data-testid="asf-option-remove">×</ActionIcon>
                )}
              </Group>
            ))}
            {editable && (
              <div><Button size="compact-xs" variant="subtle" data-testid="asf-option-add"
                onClick={() => onChange((y) => ({ ...y, scoring: { kind: 'choice', options: [...s.options, { value: freeValue(s.options.map((o) => o.value)), label: t('asf.newOption'), points: 0 }] } }))}>{t('asf.addOption')}</Button></div>
            )}
          </Stack>
        )}
        {s.kind === 'bands' && (
          <Stack gap={4} data-testid="asf-bands">
            {s.bands.map((b, bi) => (
              <Group key={keyOf(b)} gap="xs" wrap="nowrap">
                <NumberInput label={bi === 0 ? t('asf.bandFrom') : undefined} aria-label={t('asf.bandFrom')} w={110} value={b.from} disabled={!editable}
                  onChange={(f) => onChange((y) => ({ ...y, scoring: { kind: 'bands', bands: s.bands.map((c, i) => (i === bi ? keep(c, { ...c, from: Number(f) || 0 }) : c)) } }))} data-testid="asf-band-from" />
                <NumberInput label={bi === 0 ? t('asf.points') : undefined} aria-label={t('asf.points')} w={90} min={0} value={b.points} disabled={!editable}
                  onChange={(p) => onChange((y) => ({ ...y, scoring: { kind: 'bands', bands: s.bands.map((c, i) => (i === bi ? keep(c, { ...c, points: Number(p) || 0 }) : c)) } }))} data-testid="asf-band-points" />
              </Group>
            ))}
            {editable && (
              <div><Button size="compact-xs" variant="subtle" data-testid="asf-band-add"
                onClick={() => onChange((y) => ({ ...y, scoring: { kind: 'bands', bands: [...s.bands, { from: (s.bands.at(-1)?.from ?? 0) + 10, points: (s.bands.at(-1)?.points ?? 0) + 1 }] } }))}>{t('asf.addBand')}</Button></div>
            )}
          </Stack>
        )}
        {editable && (
          <Group gap="xs">
            <Button size="compact-xs" variant="subtle" disabled={first} onClick={() => onMove(-1)} data-testid="asf-up">{t('asf.up')}</Button>
            <Button size="compact-xs" variant="subtle" disabled={last} onClick={() => onMove(1)} data-testid="asf-down">{t('asf.down')}</Button>
            <Button size="compact-xs" variant="subtle" color="red" onClick={onRetire} data-testid="asf-retire">{t('asf.retire')}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

const freeValue = (used: string[]) => {
  for (let n = used.length; ; n++) { const v = `o${n + 1}`; if (!used.includes(v)) return v; }
};
