import { Alert, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Marker, NavigationControl, Popup, type GeoJSONSource, type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type SchoolLevel, type SchoolPoints } from '../../api';
import { ErrorAlert } from '../../components/common';
import { useI18n, type TFunction } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { loadProvinceShapes, useProvinces } from '../../lib/reference';
import { useNavigate, useSearchParams } from '../../lib/router';
import { SCHOOL_LEVELS, VIETNAM_BOUNDS } from '../../lib/vocab';
import { addProvinces, CLUSTER_COLOURS, createMap, SCHOOL_COLOUR } from './mapBase';

declare global {
  interface Window {
    __knMapReady?: boolean;
  }
}

interface SchoolProps {
  id: string;
  name: string;
  levels: string;
}

function toGeoJSON(points: SchoolPoints): FeatureCollection<Point, SchoolProps> {
  const idx = (name: string, fallback: number) => {
    const i = points.fields.indexOf(name);
    return i >= 0 ? i : fallback;
  };
  const iId = idx('id', 0), iName = idx('name', 1), iLat = idx('lat', 2), iLng = idx('lng', 3), iLevels = idx('levels', 4);
  const features: Feature<Point, SchoolProps>[] = [];
  for (const r of points.rows) {
    const lat = r[iLat] as number | null;
    const lng = r[iLng] as number | null;
    if (lat == null || lng == null) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { id: String(r[iId]), name: String(r[iName]), levels: String(r[iLevels] ?? '') },
    });
  }
  return { type: 'FeatureCollection', features };
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, children: (Node | string)[] = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) node.append(c);
  return node;
}

function schoolPopup(p: SchoolProps, t: TFunction): HTMLElement {
  const levels = p.levels
    .split(',')
    .filter(Boolean)
    .map((l) => ((SCHOOL_LEVELS as readonly string[]).includes(l) ? t(`level.${l as SchoolLevel}`) : l))
    .join(', ');
  const link = el('a', { href: `/truong-hoc/${encodeURIComponent(p.id)}`, textContent: t('map.openSchool') + ' →' });
  link.setAttribute('data-spa-link', '');
  return el('div', { className: 'kn-popup' }, [
    el('strong', { textContent: p.name }),
    ...(levels ? [el('div', { textContent: levels, className: 'kn-popup-levels' })] : []),
    el('div', {}, [link]),
  ]);
}

function provincePopup(code: string, name: string, t: TFunction): HTMLElement {
  const link = el('a', { href: `/truong-hoc?tinh=${encodeURIComponent(code)}`, textContent: t('map.schoolsOfProvince') + ' →' });
  link.setAttribute('data-spa-link', '');
  return el('div', { className: 'kn-popup' }, [el('strong', { textContent: name }), el('div', { className: 'kn-popup-link' }, [link])]);
}

