import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PublicCampaign } from '../../../../contracts/assessments';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { QueryView } from '../../lib/query';
import { percent } from './shares';
import { usePublicCommunes } from './api';

type Row = { key: string; label: string; counts: Record<string, number>; total: number };

function CountTable({ c, rows, first, testId }: { c: Pick<PublicCampaign, 'results'>; rows: Row[]; first: string; testId: string }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table data-testid={testId} striped>
        <Table.Thead>
          <Table.Tr><Table.Th scope="col">{first}</Table.Th>{c.results.map((r) => <Table.Th scope="col" key={r.code}>{r.label}</Table.Th>)}<Table.Th /></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-testid={`${testId}-row`}>
              <Table.Th scope="row">{r.label}</Table.Th>
              {c.results.map((x) => <Table.Td key={x.code}>{r.counts[x.code] ?? 0} ({percent(r.counts[x.code] ?? 0, r.total)}%)</Table.Td>)}
              <Table.Td>{r.total}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A province chosen among those with results (the campaign's own province first): its distribution by commune and by school level. */
export function CommuneDistribution({ c }: { c: PublicCampaign }) {
  const { t } = useI18n();
  const [province, setProvince] = useState<string | null>(c.provinceCode ?? c.byProvince[0]?.provinceCode ?? null);
  const q = usePublicCommunes(c.id, province);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">{t('as.pub.byCommune')}</Title>
      <Select
        label={t('as.pub.province')} w={260} data-testid="as-pub-commune-province" allowDeselect={false} searchable
        data={c.byProvince.map((p) => ({ value: p.provinceCode, label: p.provinceName }))} value={province} onChange={setProvince}
      />
      {province && (
        <QueryView query={q}>
          {(d) => (d.byCommune.length === 0 ? <Text c="dimmed">{t('as.pub.communeEmpty')}</Text> : (
            <>
              <CountTable c={d} first={t('as.pub.commune')} testId="as-pub-communes"
                rows={d.byCommune.map((x) => ({ key: x.communeCode ?? '', label: x.communeName ?? x.communeCode ?? t('as.pub.noCommune'), counts: x.counts, total: x.total }))} />
              <Text fw={600} size="sm">{t('as.pub.levelsInProvince')}</Text>
              <CountTable c={d} first={t('as.pub.level')} testId="as-pub-commune-levels"
                rows={d.bySchoolLevel.map((l) => ({ key: l.level, label: t(`level.${l.level}` as MessageKey), counts: l.counts, total: l.total }))} />
            </>
          ))}
        </QueryView>
      )}
    </Stack>
  );
}

/** Each province's share at each level, this year beside the same framework's campaign of the year before. */
export function YearOverYear({ c }: { c: PublicCampaign }) {
  const { t } = useI18n();
  const p = c.previous;
  if (!p) return <Text c="dimmed" size="sm" data-testid="as-pub-yoy-none">{t('as.pub.yoyNone')}</Text>;
  const before = new Map(p.byProvince.map((x) => [x.provinceCode, x]));
  const codes = [...new Set([...c.byProvince.map((x) => x.provinceCode), ...p.byProvince.map((x) => x.provinceCode)])].sort();
  const name = (code: string) => c.byProvince.find((x) => x.provinceCode === code)?.provinceName ?? before.get(code)?.provinceName ?? code;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">{t('as.pub.yoy', { year: p.year })}</Title>
      <Text size="sm" c="dimmed">{t('as.pub.yoyHelp', { year: c.year, title: p.title })}</Text>
      <Table.ScrollContainer minWidth={480}>
        <Table data-testid="as-pub-yoy" striped>
          <Table.Thead>
            <Table.Tr><Table.Th scope="col">{t('as.pub.province')}</Table.Th>{c.results.map((r) => <Table.Th scope="col" key={r.code}>{r.label}</Table.Th>)}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {codes.map((code) => {
              const now = c.byProvince.find((x) => x.provinceCode === code);
              const old = before.get(code);
              return (
                <Table.Tr key={code} data-testid="as-pub-yoy-row">
                  <Table.Th scope="row">{name(code)}</Table.Th>
                  {c.results.map((r) => (
                    <Table.Td key={r.code}>
                      {t('as.pub.yoyCell', { now: percent(now?.counts[r.code] ?? 0, now?.total ?? 0), before: old ? `${percent(old.counts[r.code] ?? 0, old.total)}%` : t('as.pub.yoyMissing') })}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
