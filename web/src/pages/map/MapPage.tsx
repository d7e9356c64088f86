import { ProvinceFilter } from '../../components/ProvinceFilter';
import { Alert, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { Marker, Popup, type GeoJSONSource, type Map as MapLibreMap, type MapGeoJSONFeature } from 'maplibre-gl';
import type { Point } from 'geojson';
import { useEffect, useMemo, useRef, useState } from 'react';
import { SCHOOL_MAP_SINGLE_ZOOM, schoolsApi } from '../../../../contracts/schools';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useApi } from '../../lib/query';
import { loadProvinceShapes, } from '../../lib/reference';
import { useNavigate, useSearchParams } from '../../lib/router';
import { SCHOOL_LEVELS, VIETNAM_BOUNDS } from '../../lib/vocab';
import { addProvinces, CLUSTER_COLOURS, createNavigableMap, followView, type MapView, SCHOOL_COLOUR } from './mapBase';
import { MapLegend } from './MapLegend';
import { el, EMPTY, provincePopup, schoolPopup, toGeoJSON, type SchoolProps } from './mapSchools';

declare global {
  interface Window {
    __knMapReady?: boolean;
  }
}

const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined => ((list as readonly string[]).includes(v) ? (v as T) : undefined);

export default function MapPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const search = useSearchParams();
  const provinceCode = search.get('tinh') ?? '';
  const level = search.get('cap') ?? '';

  const containerRef = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [mapLoaded, setMapLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [unsupported, setUnsupported] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [drawing, setDrawing] = useState(true);
  const filter = { provinceCode: provinceCode || undefined, level: oneOf(SCHOOL_LEVELS, level) };
  // the view on screen (zoom and box), set a moment after the map stops moving; null until the
  // map has been fitted to the filter's schools
  const [view, setView] = useState<MapView | null>(null);
  // the province's schools in fine cells, once per filter: where to fit the map
  const extent = useApi(schoolsApi.points, { query: { ...filter, zoom: 9 } }, { enabled: !!provinceCode });
  // the schools of the view, grouped by the server in cells of about 40 pixels
  const points = useApi(schoolsApi.points, { query: { ...filter, ...(view ?? {}) } }, { enabled: view !== null, keepPrevious: true });
  const geo = useMemo(() => (points.data ? toGeoJSON(points.data) : null), [points.data]);
  const tRef = useRef(t);
  tRef.current = t;

  // create the map once
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    window.__knMapReady = false;
    let map: MapLibreMap;
    try {
      map = createNavigableMap(container, { bounds: VIETNAM_BOUNDS, fitBoundsOptions: { padding: 12 }, minZoom: 3, maxZoom: 16 });
    } catch {
      setUnsupported(true);
      return;
    }
    mapRef.current = map;

    const markers: Marker[] = [];
    let cancelled = false;
    let follow: ReturnType<typeof followView> | undefined;

    map.on('load', () => {
      // the server groups the schools: a cell of several schools is a cluster
      map.addSource('schools', { type: 'geojson', data: EMPTY });
      map.addLayer({
        id: 'clusters',
        type: 'circle',
        source: 'schools',
        filter: ['>', ['get', 'count'], 1],
        paint: {
          'circle-color': ['step', ['get', 'count'], CLUSTER_COLOURS.small, 100, CLUSTER_COLOURS.medium, 1000, CLUSTER_COLOURS.large],
          'circle-radius': ['interpolate', ['linear'], ['get', 'count'], 2, 10, 100, 16, 1000, 24, 10000, 34],
          'circle-opacity': 0.85,
          'circle-stroke-width': 1.5,
          'circle-stroke-color': '#ffffff',
        },
      });
      map.addLayer({
        id: 'school-point',
        type: 'circle',
        source: 'schools',
        filter: ['<=', ['get', 'count'], 1],
        paint: {
          'circle-color': SCHOOL_COLOUR,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 3.5, 12, 6],
          'circle-stroke-width': 1,
          'circle-stroke-color': '#ffffff',
        },
      });
      setMapLoaded(true);
      // ask for the cells of the view a moment after the map stops moving
      follow = followView(map, SCHOOL_MAP_SINGLE_ZOOM, setView);

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
        // a group: zoom in on it (the server then sends its schools in smaller cells)
        map.easeTo({ center: (hit.geometry as Point).coordinates as [number, number], zoom: Math.min(SCHOOL_MAP_SINGLE_ZOOM, map.getZoom() + 2) });
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
      follow?.stop();
      resize.disconnect();
      for (const m of markers) m.remove();
      popup.remove();
      map.remove();
      mapRef.current = null;
      window.__knMapReady = false;
    };
  }, []);

  // keep the island labels in the current language (they exist once the map has loaded)
  // biome-ignore lint/correctness/useExhaustiveDependencies: mapLoaded says when the labels exist
  useEffect(() => {
    document.querySelectorAll<HTMLElement>('.kn-island-label[data-island]').forEach((n) => {
      n.textContent = t(n.dataset.island as 'map.hoangSa');
    });
  }, [t, mapLoaded]);

  // fit the map to the filter's schools when the filter changes: the province's schools, else the
  // whole country; the view it ends on asks for the cells
  const fitFor = useRef<string | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!mapLoaded || !map) return;
    const key = `${provinceCode}|${level}`;
    if (fitFor.current === key) return;
    const fitTo = (bounds: [[number, number], [number, number]] | typeof VIETNAM_BOUNDS, maxZoom?: number) => {
      fitFor.current = key;
      map.fitBounds(bounds, maxZoom ? { padding: 40, maxZoom, duration: 600 } : { padding: 12, duration: 600 });
      // the map may not move (already there): ask for the cells of the view as it is
      map.once('idle', () => map.fire('moveend'));
    };
    if (!provinceCode) return fitTo(VIETNAM_BOUNDS);
    if (!extent.data) return;
    const rows = extent.data.rows;
    if (!rows.length) return fitTo(VIETNAM_BOUNDS);
    let minX = 180, minY = 90, maxX = -180, maxY = -90;
    for (const [, , lat, lng] of rows) {
      if (lng < minX) minX = lng;
      if (lng > maxX) maxX = lng;
      if (lat < minY) minY = lat;
      if (lat > maxY) maxY = lat;
    }
    fitTo([[minX, minY], [maxX, maxY]], 11);
  }, [mapLoaded, provinceCode, level, extent.data]);

  // draw the cells whenever they change; a group's count is written on it
  useEffect(() => {
    const map = mapRef.current;
    if (!mapLoaded || !map || !geo) return;
    let cancelled = false;
    setDrawing(true);
    const src = map.getSource('schools') as GeoJSONSource | undefined;
    if (!src) return;
    src.setData(geo);
    const labels: Marker[] = [];
    for (const f of geo.features) {
      if (f.properties.count <= 1) continue;
      const label = el('div', { className: 'kn-cluster-count', textContent: formatNumber(f.properties.count) });
      label.dataset.count = String(f.properties.count);
      label.setAttribute('data-testid', 'map-cluster-count');
      labels.push(new Marker({ element: label, anchor: 'center' }).setLngLat(f.geometry.coordinates as [number, number]).addTo(map));
    }
    const markReady = () => {
      if (cancelled) return;
      // ready means the provinces are drawn too, not only the schools
      if (!map.getLayer('province-fill')) {
        map.once('idle', markReady);
        return;
      }
      setDrawing(false);
      setReady(true);
      window.__knMapReady = true;
    };
    // ready once the map has drawn the new data (idle), with a fallback for slow renderers
    map.once('idle', markReady);
    const fallback = setTimeout(() => {
      if (map.isSourceLoaded('schools')) markReady();
    }, 4000);
    return () => {
      cancelled = true;
      clearTimeout(fallback);
      for (const m of labels) m.remove();
    };
  }, [mapLoaded, geo]);

  const count = geo ? geo.features.reduce((n, f) => n + f.properties.count, 0) : null;
  const loadingPoints = points.isFetching || extent.isFetching || (drawing && !points.error);

  const setFilter = (key: 'tinh' | 'cap', value: string | null) => {
    const p = new URLSearchParams(search);
    if (value) p.set(key, value);
    else p.delete(key);
    const qs = p.toString();
    navigate(`/ban-do${qs ? `?${qs}` : ''}`, { replace: true });
  };


  return (
    <Stack gap="sm">
      <PageHeader
        title={t('map.title')}
        actions={
          <Group gap="sm" align="flex-end" wrap="wrap">
            <ProvinceFilter value={provinceCode} onChange={(v) => setFilter('tinh', v ?? null)} w={220} testId="map-filter-province" />
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
        }
      >
        <Group gap="xs" mih={22}>
          {loadingPoints && <Loader size="xs" />}
          <Text size="sm" c="dimmed" data-testid="map-count" aria-live="polite">
            {count != null ? t('map.schoolsShown', { count: formatNumber(count) }) : t('map.loading')}
          </Text>
        </Group>
      </PageHeader>
      {error && <ErrorAlert error={error} />}
      {points.error && <ErrorAlert error={points.error} onRetry={() => void points.refetch()} />}
      {extent.error && <ErrorAlert error={extent.error} onRetry={() => void extent.refetch()} />}
      {unsupported ? (
        <Alert color="yellow">{t('map.unsupported')}</Alert>
      ) : (
        <div className="kn-map-wrap">
          <section ref={containerRef} className="kn-map" data-testid="map" data-ready={ready ? 'true' : 'false'} aria-label={t('map.title')} />
          <MapLegend />
        </div>
      )}
    </Stack>
  );
}
