/** Shared MapLibre set-up: no external tiles, only a background and the province shapes we serve. */
import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type MapOptions, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { Feature, FeatureCollection, Point } from 'geojson';

setWorkerUrl(workerUrl);

/** Outside the 34 provinces: sea and neighbouring countries alike (we draw no foreign borders). */
export const SEA_COLOUR = '#dbe4ea';
export const LAND_COLOUR = '#f6f3ea';
export const BORDER_COLOUR = '#8c8c8c';
export const SCHOOL_COLOUR = '#1971c2';
export const CLUSTER_COLOURS = { small: '#4dabf7', medium: '#f59f00', large: '#e8590c' } as const;

const BASE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': SEA_COLOUR } }],
};

/** MapLibre's own control labels, in Vietnamese when the page is (the library ships English only). */
const VI_LOCALE: Record<string, string> = {
  'Map.Title': 'Bản đồ',
  'NavigationControl.ZoomIn': 'Phóng to',
  'NavigationControl.ZoomOut': 'Thu nhỏ',
  'NavigationControl.ResetBearing': 'Kéo để xoay bản đồ, bấm để về hướng bắc',
  'FullscreenControl.Enter': 'Toàn màn hình',
  'FullscreenControl.Exit': 'Thoát toàn màn hình',
  'Popup.Close': 'Đóng',
  'CooperativeGesturesHandler.WindowsHelpText': 'Giữ Ctrl và cuộn để phóng to, thu nhỏ bản đồ',
  'CooperativeGesturesHandler.MacHelpText': 'Giữ ⌘ và cuộn để phóng to, thu nhỏ bản đồ',
  'CooperativeGesturesHandler.MobileHelpText': 'Dùng hai ngón tay để di chuyển bản đồ',
  'AttributionControl.ToggleAttribution': 'Hiện/ẩn nguồn dữ liệu',
  'LogoControl.Title': 'Biểu trưng MapLibre',
};

export function createMap(container: HTMLElement, options: Omit<MapOptions, 'container' | 'style'> = {}): MapLibreMap {
  return new MapLibreMap({
    container,
    style: BASE_STYLE,
    ...(document.documentElement.lang === 'en' ? {} : { locale: VI_LOCALE }),
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    renderWorldCopies: false,
    ...options,
  });
}

/** A map one can zoom and pan (zoom buttons top right, no rotation), for the full-size maps. */
export function createNavigableMap(container: HTMLElement, options: Omit<MapOptions, 'container' | 'style'> = {}): MapLibreMap {
  const map = createMap(container, options);
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.touchZoomRotate.disableRotation();
  return map;
}

/**
 * Small islands (Hoàng Sa, Trường Sa and others off the coast) vanish at national zoom;
 * a dot at each keeps them visible.
 */
function islandDots(geo: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const f of geo.features) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) {
      const ring = poly[0];
      if (!ring?.length) continue;
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      // offshore and small: east of the mainland coast, under ~0.3° across
      if (minX > 109.5 && maxX - minX < 0.3 && maxY - minY < 0.3) {
        features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [(minX + maxX) / 2, (minY + maxY) / 2] } });
      }
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Adds the 34 provinces (fill + outline) and dots for the small islands. */
export function addProvinces(map: MapLibreMap, geo: FeatureCollection, opts: { interactive?: boolean } = {}) {
  if (map.getSource('provinces')) return;
  map.addSource('provinces', { type: 'geojson', data: geo, promoteId: 'code' });
  map.addLayer({
    id: 'province-fill',
    type: 'fill',
    source: 'provinces',
    paint: {
      'fill-color': LAND_COLOUR,
      'fill-opacity': opts.interactive ? ['case', ['boolean', ['feature-state', 'hover'], false], 1, 0.95] : 1,
    },
  });
  map.addLayer({
    id: 'province-outline',
    type: 'line',
    source: 'provinces',
    paint: { 'line-color': BORDER_COLOUR, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 9, 1.4] },
  });
  map.addSource('islands', { type: 'geojson', data: islandDots(geo) });
  map.addLayer({
    id: 'island-dots',
    type: 'circle',
    source: 'islands',
    maxzoom: 8,
    paint: { 'circle-radius': 1.6, 'circle-color': '#9c8f6e', 'circle-opacity': 0.9 },
  });
}

/** The view on screen as the server's cell queries take it: the zoom and the box (west, south, east, north). */
export interface MapView {
  zoom: number;
  bbox: string;
}

/**
 * Hands `onView` the view (zoom rounded, at most `maxZoom`; box to 0.01°) a moment after the map
 * stops moving, or after `settle()` is called. `stop()` cancels a pending view, and no more come.
 */
export function followView(map: MapLibreMap, maxZoom: number, onView: (view: MapView) => void) {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (stopped) return;
      const b = map.getBounds();
      onView({ zoom: Math.min(maxZoom, Math.round(map.getZoom())), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((x) => x.toFixed(2)).join(',') });
    }, 250);
  };
  map.on('moveend', settle);
  return {
    settle,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
