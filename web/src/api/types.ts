/** Types of the HTTP API, taken from the shared contracts (types only: no runtime code). */
export type { Role, SchoolLevel, Ownership, AreaFlag, AreaLevel, OrganisationKind, ImportRowError } from '../../../contracts/common';
export type { Area, ResolveResult } from '../../../contracts/areas';
export type { Organisation } from '../../../contracts/organisations';
export type { SchoolInput, School, SchoolListQuery } from '../../../contracts/schools';
export type { Me } from '../../../contracts/accounts';
export type { AuditEntry } from '../../../contracts/audit';

import type { Area } from '../../../contracts/areas';
import type { School } from '../../../contracts/schools';

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
