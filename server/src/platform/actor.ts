import type { OrganisationKind, Role } from '../../../contracts/common.js';

/** Who is acting: an account within its organisation's scope, or the anonymous public. */
export interface Actor {
  userId: string | null;
  role: Role | 'public';
  label: string;
  organisationId: string | null;
  organisationKind: OrganisationKind | null;
  /** The organisation's province (Department, school, commune committee); null = national. */
  provinceCode: string | null;
  communeCode: string | null;
}

export const PUBLIC: Actor = {
  userId: null,
  role: 'public',
  label: 'Công chúng',
  organisationId: null,
  organisationKind: null,
  provinceCode: null,
  communeCode: null,
};

/** A system actor for loaders and scheduled jobs; audited as such. */
export const SYSTEM: Actor = { ...PUBLIC, role: 'admin', label: 'Hệ thống' };

export const isSignedIn = (a: Actor) => a.userId !== null;
export const isNational = (a: Actor) => a.role === 'admin' || a.role === 'ministry';
