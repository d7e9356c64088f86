import { ActionIcon, Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { LevelRule, ResultRule } from '../../../../contracts/assessments';
import { useI18n } from '../../i18n';
import { keep, keyOf } from './FrameworkGroupEditor';

/** What a rule starts as when its kind is changed: the levels of Quyết định 4725, or the pass rule of Thông tư 18/2023. */
function startRule(kind: ResultRule['kind']): ResultRule {
  return kind === 'levels'
    ? {
      kind: 'levels', per: 'group', outOf: 100, levels: [
        { code: '1', label: 'Chưa đáp ứng', min: null, inclusive: true, requiresMandatory: false },
        { code: '2', label: 'Đáp ứng cơ bản', min: 50, inclusive: true, requiresMandatory: true },
        { code: '3', label: 'Đáp ứng tốt', min: 75, inclusive: false, requiresMandatory: true },
      ],
    }
    : { kind: 'pass', minPercent: 80, minMet: null, mandatory: 'all', passLabel: 'Đạt', failLabel: 'Không đạt' };
}
const num = (v: string | number) => (v === '' ? null : Number(v));
/** A level's field with a problem to say under it. */
const WIDE = { base: '100%', xs: 300 };

/**
 * The result of an assessment: levels and their thresholds (per group or over the whole, each
 * inclusive or not, some only with every mandatory condition met), or a pass rule (a share of the
 * criteria, a number of them, and all or a number of the mandatory ones).
 */
export function ResultEditor({ rule, editable, onChange, errorAt }: { rule: ResultRule; editable: boolean; onChange: (r: ResultRule) => void; errorAt: ErrorAt }) {
  const { t } = useI18n();
  return (
    <Card withBorder data-testid="asf-result">
      <Stack gap="sm">
        <Title order={3} size="h5">{t('asf.result')}</Title>
        <Select label={t('asf.result.kind')} w={{ base: '100%', sm: 320 }} allowDeselect={false} disabled={!editable} value={rule.kind}
          data={[{ value: 'levels', label: t('asf.result.levels') }, { value: 'pass', label: t('asf.result.pass') }]}
          onChange={(k) => k && k !== rule.kind && onChange(startRule(k as ResultRule['kind']))} data-testid="asf-result-kind" />
        {rule.kind === 'levels' ? <Levels rule={rule} editable={editable} onChange={onChange} errorAt={errorAt} /> : <Pass rule={rule} editable={editable} onChange={onChange} />}
      </Stack>
    </Card>
  );
}

/** A field's problem by its path in the definition (`result.levels.1.min`), in the UI language; undefined when it has none. */
export type ErrorAt = (path: string) => string | undefined;

type LevelsRule = Extract<ResultRule, { kind: 'levels' }>;
function Levels({ rule, editable, onChange, errorAt }: { rule: LevelsRule; editable: boolean; onChange: (r: ResultRule) => void; errorAt: ErrorAt }) {
  const { t } = useI18n();
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select label={t('asf.result.per')} w={{ base: '100%', sm: 260 }} allowDeselect={false} disabled={!editable} value={rule.per}
          data={[{ value: 'group', label: t('asf.result.per.group') }, { value: 'overall', label: t('asf.result.per.overall') }]}
          onChange={(p) => p && onChange({ ...rule, per: p as LevelsRule['per'] })} data-testid="asf-result-per" />
        <NumberInput label={t('asf.result.outOf')} w={140} min={1} value={rule.outOf} disabled={!editable} onChange={(v) => onChange({ ...rule, outOf: Number(v) || 0 })} data-testid="asf-result-outof" />
      </Group>
      <LevelsEditor levels={rule.levels} scale={rule.outOf} editable={editable} path="result.levels" errorAt={errorAt} onChange={(levels) => onChange({ ...rule, levels })} />
    </Stack>
  );
}

/**
 * Levels and their thresholds on a scale: those of the result (per group or overall, out of
 * `outOf`) and those of an indicator's own points (its sub-scale, out of its maximum). The lowest
 * has no threshold; each other is reached from its threshold (inclusive or not) and, where
 * `mandatory` is offered, only with every mandatory condition met. `minimum`: how many levels may
 * not be removed. A level's problems show on their fields (`errorAt(path.i.min)` …).
 */
