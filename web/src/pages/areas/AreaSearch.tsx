import { Anchor, Badge, Card, Group, List, Loader, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { areasApi } from '../../../../contracts/areas';
import { FlagBadges } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { QueryView, useApi } from '../../lib/query';
import { Link } from '../../lib/router';

export function AreaSearch({ provinceNames }: { provinceNames: Map<string, string> }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [era, setEra] = useState<'current' | 'legacy'>('current');
  const query = useDebounced(q.trim(), 300);
  const results = useApi(areasApi.search, { query: { q: query, era, limit: 20 } }, { enabled: query.length >= 2, keepPrevious: true });

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('areas.search')}
        </Title>
        <TextInput
          label={t('areas.search')}
          placeholder={t('areas.searchPlaceholder')}
          description={t('areas.searchHint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="area-search"
          type="search"
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
        />
        <SegmentedControl
          aria-label={t('areas.searchEra')}
          size="xs"
          value={era}
          onChange={(v) => setEra(v as 'current' | 'legacy')}
          data={[
            { value: 'current', label: t('era.current') },
            { value: 'legacy', label: t('era.legacy') },
          ]}
        />
        {query.length >= 2 && (
          <QueryView query={results} loader={<span />}>
            {(data) => (
          <div data-testid="area-results" aria-live="polite">
            {data.items.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('areas.searchEmpty')}
              </Text>
            ) : (
              <List listStyleType="none" spacing={6} p={0}>
                {data.items.map((a) => (
                  <List.Item key={`${a.era}-${a.level}-${a.code}`} data-testid="area-result">
                    <Group gap={6} wrap="wrap">
                      {a.level === 'province' && a.era === 'current' ? (
                        <Anchor component={Link} href={`/don-vi-hanh-chinh?tinh=${a.code}`} fw={600}>
                          {a.fullName || a.name}
                        </Anchor>
                      ) : (
                        <Text fw={600}>{a.fullName || a.name}</Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {a.code}
                      </Text>
                      {a.level !== 'province' && provinceNames.get(a.provinceCode) && (
                        <Text size="sm" c="dimmed">
                          · {provinceNames.get(a.provinceCode)}
                        </Text>
                      )}
                      {a.era === 'legacy' && (
                        <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
                          {formatDate(a.validFrom, '…')} – {formatDate(a.validTo, '…')}
                        </Badge>
                      )}
                      <FlagBadges flags={a.flags} />
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </div>
            )}
          </QueryView>
        )}
      </Stack>
    </Card>
  );
}

