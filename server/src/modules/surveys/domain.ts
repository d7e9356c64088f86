/** WASH service levels of a school on the WHO/UNICEF JMP ladders, derived from its facility survey. */
import type { ServiceLevel } from '../../../../contracts/surveys.js';

export type { ServiceLevel };
export const SERVICE_LABELS: Record<ServiceLevel, string> = { basic: 'Cơ bản', limited: 'Hạn chế', none: 'Không có dịch vụ' };

const IMPROVED_WATER = ['piped', 'protected_well', 'rainwater'];

/** Drinking water: basic = improved source with water available at the school now; limited = improved, not available; none otherwise. */
export function waterService(source: string, available: boolean): ServiceLevel {
  if (!IMPROVED_WATER.includes(source)) return 'none';
  return available ? 'basic' : 'limited';
}

/** Sanitation: basic = improved facilities, single-sex and usable; limited = improved but not both; none = unimproved or none. */
export function sanitationService(total: number, improved: boolean, singleSex: boolean, usable: boolean): ServiceLevel {
  if (total === 0 || !improved) return 'none';
  return singleSex && usable ? 'basic' : 'limited';
}

/** Hygiene: basic = handwashing with water and soap; limited = water without soap; none = no facility or no water. */
export function hygieneService(handwashing: string): ServiceLevel {
  return handwashing === 'water_soap' ? 'basic' : handwashing === 'water_only' ? 'limited' : 'none';
}

/** A school year is two consecutive years, "2026-2027". */
export function isSchoolYear(s: string): boolean {
  if (!/^\d{4}-\d{4}$/.test(s)) return false;
  const [y1, y2] = s.split('-').map(Number);
  return y2 === y1 + 1;
}