function Legend() {
  const { t } = useI18n();
  const row = (colour: string, size: number, label: string, ring = false) => (
    <Group gap={8} wrap="nowrap" key={label}>
      <span className="kn-legend-dot" style={{ width: size, height: size, background: ring ? 'transparent' : colour, border: ring ? `2px solid ${colour}` : undefined, borderRadius: ring ? 2 : '50%' }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Paper className="kn-legend" shadow="sm" p="xs" withBorder data-testid="map-legend">
      <Text size="xs" fw={700} mb={4}>
        {t('map.legend')}
      </Text>
      <Stack gap={4}>
        {row(SCHOOL_COLOUR, 10, t('map.legend.school'))}
        {row(CLUSTER_COLOURS.small, 14, t('map.legend.clusterSmall'))}
        {row(CLUSTER_COLOURS.medium, 18, t('map.legend.clusterMedium'))}
        {row(CLUSTER_COLOURS.large, 22, t('map.legend.clusterLarge'))}
        {row('#8c8c8c', 14, t('map.legend.province'), true)}
      </Stack>
    </Paper>
  );
}

export default function MapPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const provinces = useProvinces();
  const provinceCode = search.get('tinh') ?? '';
  const level = search.get('cap') ?? '';

  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [mapLoaded, setMapLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [unsupported, setUnsupported] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [count, setCount] = useState<number | null>(null);
  const [loadingPoints, setLoadingPoints] = useState(true);
  const tRef = useRef(t);
  tRef.current = t;

  // create the map once
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    window.__knMapReady = false;
    let map: MapLibreMap;
    try {
      map = createMap(container, { bounds: VIETNAM_BOUNDS, fitBoundsOptions: { padding: 12 }, minZoom: 3, maxZoom: 16 });
    } catch {
      setUnsupported(true);
      return;
    }
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.touchZoomRotate.disableRotation();

    const markers: Marker[] = [];
    let cancelled = false;

    map.on('load', () => {
      map.addSource('schools', { type: 'geojson', data: EMPTY, cluster: true, clusterRadius: 48, clusterMaxZoom: 13 });
      map.addLayer({
        id: 'clusters',
        type: 'circle',
        source: 'schools',
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': ['step', ['get', 'point_count'], CLUSTER_COLOURS.small, 100, CLUSTER_COLOURS.medium, 1000, CLUSTER_COLOURS.large],
          'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 2, 9, 100, 16, 1000, 24, 10000, 34],
          'circle-opacity': 0.85,
          'circle-stroke-width': 1.5,
          'circle-stroke-color': '#ffffff',
        },
      });
      map.addLayer({
        id: 'school-point',
        type: 'circle',
        source: 'schools',
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': SCHOOL_COLOUR,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 3.5, 12, 6],
          'circle-stroke-width': 1,
          'circle-stroke-color': '#ffffff',
        },
      });
      setMapLoaded(true);

      loadProvinceShapes()
        .then((geo) => {
          if (cancelled) return;
          addProvinces(map, geo, { interactive: true });
          // provinces under the schools
          if (map.getLayer('province-fill')) {
            map.moveLayer('province-fill', 'clusters');
            map.moveLayer('province-outline', 'clusters');
            map.moveLayer('island-dots', 'clusters');
          }
        })
        .catch((e: Error) => !cancelled && setError(e));

      // the archipelagos' names (HTML: no glyph server is needed)
      for (const [lngLat, key] of [
        [[112.0, 17.75], 'map.hoangSa'],
        [[114.4, 12.1], 'map.truongSa'],
      ] as const) {
        const label = el('div', { className: 'kn-island-label', textContent: tRef.current(key) });
        label.dataset.island = key;
        markers.push(new Marker({ element: label, anchor: 'center' }).setLngLat(lngLat as [number, number]).addTo(map));
      }
    });

    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    map.on('click', (e) => {
      const hits = map.queryRenderedFeatures(e.point, { layers: ['school-point', 'clusters'].filter((l) => map.getLayer(l)) });
      const hit = hits[0] as MapGeoJSONFeature | undefined;
      if (hit && hit.layer.id === 'clusters') {
        const src = map.getSource('schools') as GeoJSONSource;
        const clusterId = hit.properties.cluster_id as number;
        src
          .getClusterExpansionZoom(clusterId)
          .then((zoom) => map.easeTo({ center: (hit.geometry as Point).coordinates as [number, number], zoom }))
          .catch(() => undefined);
        return;
      }
      if (hit && hit.layer.id === 'school-point') {
        popup
          .setLngLat((hit.geometry as Point).coordinates as [number, number])
          .setDOMContent(schoolPopup(hit.properties as SchoolProps, tRef.current))
          .addTo(map);
        return;
      }
      if (map.getLayer('province-fill')) {
        const prov = map.queryRenderedFeatures(e.point, { layers: ['province-fill'] })[0];
        if (prov) {
          popup
            .setLngLat(e.lngLat)
            .setDOMContent(provincePopup(String(prov.properties.code), String(prov.properties.fullName ?? prov.properties.name), tRef.current))
            .addTo(map);
        }
      }
    });
    for (const layer of ['clusters', 'school-point']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);

    return () => {
      cancelled = true;
      resize.disconnect();
      markers.forEach((m) => m.remove());
      popup.remove();
      map.remove();
      mapRef.current = null;
      window.__knMapReady = false;
    };
  }, []);

  // keep the island labels in the current language
  useEffect(() => {
    document.querySelectorAll<HTMLElement>('.kn-island-label[data-island]').forEach((n) => {
      n.textContent = t(n.dataset.island as 'map.hoangSa');
    });
  }, [t, mapLoaded]);

  // (re)load the school points when filters change
  useEffect(() => {
    if (!mapLoaded) return;
    const map = mapRef.current;
    if (!map) return;
    const ctrl = new AbortController();
    setLoadingPoints(true);
    api.schools
      .points({ provinceCode: provinceCode || undefined, level: level || undefined }, ctrl.signal)
      .then((points) => {
        if (ctrl.signal.aborted) return;
        const geo = toGeoJSON(points);
        setCount(geo.features.length);
        const src = map.getSource('schools') as GeoJSONSource | undefined;
        if (!src) return;
        src.setData(geo);
        const markReady = () => {
          if (ctrl.signal.aborted) return;
          // ready means the provinces are drawn too, not only the schools
          if (!map.getLayer('province-fill')) {
            map.once('idle', markReady);
            return;
          }
          setLoadingPoints(false);
          setReady(true);
          window.__knMapReady = true;
        };
        // ready once the map has drawn the new data (idle), with a fallback for slow renderers
        map.once('idle', markReady);
        setTimeout(() => {
          if (map.isSourceLoaded('schools')) markReady();
        }, 4000);
        if (provinceCode) {
          const feats = geo.features;
          if (feats.length) {
            let minX = 180, minY = 90, maxX = -180, maxY = -90;
            for (const f of feats) {
              const [x, y] = f.geometry.coordinates;
              if (x < minX) minX = x;
              if (x > maxX) maxX = x;
              if (y < minY) minY = y;
              if (y > maxY) maxY = y;
            }
            map.fitBounds([[minX, minY], [maxX, maxY]], { padding: 40, maxZoom: 11, duration: 600 });
          }
        } else {
          map.fitBounds(VIETNAM_BOUNDS, { padding: 12, duration: 600 });
        }
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e as Error);
        setLoadingPoints(false);
      });
    return () => ctrl.abort();
  }, [mapLoaded, provinceCode, level]);

  const setFilter = (key: 'tinh' | 'cap', value: string | null) => {
    const p = new URLSearchParams(search);
    if (value) p.set(key, value);
    else p.delete(key);
    const qs = p.toString();
    navigate(`/ban-do${qs ? `?${qs}` : ''}`, { replace: true });
  };

  const provinceOptions = useMemo(() => (provinces.data ?? []).map((p) => ({ value: p.code, label: p.name })), [provinces.data]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1}>{t('map.title')}</Title>
          <Group gap="xs" mih={22}>
            {loadingPoints && <Loader size="xs" />}
            <Text size="sm" c="dimmed" data-testid="map-count" aria-live="polite">
              {count != null ? t('map.schoolsShown', { count: formatNumber(count) }) : t('map.loading')}
            </Text>
          </Group>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('schools.province')}
            placeholder={t('common.all')}
            data={provinceOptions}
            value={provinceCode || null}
            onChange={(v) => setFilter('tinh', v)}
            searchable
            clearable
            w={220}
            data-testid="map-filter-province"
          />
          <Select
            label={t('schools.level')}
            placeholder={t('common.all')}
            data={SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={level || null}
            onChange={(v) => setFilter('cap', v)}
            clearable
            w={180}
            data-testid="map-filter-level"
          />
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      {unsupported ? (
        <Alert color="yellow">{t('map.unsupported')}</Alert>
      ) : (
        <div className="kn-map-wrap">
          <div
            ref={containerRef}
            className="kn-map"
            data-testid="map"
            data-ready={ready ? 'true' : 'false'}
            role="region"
            aria-label={t('map.title')}
          />
          <Legend />
        </div>
      )}
    </Stack>
  );
}
