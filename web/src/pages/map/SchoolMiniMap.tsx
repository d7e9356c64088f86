import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { loadProvinceShapes } from '../../lib/reference';
import { addProvinces, createMap, SCHOOL_COLOUR } from './mapBase';

/** A small map centred on one school, for its page. */
export default function SchoolMiniMap({ lat, lng, name }: { lat: number; lng: number; name: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    let map: MapLibreMap;
    try {
      map = createMap(container, { center: [lng, lat], zoom: 9, cooperativeGestures: true });
    } catch {
      setFailed(true);
      return;
    }
    let cancelled = false;
    map.on('load', () => {
      map.addSource('school', {
        type: 'geojson',
        data: { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lng, lat] } },
      });
      map.addLayer({
        id: 'school',
        type: 'circle',
        source: 'school',
        paint: { 'circle-radius': 8, 'circle-color': SCHOOL_COLOUR, 'circle-stroke-width': 2, 'circle-stroke-color': '#fff' },
      });
      loadProvinceShapes()
        .then((geo) => {
          if (cancelled) return;
          addProvinces(map, geo);
          map.moveLayer('school');
        })
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      map.remove();
    };
  }, [lat, lng]);

  if (failed) return <Text c="dimmed">{t('map.unsupported')}</Text>;
  return <div ref={ref} className="kn-mini-map" role="img" aria-label={name} data-testid="school-map" />;
}
