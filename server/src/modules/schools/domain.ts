import { SCHOOL_LEVELS, SCHOOL_LEVEL_LABELS, type Ownership, type SchoolLevel } from '../../../../contracts/common.js';
import { fold } from '../../platform/text.js';

/**
 * Pure rules for school data: reading numbers and codes as Vietnamese spreadsheets write them,
 * and checking that coordinates fall inside Vietnam (including Hoàng Sa and Trường Sa).
 */

const LEVEL_WORDS = new Map<string, SchoolLevel>();
for (const l of SCHOOL_LEVELS) {
  LEVEL_WORDS.set(l.replace(/_/g, ' '), l);
  LEVEL_WORDS.set(fold(SCHOOL_LEVEL_LABELS[l]), l);
}
for (const [w, l] of [
  ['mn', 'mam_non'], ['mau giao', 'mam_non'], ['nha tre', 'mam_non'], ['th', 'tieu_hoc'], ['trung hoc co so', 'thcs'],
  ['trung hoc pho thong', 'thpt'], ['lien cap', 'lien_cap'], ['giao duc thuong xuyen', 'gdtx'], ['pt dtnt', 'ptdtnt'],
  ['pho thong dan toc noi tru', 'ptdtnt'], ['pt dtbt', 'ptdtbt'], ['pho thong dan toc ban tru', 'ptdtbt'],
] as const) LEVEL_WORDS.set(w, l);

/** "Tiểu học, THCS" → ['tieu_hoc', 'thcs']; unknown words are returned for the error message. */
export function parseLevels(text: string): { levels: SchoolLevel[]; unknown: string[] } {
  const found = new Set<SchoolLevel>();
  const unknown: string[] = [];
  for (const part of text.split(/[,;|+/]/)) {
    const w = fold(part);
    if (!w) continue;
    const l = LEVEL_WORDS.get(w);
    if (l) found.add(l);
    else unknown.push(part.trim());
  }
  return { levels: SCHOOL_LEVELS.filter((l) => found.has(l)), unknown };
}

const OWNERSHIP_WORDS = new Map<string, Ownership>([
  ['public', 'public'], ['cong lap', 'public'], ['cl', 'public'],
  ['private', 'private'], ['ngoai cong lap', 'private'], ['tu thuc', 'private'], ['dan lap', 'private'], ['ncl', 'private'],
]);
export function parseOwnership(text: string): Ownership | null {
  return OWNERSHIP_WORDS.get(fold(text)) ?? null;
}

/**
 * A whole number as Vietnamese sheets write it: "1.200", "1 200", "1,200" and "1200" are all
 * 1200. Returns null for empty, NaN for anything that is not a whole number.
 */
export function parseCount(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^\d{1,3}([. ,\u00a0]\d{3})+$/.test(s)) return Number(s.replace(/[. ,\u00a0]/g, ''));
  if (/^\d+$/.test(s)) return Number(s);
  return NaN;
}

/** A decimal coordinate; a comma is accepted as the decimal separator ("21,0285"). */
export function parseCoordinate(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return NaN;
  return Number(s.replace(',', '.'));
}

/** School codes keep their leading zeros; spreadsheets sometimes add ".0" to numeric cells. */
export function normaliseCode(text: string): string {
  return text.trim().replace(/\.0$/, '').toUpperCase();
}

// ---------- inside Vietnam ----------

type Ring = [number, number][];
interface Part { bbox: [number, number, number, number]; rings: Ring[] }

export class Territory {
  private readonly parts: Part[] = [];
  constructor(geojson: { features: { geometry: { type: string; coordinates: unknown } }[] }) {
    for (const f of geojson.features) {
      const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
      for (const rings of polys) {
        let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        for (const [x, y] of rings[0]) {
          if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
        }
        this.parts.push({ bbox: [minX, minY, maxX, maxY], rings });
      }
    }
  }

  /** Inside a province polygon, or within `tolerance` degrees (~2 km) of one: boundaries are simplified. */
  contains(lng: number, lat: number, tolerance = 0.02): boolean {
    for (const p of this.parts) {
      const [a, b, c, d] = p.bbox;
      if (lng < a - tolerance || lng > c + tolerance || lat < b - tolerance || lat > d + tolerance) continue;
      if (inRings(p.rings, lng, lat)) return true;
      if (tolerance > 0 && nearRing(p.rings[0], lng, lat, tolerance)) return true;
    }
    return false;
  }
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inRings(rings: Ring[], x: number, y: number): boolean {
  if (!inRing(rings[0], x, y)) return false;
  for (let k = 1; k < rings.length; k++) if (inRing(rings[k], x, y)) return false;
  return true;
}

function nearRing(ring: Ring, x: number, y: number, tol: number): boolean {
  const t2 = tol * tol;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j];
    const [x2, y2] = ring[i];
    const dx = x2 - x1, dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    let t = len2 ? ((x - x1) * dx + (y - y1) * dy) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    const px = x1 + t * dx - x, py = y1 + t * dy - y;
    if (px * px + py * py <= t2) return true;
  }
  return false;
}
