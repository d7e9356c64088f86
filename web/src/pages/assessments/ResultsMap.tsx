/** The published results on a map of the 34 provinces: each coloured by its share of approved results at the top level. */
import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import { Popup, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { PublicCampaign } from '../../../../contracts/assessments';
import { useI18n } from '../../i18n';
import { loadProvinceShapes } from '../../lib/reference';
import { addProvinces, createNavigableMap } from '../map/mapBase';
import { percent, provinceShares, SHARE_COLOURS, shareClass } from './shares';

declare global {
  interface Window {
    __knMapReady?: boolean;
  }
}

/** Provinces without an approved result: paler than the lowest class, so none is mistaken for 0 %. */
const NO_DATA = '#f4f4f1';
const VIETNAM: [[number, number], [number, number]] = [
  [102.1, 8.3],
  [109.6, 23.4],
];

export default function ResultsMap({ c }: { c: PublicCampaign }) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  const [ready, setReady] = useState(false);
  const [unsupported, setUnsupported] = useState(false);
  const cRef = useRef(c);
  cRef.current = c;
  const tRef = useRef(t);
  tRef.current = t;

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    window.__knMapReady = false;
    let map: MapLibreMap;
    try {
      map = createNavigableMap(container, { bounds: VIETNAM, fitBoundsOptions: { padding: 8 }, minZoom: 3, maxZoom: 10, cooperativeGestures: true });
    } catch {
      setUnsupported(true);
      return;
    }
    let cancelled = false;
    map.on('load', () => {
      loadProvinceShapes()
        .then((geo) => {
          if (cancelled) return;
          addProvinces(map, geo);
          map.addLayer(
            {
              id: 'share-fill',
              type: 'fill',
              source: 'provinces',
              paint: {
                // the class is set per province as feature state; a province without results has none
                'fill-color': ['match', ['coalesce', ['feature-state', 'cls'], -1], 0, SHARE_COLOURS[0], 1, SHARE_COLOURS[1], 2, SHARE_COLOURS[2], 3, SHARE_COLOURS[3], 4, SHARE_COLOURS[4], NO_DATA],
                'fill-opacity': 0.9,
              },
            },
            'province-outline',
          );
          for (const p of provinceShares(cRef.current)) map.setFeatureState({ source: 'provinces', id: p.provinceCode }, { cls: shareClass(p.top) });
          map.once('idle', () => {
            setReady(true);
            window.__knMapReady = true;
          });
        })
        .catch(() => !cancelled && setUnsupported(true));
    });
    const popup = new Popup({ closeButton: true, maxWidth: '280px' });
    map.on('click', 'share-fill', (e) => {
      const code = String(e.features?.[0]?.properties?.code ?? '');
      const name = String(e.features?.[0]?.properties?.name ?? code);
      const p = cRef.current.byProvince.find((x) => x.provinceCode === code);
      const box = document.createElement('div');
      box.className = 'kn-popup';
      const title = document.createElement('strong');
      title.textContent = name;
      box.append(title);
      if (!p) {
        const none = document.createElement('div');
        none.textContent = tRef.current('as.map.noData');
        box.append(none);
      } else {
        for (const r of cRef.current.results) {
          const line = document.createElement('div');
          line.textContent = `${r.label}: ${percent(p.counts[r.code] ?? 0, p.total)}% (${p.counts[r.code] ?? 0}/${p.total})`;
          box.append(line);
        }
      }
      popup.setLngLat(e.lngLat).setDOMContent(box).addTo(map);
    });
    map.on('mouseenter', 'share-fill', () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'share-fill', () => (map.getCanvas().style.cursor = ''));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      cancelled = true;
      resize.disconnect();
      popup.remove();
      map.remove();
      window.__knMapReady = false;
    };
  }, []);

  if (unsupported) return <Alert color="yellow">{t('map.unsupported')}</Alert>;
  const top = c.results[c.results.length - 1];
  const swatch = (colour: string, label: string) => (
    <Group gap={6} wrap="nowrap" key={label}>
      <span aria-hidden="true" style={{ display: 'inline-block', width: 12, height: 12, background: colour, border: '1px solid #adb5bd' }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <div className="kn-map-wrap" style={{ height: 'min(70vh, 560px)', minHeight: 360 }}>
      <section ref={ref} className="kn-map" data-testid="as-map" data-ready={ready ? 'true' : 'false'} aria-label={t('as.map.label')} />
      <Paper className="kn-legend" shadow="sm" p="xs" withBorder data-testid="as-map-legend">
        <Stack gap={4}>
          <Text size="xs" fw={600}>{t('as.map.legend', { level: top?.label ?? '' })}</Text>
          {SHARE_COLOURS.map((colour, i) => swatch(colour, `${i * 20}–${(i + 1) * 20}%`))}
          {swatch(NO_DATA, t('as.map.noData'))}
        </Stack>
      </Paper>
    </div>
  );
}
