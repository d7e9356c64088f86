import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { EVENT_KINDS, type Activity, type ActivityKind, type CalendarQuery } from '../../../../contracts/activities';
import { PageHeader } from '../../components/common';
import { ProvinceFilter } from '../../components/ProvinceFilter';
import { useI18n } from '../../i18n';
import { formatDate, formatNumber, parseVnDate, todayVn } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { Link } from '../../lib/router';
import { SignedIn } from '../resources/ListTable';
import { calendarUrl, useActivities } from './api';
import { OrgPicker } from './OrgPicker';

const dmy = (iso: string) => iso.split('-').reverse().join('/');
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * `/hoat-dong/lich`: the calendar of upcoming events and trainings (meetings, conferences,
 * workshops, trainings, online exchanges, launches), day by day, by unit and province.
 */
export default function ActivityCalendarPage() {
  return <SignedIn>{() => <Calendar />}</SignedIn>;
}

function Calendar() {
  const { t } = useI18n();
  const today = parseVnDate(todayVn()) ?? new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(dmy(today));
  const [to, setTo] = useState(dmy(plusDays(today, 90)));
  const [kind, setKind] = useState<ActivityKind | undefined>();
  const [provinceCode, setProvince] = useState<string | undefined>();
  const [unit, setUnit] = useState<{ id: string; name: string }[]>([]);
  const filters = { kind, provinceCode, unitId: unit[0]?.id, from: parseVnDate(from) ?? today, to: parseVnDate(to) ?? undefined };
  const list = useActivities({ category: 'event', ...filters, limit: 200 });
  return (
    <Stack gap="md">
      <PageHeader title={t('act.cal.title')} help={t('act.cal.intro')} actions={
        <Group gap="xs">
          <Button component="a" href={calendarUrl({ ...filters, kind: kind as CalendarQuery['kind'] })} download variant="light" size="xs" title={t('act.cal.icsHelp')} data-testid="act-cal-ics">{t('act.cal.ics')}</Button>
          <Anchor component={Link} href="/hoat-dong" size="sm">{t('act.title')}</Anchor>
        </Group>
      } />
      <Group gap="md" align="flex-end" wrap="wrap" data-testid="act-cal-filters">
        <TextInput label={t('act.filter.from')} placeholder="dd/mm/yyyy" value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={130} data-testid="act-cal-from" />
        <TextInput label={t('act.filter.to')} placeholder="dd/mm/yyyy" value={to} onChange={(e) => setTo(e.currentTarget.value)} w={130} data-testid="act-cal-to" />
        <Select label={t('act.filter.kind')} placeholder={t('common.all')} data={EVENT_KINDS.map((k) => ({ value: k, label: t(`act.kind.${k}`) }))} value={kind ?? null} onChange={(v) => setKind((v || undefined) as ActivityKind | undefined)} clearable w={200} data-testid="act-cal-kind" />
        <ProvinceFilter value={provinceCode} onChange={setProvince} testId="act-cal-province" w={200} />
        <div style={{ minWidth: 260 }}><OrgPicker label={t('act.cal.unit')} value={unit} onChange={setUnit} max={1} testId="act-cal-unit" /></div>
      </Group>
      <QueryView query={list}>
        {(data) => {
          // the register lists the newest first; the calendar reads forward in time
          const items = [...data.items].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.title.localeCompare(b.title));
          const days = new Map<string, Activity[]>();
          for (const a of items) days.set(a.startsOn, [...(days.get(a.startsOn) ?? []), a]);
          if (!items.length) return <Text size="sm" c="dimmed" data-testid="act-cal-empty">{t('act.cal.empty')}</Text>;
          return (
            <Stack gap="sm" data-testid="act-cal">
              {data.nextCursor && <Text size="xs" c="dimmed">{t('act.cal.more')}</Text>}
              {[...days].map(([day, list]) => (
                <Card key={day} withBorder padding="sm" data-testid="act-cal-day">
                  <Title order={2} size="h5">{formatDate(day)}</Title>
                  <Stack gap={4} mt={4}>
                    {list.map((a) => (
                      <Group key={a.id} gap="xs" wrap="wrap" data-testid="act-cal-item">
                        <Badge variant="light">{t(`act.kind.${a.kind}`)}</Badge>
                        <Anchor component={Link} href={`/hoat-dong/${a.id}`} size="sm">{a.title}</Anchor>
                        <Text size="xs" c="dimmed">
                          {a.endsOn !== a.startsOn ? `${t('act.cal.until', { date: formatDate(a.endsOn) })} · ` : ''}
                          {a.organiser.shortName ?? a.organiser.name}{a.provinceName ? ` · ${a.provinceName}` : ''}{a.place ? ` · ${a.place}` : ''}
                          {a.participantsPlanned !== null ? ` · ${t('act.cal.expected', { count: formatNumber(a.participantsPlanned) })}` : ''}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                </Card>
              ))}
            </Stack>
          );
        }}
      </QueryView>
    </Stack>
  );
}
