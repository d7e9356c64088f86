import { ActionIcon, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { randomId } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { ACTIVITY_KIND_LIST, twinningApi, type ActivityKind, type PairDetail, type PlanItemInput, type SubKind } from '../../../../contracts/twinning';
import { call } from '../../api/call';
import { DraftFormFooter, ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { formatDateTime } from '../../lib/format';
import { useApiMutation } from '../../lib/query';
import { kindLabel, subKindLabel, subKindsOf } from './shared';

interface ItemValues {
  /** A stable React key for the row (not sent). */
  key: string;
  kind: string;
  subKind: string;
  description: string;
  month: string;
}
interface PlanValues extends Record<string, unknown> {
  items: ItemValues[];
  note: string;
}

const blank = (): ItemValues => ({ key: randomId(), kind: '', subKind: '', description: '', month: '' });
const isBlank = (i: ItemValues) => !i.kind && !i.subKind && !i.description.trim();

function toPlanValues(pair: PairDetail, year: number): PlanValues {
  const plan = pair.plans.find((p) => p.year === year);
  const items = (plan?.items ?? []).map((i) => ({ key: randomId(), kind: i.kind, subKind: i.subKind, description: i.description, month: i.month ? String(i.month) : '' }));
  return { items: items.length ? items : [blank()], note: plan?.note ?? '' };
}

function PlanEditor({ pair, year, onDone }: { pair: PairDetail; year: number; onDone: () => void }) {
  const { t } = useI18n();
  const initial = useMemo(() => toPlanValues(pair, year), [pair, year]);
  // an empty row is ignored; a started one needs its kind, content and description
  const schema = useMemo(
    () =>
      z.object({ items: z.array(z.object({ kind: z.string(), subKind: z.string(), description: z.string() })) }).superRefine((v, ctx) => {
        v.items.forEach((it, i) => {
          if (!it.kind && !it.subKind && !it.description.trim()) return;
          if (!it.kind || !it.subKind) ctx.addIssue({ code: 'custom', path: ['items', i, 'description'], message: t('tw.form.pick') });
          else if (!it.description.trim()) ctx.addIssue({ code: 'custom', path: ['items', i, 'description'], message: t('tw.plan.descriptionRequired') });
        });
      }),
    [t],
  );
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<PlanValues>({ draftKey: `kn.draft.twinningPlan.${pair.id}.${year}`, initialValues: initial, schema });
  const save = useApiMutation(
    (v: PlanValues) => {
      const items: PlanItemInput[] = v.items
        .filter((i) => !isBlank(i))
        .map((i) => ({ kind: i.kind as ActivityKind, subKind: i.subKind as SubKind, description: i.description.trim(), month: i.month ? Number(i.month) : null }));
      return call(twinningApi.savePlan, { params: { id: pair.id, year }, body: { items, note: v.note.trim() || null } });
    },
    {
      domains: [twinningApi.savePlan.tags[0]],
      onSuccess: () => {
        clearDraft();
        notifications.show({ color: 'green', message: t('tw.plan.saved', { year }) });
        onDone();
      },
    },
  );
  const values = form.getValues();
  const months = [{ value: '', label: t('tw.plan.noMonth') }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('tw.plan.monthN', { n: i + 1 }) }))];

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v, { onError: (err) => showServerErrors(form, err) }))} noValidate>
      <Stack gap="sm" data-testid="plan-editor">
        {restoredAt && <DraftRestored at={restoredAt} onClose={dismissRestored} onDiscard={() => clearDraft(initial)} />}
        {save.error && <ErrorAlert error={save.error} />}
        {values.items.map((it, i) => (
          <Card key={it.key} withBorder padding="xs" data-testid="plan-item-edit">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t('tw.plan.item', { n: i + 1 })}
              </Text>
              <ActionIcon variant="subtle" color="red" aria-label={t('tw.plan.remove', { n: i + 1 })} onClick={() => form.removeListItem('items', i)}>
                ✕
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <NativeSelect
                label={t('tw.plan.kind')}
                value={it.kind}
                onChange={(e) => form.setFieldValue(`items.${i}`, { ...it, kind: e.currentTarget.value, subKind: '' })}
                data={[{ value: '', label: t('tw.form.pick') }, ...ACTIVITY_KIND_LIST.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
                data-testid="plan-kind"
              />
              <NativeSelect
                label={t('tw.plan.subKind')}
                disabled={!it.kind}
                {...form.getInputProps(`items.${i}.subKind`)}
                data={[{ value: '', label: t('tw.form.pick') }, ...subKindsOf(it.kind).map((s) => ({ value: s, label: subKindLabel(t, s) }))]}
                data-testid="plan-subkind"
              />
              <NativeSelect label={t('tw.plan.month')} {...form.getInputProps(`items.${i}.month`)} data={months} data-testid="plan-month" />
            </SimpleGrid>
            <TextInput mt="xs" label={t('tw.plan.description')} maxLength={1000} {...form.getInputProps(`items.${i}.description`)} data-testid="plan-description" />
          </Card>
        ))}
        <div>
          <Button variant="light" size="xs" onClick={() => form.insertListItem('items', blank())} disabled={values.items.length >= 50} data-testid="plan-add">
            + {t('tw.plan.add')}
          </Button>
        </div>
        <Textarea label={t('tw.plan.note')} autosize minRows={2} maxLength={3000} {...form.getInputProps('note')} />
        <DraftFormFooter>
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="plan-save">
              {t('tw.plan.save')}
            </Button>
          </Group>
        </DraftFormFooter>
      </Stack>
    </form>
  );
}

/** The pair's plan for the year: read, or edited by those the server allows (`can.editPlan`). */
export function PlanSection({ pair, year }: { pair: PairDetail; year: number }) {
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
        {pair.can.editPlan && !editing && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="plan-edit">
            {t('tw.plan.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <PlanEditor key={year} pair={pair} year={year} onDone={() => setEditing(false)} />
      ) : !plan || (plan.items.length === 0 && !plan.note) ? (
        <Text size="sm" c="dimmed">
          {t('tw.plan.empty')}
        </Text>
      ) : (
        <Stack gap={6}>
          {ACTIVITY_KIND_LIST.filter((k) => plan.items.some((i) => i.kind === k)).map((k) => (
            <div key={k}>
              <Text size="sm" fw={600}>
                {kindLabel(t, k)}
              </Text>
              <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 18 }}>
                {plan.items
                  .map((item, position) => ({ ...item, position }))
                  .filter((i) => i.kind === k)
                  .map((i) => (
                    <Text component="li" size="sm" key={i.position} data-testid="plan-item">
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
