/**
 * Needs (coloured by status: open, partly pledged, fully pledged, met) or facility-survey service
 * levels on the national map. Loaded on demand: pages show it only when asked. Needs come
 * clustered by the server for the zoom and the box on screen (a numbered circle is a cluster: a
 * click zooms in on it), so the answer stays small whatever the number of needs.
 */
import { Group, Paper, Stack, Text } from '@mantine/core';
import { Marker, NavigationControl, Popup, type GeoJSONSource, type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import type { NeedFilters, Points, ServiceLevel } from '../../api/resources';
import { ErrorAlert } from '../../components/common';
import { useI18n, type TFunction } from '../../i18n';
import { loadProvinceShapes } from '../../lib/reference';
import { VIETNAM_BOUNDS } from '../../lib/vocab';
import { addProvinces, createMap } from '../map/mapBase';
import { resourceQueries, useResource } from './queries';
import { formatVnd, mapGroup, NEED_MAP_COLORS, SERVICE_HEX } from './shared';

declare global {
  interface Window {
    __knMapReady?: boolean;
  }
}

export type MapLayer = 'needs' | 'water' | 'sanitation' | 'hygiene';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function toFeatures(p: Points, layer: MapLayer): FeatureCollection<Point> {
  const i = (name: string) => p.fields.indexOf(name);
  const iLat = i('lat'), iLng = i('lng');
  const features: Feature<Point>[] = [];
  for (const r of p.rows) {
    const lat = r[iLat] as number | null, lng = r[iLng] as number | null;
    if (lat == null || lng == null) continue;
    const props: Record<string, string | number | null> = {};
    for (const [k, f] of p.fields.entries()) props[f] = r[k];
    if (layer === 'needs') {
      props.group = mapGroup(String(props.status));
      props.colour = NEED_MAP_COLORS[props.group as keyof typeof NEED_MAP_COLORS];
    } else {
      props.colour = SERVICE_HEX[(props[layer] as ServiceLevel) ?? 'none'] ?? '#868e96';
    }
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: props });
  }
  return { type: 'FeatureCollection', features };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, children: (Node | string)[] = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) node.append(c);
  return node;
}

function popupFor(p: Record<string, unknown>, layer: MapLayer, t: TFunction, publicLinks: boolean): HTMLElement {
  if (layer === 'needs') {
    const link = el('a', { href: `/nhu-cau/${encodeURIComponent(String(p.id))}`, textContent: t('need.open') + ' →' });
    link.setAttribute('data-spa-link', '');
    return el('div', { className: 'kn-popup' }, [
      el('strong', { textContent: String(p.title) }),
      el('div', { textContent: t(`need.status.${p.status as 'published'}`) }),
      el('div', { textContent: `${t('need.remainingValue')}: ${formatVnd(Number(p.remainingValue))}` }),
      el('div', {}, [link]),
    ]);
  }
  const href = publicLinks ? `/cong-khai/truong/${encodeURIComponent(String(p.id))}` : `/truong-hoc/${encodeURIComponent(String(p.id))}`;
  const link = el('a', { href, textContent: t('map.openSchool') + ' →' });
  link.setAttribute('data-spa-link', '');
  const lvl = (k: 'water' | 'sanitation' | 'hygiene') => `${t(`survey.service.${k}`)}: ${t(`survey.level.${p[k] as ServiceLevel}`)}`;
  return el('div', { className: 'kn-popup' }, [
    el('strong', { textContent: String(p.name) }),
    el('div', { textContent: `${t('survey.schoolYear')}: ${String(p.schoolYear)}` }),
    el('div', { textContent: lvl('water') }),
    el('div', { textContent: lvl('sanitation') }),
    el('div', { textContent: lvl('hygiene') }),
    el('div', {}, [link]),
  ]);
}

