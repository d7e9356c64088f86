import { Badge, Button, Card, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { areasApi, type Area, type ResolveResult } from '../../../../contracts/areas';
import { ErrorAlert, FlagBadges } from '../../components/common';
import { useI18n, type MessageKey, type TFunction } from '../../i18n';
import { formatDate, parseVnDate, todayVn } from '../../lib/format';
import { useApi } from '../../lib/query';

const KINDS: Record<string, MessageKey> = {
  whole: 'areas.resolve.kind.whole',
  partial: 'areas.resolve.kind.partial',
  unchanged: 'areas.resolve.kind.unchanged',
  renamed: 'areas.resolve.kind.renamed',
  merged: 'areas.resolve.kind.merged',
  split: 'areas.resolve.kind.split',
};

function kindLabel(kind: string | null, t: TFunction): string | null {
  if (!kind) return null;
  return KINDS[kind] ? t(KINDS[kind]) : kind;
}

function AreaLine({ area, extra }: { area: Area; extra?: string | null }) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="wrap">
      <Text fw={600}>{area.fullName || area.name}</Text>
      <Text size="xs" c="dimmed">
        {t(`areaLevel.${area.level}`)} · {area.code}
      </Text>
      {extra && (
        <Badge size="xs" variant="light" style={{ textTransform: 'none' }}>
          {extra}
        </Badge>
      )}
      <FlagBadges flags={area.flags} />
    </Group>
  );
}

export function ResolveTool() {
  const { t } = useI18n();
  const [input, setInput] = useState('');
  const [date, setDate] = useState(todayVn());
  const [errors, setErrors] = useState<{ input?: string; date?: string }>({});
  const [asked, setAsked] = useState<{ code?: string; name?: string; asOf: string } | null>(null);
  const resolved = useApi(areasApi.resolve, { query: asked ?? {} }, { enabled: !!asked });
  const result: ResolveResult | undefined = asked ? resolved.data : undefined;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = input.trim();
    const asOf = parseVnDate(date);
    const next: typeof errors = {};
    if (!value) next.input = t('areas.resolve.required');
    if (!asOf) next.date = t('areas.resolve.badDate');
    setErrors(next);
    if (next.input || next.date) return;
    setAsked(/^\d{2,5}$/.test(value) ? { code: value, asOf: asOf! } : { name: value, asOf: asOf! });
  }

  return (
    <Card withBorder padding="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('areas.resolve.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('areas.resolve.help')}
          </Text>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('areas.resolve.codeOrName')}
              placeholder={t('areas.resolve.codeOrNamePlaceholder')}
              value={input}
              onChange={(e) => setInput(e.currentTarget.value)}
              error={errors.input}
              data-testid="resolve-input"
              miw={180}
            />
            <TextInput
              label={t('areas.resolve.date')}
              placeholder="dd/mm/yyyy"
              inputMode="numeric"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={errors.date}
              data-testid="resolve-date"
              miw={140}
            />
          </Group>
          <div>
            <Button type="submit" loading={!!asked && resolved.isFetching} data-testid="resolve-submit">
              {t('areas.resolve.submit')}
            </Button>
          </div>
          {asked && resolved.error && <ErrorAlert error={resolved.error} onRetry={() => void resolved.refetch()} />}
          {result && (
            <Stack gap="sm" data-testid="resolve-result" aria-live="polite">
              {result.matches.length === 0 && result.suggestions.length === 0 && <Text c="dimmed">{t('areas.resolve.noMatch')}</Text>}
              {result.matches.map((m) => (
                <Card key={`${m.source.era}-${m.source.level}-${m.source.code}`} withBorder padding="sm" bg="gray.0" data-testid="resolve-match">
                  <Stack gap={6}>
                    <Text size="xs" c="dimmed" tt="uppercase">
                      {t('areas.resolve.asStood', { date: formatDate(result.asOf) })}
                    </Text>
                    <AreaLine area={m.source} />
                    <Divider />
                    <Text size="xs" c="dimmed" tt="uppercase">
                      {t('areas.resolve.today')}
                      {m.current.length > 1 ? ` — ${t('areas.resolve.split', { count: m.current.length })}` : ''}
                    </Text>
                    <Stack gap={4} data-testid="resolve-current">
                      {m.current.map((c) => (
                        <div key={c.code}>
                          <AreaLine area={c} extra={kindLabel(c.kind, t)} />
                          {c.note && (
                            <Text size="xs" c="dimmed">
                              {c.note}
                            </Text>
                          )}
                        </div>
                      ))}
                    </Stack>
                    {m.source.level !== 'province' && (
                      <Text size="sm">
                        {t('areas.resolve.currentProvince')}: <b>{m.currentProvince.fullName || m.currentProvince.name}</b>
                      </Text>
                    )}
                    {m.source.level === 'province' && m.current.every((c) => c.code !== m.currentProvince.code) && (
                      <AreaLine area={m.currentProvince} />
                    )}
                  </Stack>
                </Card>
              ))}
              {result.suggestions.length > 0 && (
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    {t('areas.resolve.suggestions')}
                  </Text>
                  {result.suggestions.map((s) => (
                    <Group key={`${s.oldName}-${s.oldDistrictName}-${s.current.code}`} gap={6} wrap="wrap">
                      <Text size="sm">
                        {s.oldDistrictName ? t('areas.resolve.suggestionOld', { name: s.oldName, district: s.oldDistrictName }) : s.oldName}
                      </Text>
                      <Text size="sm">→</Text>
                      <AreaLine area={s.current} />
                    </Group>
                  ))}
                </Stack>
              )}
            </Stack>
          )}
        </Stack>
      </form>
    </Card>
  );
}
