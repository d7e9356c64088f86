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

/**
 * The result of an assessment: levels and their thresholds (per group or over the whole, each
 * inclusive or not, some only with every mandatory condition met), or a pass rule (a share of the
 * criteria, a number of them, and all or a number of the mandatory ones).
 */
export function ResultEditor({ rule, editable, onChange }: { rule: ResultRule; editable: boolean; onChange: (r: ResultRule) => void }) {
  const { t } = useI18n();
  return (
    <Card withBorder data-testid="asf-result">
      <Stack gap="sm">
        <Title order={3} size="h5">{t('asf.result')}</Title>
        <Select label={t('asf.result.kind')} w={{ base: '100%', sm: 320 }} allowDeselect={false} disabled={!editable} value={rule.kind}
          data={[{ value: 'levels', label: t('asf.result.levels') }, { value: 'pass', label: t('asf.result.pass') }]}
          onChange={(k) => k && k !== rule.kind && onChange(startRule(k as ResultRule['kind']))} data-testid="asf-result-kind" />
        {rule.kind === 'levels' ? <Levels rule={rule} editable={editable} onChange={onChange} /> : <Pass rule={rule} editable={editable} onChange={onChange} />}
      </Stack>
    </Card>
  );
}

type LevelsRule = Extract<ResultRule, { kind: 'levels' }>;
function Levels({ rule, editable, onChange }: { rule: LevelsRule; editable: boolean; onChange: (r: ResultRule) => void }) {
  const { t } = useI18n();
  const setLevel = (li: number, f: (l: LevelRule) => LevelRule) => onChange({ ...rule, levels: rule.levels.map((l, i) => (i === li ? keep(l, f(l)) : l)) });
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select label={t('asf.result.per')} w={{ base: '100%', sm: 260 }} allowDeselect={false} disabled={!editable} value={rule.per}
          data={[{ value: 'group', label: t('asf.result.per.group') }, { value: 'overall', label: t('asf.result.per.overall') }]}
          onChange={(p) => p && onChange({ ...rule, per: p as LevelsRule['per'] })} data-testid="asf-result-per" />
        <NumberInput label={t('asf.result.outOf')} w={140} min={1} value={rule.outOf} disabled={!editable} onChange={(v) => onChange({ ...rule, outOf: Number(v) || 0 })} data-testid="asf-result-outof" />
      </Group>
      <Text size="xs" c="dimmed">{t('asf.levels.help')}</Text>
      {rule.levels.map((l, li) => (
        <Card key={keyOf(l)} withBorder padding="xs" data-testid="asf-level">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput label={t('asf.level.code')} w={80} value={l.code} disabled={!editable} onChange={(e) => { const code = e.currentTarget.value; setLevel(li, (x) => ({ ...x, code })); }} data-testid="asf-level-code" />
            <TextInput label={t('asf.level.label')} style={{ flex: 1, minWidth: 160 }} value={l.label} disabled={!editable} onChange={(e) => { const label = e.currentTarget.value; setLevel(li, (x) => ({ ...x, label })); }} data-testid="asf-level-label" />
            {li === 0
              ? <Text size="sm" c="dimmed" pb={6} data-testid="asf-level-lowest">{t('asf.level.lowest')}</Text>
              : <NumberInput label={t('asf.level.min')} w={110} min={0} max={rule.outOf} value={l.min ?? ''} disabled={!editable} onChange={(v) => setLevel(li, (x) => ({ ...x, min: num(v) }))} data-testid="asf-level-min" />}
            {li > 0 && <Checkbox label={t('asf.level.inclusive')} checked={l.inclusive} disabled={!editable} onChange={(e) => { const inclusive = e.currentTarget.checked; setLevel(li, (x) => ({ ...x, inclusive })); }} data-testid="asf-level-inclusive" />}
            {li > 0 && <Checkbox label={t('asf.level.requiresMandatory')} checked={l.requiresMandatory} disabled={!editable} onChange={(e) => { const requiresMandatory = e.currentTarget.checked; setLevel(li, (x) => ({ ...x, requiresMandatory })); }} data-testid="asf-level-mandatory" />}
            {editable && rule.levels.length > 2 && li > 0 && (
              <ActionIcon variant="subtle" color="red" aria-label={t('asf.level.remove')} onClick={() => onChange({ ...rule, levels: rule.levels.filter((_, i) => i !== li) })} data-testid="asf-level-remove">×</ActionIcon>
            )}
          </Group>
        </Card>
      ))}
      {editable && (
        <div><Button size="compact-xs" variant="subtle" data-testid="asf-level-add"
          onClick={() => {
            const last = rule.levels.at(-1)!;
            const min = Math.min(rule.outOf, (last.min ?? 0) + 10);
            onChange({ ...rule, levels: [...rule.levels, { code: String(rule.levels.length + 1), label: t('asf.level.new'), min, inclusive: true, requiresMandatory: last.requiresMandatory }] });
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
