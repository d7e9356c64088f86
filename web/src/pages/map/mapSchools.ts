/** The map's school layer: the server's cells (schools grouped by square) to GeoJSON, and the popups (plain DOM: MapLibre draws them). */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { SchoolLevel } from '../../../../contracts/common';
import type { SchoolPoints } from '../../../../contracts/schools';
import type { TFunction } from '../../i18n';
import { SCHOOL_LEVELS } from '../../lib/vocab';

/** A cell of the map: one school (its id, name and levels) or a group of `count` schools (no id). */
export interface SchoolProps {
  id: string;
  name: string;
  levels: string;
  count: number;
}

export function toGeoJSON(points: SchoolPoints): FeatureCollection<Point, SchoolProps> {
  const idx = (name: string, fallback: number) => {
    const i = points.fields.indexOf(name);
    return i >= 0 ? i : fallback;
  };
  const iId = idx('id', 0), iName = idx('name', 1), iLat = idx('lat', 2), iLng = idx('lng', 3), iLevels = idx('levels', 4), iCount = idx('count', 5);
  const features: Feature<Point, SchoolProps>[] = [];
  for (const r of points.rows) {
    const lat = r[iLat] as number | null;
    const lng = r[iLng] as number | null;
    if (lat == null || lng == null) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { id: String(r[iId] ?? ''), name: String(r[iName] ?? ''), levels: String(r[iLevels] ?? ''), count: Number(r[iCount] ?? 1) },
    });
  }
  return { type: 'FeatureCollection', features };
}

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, children: (Node | string)[] = []) {
  const node = Object.assign(document.createElement(tag), props);
  for (const c of children) node.append(c);
  return node;
}

export function schoolPopup(p: SchoolProps, t: TFunction): HTMLElement {
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

export function provincePopup(code: string, name: string, t: TFunction): HTMLElement {
  const link = el('a', { href: `/truong-hoc?tinh=${encodeURIComponent(code)}`, textContent: t('map.schoolsOfProvince') + ' →' });
  link.setAttribute('data-spa-link', '');
  return el('div', { className: 'kn-popup' }, [el('strong', { textContent: name }), el('div', { className: 'kn-popup-link' }, [link])]);
}

