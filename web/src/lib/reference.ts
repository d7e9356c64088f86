/**
 * Reference data every page shares: the 34 provinces, each province's communes and the
 * provinces' shapes. Read through TanStack Query (cached for the session, refreshed when the
 * areas domain changes, e.g. after flags are set).
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { FeatureCollection } from 'geojson';
import { areasApi, type Area, type AreaWithCount } from '../../../contracts/areas';
import type { ApiError } from '../api/client';
import { call } from '../api/call';
import { request } from '../api/client';
import { queryKey } from './query';

const HOUR = 60 * 60 * 1000;

/** The 34 current provinces with their commune counts. */
export function useProvinces(): UseQueryResult<AreaWithCount[], ApiError> {
  return useQuery<AreaWithCount[], ApiError>({
    queryKey: queryKey(areasApi.provinces),
    queryFn: ({ signal }) => call(areasApi.provinces, { signal }).then((r) => r.items),
    staleTime: HOUR,
  });
}

/** The current communes of a province (waits while no province is chosen). */
export function useCommunes(provinceCode: string | null | undefined): UseQueryResult<Area[], ApiError> {
  const params = { code: provinceCode ?? '' };
  return useQuery<Area[], ApiError>({
    queryKey: queryKey(areasApi.communes, { params, query: {} }),
    queryFn: ({ signal }) => call(areasApi.communes, { params, query: {}, signal }).then((r) => r.items),
    enabled: !!provinceCode,
    staleTime: HOUR,
  });
}

let geoPromise: Promise<FeatureCollection> | null = null;

/** The provinces' shapes (GeoJSON) for the maps, fetched once per session. */
export function loadProvinceShapes(): Promise<FeatureCollection> {
  if (!geoPromise) {
    geoPromise = request<FeatureCollection>(areasApi.provinceShapes.path);
    geoPromise.catch(() => {
      geoPromise = null;
    });
  }
  return geoPromise;
}
