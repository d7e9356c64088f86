/**
 * Demo reference data for KếtNối: commune flags, Hanoi high-school clusters and demo schools.
 *
 *   npx tsx scripts/generate-demo-data.ts
 *
 * writes data/demo/area-flags.csv, data/demo/schools.json and data/demo/plan29-selection.json
 * from data/admin-units and data/organisations/hanoi-clusters.json. The output is deterministic
 * (seeded PRNG, no clock, no network): running it again gives the same files byte for byte.
 *
 * Everything produced here is DEMO data (see data/demo/SOURCE.md). The school names are built
 * from commune names; no person is named anywhere.
 *
 * `generateSchools(n, seed)` makes n synthetic schools across the 34 provinces for benchmarks and
 * import tests. Importing this module does not write anything.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection, Polygon as TopoPolygon, MultiPolygon as TopoMultiPolygon } from 'topojson-specification';
import type { Polygon, MultiPolygon, Position } from 'geojson';

// ---------------------------------------------------------------------------------------------
// Types

export type SchoolLevel = 'mam_non' | 'tieu_hoc' | 'thcs' | 'thpt' | 'lien_cap' | 'gdtx' | 'ptdtnt' | 'ptdtbt';
export type AreaFlag = 'border' | 'island' | 'ethnic_minority' | 'extremely_difficult' | 'industrial_zone';

export interface DemoSchool {
  code: string;
  name: string;
  levels: SchoolLevel[];
  ownership: 'public' | 'private';
  address: string;
  provinceCode: string;
  communeCode: string;
  lat: number;
  lng: number;
  pupils: number;
  staff: number;
  clusterKey?: string;
}

interface Commune {
  code: string;
  name: string;
  fullName: string;
  type: 'Phường' | 'Xã' | 'Đặc khu';
  provinceCode: string;
}
interface Province {
  code: string;
  name: string;
  fullName: string;
  communes: Commune[];
}
interface RawWard {
  Code: string;
  Name: string;
  FullName: string;
  ProvinceCode: string;
  AdministrativeUnitShortName: string;
}
interface RawProvince {
  Code: string;
  Name: string;
  FullName: string;
  Wards: RawWard[];
}
interface OldWardRow {
  oldProvinceCode: string;
  oldDistrictCode: string | null;
  oldWardCode: string | null;
  oldWardName: string | null;
  newProvinceCode: string;
  newWardCode: string;
  kind: string;
}
interface OldDistrictRow {
  oldDistrictCode: string;
  oldDistrictName: string;
  oldProvinceCode: string;
  newProvinceCode: string;
  newWardCodes: string[];
}
interface OldProvinceRow {
  oldProvinceCode: string;
  oldProvinceName: string;
  newProvinceCode: string;
  newProvinceName: string;
}
interface Cluster {
  key: string;
  name: string;
  shortName: string;
}

// ---------------------------------------------------------------------------------------------
// Paths and loading

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const ADMIN = join(ROOT, 'data', 'admin-units');
const OUT = join(ROOT, 'data', 'demo');

function readGzJson<T>(rel: string): T {
  return JSON.parse(gunzipSync(readFileSync(join(ADMIN, rel))).toString('utf8')) as T;
}

/**
 * Known drift (data/admin-units/SOURCE.md): Quảng Ninh and Bắc Ninh are centrally-governed cities
 * since 09/2026, while the files still say "Tỉnh". The app's loader applies the same fix.
 */
const PROVINCE_FULLNAME_FIX: Record<string, string> = {
  '22': 'Thành phố Quảng Ninh',
  '24': 'Thành phố Bắc Ninh',
};

/** Communes never given schools: Hoàng Sa has no resident schools, and the Trường Sa reefs lie partly south of 8°N. */
const NO_SCHOOL_COMMUNES = new Set(['20333', '22736']);

interface Reference {
  provinces: Province[];
  provinceByCode: Map<string, Province>;
  communeByCode: Map<string, Commune>;
  topo: Topology<{ communes: GeometryCollection<{ code: string }> }>;
  geomByCode: Map<string, TopoPolygon | TopoMultiPolygon>;
  /** Old (pre-2025) commune names, without "Xã"/"Phường"/"Thị trấn", per current commune. */
  oldNames: Map<string, string[]>;
}

let cachedRef: Reference | null = null;

