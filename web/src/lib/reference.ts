import type { FeatureCollection } from 'geojson';
/** Reference data cached for the session: provinces, communes per province, province shapes. */
import { api, type Area, type AreaWithCount } from '../api';
import { useAsync } from './hooks';

let provincesPromise: Promise<AreaWithCount[]> | null = null;
const communesCache = new Map<string, Promise<Area[]>>();
let geoPromise: Promise<FeatureCollection> | null = null;

export function loadProvinces(): Promise<AreaWithCount[]> {
  if (!provincesPromise) {
    provincesPromise = api.areas.provinces().then((r) => r.items);
    provincesPromise.catch(() => {
      provincesPromise = null;
    });
  }
  return provincesPromise;
}

export function loadCommunes(provinceCode: string): Promise<Area[]> {
  let p = communesCache.get(provinceCode);
  if (!p) {
    p = api.areas.communes(provinceCode).then((r) => r.items);
    communesCache.set(provinceCode, p);
    p.catch(() => communesCache.delete(provinceCode));
  }
  return p;
}

/** Forget cached communes (after flags change). */
export function invalidateCommunes(provinceCode?: string) {
  if (provinceCode) communesCache.delete(provinceCode);
  else communesCache.clear();
}

export function loadProvinceShapes(): Promise<FeatureCollection> {
  if (!geoPromise) {
    geoPromise = api.geo.provinces();
    geoPromise.catch(() => {
      geoPromise = null;
    });
  }
  return geoPromise;
}

export function useProvinces() {
  return useAsync(() => loadProvinces(), []);
}

export function useCommunes(provinceCode: string | null | undefined) {
  return useAsync(() => loadCommunes(provinceCode as string), [provinceCode], !!provinceCode);
}
