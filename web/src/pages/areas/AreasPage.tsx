import { Anchor, Badge, Button, Card, Checkbox, Group, List, Loader, Modal, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { api, type ApiError, type Area, type AreaFlag, type AreaWithCount } from '../../api';
import { ErrorAlert, FlagBadges, PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import { useAuth } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { useAsync, useDebounced } from '../../lib/hooks';
import { invalidateCommunes, useProvinces } from '../../lib/reference';
import { Link, useNavigate, useSearchParams } from '../../lib/router';
import { AREA_FLAGS } from '../../lib/vocab';
import { ResolveTool } from './ResolveTool';

function AreaSearch({ provinceNames }: { provinceNames: Map<string, string> }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [era, setEra] = useState<'current' | 'legacy'>('current');
  const query = useDebounced(q.trim(), 300);
  const results = useAsync((signal) => api.areas.search(query, { era, limit: 20 }, signal), [query, era], query.length >= 2);

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
          rightSection={results.loading ? <Loader size="xs" /> : null}
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
        {results.error && <ErrorAlert error={results.error} onRetry={results.reload} />}
        {results.data && (
          <div data-testid="area-results" aria-live="polite">
            {results.data.items.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('areas.searchEmpty')}
              </Text>
            ) : (
              <List listStyleType="none" spacing={6} p={0}>
                {results.data.items.map((a) => (
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
      </Stack>
    </Card>
  );
}

function ProvinceTable({ provinces }: { provinces: AreaWithCount[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table striped highlightOnHover data-testid="province-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('areas.col.code')}</Table.Th>
            <Table.Th>{t('areas.col.name')}</Table.Th>
            <Table.Th>{t('areas.col.unitType')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('areas.col.communes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {provinces.map((p) => (
            <Table.Tr key={p.code} className="kn-row-link" onClick={() => navigate(`/don-vi-hanh-chinh?tinh=${p.code}`)}>
              <Table.Td>{p.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} href={`/don-vi-hanh-chinh?tinh=${p.code}`} onClick={(e) => e.stopPropagation()} size="sm">
                  {p.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.unitType}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{p.communeCount != null ? formatNumber(p.communeCount) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FlagEditor({ area, onClose, onSaved }: { area: Area; onClose: () => void; onSaved: (a: Area) => void }) {
  const { t } = useI18n();
  const [flags, setFlags] = useState<AreaFlag[]>(area.flags);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('areas.editFlagsTitle', { name: area.fullName || area.name })}>
      <Stack>
        <Checkbox.Group value={flags} onChange={(v) => setFlags(v as AreaFlag[])} label={t('areas.col.flags')}>
          <Stack gap="xs" mt="xs">
            {AREA_FLAGS.map((f) => (
              <Checkbox key={f} value={f} label={t(`flag.${f}`)} data-testid={`flag-${f}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={busy}
            data-testid="flags-save"
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                const saved = await api.areas.setFlags(area.code, flags);
                notifications.show({ color: 'green', message: t('areas.flagsSaved', { name: area.name }) });
                onSaved({ ...area, ...saved, flags: saved?.flags ?? flags });
              } catch (e) {
                setError(e as ApiError);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CommuneTable({ province }: { province: AreaWithCount }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const flag = (search.get('vung') ?? '') as AreaFlag | '';
  const communes = useAsync((signal) => api.areas.communes(province.code, flag || undefined, signal), [province.code, flag]);
  const [editing, setEditing] = useState<Area | null>(null);

  const setFlag = (v: string | null) => {
    const params = new URLSearchParams({ tinh: province.code });
    if (v) params.set('vung', v);
    navigate(`/don-vi-hanh-chinh?${params}`, { replace: true });
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Anchor component={Link} href="/don-vi-hanh-chinh" size="sm">
            ← {t('areas.backToProvinces')}
          </Anchor>
          <Title order={2} size="h3">
            {t('areas.communes', { name: province.fullName || province.name })}
          </Title>
          {communes.data && (
            <Text size="sm" c="dimmed" data-testid="commune-count">
              {t('areas.communeCount', { count: formatNumber(communes.data.items.length) })}
            </Text>
          )}
        </div>
        <Group gap="sm" align="flex-end">
          <Select
            label={t('areas.flagFilter')}
            placeholder={t('common.all')}
            clearable
            value={flag || null}
            onChange={setFlag}
            data={AREA_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) }))}
            data-testid="commune-flag-filter"
            w={260}
          />
          <Button component={Link} href={`/truong-hoc?tinh=${province.code}`} variant="light">
            {t('areas.schoolsIn')}
          </Button>
        </Group>
      </Group>
      {communes.error && <ErrorAlert error={communes.error} onRetry={communes.reload} />}
      {communes.loading && !communes.data && <PageLoader />}
      {communes.data && (
        <Table.ScrollContainer minWidth={640} type="native">
          <Table striped highlightOnHover data-testid="commune-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('areas.col.code')}</Table.Th>
                <Table.Th>{t('areas.col.name')}</Table.Th>
                <Table.Th>{t('areas.col.unitType')}</Table.Th>
                <Table.Th>{t('areas.col.flags')}</Table.Th>
                {isAdmin && <Table.Th>{t('areas.col.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {communes.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={isAdmin ? 5 : 4}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {communes.data.items.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td>{c.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/truong-hoc?tinh=${province.code}&xa=${c.code}`} size="sm">
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.unitType}</Table.Td>
                  <Table.Td>
                    <FlagBadges flags={c.flags} />
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      <Button size="compact-xs" variant="light" onClick={() => setEditing(c)} data-testid={`edit-flags-${c.code}`}>
                        {t('areas.editFlags')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <FlagEditor
          area={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            invalidateCommunes(province.code);
            if (communes.data) {
              const items = communes.data.items
                .map((c) => (c.code === saved.code ? saved : c))
                .filter((c) => !flag || c.flags.includes(flag));
              communes.setData({ items });
            }
            setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}

export default function AreasPage() {
  const { t } = useI18n();
  const search = useSearchParams();
  const provinces = useProvinces();
  const selected = search.get('tinh');
  const provinceNames = useMemo(() => new Map((provinces.data ?? []).map((p) => [p.code, p.name])), [provinces.data]);
  const province = provinces.data?.find((p) => p.code === selected);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('areas.title')}</Title>
        <Text c="dimmed">{t('areas.subtitle')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <AreaSearch provinceNames={provinceNames} />
        <ResolveTool />
      </SimpleGrid>
      {provinces.error && <ErrorAlert error={provinces.error} onRetry={provinces.reload} />}
      {provinces.loading && <PageLoader />}
      {provinces.data &&
        (province ? (
          <CommuneTable province={province} />
        ) : (
          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('areas.provinces')} ({formatNumber(provinces.data.length)})
            </Title>
            <Text size="sm" c="dimmed">
              {t('areas.selectProvince')}
            </Text>
            <ProvinceTable provinces={provinces.data} />
          </Stack>
        ))}
    </Stack>
  );
}
