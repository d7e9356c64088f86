/** The published results on a map of the 34 provinces: each coloured by its share of approved results at the top level. */
import { Alert, Group, Paper, Stack, Text } from '@mantine/core';
import type { MapGeoJSONFeature } from 'maplibre-gl';
import { useRef } from 'react';
import type { PublicCampaign } from '../../../../contracts/assessments';
import { useI18n, type TFunction } from '../../i18n';
import { useProvinceMap } from '../map/useProvinceMap';
import { percent, provinceShares, SHARE_COLOURS, shareClass } from './shares';

/** Provinces without an approved result: paler than the lowest class, so none is mistaken for 0 %. */
const NO_DATA = '#f4f4f1';
const VIETNAM: [[number, number], [number, number]] = [
  [102.1, 8.3],
  [109.6, 23.4],
];

/** What a province's popup says: its share of each result level, or that it has no approved result. */
function popupContent(f: MapGeoJSONFeature, c: PublicCampaign, t: TFunction): HTMLElement {
  const code = String(f.properties?.code ?? '');
  const name = String(f.properties?.name ?? code);
  const p = c.byProvince.find((x) => x.provinceCode === code);
  const box = document.createElement('div');
  box.className = 'kn-popup';
  const title = document.createElement('strong');
  title.textContent = name;
  box.append(title);
  if (!p) {
    const none = document.createElement('div');
    none.textContent = t('as.map.noData');
    box.append(none);
  } else {
    for (const r of c.results) {
      const line = document.createElement('div');
      line.textContent = `${r.label}: ${percent(p.counts[r.code] ?? 0, p.total)}% (${p.counts[r.code] ?? 0}/${p.total})`;
      box.append(line);
    }
  }
  return box;
}

export default function ResultsMap({ c }: { c: PublicCampaign }) {
  const { t } = useI18n();
  const cRef = useRef(c);
  cRef.current = c;
  const tRef = useRef(t);
  tRef.current = t;
  const { ref, ready, unsupported } = useProvinceMap({
    options: { bounds: VIETNAM, fitBoundsOptions: { padding: 8 }, minZoom: 3, maxZoom: 10, cooperativeGestures: true },
    readyWhen: 'idle',
    pageFlag: true,
    popup: { layer: 'share-fill', content: (f) => popupContent(f, cRef.current, tRef.current) },
    setup: (map) => ({
      draw: () => {
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
      },
    }),
  });

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
