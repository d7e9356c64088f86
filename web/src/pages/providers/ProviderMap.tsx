/** The providers of the directory's page on a map (those with a location), no external tiles; loaded lazily. */
import { Alert, Text } from '@mantine/core';
import { Popup, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { Provider } from '../../../../contracts/providers';
import { useI18n } from '../../i18n';
import { loadProvinceShapes } from '../../lib/reference';
import { addProvinces, createNavigableMap } from '../map/mapBase';

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
  const ref = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [unsupported, setUnsupported] = useState(false);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    let map: MapLibreMap;
    try {
      map = createNavigableMap(container, { bounds: BOUNDS, fitBoundsOptions: { padding: 16 }, minZoom: 4, maxZoom: 14, cooperativeGestures: true });
    } catch {
      setUnsupported(true);
      return;
    }
    mapRef.current = map;
    let cancelled = false;
    map.on('load', () => {
      loadProvinceShapes()
        .then((geo) => {
          if (cancelled) return;
          addProvinces(map, geo);
          map.addSource('providers', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          map.addLayer({ id: 'providers', type: 'circle', source: 'providers', paint: { 'circle-radius': 7, 'circle-color': PROVIDER_COLOUR, 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' } });
          setLoaded(true);
        })
        .catch(() => !cancelled && setUnsupported(true));
    });
    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    map.on('click', 'providers', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      popup.setLngLat(e.lngLat).setDOMContent(popupContent(f.properties as PointProps)).addTo(map);
    });
    map.on('mouseenter', 'providers', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'providers', () => (map.getCanvas().style.cursor = ''));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      cancelled = true;
      resize.disconnect();
      popup.remove();
      map.remove();
      mapRef.current = null;
    };
  }, []);

  const tRef = useRef(t);
  tRef.current = t;
  const located = items.filter((p) => p.lat !== null && p.lng !== null).length;
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    (map.getSource('providers') as GeoJSONSource | undefined)?.setData(toGeo(items, (k) => tRef.current(`prov.kind.${k}`)));
  }, [loaded, items]);

  if (unsupported) return <Alert color="yellow">{t('map.unsupported')}</Alert>;
  return (
    <>
      <div className="kn-map-wrap" style={{ height: 'min(50vh, 420px)', minHeight: 280 }}>
        <section ref={ref} className="kn-map" data-testid="prov-map" data-located={located} data-ready={loaded ? 'true' : 'false'} aria-label={t('prov.map')} />
      </div>
      {located < items.length && <Text size="xs" c="dimmed">{t('prov.mapMissing', { n: items.length - located })}</Text>}
    </>
  );
}
