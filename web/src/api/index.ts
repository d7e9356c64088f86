import type { OrganisationKind, SchoolLevel } from '../../../contracts/common';
import { organisationsApi } from '../../../contracts/organisations';
import { schoolsApi } from '../../../contracts/schools';
import { call } from './call';

export { ApiError, apiUrl } from './client';
export type * from './types';

/**
 * What other domains' pages still call by the old names; each is the contract's endpoint.
 * New code calls `useApi(schoolsApi.list, …)` / `call(schoolsApi.get, …)` directly.
 */
export const api = {
  organisations: {
    list: (query: { kind?: OrganisationKind; provinceCode?: string; q?: string; limit?: number }, signal?: AbortSignal) =>
      call(organisationsApi.list, { query, signal }),
  },
  schools: {
    list: (query: { provinceCode?: string; communeCode?: string; level?: SchoolLevel; clusterId?: string; q?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
      call(schoolsApi.list, { query, signal }),
    get: (id: string, signal?: AbortSignal) => call(schoolsApi.get, { params: { id }, signal }),
  },
};

// Resource connection: needs, contributions, donors, agreements, surveys, the public portal
export * from './resources';