export function loadReference(): Reference {
  if (cachedRef) return cachedRef;
  const raw = readGzJson<RawProvince[]>('current/units-current.json.gz');
  const provinces: Province[] = raw.map((p) => ({
    code: p.Code,
    name: p.Name,
    fullName: PROVINCE_FULLNAME_FIX[p.Code] ?? p.FullName,
    communes: p.Wards.map((w) => ({
      code: w.Code,
      name: w.Name,
      fullName: w.FullName,
      type: w.AdministrativeUnitShortName as Commune['type'],
      provinceCode: w.ProvinceCode,
    })),
  }));
  const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
  const communeByCode = new Map<string, Commune>();
  for (const p of provinces) for (const c of p.communes) communeByCode.set(c.code, c);

  const topo = readGzJson<Topology<{ communes: GeometryCollection<{ code: string }> }>>(
    'geo/communes-3321.simplified.topojson.gz',
  );
  const geomByCode = new Map<string, TopoPolygon | TopoMultiPolygon>();
  for (const g of topo.objects.communes.geometries) {
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') geomByCode.set(String(g.id), g);
  }

  const oldNames = new Map<string, string[]>();
  const rows = readGzJson<OldWardRow[]>('mapping/old-ward-to-new-ward.json.gz');
  for (const r of rows) {
    if (!r.oldWardName) continue;
    const short = r.oldWardName.replace(/^(Phường|Xã|Thị trấn)\s+/u, '').trim();
    if (!short || /^\d/.test(short)) continue; // "Phường 1" makes a poor school name
    const list = oldNames.get(r.newWardCode) ?? [];
    if (!list.includes(short)) list.push(short);
    oldNames.set(r.newWardCode, list);
  }
  cachedRef = { provinces, provinceByCode, communeByCode, topo, geomByCode, oldNames };
  return cachedRef;
}

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32)

export function makeRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)],
    chance: (p: number) => next() < p,
    shuffle: <T>(arr: T[]): T[] => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [arr[i], arr[j]] = [arr[j], arr[i]];
      }
      return arr;
    },
  };
}
type Rng = ReturnType<typeof makeRng>;

// ---------------------------------------------------------------------------------------------
// Geometry: border communes

/** Where the land border meets the sea: the Bắc Luân (Ka Long) mouth at Móng Cái, and Hà Tiên. */
const BORDER_END_CHINA: Position = [108.04, 21.52];
const BORDER_END_CAMBODIA: Position = [104.45, 10.41];

