/** The pairs on a map: a line from each Hanoi school to its partner in a border commune (no external tiles). */
import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import { Popup, type GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { PairMap } from '../../../../contracts/twinning';
import { useI18n, type TFunction } from '../../i18n';
import { loadProvinceShapes } from '../../lib/reference';
import { addProvinces, createNavigableMap } from '../map/mapBase';

declare global {
  interface Window {
    __knMapReady?: boolean;
  }
}

const HANOI_COLOUR = '#1971c2';
const BORDER_COLOUR = '#e03131';
const LINE_COLOUR = '#f08c00';
/** Hà Nội to the western border: Điện Biên, Lai Châu, Sơn La. */
const BOUNDS: [[number, number], [number, number]] = [
  [102.1, 20.4],
  [106.2, 22.9],
];

interface LineProps {
  id: string;
  hanoi: string;
  border: string;
  status: string;
}

/** The compact map (places once, each pair as two place indexes) as GeoJSON lines and their ends. */
function toGeo(m: PairMap) {
  const lines: Feature<LineString, LineProps>[] = [];
  const at = (i: number) => [m.places[i].lng, m.places[i].lat];
  for (const [id, h, b, active] of m.lines) {
    lines.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [at(h), at(b)] }, properties: { id, hanoi: m.places[h].name, border: m.places[b].name, status: active ? 'active' : 'paused' } });
  }
  const points: Feature<Point, { side: 'hanoi' | 'border'; name: string }>[] = m.places.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { side: p.side, name: p.name } }));
  return { lines: { type: 'FeatureCollection', features: lines } as FeatureCollection<LineString, LineProps>, points: { type: 'FeatureCollection', features: points } as FeatureCollection };
}

function popupContent(p: LineProps, t: TFunction): HTMLElement {
  const box = document.createElement('div');
  box.className = 'kn-popup';
  const title = document.createElement('strong');
  title.textContent = `${p.hanoi} – ${p.border}`;
  const link = document.createElement('a');
  link.href = `/ket-nghia/${encodeURIComponent(p.id)}`;
  link.textContent = `${t('tw.dash.openPair')} →`;
  link.setAttribute('data-spa-link', '');
  const row = document.createElement('div');
  row.append(link);
  box.append(title, row);
  return box;
}

/** `live`: how many live pairs there are, located or not (those without both ends are counted under the map). */
export default function TwinningMap({ pairs, live }: { pairs: PairMap; live: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [unsupported, setUnsupported] = useState(false);
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    window.__knMapReady = false;
    let map: MapLibreMap;
    try {
      map = createNavigableMap(container, { bounds: BOUNDS, fitBoundsOptions: { padding: 16 }, minZoom: 4, maxZoom: 13, cooperativeGestures: true });
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
          map.addSource('pairs', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          map.addSource('ends', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          map.addLayer({ id: 'pair-lines', type: 'line', source: 'pairs', layout: { 'line-cap': 'round' }, paint: { 'line-color': LINE_COLOUR, 'line-width': 2.5, 'line-opacity': ['case', ['==', ['get', 'status'], 'active'], 0.9, 0.4] } });
          map.addLayer({
            id: 'pair-ends',
            type: 'circle',
            source: 'ends',
            paint: { 'circle-radius': 5, 'circle-color': ['match', ['get', 'side'], 'hanoi', HANOI_COLOUR, BORDER_COLOUR], 'circle-stroke-width': 1.5, 'circle-stroke-color': '#fff' },
          });
          setLoaded(true);
        })
        .catch(() => !cancelled && setUnsupported(true));
    });
    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    map.on('click', 'pair-lines', (e) => {
      const f = e.features?.[0];
      if (!f) return;
      popup.setLngLat(e.lngLat).setDOMContent(popupContent(f.properties as LineProps, tRef.current)).addTo(map);
    });
    map.on('mouseenter', 'pair-lines', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'pair-lines', () => (map.getCanvas().style.cursor = ''));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      cancelled = true;
      resize.disconnect();
      popup.remove();
      map.remove();
      mapRef.current = null;
      window.__knMapReady = false;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map) return;
    const { lines, points } = toGeo(pairs);
    (map.getSource('pairs') as GeoJSONSource | undefined)?.setData(lines);
    (map.getSource('ends') as GeoJSONSource | undefined)?.setData(points);
    let done = false;
    const markReady = () => {
      if (done) return;
      done = true;
      setReady(true);
      window.__knMapReady = true;
    };
    map.once('idle', markReady);
    const h = setTimeout(markReady, 4000);
    return () => clearTimeout(h);
  }, [loaded, pairs]);

  const missing = Math.max(0, live - pairs.lines.length);
  const legend = (colour: string, label: string, line = false) => (
    <Group gap={6} wrap="nowrap">
      <span aria-hidden="true" style={{ display: 'inline-block', width: line ? 18 : 10, height: line ? 3 : 10, borderRadius: line ? 2 : '50%', background: colour }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
  if (unsupported) return <Alert color="yellow">{t('map.unsupported')}</Alert>;
  return (
    <Stack gap={6}>
      <div className="kn-map-wrap" style={{ height: 'min(60vh, 480px)', minHeight: 320 }}>
        <section ref={ref} className="kn-map" data-testid="twinning-map" data-ready={ready ? 'true' : 'false'} data-pairs={pairs.lines.length} aria-label={t('tw.dash.map')} />
        <Paper className="kn-legend" shadow="sm" p="xs" withBorder>
          <Stack gap={4}>
            {legend(HANOI_COLOUR, t('tw.dash.legendHanoi'))}
            {legend(BORDER_COLOUR, t('tw.dash.legendBorder'))}
            {legend(LINE_COLOUR, t('tw.dash.legendLine'), true)}
          </Stack>
        </Paper>
      </div>
      {missing > 0 && (
        <Text size="xs" c="dimmed">
          {t('tw.dash.noLine', { count: missing })}
        </Text>
      )}
    </Stack>
  );
}
