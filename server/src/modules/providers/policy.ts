import { definePolicy } from '../../platform/policy.js';
import type { Actor } from '../../platform/actor.js';

/** A provider as placed for the rules: its province (null: a national service). */
export interface PlacedProvider { provinceCode: string | null }

/**
 * The provider network is a public directory of services. Administrators keep all of it (national
 * services such as the hotline 111 included); a Department keeps its province's part.
 */
export const providerPolicy = definePolicy<PlacedProvider, 'read' | 'create' | 'edit'>({
  read: () => true,
  create: (a, p) => a.role === 'admin' || (a.role === 'department' && !!a.provinceCode && a.provinceCode === p.provinceCode),
  edit: (a, p) => a.role === 'admin' || (a.role === 'department' && !!a.provinceCode && a.provinceCode === p.provinceCode),
});

/**
 * Where an account may list suspended providers (to reopen them): administrators everywhere, a
 * Department its province only; null: nowhere.
 */
export function suspendedScope(a: Actor): { provinceCode?: string } | null {
  if (a.role === 'admin') return {};
  if (a.role === 'department' && a.provinceCode) return { provinceCode: a.provinceCode };
  return null;
}

/** Page-level abilities: add a provider (administrators, Departments). */
export const providerCapabilities = (a: Actor) => ({
  manage: a.role === 'admin' || a.role === 'department',
});