export function MapLegend({ layer }: { layer: MapLayer }) {
  const { t } = useI18n();
  const rows: [string, string][] =
    layer === 'needs'
      ? [
          [NEED_MAP_COLORS.open, t('need.map.open')],
          [NEED_MAP_COLORS.partly, t('need.map.partly')],
          [NEED_MAP_COLORS.full, t('need.map.full')],
          [NEED_MAP_COLORS.met, t('need.map.met')],
        ]
      : (['basic', 'limited', 'none'] as const).map((l) => [SERVICE_HEX[l], t(`survey.level.${l}`)]);
  return (
    <Paper className="kn-legend" shadow="sm" p="xs" withBorder data-testid="map-legend">
      <Text size="xs" fw={700} mb={4}>
        {layer === 'needs' ? t('map.legend') : t(`survey.service.${layer}`)}
      </Text>
      <Stack gap={4}>
        {rows.map(([c, label]) => (
          <Group gap={8} wrap="nowrap" key={label}>
            <span className="kn-legend-dot" style={{ width: 12, height: 12, background: c }} />
            <Text size="xs">{label}</Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export default function NeedMap({
  filters = {},
  layer = 'needs',
  publicLinks = false,
  onCount,
}: {
  filters?: Pick<NeedFilters, 'provinceCode' | 'category' | 'level' | 'flag'>;
  layer?: MapLayer;
  publicLinks?: boolean;
  onCount?: (n: number) => void;
}) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [view, setView] = useState<{ zoom: number; bbox: string } | null>(null);
  const tRef = useRef(t);
  tRef.current = t;
  const layerRef = useRef(layer);
  layerRef.current = layer;
  const publicRef = useRef(publicLinks);
  publicRef.current = publicLinks;
  const countRef = useRef(onCount);
  countRef.current = onCount;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    window.__knMapReady = false;
    let map: MapLibreMap;
    try {
      map = createMap(container, { bounds: VIETNAM_BOUNDS, fitBoundsOptions: { padding: 12 }, minZoom: 3, maxZoom: 16 });
    } catch {
      setError(new Error(tRef.current('map.unsupported')));
      return;
    }
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.touchZoomRotate.disableRotation();
    let cancelled = false;
    const markers: Marker[] = [];
    map.on('load', () => {
      map.addSource('points', { type: 'geojson', data: EMPTY });
      map.addLayer({
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-color': ['get', 'colour'],
          'circle-radius': ['interpolate', ['linear'], ['coalesce', ['get', 'count'], 1], 1, 6, 10, 10, 100, 15, 1000, 22],
          'circle-stroke-width': 1.5,
          'circle-stroke-color': '#ffffff',
        },
      });
      const viewOf = () => {
        const b = map.getBounds();
        setView({ zoom: Math.round(map.getZoom()), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(2)).join(',') });
      };
      viewOf();
      map.on('moveend', viewOf);
      setLoaded(true);
      // the archipelagos' names (HTML: no glyph server is needed)
      for (const [lngLat, key] of [
        [[112.0, 17.75], 'map.hoangSa'],
        [[114.4, 12.1], 'map.truongSa'],
      ] as const) {
        const label = el('div', { className: 'kn-island-label', textContent: tRef.current(key) });
        markers.push(new Marker({ element: label, anchor: 'center' }).setLngLat(lngLat as unknown as [number, number]).addTo(map));
      }
      loadProvinceShapes()
        .then((geo) => {
          if (cancelled) return;
          addProvinces(map, geo);
          for (const l of ['province-fill', 'province-outline', 'island-dots']) if (map.getLayer(l)) map.moveLayer(l, 'points');
        })
        .catch((e: Error) => !cancelled && setError(e));
    });
    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    map.on('click', 'points', (e) => {
      const f = e.features?.[0] as MapGeoJSONFeature | undefined;
      if (!f) return;
      // a cluster: zoom in on it
      if (Number(f.properties.count ?? 1) > 1) {
        map.easeTo({ center: (f.geometry as Point).coordinates as [number, number], zoom: map.getZoom() + 2 });
        return;
      }
      popup
        .setLngLat((f.geometry as Point).coordinates as [number, number])
        .setDOMContent(popupFor(f.properties, layerRef.current, tRef.current, publicRef.current))
        .addTo(map);
    });
    map.on('mouseenter', 'points', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'points', () => (map.getCanvas().style.cursor = ''));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      cancelled = true;
      resize.disconnect();
      for (const m of markers) m.remove();
      popup.remove();
      map.remove();
      mapRef.current = null;
      window.__knMapReady = false;
    };
  }, []);

  const points = useResource(layer === 'needs' ? resourceQueries.needPoints({ ...filters, ...(view ?? {}) }) : resourceQueries.surveyPoints({ provinceCode: filters.provinceCode }), {
    enabled: layer !== 'needs' || view !== null,
    keepPrevious: true,
  });
  const data = points.data;
  useEffect(() => {
    const map = mapRef.current;
    if (!loaded || !map || !data) return;
    let current = true;
    const geo = toFeatures(data, layer);
    countRef.current?.(geo.features.reduce((n, f) => n + Number(f.properties?.count ?? 1), 0));
    (map.getSource('points') as GeoJSONSource | undefined)?.setData(geo);
    const done = () => {
      if (!current) return;
      setReady(true);
      window.__knMapReady = true;
    };
    map.once('idle', done);
    const timer = setTimeout(done, 4000);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [loaded, data, layer]);

  return (
    <Stack gap="xs">
      {error && <ErrorAlert error={error} />}
      {points.error && <ErrorAlert error={points.error} onRetry={() => void points.refetch()} />}
      <div className="kn-map-wrap" style={{ height: 'min(70dvh, 560px)', minHeight: 320 }}>
        <section ref={containerRef} className="kn-map" data-testid="need-map" data-ready={ready ? 'true' : 'false'} aria-label={t('need.map.title')} />
        <MapLegend layer={layer} />
      </div>
      <Text size="xs" c="dimmed">
        {t('need.map.help')}
      </Text>
    </Stack>
  );
}
