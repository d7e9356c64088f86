import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { QueryView } from '../../lib/query';
import { useProvinces } from '../../lib/reference';
import { useSearchParams } from '../../lib/router';
import { AreaSearch } from './AreaSearch';
import { CommuneTable } from './CommuneTable';
import { ProvinceTable } from './ProvinceTable';
import { ResolveTool } from './ResolveTool';

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
      <QueryView query={provinces}>
        {(list) =>
        province ? (
          <CommuneTable province={province} />
        ) : (
          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('areas.provinces')} ({formatNumber(list.length)})
            </Title>
            <Text size="sm" c="dimmed">
              {t('areas.selectProvince')}
            </Text>
            <ProvinceTable provinces={list} />
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
