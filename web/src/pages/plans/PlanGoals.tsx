import { Anchor, Button, Card, Group, Modal, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { plansApi, type MeasurementInput, type PlanDetail, type PlanTarget } from '../../../../contracts/plans';
import { call } from '../../api/call';
import { ErrorAlert } from '../../components/common';
import { useI18n } from '../../i18n';
import { DraftRestored, showServerErrors, useDraftForm } from '../../lib/form';
import { formatDate, formatNumber, parseViDecimal, parseVnDate, todayVn } from '../../lib/format';
import { useApiMutation } from '../../lib/query';
import { Section } from './shared';

interface MeasureValues extends Record<string, unknown> {
  value: string;
  measuredOn: string | null;
  note: string;
}

/** Record a measured value of a target (the plan's issuer). The value is typed as written in Vietnamese (87,5). */
function MeasureForm({ target, onDone }: { target: PlanTarget; onDone: () => void }) {
  const { t, lang } = useI18n();
  const schema = useMemo(
    () =>
      z.object({
        value: z.string().refine((v) => {
          const n = parseViDecimal(v);
          return n !== undefined && !Number.isNaN(n);
        }, t('plan.measureBadValue')),
        measuredOn: z.string({ message: t('plan.measureBadDate') }).min(10, t('plan.measureBadDate')),
        note: z.string().max(1000),
      }),
    [t],
  );
  const { form, restoredAt, dismissRestored, clearDraft } = useDraftForm<MeasureValues>({
    draftKey: `kn.draft.measure.${target.id}`,
    initialValues: { value: '', measuredOn: parseVnDate(todayVn()), note: '' },
    schema,
  });
  const save = useApiMutation(
    (body: MeasurementInput) => call(plansApi.recordMeasurement, { params: { id: target.id }, body }),
    {
      domains: [plansApi.recordMeasurement.tags[0]],
      onSuccess: () => {
        clearDraft();
        notifications.show({ color: 'green', message: t('plan.measureSaved') });
        onDone();
      },
    },
  );

  const onSubmit = form.onSubmit((v) =>
    save.mutate(
      { value: parseViDecimal(v.value)!, measuredOn: (v.measuredOn ?? '').slice(0, 10), note: v.note.trim() || null },
      { onError: (err) => showServerErrors(form, err) },
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="measure-form">
      <Stack gap="sm">
        {restoredAt && <DraftRestored at={restoredAt} onDiscard={() => clearDraft({ value: '', measuredOn: parseVnDate(todayVn()), note: '' })} onClose={dismissRestored} />}
        {save.error && !save.error.fieldErrors.length && <ErrorAlert error={save.error} />}
        <TextInput label={t('plan.measureValue', { unit: target.unit })} inputMode="decimal" required data-autofocus {...form.getInputProps('value')} />
        <DateInput
          label={t('plan.measureDate')}
          required
          valueFormat="DD/MM/YYYY"
          dateParser={(input) => parseVnDate(input)}
          locale={lang === 'vi' ? 'vi' : 'en'}
          {...form.getInputProps('measuredOn')}
        />
        <TextInput label={t('plan.measureNote')} maxLength={1000} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const withUnit = (n: number, unit: string) => (unit === '%' ? `${formatNumber(n)}%` : `${formatNumber(n)} ${unit}`);

function targetProgress(x: PlanTarget): number | null {
  if (x.measuredValue == null || x.targetValue == null || x.targetValue === 0) return null;
  return Math.max(0, Math.min(100, (x.measuredValue * 100) / x.targetValue));
}

function Measured({ x }: { x: PlanTarget }) {
  const { t } = useI18n();
  const pct = targetProgress(x);
  if (x.measuredValue == null)
    return (
      <Text size="sm" c="dimmed">
        {t('plan.measured')}: {t('plan.noMeasure')}
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {withUnit(x.measuredValue, x.unit)}{' '}
        <Text span size="xs" c="dimmed" fw={400}>
          {t('plan.measuredOn', { date: formatDate(x.measuredOn) })}
        </Text>
      </Text>
      {pct !== null && <Progress value={pct} color={pct >= 100 ? 'green' : 'blue'} size="sm" aria-label={`${x.label}: ${formatNumber(Math.round(pct))}%`} />}
    </Stack>
  );
}

function GoalText({ code, text }: { code: string; text: string }) {
  const { t } = useI18n();
  const [open, { toggle }] = useDisclosure(false);
  const long = text.length > 240;
  return (
    <Text size="sm">
      <strong>{code}.</strong> {long && !open ? `${text.slice(0, 240)}…` : text}{' '}
      {long && (
        <Anchor component="button" type="button" size="sm" onClick={toggle} aria-expanded={open}>
          {open ? t('plan.less') : t('plan.more')}
        </Anchor>
      )}
    </Text>
  );
}

function MeasureButton({ x, onClick }: { x: PlanTarget; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button size="compact-xs" variant="light" onClick={onClick} aria-label={`${t('plan.measure')}: ${x.label}`}>
      {t('plan.measure')}
    </Button>
  );
}

function TargetValue({ x }: { x: PlanTarget }) {
  return <>{x.targetValue == null ? '—' : withUnit(x.targetValue, x.unit)}</>;
}

/** The plan's goals and their numeric targets, with the last measured value; the issuer records new values. */
export function PlanGoals({ plan }: { plan: PlanDetail }) {
  const { t } = useI18n();
  const phone = useMediaQuery('(max-width: 48em)');
  const [measuring, setMeasuring] = useState<PlanTarget | null>(null);
  const canMeasure = plan.can.measure;
  const withTargets = plan.goals.filter((g) => g.targets.length > 0);
  return (
    <Section title={t('plan.goals')} testId="plan-goals">
      {withTargets.length === 0 && <Text c="dimmed">{t('plan.goalsEmpty')}</Text>}
      {withTargets.map((g) => (
        <Stack key={g.id} gap="xs">
          <GoalText code={g.code} text={g.text} />
          {phone ? (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {g.targets.map((x) => (
                <Card key={x.id} component="li" withBorder padding="xs" data-testid="plan-target">
                  <Stack gap={4}>
                    <Text size="sm">{x.label}</Text>
                    <Text size="sm">
                      {t('plan.targetValue')}: <strong><TargetValue x={x} /></strong>
                      {x.targetDate ? ` ${t('plan.targetBy', { date: formatDate(x.targetDate) })}` : ''}
                    </Text>
                    <Measured x={x} />
                    {canMeasure && (
                      <div>
                        <MeasureButton x={x} onClick={() => setMeasuring(x)} />
                      </div>
                    )}
                  </Stack>
                </Card>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={560} type="native">
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('plan.target')}</Table.Th>
                    <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('plan.targetValue')}</Table.Th>
                    <Table.Th style={{ minWidth: 160 }}>{t('plan.measured')}</Table.Th>
                    {canMeasure && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {g.targets.map((x) => (
                    <Table.Tr key={x.id} data-testid="plan-target">
                      <Table.Td>
                        <Text size="sm">{x.label}</Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" fw={600}>
                          <TargetValue x={x} />
                        </Text>
                        {x.targetDate && (
                          <Text size="xs" c="dimmed">
                            {t('plan.targetBy', { date: formatDate(x.targetDate) })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Measured x={x} />
                      </Table.Td>
                      {canMeasure && (
                        <Table.Td style={{ textAlign: 'right' }}>
                          <MeasureButton x={x} onClick={() => setMeasuring(x)} />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ))}
      <Modal opened={!!measuring} onClose={() => setMeasuring(null)} title={measuring ? t('plan.measureTitle', { label: measuring.label }) : ''} size="lg">
        {measuring && <MeasureForm target={measuring} onDone={() => setMeasuring(null)} />}
      </Modal>
    </Section>
  );
}
