import type { Actor } from '../../platform/actor.js';
import { forbidden, unauthorized } from '../../platform/errors.js';

const national = (a: Actor) => a.role === 'admin' || a.role === 'ministry';

/** The coordination dashboard is for the Ministry (nationwide) and the Departments (their province). */
export const viewsDashboard = (a: Actor) => national(a) || a.role === 'department';

/** The province a dashboard covers: a Department always its own, the Ministry the one it asks for (or all). */
export const dashboardProvince = (a: Actor, asked?: string): string | null => (a.role === 'department' ? a.provinceCode! : asked ?? null);

export function authorizeDashboard(a: Actor): void {
  if (!a.userId) throw unauthorized();
  if (!viewsDashboard(a)) throw forbidden('Bảng điều phối dành cho Bộ và Sở');
}

export const portalCapabilities = (a: Actor) => ({
  dashboard: viewsDashboard(a),
  /** choose the dashboard's province (national accounts; a Department always sees its own) */
  anyProvince: national(a),
});
