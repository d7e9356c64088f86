/** The providers of the directory's page on a map (those with a location), no external tiles; loaded lazily. */
import { Alert, Text } from '@mantine/core';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { useEffect, useRef } from 'react';
import type { Provider } from '../../../../contracts/providers';
import { useI18n } from '../../i18n';
import { useProvinceMap } from '../map/useProvinceMap';

const PROVIDER_COLOUR = '#2f9e44';
/** Viet Nam, mainland and islands. */
const BOUNDS: [[number, number], [number, number]] = [
  [102.1, 8.4],
  [109.5, 23.4],
];

interface PointProps {
  name: string;
  kind: string;
  hours: string;
  phone: string;
}

function toGeo(items: Provider[], kindLabel: (k: Provider['kind']) => string): FeatureCollection<Point, PointProps> {
  const features: Feature<Point, PointProps>[] = items
    .filter((p) => p.lat !== null && p.lng !== null)
    .map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng as number, p.lat as number] }, properties: { name: p.name, kind: kindLabel(p.kind), hours: p.hours ?? '', phone: p.phone ?? '' } }));
  return { type: 'FeatureCollection', features };
}

function popupContent(p: PointProps): HTMLElement {
  const box = document.createElement('div');
  box.className = 'kn-popup';
  const title = document.createElement('strong');
  title.textContent = p.name;
  box.append(title);
  for (const line of [p.kind, p.phone && `☎ ${p.phone}`, p.hours]) {
    if (!line) continue;
    const row = document.createElement('div');
    row.textContent = line;
    box.append(row);
  }
  return box;
}

export default function ProviderMap({ items }: { items: Provider[] }) {
  const { t } = useI18n();
  const { ref, mapRef, loaded, ready, unsupported } = useProvinceMap({
    options: { bounds: BOUNDS, fitBoundsOptions: { padding: 16 }, minZoom: 4, maxZoom: 14, cooperativeGestures: true },
    readyWhen: 'drawn',
    popup: { layer: 'providers', content: (f) => popupContent(f.properties as PointProps) },
    setup: (map) => ({
      draw: () => {
        map.addSource('providers', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        map.addLayer({ id: 'providers', type: 'circle', source: 'providers', paint: { 'circle-radius': 7, 'circle-color': PROVIDER_COLOUR, 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } });
      },
    }),
  });

  const tRef = useRef(t);
  tRef.current = t;
  const located = items.filter((p) => p.lat !== null && p.lng !== null).length;
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    (map.getSource('providers') as GeoJSONSource | undefined)?.setData(toGeo(items, (k) => tRef.current(`prov.kind.${k}`)));
  }, [loaded, items, mapRef]);

  if (unsupported) return <Alert color="yellow">{t('map.unsupported')}</Alert>;
  return (
    <>
      <div className="kn-map-wrap" style={{ height: 'min(50vh, 420px)', minHeight: 280 }}>
        <section ref={ref} className="kn-map" data-testid="prov-map" data-located={located} data-ready={ready ? 'true' : 'false'} aria-label={t('prov.map')} />
      </div>
      {located < items.length && <Text size="xs" c="dimmed">{t('prov.mapMissing', { n: items.length - located })}</Text>}
    </>
  );
}