export function LevelsEditor({ levels, scale, editable, path, errorAt, onChange, mandatory = true, minimum = 2 }: {
  levels: LevelRule[]; scale: number; editable: boolean; path: string; errorAt: ErrorAt; onChange: (levels: LevelRule[]) => void;
  mandatory?: boolean; minimum?: number;
}) {
  const { t } = useI18n();
  const setLevel = (li: number, f: (l: LevelRule) => LevelRule) => onChange(levels.map((l, i) => (i === li ? keep(l, f(l)) : l)));
  return (
    <Stack gap="xs" data-testid="asf-levels">
      <Text size="xs" c="dimmed">{t('asf.levels.help')}</Text>
      {levels.map((l, li) => {
        // a level's problems, each on its field (a field with one widens to say it)
        const at = { code: errorAt(`${path}.${li}.code`), label: errorAt(`${path}.${li}.label`), min: errorAt(`${path}.${li}.min`) };
        return (
          <Card key={keyOf(l)} withBorder padding="xs" data-testid="asf-level">
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput label={t('asf.level.code')} w={at.code ? WIDE : 80} value={l.code} disabled={!editable} error={at.code}
                onChange={(e) => { const code = e.currentTarget.value; setLevel(li, (x) => ({ ...x, code })); }} data-testid="asf-level-code" />
              <TextInput label={t('asf.level.label')} style={{ flex: 1, minWidth: 160 }} value={l.label} disabled={!editable} error={at.label}
                onChange={(e) => { const label = e.currentTarget.value; setLevel(li, (x) => ({ ...x, label })); }} data-testid="asf-level-label" />
              {li === 0
                ? <Stack gap={0} pb={6}>
                    <Text size="sm" c="dimmed" data-testid="asf-level-lowest">{t('asf.level.lowest')}</Text>
                    {at.min && <Text size="xs" c="red" data-testid="asf-level-lowest-error">{at.min}</Text>}
                  </Stack>
                // not clamped: a threshold past the scale stays as typed, and its problem shows on it as the server would answer
                : <NumberInput label={t('asf.level.min')} w={at.min ? WIDE : 110} min={0} max={scale} clampBehavior="none" value={l.min ?? ''} disabled={!editable}
                    error={at.min} onChange={(v) => setLevel(li, (x) => ({ ...x, min: num(v) }))} data-testid="asf-level-min" />}
              {li > 0 && <Checkbox label={t('asf.level.inclusive')} checked={l.inclusive} disabled={!editable} onChange={(e) => { const inclusive = e.currentTarget.checked; setLevel(li, (x) => ({ ...x, inclusive })); }} data-testid="asf-level-inclusive" />}
              {li > 0 && mandatory && <Checkbox label={t('asf.level.requiresMandatory')} checked={l.requiresMandatory} disabled={!editable} onChange={(e) => { const requiresMandatory = e.currentTarget.checked; setLevel(li, (x) => ({ ...x, requiresMandatory })); }} data-testid="asf-level-mandatory" />}
              {editable && levels.length > minimum && li > 0 && (
                <ActionIcon variant="subtle" color="red" aria-label={t('asf.level.remove')} onClick={() => onChange(levels.filter((_, i) => i !== li))} data-testid="asf-level-remove">×</ActionIcon>
              )}
            </Group>
          </Card>
        );
      })}
      {editable && (
        <div><Button size="compact-xs" variant="subtle" data-testid="asf-level-add"
          onClick={() => {
            const last = levels.at(-1)!;
            const min = Math.min(scale, (last.min ?? 0) + Math.max(1, Math.round(scale / 10)));
            onChange([...levels, { code: String(levels.length + 1), label: t('asf.level.new'), min, inclusive: true, requiresMandatory: mandatory && last.requiresMandatory }]);
          }}>{t('asf.level.add')}</Button></div>
      )}
    </Stack>
  );
}

type PassRule = Extract<ResultRule, { kind: 'pass' }>;
function Pass({ rule, editable, onChange }: { rule: PassRule; editable: boolean; onChange: (r: ResultRule) => void }) {
  const { t } = useI18n();
  const all = rule.mandatory === 'all';
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">{t('asf.pass.help')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput label={t('asf.pass.percent')} min={0} max={100} suffix=" %" value={rule.minPercent ?? ''} disabled={!editable} onChange={(v) => onChange({ ...rule, minPercent: num(v) })} data-testid="asf-pass-percent" />
        <NumberInput label={t('asf.pass.count')} min={0} allowDecimal={false} value={rule.minMet ?? ''} disabled={!editable} onChange={(v) => onChange({ ...rule, minMet: num(v) })} data-testid="asf-pass-count" />
        <Stack gap={4}>
          <Checkbox label={t('asf.pass.allMandatory')} checked={all} disabled={!editable} onChange={(e) => onChange({ ...rule, mandatory: e.currentTarget.checked ? 'all' : 0 })} data-testid="asf-pass-all-mandatory" />
          {!all && <NumberInput aria-label={t('asf.pass.mandatory')} label={t('asf.pass.mandatory')} min={0} allowDecimal={false} value={typeof rule.mandatory === 'number' ? rule.mandatory : 0} disabled={!editable} onChange={(v) => onChange({ ...rule, mandatory: Number(v) || 0 })} data-testid="asf-pass-mandatory" />}
        </Stack>
        <TextInput label={t('asf.pass.passLabel')} value={rule.passLabel} disabled={!editable} onChange={(e) => onChange({ ...rule, passLabel: e.currentTarget.value })} data-testid="asf-pass-label" />
        <TextInput label={t('asf.pass.failLabel')} value={rule.failLabel} disabled={!editable} onChange={(e) => onChange({ ...rule, failLabel: e.currentTarget.value })} data-testid="asf-fail-label" />
      </SimpleGrid>
    </Stack>
  );
}
