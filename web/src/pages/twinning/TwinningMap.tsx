/**
 * The pairs on a map: a line from each Hanoi school to its partner in a border commune (no external
 * tiles). The server groups them at the map's zoom in cells of about 40 pixels; the map asks for the
 * cells of its view a moment after it stops moving, and a line of several pairs is drawn thicker.
 */
import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { PAIR_MAP_SINGLE_ZOOM, type PairMap, twinningApi } from '../../../../contracts/twinning';
import { useApi } from '../../lib/query';
import { ErrorAlert } from '../../components/common';
import { useI18n, type TFunction } from '../../i18n';
import { followView, type MapView } from '../map/mapBase';
import { useProvinceMap } from '../map/useProvinceMap';

const HANOI_COLOUR = '#1971c2';
const BORDER_COLOUR = '#e03131';
const LINE_COLOUR = '#f08c00';
/** Hà Nội to the western border: Điện Biên, Lai Châu, Sơn La. */
const BOUNDS: [[number, number], [number, number]] = [
  [102.1, 20.4],
  [106.2, 22.9],
];

interface LineProps {
  id: string | null;
  hanoi: string | null;
  border: string | null;
  status: string;
  pairs: number;
  active: number;
}

/** The compact map (places once, each line as two place indexes) as GeoJSON lines and their ends. */
function toGeo(m: PairMap) {
  const lines: Feature<LineString, LineProps>[] = [];
  const at = (i: number) => [m.places[i].lng, m.places[i].lat];
  for (const [id, h, b, active, pairs] of m.lines) {
    lines.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [at(h), at(b)] },
      properties: { id, hanoi: m.places[h].name, border: m.places[b].name, status: active > 0 ? 'active' : 'paused', pairs, active },
    });
  }
  const points: Feature<Point, { side: 'hanoi' | 'border'; name: string | null; schools: number }>[] = m.places.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
    properties: { side: p.side, name: p.name, schools: p.schools },
  }));
  return { lines: { type: 'FeatureCollection', features: lines } as FeatureCollection<LineString, LineProps>, points: { type: 'FeatureCollection', features: points } as FeatureCollection };
}

/** One pair: its two schools and a link; a line of several: how many, and a click zooms in on it. */
function popupContent(p: LineProps, t: TFunction): HTMLElement {
  const box = document.createElement('div');
  box.className = 'kn-popup';
  const title = document.createElement('strong');
  const row = document.createElement('div');
  if (p.id) {
    title.textContent = `${p.hanoi ?? ''} – ${p.border ?? ''}`;
    const link = document.createElement('a');
    link.href = `/ket-nghia/${encodeURIComponent(p.id)}`;
    link.textContent = `${t('tw.dash.openPair')} →`;
    link.setAttribute('data-spa-link', '');
    row.append(link);
  } else {
    title.textContent = t('tw.dash.linePairs', { count: p.pairs, active: p.active });
    row.textContent = t('tw.dash.zoomIn');
  }
  box.append(title, row);
  return box;
}

/** `live`: how many live pairs there are, located or not (those without both ends are counted under the map). */
export default function TwinningMap({ live }: { live: number }) {
  const { t } = useI18n();
  // the view on screen (zoom and box), set a moment after the map stops moving
  const [view, setView] = useState<MapView | null>(null);
  const query = useApi(twinningApi.pairMap, { query: view ?? {} }, { enabled: view !== null, keepPrevious: true });
  const pairs = query.data;
  const tRef = useRef(t);
  tRef.current = t;
  const { ref, mapRef, loaded, ready, unsupported, markReadyOnIdle } = useProvinceMap({
    options: { bounds: BOUNDS, fitBoundsOptions: { padding: 16 }, minZoom: 4, maxZoom: 13, cooperativeGestures: true },
    readyWhen: 'manual',
    pageFlag: true,
    popup: { layer: 'pair-lines', content: (f) => popupContent(f.properties as LineProps, tRef.current) },
    setup: (map) => {
      // ask for the cells of the view a moment after the map stops moving
      const follow = followView(map, PAIR_MAP_SINGLE_ZOOM, setView);
      // a line of several pairs: closer in, the server sends them apart
      map.on('click', 'pair-lines', (e) => {
        const p = e.features?.[0]?.properties as LineProps | undefined;
        if (p && !p.id) map.easeTo({ center: e.lngLat, zoom: Math.min(PAIR_MAP_SINGLE_ZOOM, map.getZoom() + 2) });
      });
      return {
        draw: () => {
          map.addSource('pairs', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          map.addSource('ends', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
          // a line of several pairs is thicker (up to 9 px at 100 pairs and more)
          map.addLayer({
            id: 'pair-lines',
            type: 'line',
            source: 'pairs',
            layout: { 'line-cap': 'round' },
            paint: {
              'line-color': LINE_COLOUR,
              'line-width': ['interpolate', ['linear'], ['get', 'pairs'], 1, 2.5, 10, 5, 100, 9],
              'line-opacity': ['case', ['==', ['get', 'status'], 'active'], 0.85, 0.4],
            },
          });
          map.addLayer({
            id: 'pair-ends',
            type: 'circle',
            source: 'ends',
            paint: {
              'circle-radius': ['interpolate', ['linear'], ['get', 'schools'], 1, 5, 10, 8, 100, 12],
              'circle-color': ['match', ['get', 'side'], 'hanoi', HANOI_COLOUR, BORDER_COLOUR],
              'circle-stroke-width': 1.5,
              'circle-stroke-color': '#fff',
            },
          });
          follow.settle();
        },
        dispose: follow.stop,
      };
    },
  });

  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map || !pairs) return;
    const { lines, points } = toGeo(pairs);
    (map.getSource('pairs') as GeoJSONSource | undefined)?.setData(lines);
    (map.getSource('ends') as GeoJSONSource | undefined)?.setData(points);
    return markReadyOnIdle(4000);
  }, [loaded, pairs, mapRef, markReadyOnIdle]);

  const missing = pairs ? Math.max(0, live - pairs.located) : 0;
  const drawn = pairs ? pairs.lines.reduce((n, l) => n + l[4], 0) : 0;
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
        <section ref={ref} className="kn-map" data-testid="twinning-map" data-ready={ready ? 'true' : 'false'} data-pairs={drawn} data-lines={pairs?.lines.length ?? 0} aria-label={t('tw.dash.map')} />
        <Paper className="kn-legend" shadow="sm" p="xs" withBorder>
          <Stack gap={4}>
            {legend(HANOI_COLOUR, t('tw.dash.legendHanoi'))}
            {legend(BORDER_COLOUR, t('tw.dash.legendBorder'))}
            {legend(LINE_COLOUR, t('tw.dash.legendLine'), true)}
          </Stack>
        </Paper>
      </div>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => query.refetch()} />}
      {missing > 0 && (
        <Text size="xs" c="dimmed">
          {t('tw.dash.noLine', { count: missing })}
        </Text>
      )}
    </Stack>
  );
}
