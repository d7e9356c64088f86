import { ActionIcon, Button, Card, Checkbox, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { FrameworkDefinition, GroupDef, IndicatorDef, IndicatorType, ScoringRule } from '../../../../contracts/assessments';
import { INDICATOR_TYPES } from '../../../../contracts/assessments';
import { groupMax, indicatorMax } from '../../../../contracts/assessment-scoring';
import { useI18n, type TFunction } from '../../i18n';
import { LevelsEditor, type ErrorAt } from './FrameworkResultEditor';

/**
 * A stable key per group, indicator, choice, band and level while they are edited (codes change as
 * they are typed): an edited copy carries the key of the object it replaces.
 */
const keys = new WeakMap<object, string>();
let lastKey = 0;
export const keyOf = (o: object) => {
  let k = keys.get(o);
  if (!k) { k = `k${++lastKey}`; keys.set(o, k); }
  return k;
};
export const keep = <T extends object>(old: T, next: T): T => { keys.set(next, keyOf(old)); return next; };

export const move = <T,>(xs: T[], i: number, by: -1 | 1): T[] => {
  const j = i + by;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
};
/** Replace the i-th item through f, keeping its key. */
const mapAt = <T extends object>(xs: T[], i: number, f: (x: T) => T): T[] => xs.map((x, n) => (n === i ? keep(x, f(x)) : x));

/** Every code used in the definition: groups, sub-groups, indicators and their parts. */
function usedCodes(def: FrameworkDefinition): Set<string> {
  const used = new Set<string>();
  const walk = (i: IndicatorDef) => { used.add(i.code); i.parts?.forEach(walk); };
  const group = (x: GroupDef) => { used.add(x.code); x.indicators.forEach(walk); x.groups?.forEach(group); };
  def.groups.forEach(group);
  return used;
}
/** The next free code under a parent (1.6 → 1.7; a part 1.3 → 1.3.a), unique in the whole definition. */
export function nextCode(def: FrameworkDefinition, parent: string, from: number, letters = false): string {
  const used = usedCodes(def);
  for (let n = from; ; n++) {
    const c = `${parent}.${letters ? String.fromCharCode(96 + (n % 26 || 26)) + (n > 26 ? Math.floor((n - 1) / 26) : '') : n}`;
    if (!used.has(c)) return c;
  }
}

export const newIndicator = (code: string, t: TFunction): IndicatorDef =>
  ({ code, text: t('asf.newIndicatorText'), type: 'yes_no', mandatory: false, provisional: true, scoring: { kind: 'yes', points: 1 }, evidence: null });

/** The scoring a type starts with when an indicator's type is changed (each type's rules: SCORING_OF_TYPE of the scoring module). */
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
 * A group or a sub-group (any depth): its code, name and scale, its indicators, its sub-groups, and
 * the buttons that add, move and remove them.
 */
export function GroupEditor({ g, def, editable, depth, first, last, path, errorAt, onChange, onMove, onRemove }: {
  g: GroupDef; def: FrameworkDefinition; editable: boolean; depth: number; first: boolean; last: boolean;
  /** where the group is in the definition (`groups.0`, `groups.0.groups.1`), for its fields' problems */
  path: string; errorAt: ErrorAt;
  onChange: (f: (g: GroupDef) => GroupDef) => void; onMove: (by: -1 | 1) => void; onRemove: (() => void) | null;
}) {
  const { t } = useI18n();
  const sum = g.indicators.reduce((n, x) => n + indicatorMax(x), 0) + (g.groups ?? []).reduce((n, s) => n + groupMax(s), 0);
  const sub = depth > 0;
  return (
    <Card withBorder data-testid={sub ? 'asf-subgroup' : 'asf-group'} data-code={g.code} bg={sub ? 'gray.0' : undefined} padding={sub ? 'sm' : 'md'}>
      <Stack gap="sm">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label={t(sub ? 'asf.subgroupCode' : 'asf.groupCode')} w={90} value={g.code} disabled={!editable} onChange={(e) => { const code = e.currentTarget.value; onChange((x) => ({ ...x, code })); }} data-testid="asf-group-code" />
          <TextInput label={t(sub ? 'asf.subgroupName' : 'asf.groupName')} style={{ flex: 1, minWidth: 200 }} value={g.name} disabled={!editable} onChange={(e) => { const name = e.currentTarget.value; onChange((x) => ({ ...x, name })); }} data-testid="asf-group-name" />
          <NumberInput label={t('asf.groupMax')} w={120} value={g.max ?? ''} min={0} disabled={!editable} onChange={(m) => onChange((x) => ({ ...x, max: m === '' ? undefined : Number(m) }))} data-testid="asf-group-max" />
        </Group>
        <Text size="xs" c={g.max !== undefined && Math.abs(sum - g.max) > 1e-9 ? 'red' : 'dimmed'} data-testid="asf-group-sum">{t('asf.groupSum', { sum: Math.round(sum * 100) / 100, max: g.max ?? Math.round(sum * 100) / 100 })}</Text>
        {g.indicators.map((x, ii) => (
          <IndicatorRow
            key={keyOf(x)}
            x={x}
            def={def}
            editable={editable}
            first={ii === 0}
            last={ii === g.indicators.length - 1}
            path={`${path}.indicators.${ii}`}
            errorAt={errorAt}
            onChange={(f) => onChange((y) => ({ ...y, indicators: mapAt(y.indicators, ii, f) }))}
            onMove={(by) => onChange((y) => ({ ...y, indicators: move(y.indicators, ii, by) }))}
            onRetire={() => onChange((y) => ({ ...y, indicators: y.indicators.filter((_, i) => i !== ii) }))}
          />
        ))}
        {(g.groups ?? []).map((s, si) => (
          <GroupEditor
            key={keyOf(s)}
            g={s}
            def={def}
            editable={editable}
            depth={depth + 1}
            first={si === 0}
            last={si === (g.groups?.length ?? 0) - 1}
            path={`${path}.groups.${si}`}
            errorAt={errorAt}
            onChange={(f) => onChange((y) => ({ ...y, groups: mapAt(y.groups ?? [], si, f) }))}
            onMove={(by) => onChange((y) => ({ ...y, groups: move(y.groups ?? [], si, by) }))}
            onRemove={() => onChange((y) => { const groups = (y.groups ?? []).filter((_, i) => i !== si); return { ...y, groups: groups.length ? groups : undefined }; })}
          />
        ))}
        {editable && (
          <Group gap="xs" wrap="wrap">
            <Button variant="light" size="xs" data-testid="asf-add-indicator"
              onClick={() => onChange((y) => ({ ...y, indicators: [...y.indicators, newIndicator(nextCode(def, y.code, y.indicators.length + 1), t)] }))}>
              {t('asf.addIndicator')}
            </Button>
            <Button variant="light" size="xs" data-testid="asf-add-subgroup"
              onClick={() => onChange((y) => {
                const code = nextCode(def, y.code, y.indicators.length + (y.groups?.length ?? 0) + 1);
                return { ...y, groups: [...(y.groups ?? []), { code, name: t('asf.newSubgroupName'), indicators: [newIndicator(`${code}.1`, t)] }] };
              })}>
              {t('asf.addSubgroup')}
            </Button>
            <Button variant="subtle" size="xs" disabled={first} onClick={() => onMove(-1)} data-testid="asf-group-up">{t('asf.up')}</Button>
            <Button variant="subtle" size="xs" disabled={last} onClick={() => onMove(1)} data-testid="asf-group-down">{t('asf.down')}</Button>
            {onRemove && <Button variant="subtle" size="xs" color="red" onClick={onRemove} data-testid="asf-group-remove">{t('asf.removeGroup')}</Button>}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** An indicator, or a part of one (a sub-scale): every field, its choices or bands, its parts. */
function IndicatorRow({ x, def, editable, first, last, part = false, path, errorAt, onChange, onMove, onRetire }: {
  x: IndicatorDef; def: FrameworkDefinition; editable: boolean; first: boolean; last: boolean; part?: boolean; path: string; errorAt: ErrorAt;
  onChange: (f: (x: IndicatorDef) => IndicatorDef) => void; onMove: (by: -1 | 1) => void; onRetire: () => void;
}) {
  const { t } = useI18n();
  const s = x.scoring;
  const parts = !!x.parts?.length;
  const setScoring = (sc: ScoringRule) => onChange((y) => ({ ...y, scoring: sc }));
  return (
    <Card withBorder padding="sm" data-testid={part ? 'asf-part' : 'asf-indicator'} data-code={x.code}>
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label={t('asf.code')} w={90} value={x.code} disabled={!editable} onChange={(e) => { const code = e.currentTarget.value; onChange((y) => ({ ...y, code })); }} data-testid="asf-code" />
          <Select label={t('asf.type')} w={170} data={INDICATOR_TYPES.map((v) => ({ value: v, label: t(`asf.type.${v}`) }))} value={x.type} allowDeselect={false} disabled={!editable || parts}
            onChange={(v) => v && onChange((y) => ({ ...y, type: v as IndicatorType, scoring: startScoring(SCORING_KINDS[v as IndicatorType][0]!) }))} data-testid="asf-type" />
          <Select label={t('asf.scoring')} w={170} data={SCORING_KINDS[x.type].map((k) => ({ value: k, label: t(`asf.scoring.${k}`) }))} value={s.kind} allowDeselect={false} disabled={!editable || parts}
            onChange={(k) => k && setScoring(startScoring(k as ScoringRule['kind']))} data-testid="asf-scoring" />
          {(s.kind === 'yes' || s.kind === 'evidence') && !parts && (
            <NumberInput label={t('asf.points')} w={100} min={0} value={s.points} disabled={!editable} onChange={(p) => setScoring({ kind: s.kind, points: Number(p) || 0 })} data-testid="asf-points" />
          )}
          <NumberInput label={t('asf.max')} w={110} min={0} value={x.max ?? ''} placeholder={String(indicatorMax(x))} disabled={!editable} onChange={(m) => onChange((y) => ({ ...y, max: m === '' ? undefined : Number(m) }))} data-testid="asf-max" />
          <Checkbox label={t('asf.mandatory')} checked={x.mandatory} disabled={!editable} onChange={(e) => { const mandatory = e.currentTarget.checked; onChange((y) => ({ ...y, mandatory })); }} data-testid="asf-mandatory" />
          <Checkbox label={t('asf.provisional')} checked={x.provisional} disabled={!editable} onChange={(e) => { const provisional = e.currentTarget.checked; onChange((y) => ({ ...y, provisional })); }} data-testid="asf-provisional" />
        </Group>
        <Textarea label={t('asf.text')} autosize minRows={1} value={x.text} disabled={!editable} onChange={(e) => { const text = e.currentTarget.value; onChange((y) => ({ ...y, text })); }} data-testid="asf-text" />
        <TextInput label={t('asf.evidence')} value={x.evidence ?? ''} disabled={!editable} onChange={(e) => { const evidence = e.currentTarget.value; onChange((y) => ({ ...y, evidence: evidence || null })); }} data-testid="asf-evidence" />
        {s.kind === 'choice' && !parts && (
          <Stack gap={4} data-testid="asf-options">
            {s.options.map((o, oi) => (
              <Group key={keyOf(o)} gap="xs" wrap="nowrap">
                <TextInput aria-label={t('asf.optionLabel')} placeholder={t('asf.optionLabel')} style={{ flex: 1 }} value={o.label} disabled={!editable}
                  onChange={(e) => { const label = e.currentTarget.value; setScoring({ kind: 'choice', options: mapAt(s.options, oi, (p) => ({ ...p, label })) }); }} data-testid="asf-option-label" />
                <NumberInput aria-label={t('asf.points')} w={90} min={0} value={o.points} disabled={!editable}
                  onChange={(p) => setScoring({ kind: 'choice', options: mapAt(s.options, oi, (q) => ({ ...q, points: Number(p) || 0 })) })} data-testid="asf-option-points" />
                {editable && s.options.length > 2 && (
                  <ActionIcon variant="subtle" color="red" aria-label={t('asf.removeOption')} onClick={() => setScoring({ kind: 'choice', options: s.options.filter((_, i) => i !== oi) })} data-testid="asf-option-remove">×</ActionIcon>
                )}
              </Group>
            ))}
            {editable && (
              <div><Button size="compact-xs" variant="subtle" data-testid="asf-option-add"
                onClick={() => setScoring({ kind: 'choice', options: [...s.options, { value: freeValue(s.options.map((o) => o.value)), label: t('asf.newOption'), points: 0 }] })}>{t('asf.addOption')}</Button></div>
            )}
          </Stack>
        )}
        {s.kind === 'bands' && !parts && (
          <Stack gap={4} data-testid="asf-bands">
            {s.bands.map((b, bi) => (
              <Group key={keyOf(b)} gap="xs" wrap="nowrap">
                <NumberInput label={bi === 0 ? t('asf.bandFrom') : undefined} aria-label={t('asf.bandFrom')} w={110} value={b.from} disabled={!editable}
                  onChange={(f) => setScoring({ kind: 'bands', bands: mapAt(s.bands, bi, (c) => ({ ...c, from: Number(f) || 0 })) })} data-testid="asf-band-from" />
                <NumberInput label={bi === 0 ? t('asf.points') : undefined} aria-label={t('asf.points')} w={90} min={0} value={b.points} disabled={!editable}
                  onChange={(p) => setScoring({ kind: 'bands', bands: mapAt(s.bands, bi, (c) => ({ ...c, points: Number(p) || 0 })) })} data-testid="asf-band-points" />
                {editable && s.bands.length > 1 && (
                  <ActionIcon variant="subtle" color="red" aria-label={t('asf.removeBand')} onClick={() => setScoring({ kind: 'bands', bands: s.bands.filter((_, i) => i !== bi) })} data-testid="asf-band-remove">×</ActionIcon>
                )}
              </Group>
            ))}
            {editable && (
              <div><Button size="compact-xs" variant="subtle" data-testid="asf-band-add"
                onClick={() => setScoring({ kind: 'bands', bands: [...s.bands, { from: (s.bands.at(-1)?.from ?? 0) + 10, points: (s.bands.at(-1)?.points ?? 0) + 1 }] })}>{t('asf.addBand')}</Button></div>
            )}
          </Stack>
        )}
        <IndicatorLevels x={x} editable={editable} path={`${path}.levels`} errorAt={errorAt} onChange={(levels) => onChange((y) => ({ ...y, levels }))} />
        {parts && (
          <Stack gap="xs" pl={{ base: 0, sm: 'md' }} data-testid="asf-parts">
            <Text size="xs" c="dimmed">{t('asf.parts', { n: x.parts!.length })}</Text>
            {x.parts!.map((p, pi) => (
              <IndicatorRow
                key={keyOf(p)}
                x={p}
                def={def}
                part
                editable={editable}
                first={pi === 0}
                last={pi === x.parts!.length - 1}
                path={`${path}.parts.${pi}`}
                errorAt={errorAt}
                onChange={(f) => onChange((y) => ({ ...y, parts: mapAt(y.parts ?? [], pi, f) }))}
                onMove={(by) => onChange((y) => ({ ...y, parts: move(y.parts ?? [], pi, by) }))}
                onRetire={() => onChange((y) => { const ps = (y.parts ?? []).filter((_, i) => i !== pi); return { ...y, parts: ps.length ? ps : undefined }; })}
              />
            ))}
          </Stack>
        )}
        {editable && (
          <Group gap="xs" wrap="wrap">
            <Button size="compact-xs" variant="subtle" disabled={first} onClick={() => onMove(-1)} data-testid="asf-up">{t('asf.up')}</Button>
            <Button size="compact-xs" variant="subtle" disabled={last} onClick={() => onMove(1)} data-testid="asf-down">{t('asf.down')}</Button>
            {!part && (
              <Button size="compact-xs" variant="subtle" data-testid="asf-add-part"
                onClick={() => onChange((y) => ({ ...y, type: 'yes_no', scoring: y.parts?.length ? y.scoring : { kind: 'none' }, parts: [...(y.parts ?? []), newIndicator(nextCode(def, y.code, (y.parts?.length ?? 0) + 1, true), t)] }))}>
                {t('asf.addPart')}
              </Button>
            )}
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

/**
 * An indicator's own sub-scale: the levels of its points (Level 1/2/3), each from a threshold
 * within the indicator's maximum, shown beside its score on the self-assessment page. None until
 * added; removing them leaves the indicator without a sub-scale.
 */
function IndicatorLevels({ x, editable, path, errorAt, onChange }: {
  x: IndicatorDef; editable: boolean; path: string; errorAt: ErrorAt; onChange: (levels: IndicatorDef['levels']) => void;
}) {
  const { t } = useI18n();
  const max = indicatorMax(x);
  const levels = x.levels ?? [];
  if (!levels.length) {
    return editable
      ? <div><Button size="compact-xs" variant="subtle" onClick={() => onChange(startLevels(max, t))} data-testid="asf-ind-levels-add">{t('asf.indLevels.add')}</Button></div>
      : null;
  }
  return (
    <Card withBorder padding="xs" bg="gray.0" data-testid="asf-ind-levels">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" fw={500}>{t('asf.indLevels.title', { max })}</Text>
          {editable && <Button size="compact-xs" variant="subtle" color="red" onClick={() => onChange(undefined)} data-testid="asf-ind-levels-remove">{t('asf.indLevels.remove')}</Button>}
        </Group>
        <LevelsEditor levels={levels} scale={max} editable={editable} path={path} errorAt={errorAt} onChange={onChange} mandatory={false} />
      </Stack>
    </Card>
  );
}

/** Two levels to start a sub-scale from: the lowest, and one from half the indicator's maximum. */
const startLevels = (max: number, t: TFunction): NonNullable<IndicatorDef['levels']> => [
  { code: '1', label: t('asf.indLevels.level', { n: 1 }), min: null, inclusive: true, requiresMandatory: false },
  { code: '2', label: t('asf.indLevels.level', { n: 2 }), min: Math.round((max / 2) * 100) / 100, inclusive: true, requiresMandatory: false },
];