function decodeArcs(topo: Topology): Position[][] {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      if (!t) return [p[0], p[1]];
      x += p[0];
      y += p[1];
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

function ringsOf(g: TopoPolygon | TopoMultiPolygon): number[][] {
  return g.type === 'Polygon' ? g.arcs : g.arcs.flat();
}

export interface BorderResult {
  /** Communes with a stretch of the land border (to China, Laos or Cambodia). */
  border: Set<string>;
  /** Land-border length (km, on the simplified geometry) per border commune. */
  lengthKm: Map<string, number>;
  /** The two ends of the land stretch found on the mainland ring ([lng, lat]). */
  ends: [Position, Position];
}

/**
 * Border communes from geometry. An arc used by exactly one commune lies on the outer boundary of
 * the country (land border or coast). Those arcs are chained into rings; on the mainland ring the
 * stretch between the two land/sea junctions (Móng Cái and Hà Tiên) that passes through the far
 * west is the land border; the other stretch is the coast. Communes owning land-border arcs are
 * border communes. Islands form their own rings and never count.
 */
export function computeBorderCommunes(ref: Reference = loadReference()): BorderResult {
  const arcs = decodeArcs(ref.topo);
  const owners = new Map<number, Set<string>>();
  const dirUse = new Map<number, { code: string; reversed: boolean }>();
  for (const [code, g] of ref.geomByCode) {
    for (const ring of ringsOf(g)) {
      for (const a of ring) {
        const idx = a < 0 ? ~a : a;
        let s = owners.get(idx);
        if (!s) {
          s = new Set();
          owners.set(idx, s);
        }
        s.add(code);
        dirUse.set(idx, { code, reversed: a < 0 });
      }
    }
  }
  // Directed outer arcs, chained by their start point.
  interface DArc { idx: number; code: string; pts: Position[] }
  const key = (p: Position) => `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
  const byStart = new Map<string, DArc[]>();
  const outer: DArc[] = [];
  for (const [idx, s] of owners) {
    if (s.size !== 1) continue;
    const u = dirUse.get(idx)!;
    const pts = u.reversed ? [...arcs[idx]].reverse() : arcs[idx];
    const d: DArc = { idx, code: u.code, pts };
    outer.push(d);
    const k = key(pts[0]);
    const l = byStart.get(k) ?? [];
    l.push(d);
    byStart.set(k, l);
  }
  const used = new Set<number>();
  const rings: DArc[][] = [];
  for (const start of outer) {
    if (used.has(start.idx)) continue;
    const ring: DArc[] = [];
    let cur: DArc | undefined = start;
    while (cur && !used.has(cur.idx)) {
      used.add(cur.idx);
      ring.push(cur);
      const cands: DArc[] = (byStart.get(key(cur.pts[cur.pts.length - 1])) ?? []).filter((d) => !used.has(d.idx));
      cur = cands[0];
    }
    rings.push(ring);
  }
  // The mainland ring holds the westernmost point of the country (A Pa Chải, Điện Biên).
  let mainland: DArc[] = rings[0];
  let minLng = Infinity;
  for (const r of rings) for (const d of r) for (const p of d.pts) if (p[0] < minLng) { minLng = p[0]; mainland = r; }

  const dist2 = (p: Position, q: Position) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
  const nearestArc = (target: Position) => {
    let best = 0;
    let bd = Infinity;
    mainland.forEach((d, i) => {
      for (const p of d.pts) {
        const dd = dist2(p, target);
        if (dd < bd) { bd = dd; best = i; }
      }
    });
    return best;
  };
  const iA = nearestArc(BORDER_END_CHINA);
  const iB = nearestArc(BORDER_END_CAMBODIA);
  const n = mainland.length;
  const path = (from: number, to: number) => {
    const out: DArc[] = [];
    for (let i = from; ; i = (i + 1) % n) {
      out.push(mainland[i]);
      if (i === to) break;
    }
    return out;
  };
  const p1 = path(iA, iB);
  const p2 = path(iB, iA);
  const westOf = (p: DArc[]) => Math.min(...p.map((d) => Math.min(...d.pts.map((q) => q[0]))));
  const land = westOf(p1) < westOf(p2) ? p1 : p2;

  const lengthKm = new Map<string, number>();
  for (const d of land) {
    let len = 0;
    for (let i = 1; i < d.pts.length; i++) {
      const [x1, y1] = d.pts[i - 1];
      const [x2, y2] = d.pts[i];
      const kx = 111.32 * Math.cos((((y1 + y2) / 2) * Math.PI) / 180);
      len += Math.hypot((x2 - x1) * kx, (y2 - y1) * 110.57);
    }
    lengthKm.set(d.code, (lengthKm.get(d.code) ?? 0) + len);
  }
  // A commune that only grazes the line over a few hundred metres (a simplification artefact) is not counted.
  const border = new Set([...lengthKm].filter(([, km]) => km >= 0.5).map(([c]) => c));
  const first = land[0].pts[0];
  const lastArc = land[land.length - 1];
  return { border, lengthKm, ends: [first, lastArc.pts[lastArc.pts.length - 1]] };
}

// ---------------------------------------------------------------------------------------------
// Area flags (demo)

/** Northern mountain provinces whose xã are all flagged as ethnic-minority areas in the demo. */
export const DEMO_ETHNIC_PROVINCES = ['04', '08', '11', '12', '14', '15', '20'];
/** A handful of Bắc Ninh wards with large industrial parks, flagged industrial_zone in the demo. */
export const DEMO_INDUSTRIAL_WARDS = ['09247', '09265', '07795', '07777', '09367', '09370'];

export function computeAreaFlags(ref: Reference = loadReference(), border = computeBorderCommunes(ref).border) {
  const flags = new Map<string, AreaFlag[]>();
  const add = (code: string, f: AreaFlag) => {
    const l = flags.get(code) ?? [];
    if (!l.includes(f)) l.push(f);
    flags.set(code, l);
  };
  const ethnic = new Set(DEMO_ETHNIC_PROVINCES);
  for (const p of ref.provinces) {
    for (const c of p.communes) {
      if (border.has(c.code)) add(c.code, 'border');
      if (c.type === 'Đặc khu') add(c.code, 'island');
      if (ethnic.has(p.code) && c.type === 'Xã') {
        add(c.code, 'ethnic_minority');
        if (border.has(c.code)) add(c.code, 'extremely_difficult');
      }
    }
  }
  for (const c of DEMO_INDUSTRIAL_WARDS) if (ref.communeByCode.has(c)) add(c, 'industrial_zone');
  const order: AreaFlag[] = ['border', 'island', 'ethnic_minority', 'extremely_difficult', 'industrial_zone'];
  for (const [k, l] of flags) flags.set(k, order.filter((f) => l.includes(f)));
  return flags;
}

// ---------------------------------------------------------------------------------------------
// Random points inside a commune

interface Shape {
  rings: Position[][]; // outer ring first, then holes, of the largest part
  bbox: [number, number, number, number];
  fallback: Position;
}
const shapeCache = new Map<string, Shape>();

function ringArea(r: Position[]) {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return Math.abs(s / 2);
}
function inRing(x: number, y: number, r: Position[]) {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inShape(x: number, y: number, s: Shape) {
  if (!inRing(x, y, s.rings[0])) return false;
  for (let i = 1; i < s.rings.length; i++) if (inRing(x, y, s.rings[i])) return false;
  return true;
}

function shapeOf(ref: Reference, code: string): Shape {
  const hit = shapeCache.get(code);
  if (hit) return hit;
  const g = ref.geomByCode.get(code);
  if (!g) throw new Error(`No geometry for commune ${code}`);
  const f = feature(ref.topo, g) as unknown as { geometry: Polygon | MultiPolygon };
  const polys: Position[][][] = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let best = polys[0];
  let bestArea = -1;
  for (const p of polys) {
    const a = ringArea(p[0]);
    if (a > bestArea) { bestArea = a; best = p; }
  }
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of best[0]) {
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const s: Shape = { rings: best, bbox: [x0, y0, x1, y1], fallback: best[0][0] };
  // Fallback: the first inside point of a regular grid (for very thin shapes).
  outer: for (let gy = 1; gy < 40; gy++) {
    for (let gx = 1; gx < 40; gx++) {
      const x = x0 + ((x1 - x0) * gx) / 40;
      const y = y0 + ((y1 - y0) * gy) / 40;
      if (inShape(x, y, s)) { s.fallback = [x, y]; break outer; }
    }
  }
  shapeCache.set(code, s);
  return s;
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

export function randomPointInCommune(ref: Reference, code: string, rng: Rng): { lat: number; lng: number } {
  const s = shapeOf(ref, code);
  const [x0, y0, x1, y1] = s.bbox;
  for (let i = 0; i < 500; i++) {
    const x = x0 + rng.next() * (x1 - x0);
    const y = y0 + rng.next() * (y1 - y0);
    // Check the rounded point, so the published coordinates are inside too.
    const rx = round5(x);
    const ry = round5(y);
    if (inShape(rx, ry, s)) return { lat: ry, lng: rx };
  }
  return { lat: round5(s.fallback[1]), lng: round5(s.fallback[0]) };
}

// ---------------------------------------------------------------------------------------------
// School kinds, names and sizes

type Kind =
  | 'mn' | 'mn_private' | 'th' | 'th_private' | 'thcs' | 'thcs_private' | 'thpt' | 'thpt_private'
  | 'liencap_private' | 'gdtx' | 'ptdtbt_th' | 'ptdtbt_thcs' | 'ptdtbt_th_thcs' | 'ptdtnt' | 'th_thcs';

const KIND_LEVELS: Record<Kind, SchoolLevel[]> = {
  mn: ['mam_non'],
  mn_private: ['mam_non'],
  th: ['tieu_hoc'],
  th_private: ['tieu_hoc'],
  thcs: ['thcs'],
  thcs_private: ['thcs'],
  thpt: ['thpt'],
  thpt_private: ['thpt'],
  liencap_private: ['lien_cap', 'tieu_hoc', 'thcs', 'thpt'],
  gdtx: ['gdtx'],
  ptdtbt_th: ['ptdtbt', 'tieu_hoc'],
  ptdtbt_thcs: ['ptdtbt', 'thcs'],
  ptdtbt_th_thcs: ['ptdtbt', 'lien_cap', 'tieu_hoc', 'thcs'],
  ptdtnt: ['ptdtnt', 'thcs', 'thpt'],
  th_thcs: ['lien_cap', 'tieu_hoc', 'thcs'],
};
const KIND_PREFIX: Record<Kind, string> = {
  mn: 'Trường Mầm non',
  mn_private: 'Trường Mầm non tư thục',
  th: 'Trường Tiểu học',
  th_private: 'Trường Tiểu học tư thục',
  thcs: 'Trường THCS',
  thcs_private: 'Trường THCS tư thục',
  thpt: 'Trường THPT',
  thpt_private: 'Trường THPT tư thục',
  liencap_private: 'Trường Tiểu học, THCS và THPT',
  gdtx: 'Trung tâm GDNN-GDTX',
  ptdtbt_th: 'Trường PTDTBT Tiểu học',
  ptdtbt_thcs: 'Trường PTDTBT THCS',
  ptdtbt_th_thcs: 'Trường PTDTBT Tiểu học và THCS',
  ptdtnt: 'Trường PTDTNT THCS và THPT',
  th_thcs: 'Trường Tiểu học và THCS',
};
const isPrivate = (k: Kind) => k.endsWith('_private');

/** Name words for private schools and for some preschools: no person's name. */
const PRIVATE_WORDS = ['Ánh Dương', 'Ban Mai', 'Sao Mai', 'Hướng Dương', 'Tuổi Thơ', 'Bình Minh', 'Tương Lai', 'Trí Tuệ', 'Hy Vọng', 'Ngôi Sao', 'Cầu Vồng', 'Tân Thế Kỷ'];
const PRESCHOOL_WORDS = ['Hoa Ban', 'Hoa Mai', 'Hoa Sen', 'Hoa Hồng', 'Sơn Ca', 'Họa Mi', 'Hoa Đào', 'Hoa Phượng'];

type Setting = 'hanoi' | 'mountain' | 'lowland';

function sizeOf(kind: Kind, setting: Setting, rng: Rng): { pupils: number; staff: number } {
  const r = (lo: number, hi: number) => rng.int(lo, hi);
  let pupils: number;
  let staff: number;
  const urban = setting === 'hanoi';
  switch (kind) {
    case 'mn':
      pupils = urban ? r(280, 650) : setting === 'mountain' ? r(90, 320) : r(150, 420);
      staff = Math.round(pupils / 9) + r(4, 8);
      break;
    case 'mn_private':
      pupils = r(60, 260);
      staff = Math.round(pupils / 7) + r(3, 6);
      break;
    case 'th':
      pupils = urban ? r(800, 2100) : setting === 'mountain' ? r(160, 620) : r(350, 1000);
      staff = Math.round(pupils / 20) + r(6, 12);
      break;
    case 'th_private':
      pupils = r(250, 900);
      staff = Math.round(pupils / 14) + r(5, 10);
      break;
    case 'thcs':
      pupils = urban ? r(650, 1800) : setting === 'mountain' ? r(160, 560) : r(300, 900);
      staff = Math.round(pupils / 17) + r(6, 12);
      break;
    case 'thcs_private':
      pupils = r(200, 700);
      staff = Math.round(pupils / 13) + r(5, 10);
      break;
    case 'thpt':
      pupils = urban ? r(1000, 2200) : setting === 'mountain' ? r(420, 1250) : r(700, 1600);
      staff = Math.round(pupils / 19) + r(10, 18);
      break;
    case 'thpt_private':
      pupils = r(300, 1000);
      staff = Math.round(pupils / 15) + r(8, 14);
      break;
    case 'liencap_private':
      pupils = r(500, 1600);
      staff = Math.round(pupils / 11) + r(10, 20);
      break;
    case 'gdtx':
      pupils = r(200, 900);
      staff = r(18, 50);
      break;
    case 'ptdtbt_th':
      pupils = r(200, 620);
      staff = Math.round(pupils / 15) + r(8, 14);
      break;
    case 'ptdtbt_thcs':
      pupils = r(180, 520);
      staff = Math.round(pupils / 13) + r(8, 14);
      break;
    case 'ptdtbt_th_thcs':
      pupils = r(300, 800);
      staff = Math.round(pupils / 13) + r(10, 16);
      break;
    case 'ptdtnt':
      pupils = r(300, 600);
      staff = r(45, 80);
      break;
    case 'th_thcs':
      pupils = r(250, 900);
      staff = Math.round(pupils / 16) + r(8, 14);
      break;
  }
  return { pupils, staff };
}

/** Makes unique school names within a province. */
class Namer {
  private used = new Set<string>();
  private cursor = new Map<string, number>();
  constructor(private ref: Reference, private rng: Rng) {}

  private placeNames(c: Commune): string[] {
    const old = this.ref.oldNames.get(c.code) ?? [];
    const list = old.includes(c.name) ? [c.name, ...old.filter((o) => o !== c.name)] : [c.name, ...old];
    return list;
  }

  private unique(base: string): string {
    if (!this.used.has(base)) { this.used.add(base); return base; }
    for (let i = 2; ; i++) {
      const cand = `${base} số ${i}`;
      if (!this.used.has(cand)) { this.used.add(cand); return cand; }
    }
  }

  name(kind: Kind, c: Commune): string {
    const prefix = KIND_PREFIX[kind];
    if (isPrivate(kind) || kind === 'liencap_private') {
      return this.unique(`${prefix} ${this.rng.pick(PRIVATE_WORDS)} ${c.name}`);
    }
    if (kind === 'thpt' || kind === 'ptdtnt' || kind === 'gdtx') return this.unique(`${prefix} ${c.name}`);
    if (kind === 'mn' && this.rng.chance(0.2)) return this.unique(`${prefix} ${this.rng.pick(PRESCHOOL_WORDS)} ${c.name}`);
    // Primary, lower-secondary and preschools usually carry the name of the old commune they serve.
    const names = this.placeNames(c);
    const k = `${kind}:${c.code}`;
    let i = this.cursor.get(k) ?? 0;
    while (i < names.length) {
      const cand = `${prefix} ${names[i]}`;
      i++;
      if (!this.used.has(cand)) {
        this.cursor.set(k, i);
        this.used.add(cand);
        return cand;
      }
    }
    this.cursor.set(k, i);
    return this.unique(`${prefix} ${c.name}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Hanoi clusters

export function loadHanoiClusters(): Cluster[] {
  return JSON.parse(readFileSync(join(ROOT, 'data', 'organisations', 'hanoi-clusters.json'), 'utf8')) as Cluster[];
}

/** Cluster of a Hanoi commune: communes in code order (which follows the old districts) cut into equal runs. */
function hanoiClusterOf(ref: Reference, clusters: Cluster[], communeCode: string): string | undefined {
  const hn = ref.provinceByCode.get('01');
  if (!hn) return undefined;
  const idx = hn.communes.findIndex((c) => c.code === communeCode);
  if (idx < 0) return undefined;
  return clusters[Math.floor((idx * clusters.length) / hn.communes.length)]?.key;
}

// ---------------------------------------------------------------------------------------------
// Plan 29 target provinces (seed 000 §III), as written in the plan, with their pre-2025 codes

export const PLAN29_TARGETS: { name: string; oldCode: string }[] = [
  { name: 'Quảng Trị', oldCode: '45' }, { name: 'Quảng Bình', oldCode: '44' }, { name: 'Thừa Thiên - Huế', oldCode: '46' },
  { name: 'Nghệ An', oldCode: '40' }, { name: 'Hà Tĩnh', oldCode: '42' }, { name: 'Lào Cai', oldCode: '10' },
  { name: 'Yên Bái', oldCode: '15' }, { name: 'Điện Biên', oldCode: '11' }, { name: 'Sơn La', oldCode: '14' },
  { name: 'Lạng Sơn', oldCode: '20' }, { name: 'Bắc Kạn', oldCode: '06' }, { name: 'Thanh Hóa', oldCode: '38' },
  { name: 'Quảng Nam', oldCode: '49' }, { name: 'Tuyên Quang', oldCode: '08' }, { name: 'Hà Giang', oldCode: '02' },
  { name: 'Gia Lai', oldCode: '64' }, { name: 'Kon Tum', oldCode: '62' }, { name: 'Đăk Nông', oldCode: '67' },
  { name: 'Đăk Lăk', oldCode: '66' }, { name: 'Ninh Thuận', oldCode: '58' }, { name: 'Bình Thuận', oldCode: '60' },
  { name: 'Trà Vinh', oldCode: '84' }, { name: 'Sóc Trăng', oldCode: '94' }, { name: 'Vĩnh Long', oldCode: '86' },
  { name: 'Cần Thơ', oldCode: '92' }, { name: 'An Giang', oldCode: '89' }, { name: 'Bạc Liêu', oldCode: '95' },
  { name: 'Hậu Giang', oldCode: '93' }, { name: 'Bình Dương', oldCode: '74' }, { name: 'Đồng Nai', oldCode: '75' },
];
/** Seed 000 §III.2: the 10 provinces chosen for 2021. */
export const PLAN29_2021 = ['45', '44', '10', '15', '11', '14', '62', '67', '94', '95'];
/**
 * One district per 2021 province (seed 000 §III.1 "mỗi địa phương chọn một huyện"). Only Hướng Hóa
 * (Quảng Trị) is named by the seed (§IV.3.4); the other nine are demo choices.
 */
const PLAN29_DEMO_DISTRICT: Record<string, string> = {
  '45': 'Huyện Hướng Hóa', '44': 'Huyện Minh Hóa', '10': 'Huyện Si Ma Cai', '15': 'Huyện Mù Căng Chải',
  '11': 'Huyện Mường Nhé', '14': 'Huyện Sốp Cộp', '62': 'Huyện Tu Mơ Rông', '67': 'Huyện Tuy Đức',
  '94': 'Huyện Trần Đề', '95': 'Huyện Hồng Dân',
};
/** Old provinces whose selected district is an ethnic-minority upland area (some PTDTBT schools). */
const PLAN29_UPLAND = new Set(['45', '44', '10', '15', '11', '14', '62', '67']);

function fold(s: string) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Demo schools

interface Builder {
  schools: DemoSchool[];
  seq: Map<string, number>;
  namers: Map<string, Namer>;
}

function addSchool(ref: Reference, b: Builder, rng: Rng, kind: Kind, commune: Commune, setting: Setting, clusterKey?: string): DemoSchool {
  const p = ref.provinceByCode.get(commune.provinceCode)!;
  let namer = b.namers.get(p.code);
  if (!namer) {
    namer = new Namer(ref, rng);
    b.namers.set(p.code, namer);
  }
  const n = (b.seq.get(p.code) ?? 0) + 1;
  b.seq.set(p.code, n);
  const { lat, lng } = randomPointInCommune(ref, commune.code, rng);
  const { pupils, staff } = sizeOf(kind, setting, rng);
  const s: DemoSchool = {
    code: `${p.code}${String(n).padStart(5, '0')}`,
    name: namer.name(kind, commune),
    levels: [...KIND_LEVELS[kind]],
    ownership: isPrivate(kind) ? 'private' : 'public',
    address: `${commune.fullName}, ${p.fullName}`,
    provinceCode: p.code,
    communeCode: commune.code,
    lat,
    lng,
    pupils,
    staff,
  };
  if (clusterKey) s.clusterKey = clusterKey;
  b.schools.push(s);
  return s;
}

const repeat = (spec: [Kind, number][]): Kind[] => spec.flatMap(([k, n]) => Array<Kind>(n).fill(k));

export interface DemoData {
  schools: DemoSchool[];
  flags: Map<string, AreaFlag[]>;
  border: BorderResult;
  plan29: unknown;
}

export function buildDemoData(seed = 29_2021): DemoData {
  const ref = loadReference();
  const rng = makeRng(seed);
  const border = computeBorderCommunes(ref);
  const flags = computeAreaFlags(ref, border.border);
  const clusters = loadHanoiClusters();
  const b: Builder = { schools: [], seq: new Map(), namers: new Map() };

  // --- Hà Nội: 120 schools; THPT get a cluster.
  const hn = ref.provinceByCode.get('01')!;
  const hnKinds = repeat([
    ['thpt', 36], ['thpt_private', 4], ['thcs', 26], ['thcs_private', 2], ['th', 25], ['th_private', 3],
    ['mn', 16], ['mn_private', 4], ['liencap_private', 2], ['gdtx', 2],
  ]);
  // THPT spread over the city: walk the communes in a shuffled order, one THPT per commune.
  const hnOrder = rng.shuffle([...hn.communes]);
  let ci = 0;
  for (const kind of hnKinds) {
    const c = hnOrder[ci++ % hnOrder.length];
    const cluster = KIND_LEVELS[kind].includes('thpt') && kind !== 'liencap_private' ? hanoiClusterOf(ref, clusters, c.code) : undefined;
    addSchool(ref, b, rng, kind, c, 'hanoi', cluster);
  }

  // --- Plan 29, 2021: one district per province, 20 schools (10 preschool, 5 primary, 5 lower secondary).
  const districts = readGzJson<OldDistrictRow[]>('mapping/old-district-to-new.json.gz');
  const oldProv = readGzJson<OldProvinceRow[]>('mapping/old-province-to-new-province.json.gz');
  const oldWards = readGzJson<OldWardRow[]>('mapping/old-ward-to-new-ward.json.gz');
  const selection: Record<string, unknown>[] = [];
  for (const oldCode of PLAN29_2021) {
    const dName = PLAN29_DEMO_DISTRICT[oldCode];
    const d = districts.find((x) => x.oldProvinceCode === oldCode && x.oldDistrictName === dName);
    if (!d) throw new Error(`District ${dName} not found in old province ${oldCode}`);
    // Communes that received the district: keep those whose main part came from it.
    const fromDistrict = new Map<string, number>();
    for (const r of oldWards) if (r.oldDistrictCode === d.oldDistrictCode) fromDistrict.set(r.newWardCode, (fromDistrict.get(r.newWardCode) ?? 0) + 1);
    const communes = d.newWardCodes
      .filter((c) => (fromDistrict.get(c) ?? 0) > 0 && !NO_SCHOOL_COMMUNES.has(c))
      .map((c) => ref.communeByCode.get(c)!)
      .filter(Boolean);
    const upland = PLAN29_UPLAND.has(oldCode);
    const kinds = repeat(upland
      ? [['mn', 10], ['th', 3], ['ptdtbt_th', 2], ['thcs', 3], ['ptdtbt_thcs', 2]]
      : [['mn', 10], ['th', 5], ['thcs', 5]]);
    const order = rng.shuffle([...communes]);
    const codes: string[] = [];
    kinds.forEach((k, i) => {
      const s = addSchool(ref, b, rng, k, order[i % order.length], upland ? 'mountain' : 'lowland');
      codes.push(s.code);
    });
    const op = oldProv.find((x) => x.oldProvinceCode === oldCode)!;
    selection.push({
      year: 2021,
      oldProvinceCode: oldCode,
      oldProvinceName: op.oldProvinceName,
      newProvinceCode: op.newProvinceCode,
      oldDistrictCode: d.oldDistrictCode,
      oldDistrictName: d.oldDistrictName,
      districtNamedInSeed: oldCode === '45',
      communeCodes: communes.map((c) => c.code),
      schoolCodes: codes,
    });
  }

  // --- Điện Biên, Lai Châu, Sơn La: 50 each, counting the plan-29 schools above; mostly in border communes.
  const ethnicOthers: Record<string, [Kind, number][]> = {
    '11': [['thpt', 6], ['ptdtnt', 2], ['gdtx', 1], ['ptdtbt_th_thcs', 4], ['ptdtbt_th', 3], ['th', 2], ['ptdtbt_thcs', 3], ['thcs', 2], ['mn', 7]],
    '14': [['thpt', 6], ['ptdtnt', 2], ['gdtx', 1], ['ptdtbt_th_thcs', 4], ['ptdtbt_th', 3], ['th', 2], ['ptdtbt_thcs', 3], ['thcs', 2], ['mn', 7]],
    '12': [['thpt', 7], ['ptdtnt', 2], ['gdtx', 1], ['ptdtbt_th_thcs', 4], ['ptdtbt_th', 6], ['th', 6], ['ptdtbt_thcs', 6], ['thcs', 4], ['mn', 14]],
  };
  for (const pc of ['11', '12', '14']) {
    const p = ref.provinceByCode.get(pc)!;
    const bord = rng.shuffle(p.communes.filter((c) => border.border.has(c.code)));
    const other = rng.shuffle(p.communes.filter((c) => !border.border.has(c.code)));
    const capital = p.communes.find((c) => c.type === 'Phường') ?? p.communes[0];
    let bi = 0;
    let oi = 0;
    let ptdtntDone = false;
    for (const kind of repeat(ethnicOthers[pc])) {
      let c: Commune;
      if (kind === 'ptdtnt' && !ptdtntDone) { c = capital; ptdtntDone = true; }
      else if (kind === 'gdtx') c = capital;
      else if (bord.length && rng.chance(0.72)) c = bord[bi++ % bord.length];
      else c = other[oi++ % other.length];
      addSchool(ref, b, rng, kind, c, c.type === 'Phường' ? 'lowland' : 'mountain');
    }
  }

  const plan29 = {
    note: 'DEMO. The 30 target provinces and the 10 chosen for 2021 are from seed 000 §III; the selected districts (except Hướng Hóa, named in §IV.3.4) and the schools are demo data.',
    targets: PLAN29_TARGETS.map((t) => {
      const op = oldProv.find((x) => x.oldProvinceCode === t.oldCode)!;
      const ok = fold(op.oldProvinceName).endsWith(fold(t.name)) || (t.oldCode === '46' && fold(op.oldProvinceName).endsWith('hue'));
      if (!ok) throw new Error(`Plan 29 province ${t.name} does not match ${op.oldProvinceName}`);
      return {
        nameInPlan: t.name,
        oldProvinceCode: t.oldCode,
        oldProvinceName: op.oldProvinceName,
        newProvinceCode: op.newProvinceCode,
        newProvinceName: op.newProvinceName,
        chosenFor2021: PLAN29_2021.includes(t.oldCode),
      };
    }),
    selection2021: selection,
  };
  return { schools: b.schools, flags, border, plan29 };
}

// ---------------------------------------------------------------------------------------------
// Synthetic schools for benchmarks and import tests

const SYN_LEVEL_MIX: [Kind, number][] = [
  ['mn', 0.33], ['mn_private', 0.04], ['th', 0.28], ['th_private', 0.01], ['thcs', 0.21], ['thcs_private', 0.005],
  ['thpt', 0.055], ['thpt_private', 0.01], ['th_thcs', 0.025], ['liencap_private', 0.005], ['gdtx', 0.015],
];

/**
 * n synthetic schools across all 34 provinces (same shape as schools.json), deterministic for a
 * given seed. Communes are drawn uniformly (Hoàng Sa and Trường Sa excluded); coordinates are inside
 * the commune polygon. Codes are `<provinceCode><seq>` with seq from 50001 per province, so they do
 * not collide with the demo schools (which start at 00001). Hanoi THPT schools get a clusterKey.
 */
export function generateSchools(n: number, seed: number): DemoSchool[] {
  const ref = loadReference();
  const rng = makeRng(seed ^ 0x5eed);
  const clusters = loadHanoiClusters();
  const ethnic = new Set(DEMO_ETHNIC_PROVINCES);
  const communes: Commune[] = [];
  for (const p of ref.provinces) for (const c of p.communes) if (!NO_SCHOOL_COMMUNES.has(c.code)) communes.push(c);
  const cum: number[] = [];
  let acc = 0;
  for (const [, w] of SYN_LEVEL_MIX) {
    acc += w;
    cum.push(acc);
  }
  const b: Builder = { schools: [], seq: new Map(), namers: new Map() };
  for (const p of ref.provinces) b.seq.set(p.code, 50000);
  for (let i = 0; i < n; i++) {
    const c = communes[Math.floor(rng.next() * communes.length)];
    const r = rng.next() * acc;
    let kind = SYN_LEVEL_MIX[cum.findIndex((v) => r < v)]?.[0] ?? 'mn';
    const upland = ethnic.has(c.provinceCode) && c.type === 'Xã';
    if (upland && (kind === 'th' || kind === 'thcs') && rng.chance(0.25)) kind = kind === 'th' ? 'ptdtbt_th' : 'ptdtbt_thcs';
    if (upland && kind === 'liencap_private') kind = 'th_thcs';
    else if (upland && kind.endsWith('_private')) kind = kind.replace('_private', '') as Kind;
    const setting: Setting = c.provinceCode === '01' || c.provinceCode === '79' ? 'hanoi' : upland ? 'mountain' : 'lowland';
    const cluster = c.provinceCode === '01' && (kind === 'thpt' || kind === 'thpt_private') ? hanoiClusterOf(ref, clusters, c.code) : undefined;
    addSchool(ref, b, rng, kind, c, setting, cluster);
  }
  return b.schools;
}

// ---------------------------------------------------------------------------------------------
// Main: write the files and print a summary

function main() {
  const t0 = Date.now();
  const ref = loadReference();
  const { schools, flags, border, plan29 } = buildDemoData();
  mkdirSync(OUT, { recursive: true });

  // area-flags.csv: only communes with at least one flag, in code order.
  const lines = ['code,flags'];
  for (const code of [...flags.keys()].sort()) lines.push(`${code},${flags.get(code)!.join('|')}`);
  writeFileSync(join(OUT, 'area-flags.csv'), lines.join('\n') + '\n');

  // schools.json: one school per line.
  writeFileSync(join(OUT, 'schools.json'), '[\n' + schools.map((s) => '  ' + JSON.stringify(s)).join(',\n') + '\n]\n');
  writeFileSync(join(OUT, 'plan29-selection.json'), JSON.stringify(plan29, null, 2) + '\n');

  // Summary.
  const perProv = new Map<string, number>();
  for (const c of border.border) {
    const pc = ref.communeByCode.get(c)!.provinceCode;
    perProv.set(pc, (perProv.get(pc) ?? 0) + 1);
  }
  console.log('Border communes per province:');
  for (const [pc, k] of [...perProv].sort()) console.log(`  ${pc} ${ref.provinceByCode.get(pc)!.name}: ${k}`);
  console.log(`  total: ${border.border.size}`);
  const flagCount = new Map<string, number>();
  for (const l of flags.values()) for (const f of l) flagCount.set(f, (flagCount.get(f) ?? 0) + 1);
  console.log('Flags:', Object.fromEntries(flagCount));
  const sp = new Map<string, number>();
  for (const s of schools) sp.set(s.provinceCode, (sp.get(s.provinceCode) ?? 0) + 1);
  console.log(`Schools: ${schools.length}`, Object.fromEntries([...sp].sort()));
  const inBorder = schools.filter((s) => border.border.has(s.communeCode)).length;
  console.log(`Schools in border communes: ${inBorder}`);
  console.log(`Done in ${Date.now() - t0} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
