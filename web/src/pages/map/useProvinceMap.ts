/**
 * The life cycle shared by the full-size maps drawn over the 34 provinces: the map is made (or the
 * page learns WebGL is missing), the province shapes are loaded and drawn, the map follows its
 * container's size, it says when it is ready (`data-ready`, and `window.__knMapReady` for the
 * journeys) and everything is taken down on unmount. Each map adds its own sources, layers and
 * handlers through `setup`.
 */
import { Popup, type MapGeoJSONFeature, type Map as MapLibreMap, type MapOptions } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import { loadProvinceShapes } from '../../lib/reference';
import { addProvinces, createNavigableMap } from './mapBase';

declare global {
  interface Window {
    __knMapReady?: boolean;
  }
}

/** What a map adds to the shared life cycle. */
export interface ProvinceMapParts {
  /** Once the province shapes are drawn (and before the map counts as loaded): the map's own sources and layers. */
  draw?: (geo: FeatureCollection) => void;
  /** On unmount, before the map is removed: the map's own timers and the like. */
  dispose?: () => void;
}

export interface ProvinceMapConfig {
  /** The map's options besides its container and style (bounds, zoom range, gestures). */
  options: Omit<MapOptions, 'container' | 'style'>;
  /**
   * When the map counts as ready: 'drawn' once its layers are drawn; 'idle' at the first idle after
   * that; 'manual' when the page calls `markReadyOnIdle` (once its data is on the map).
   */
  readyWhen: 'drawn' | 'idle' | 'manual';
  /** Whether `window.__knMapReady` follows this map: false while it loads and once it is gone, true once it is ready. */
  pageFlag?: boolean;
  /** Clicking a feature of `layer` opens a popup showing what `content` makes of it; the cursor is a pointer over them. */
  popup?: { layer: string; content: (feature: MapGeoJSONFeature) => HTMLElement };
  /** Right after the map is made, before it loads: the map's own handlers; what it returns draws its layers and cleans up. */
  setup?: (map: MapLibreMap) => ProvinceMapParts | undefined;
}

/** The config is read once, when the map is made; `setup` and its callbacks should read changing values through refs. */
export function useProvinceMap(config: ProvinceMapConfig) {
  const ref = useRef<HTMLElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const configRef = useRef(config);
  const [loaded, setLoaded] = useState(false);
  const [ready, setReady] = useState(false);
  const [unsupported, setUnsupported] = useState(false);

  /** The map is ready at its next idle, or after `timeoutMs` at the latest when given; returns what stops the wait's timer. */
  const markReadyOnIdle = useCallback((timeoutMs?: number) => {
    const map = mapRef.current;
    if (!map) return () => {};
    let done = false;
    const markReady = () => {
      if (done) return;
      done = true;
      setReady(true);
      if (configRef.current.pageFlag) window.__knMapReady = true;
    };
    map.once('idle', markReady);
    const timer = timeoutMs === undefined ? undefined : setTimeout(markReady, timeoutMs);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const { options, readyWhen, pageFlag, popup: popupOn, setup } = configRef.current;
    if (pageFlag) window.__knMapReady = false;
    let map: MapLibreMap;
    try {
      map = createNavigableMap(container, options);
    } catch {
      setUnsupported(true);
      return;
    }
    mapRef.current = map;
    let cancelled = false;
    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    if (popupOn) {
      map.on('click', popupOn.layer, (e) => {
        const f = e.features?.[0];
        if (!f) return;
        popup.setLngLat(e.lngLat).setDOMContent(popupOn.content(f)).addTo(map);
      });
      map.on('mouseenter', popupOn.layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', popupOn.layer, () => (map.getCanvas().style.cursor = ''));
    }
    const parts = setup?.(map);
    map.on('load', () => {
      loadProvinceShapes()
        .then((geo) => {
          if (cancelled) return;
          addProvinces(map, geo);
          parts?.draw?.(geo);
          setLoaded(true);
          if (readyWhen === 'drawn') {
            setReady(true);
            if (pageFlag) window.__knMapReady = true;
          } else if (readyWhen === 'idle') {
            markReadyOnIdle();
          }
        })
        .catch(() => !cancelled && setUnsupported(true));
    });
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      cancelled = true;
      parts?.dispose?.();
      resize.disconnect();
      popup.remove();
      map.remove();
      mapRef.current = null;
      if (pageFlag) window.__knMapReady = false;
    };
  }, [markReadyOnIdle]);

  return { ref, mapRef, loaded, ready, unsupported, markReadyOnIdle };
}
