/** Types of the HTTP API, taken from the shared contracts (types only: no runtime code). */
export type {
  Role,
  SchoolLevel,
  Ownership,
  AreaFlag,
  AreaLevel,
  OrganisationKind,
  Area,
  ResolveResult,
  Organisation,
  SchoolInput,
  School,
  SchoolListQuery,
  ImportRowError,
  Me,
  AuditEntry,
} from '../../../contracts/index';

import type { Area, School } from '../../../contracts/index';

export interface AreaWithCount extends Area {
  communeCount?: number | null;
}

export interface ItemList<T> {
  items: T[];
}

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export type SchoolPage = PageOf<School>;

export interface SchoolPermissions {
  update: boolean;
  delete: boolean;
  viewHistory: boolean;
}

export interface SchoolPoints {
  fields: string[];
  rows: [string, string, number | null, number | null, string][];
}

export interface ImportResult {
  created: number;
  updated: number;
  total: number;
}

export interface FieldError {
  path: string;
  message: string;
}
