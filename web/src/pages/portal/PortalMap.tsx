import { Button, Card, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { PublicFilters } from '../../api/resources';
import { PageLoader } from '../../components/common';
import { useI18n } from '../../i18n';
import type { MapLayer } from '../resources/NeedMap';

const NeedMap = lazy(() => import('../resources/NeedMap'));

/** Needs or the survey service levels on the map, loaded when asked for. */
export function PortalMap({ filters }: { filters: PublicFilters }) {
  const { t } = useI18n();
  const [showMap, setShowMap] = useState(false);
  const [layer, setLayer] = useState<MapLayer>('needs');
  return (
    <Card withBorder component="section" aria-labelledby="portal-map-title">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Title order={2} size="h4" id="portal-map-title">
            {t('portal.map')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('portal.mapHelp')}
          </Text>
        </div>
        {showMap ? (
          <SegmentedControl
            value={layer}
            onChange={(v) => setLayer(v as MapLayer)}
            aria-label={t('portal.mapLayer')}
            data={[
              { value: 'needs', label: t('portal.layer.needs') },
              { value: 'water', label: t('survey.service.water') },
              { value: 'sanitation', label: t('survey.service.sanitation') },
              { value: 'hygiene', label: t('survey.service.hygiene') },
            ]}
            data-testid="portal-map-layer"
          />
        ) : (
          <Button variant="light" onClick={() => setShowMap(true)} data-testid="portal-show-map">
            {t('portal.showMap')}
          </Button>
        )}
      </Group>
      {showMap && (
        <div style={{ marginTop: 12 }}>
          <Suspense fallback={<PageLoader />}>
            <NeedMap filters={{ provinceCode: filters.provinceCode, category: filters.category }} layer={layer} publicLinks />
          </Suspense>
        </div>
      )}
    </Card>
  );
}
