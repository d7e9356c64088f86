import type { FeatureCollection } from 'geojson';
import { apiUrl, request, upload } from './client';
import type {
  Area,
  AreaFlag,
  AreaWithCount,
  AuditEntry,
  ImportResult,
  ItemList,
  Me,
  Organisation,
  PageOf,
  ResolveResult,
  School,
  SchoolInput,
  SchoolLevel,
  SchoolPage,
  SchoolPermissions,
  SchoolPoints,
} from './types';

export { ApiError, apiUrl } from './client';
export type * from './types';

export interface SchoolFilters {
  provinceCode?: string;
  communeCode?: string;
  level?: SchoolLevel | '';
  ownership?: string;
  flag?: AreaFlag | '';
  clusterId?: string;
  q?: string;
}

export const api = {
  health: () => request<{ status: string; engine: string }>('/api/health'),

  auth: {
    signIn: (email: string, password: string) =>
      request<{ user: Me }>('/auth/sign-in', { method: 'POST', body: { email, password } }),
    signOut: () => request<unknown>('/auth/sign-out', { method: 'POST', body: {} }),
    me: (signal?: AbortSignal) => request<{ user: Me }>('/auth/me', { signal }),
  },

  areas: {
    provinces: (signal?: AbortSignal) => request<ItemList<AreaWithCount>>('/areas/provinces', { signal }),
    communes: (provinceCode: string, flag?: string, signal?: AbortSignal) =>
      request<ItemList<Area>>(`/areas/provinces/${encodeURIComponent(provinceCode)}/communes`, {
        query: { flag },
        signal,
      }),
    search: (q: string, opts: { level?: string; era?: 'current' | 'legacy'; limit?: number } = {}, signal?: AbortSignal) =>
      request<ItemList<Area>>('/areas/search', { query: { q, ...opts }, signal }),
    resolve: (query: { code?: string; name?: string; asOf?: string }, signal?: AbortSignal) =>
      request<ResolveResult>('/areas/resolve', { query, signal }),
    setFlags: (code: string, flags: AreaFlag[]) =>
      request<Area>(`/areas/${encodeURIComponent(code)}/flags`, { method: 'PUT', body: { flags } }),
  },

  organisations: {
    list: (query: { kind?: string; provinceCode?: string; q?: string; limit?: number }, signal?: AbortSignal) =>
      request<PageOf<Organisation>>('/organisations', { query, signal }),
  },

  schools: {
    list: (filters: SchoolFilters & { cursor?: string | null; limit?: number }, signal?: AbortSignal) =>
      request<SchoolPage>('/schools', { query: { ...filters }, signal }),
    exportUrl: (filters: SchoolFilters, format: 'xlsx' | 'csv') =>
      apiUrl('/schools', { ...filters, format }),
    get: (id: string, signal?: AbortSignal) => request<School>(`/schools/${encodeURIComponent(id)}`, { signal }),
    permissions: (id: string, signal?: AbortSignal) =>
      request<SchoolPermissions>(`/schools/${encodeURIComponent(id)}/permissions`, { signal }),
    create: (input: SchoolInput) => request<School>('/schools', { method: 'POST', body: input }),
    update: (id: string, input: Partial<SchoolInput>) =>
      request<School>(`/schools/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    remove: (id: string) => request<null>(`/schools/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    points: (query: { provinceCode?: string; level?: string }, signal?: AbortSignal) =>
      request<SchoolPoints>('/schools/points', { query, signal }),
    templateUrl: () => apiUrl('/schools/import/template'),
    import: (file: File, onProgress?: (fraction: number) => void) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<ImportResult>('/schools/import', form, onProgress);
    },
  },

  audit: {
    list: (entity: string, entityId: string, signal?: AbortSignal) =>
      request<ItemList<AuditEntry>>('/audit', { query: { entity, entityId }, signal }),
  },

  geo: {
    provinces: (signal?: AbortSignal) => request<FeatureCollection>('/geo/provinces', { signal }),
  },
};

// Resource connection: needs, contributions, donors, agreements, surveys, the public portal
export * from './resources';

// Twinning with schools in border communes: pairs, activities, reports, dashboard
export * from './twinning';
