import { describe, expect, it } from 'vitest';
import { readJsonData } from '../../platform/data-files.js';
import { Territory, normaliseCode, parseCoordinate, parseCount, parseLevels, parseOwnership } from './domain.js';

describe('parseCount', () => {
  it('reads whole numbers as Vietnamese sheets write them', () => {
    expect(parseCount('1200')).toBe(1200);
    expect(parseCount('1.200')).toBe(1200);
    expect(parseCount('1 200')).toBe(1200);
    expect(parseCount('1,200')).toBe(1200);
    expect(parseCount('1\u00a0200')).toBe(1200);
    expect(parseCount('1.200.000')).toBe(1200000);
    expect(parseCount(' 45 ')).toBe(45);
    expect(parseCount('0')).toBe(0);
  });

  it('answers null for empty and NaN for anything else', () => {
    expect(parseCount('')).toBeNull();
    expect(parseCount('   ')).toBeNull();
    expect(parseCount('12.5')).toBeNaN();
    expect(parseCount('1,5')).toBeNaN();
    expect(parseCount('1.2345')).toBeNaN();
    expect(parseCount('-3')).toBeNaN();
    expect(parseCount('khoảng 300')).toBeNaN();
    expect(parseCount('12.00')).toBeNaN();
  });
});

describe('parseCoordinate', () => {
  it('accepts a comma or a point as the decimal separator', () => {
    expect(parseCoordinate('21,0285')).toBeCloseTo(21.0285, 6);
    expect(parseCoordinate('21.0285')).toBeCloseTo(21.0285, 6);
    expect(parseCoordinate('105')).toBe(105);
    expect(parseCoordinate('-8,5')).toBeCloseTo(-8.5, 6);
  });

  it('answers null for empty and NaN for text', () => {
    expect(parseCoordinate('')).toBeNull();
    expect(parseCoordinate('  ')).toBeNull();
    expect(parseCoordinate('21°01′N')).toBeNaN();
    expect(parseCoordinate('21.02.85')).toBeNaN();
    expect(parseCoordinate('21,0285,1')).toBeNaN();
  });
});

describe('parseLevels', () => {
  it('reads labels, keys and diacritic-free words, in canonical order without duplicates', () => {
    expect(parseLevels('Tiểu học, THCS')).toEqual({ levels: ['tieu_hoc', 'thcs'], unknown: [] });
    expect(parseLevels('THCS; Tiểu học')).toEqual({ levels: ['tieu_hoc', 'thcs'], unknown: [] });
    expect(parseLevels('tieu hoc, thcs').levels).toEqual(['tieu_hoc', 'thcs']);
    expect(parseLevels('mam_non|thpt').levels).toEqual(['mam_non', 'thpt']);
    expect(parseLevels('Mầm non + Mẫu giáo').levels).toEqual(['mam_non']);
    expect(parseLevels('Trung học phổ thông').levels).toEqual(['thpt']);
    expect(parseLevels('PTDTBT/PTDTNT').levels).toEqual(['ptdtnt', 'ptdtbt']);
    expect(parseLevels('Phổ thông dân tộc bán trú').levels).toEqual(['ptdtbt']);
    expect(parseLevels('GDTX').levels).toEqual(['gdtx']);
    expect(parseLevels('Tiểu học'.normalize('NFD')).levels).toEqual(['tieu_hoc']);
  });

  it('returns the words it does not know as written', () => {
    expect(parseLevels('Tiểu học, Đại học')).toEqual({ levels: ['tieu_hoc'], unknown: ['Đại học'] });
    expect(parseLevels('Cao đẳng; Trung cấp').unknown).toEqual(['Cao đẳng', 'Trung cấp']);
    expect(parseLevels('')).toEqual({ levels: [], unknown: [] });
  });
});

describe('parseOwnership', () => {
  it('accepts labels, keys and common abbreviations', () => {
    expect(parseOwnership('Công lập')).toBe('public');
    expect(parseOwnership('cong lap')).toBe('public');
    expect(parseOwnership('CL')).toBe('public');
    expect(parseOwnership('public')).toBe('public');
    expect(parseOwnership('Ngoài công lập')).toBe('private');
    expect(parseOwnership('Tư thục')).toBe('private');
    expect(parseOwnership('Dân lập')).toBe('private');
    expect(parseOwnership('NCL')).toBe('private');
  });

  it('refuses anything else', () => {
    expect(parseOwnership('Bán công')).toBeNull();
    expect(parseOwnership('')).toBeNull();
    expect(parseOwnership('công')).toBeNull();
  });
});

describe('normaliseCode', () => {
  it('keeps leading zeros and drops a spreadsheet ".0"', () => {
    expect(normaliseCode(' 0100001 ')).toBe('0100001');
    expect(normaliseCode('79000001.0')).toBe('79000001');
    expect(normaliseCode('kt-01')).toBe('KT-01');
  });
});

describe('Territory', () => {
  type Geo = { features: { properties: { name: string }; geometry: { type: string; coordinates: number[][][][] } }[] };
  const geo = readJsonData<Geo>('admin-units', 'geo', 'provinces-34.simplified.geojson');
  const vn = new Territory(geo);

  /** The mean of an islet polygon's vertices: inside a small convex islet. */
  function islet(province: string, polygon: number): [number, number] {
    const f = geo.features.find((x) => x.properties.name === province)!;
    const ring = f.geometry.coordinates[polygon][0].slice(0, -1);
    return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
  }

  it('contains mainland points', () => {
    expect(vn.contains(105.8342, 21.0278)).toBe(true); // Hà Nội
    expect(vn.contains(106.6297, 10.8231)).toBe(true); // TP Hồ Chí Minh
    expect(vn.contains(103.0230, 21.3860)).toBe(true); // Điện Biên Phủ
    expect(vn.contains(105.8342, 21.0278, 0)).toBe(true);
  });

  it('excludes the sea and neighbouring countries', () => {
    expect(vn.contains(110.0, 12.0)).toBe(false); // open sea
    expect(vn.contains(118.5, 5.0)).toBe(false);
    expect(vn.contains(102.6, 19.9)).toBe(false); // Laos
    expect(vn.contains(102.1348, 19.8856)).toBe(false); // Luang Prabang
    expect(vn.contains(104.9160, 11.5564)).toBe(false); // Phnom Penh
    expect(vn.contains(108.32, 22.82)).toBe(false); // Nanning
    expect(vn.contains(0, 0)).toBe(false);
  });

  it('contains the islands of Trường Sa and Hoàng Sa', () => {
    const f56 = geo.features.find((x) => x.properties.name === 'Khánh Hoà')!;
    const f48 = geo.features.find((x) => x.properties.name === 'Đà Nẵng')!;
    expect(f56.geometry.type).toBe('MultiPolygon');
    expect(f48.geometry.type).toBe('MultiPolygon');
    const [tsLng, tsLat] = islet('Khánh Hoà', 56);
    expect(tsLng).toBeGreaterThan(111);
    expect(tsLat).toBeLessThan(12);
    expect(vn.contains(tsLng, tsLat, 0)).toBe(true);
    const [hsLng, hsLat] = islet('Đà Nẵng', 48);
    expect(hsLng).toBeGreaterThan(111);
    expect(hsLat).toBeGreaterThan(15);
    expect(vn.contains(hsLng, hsLat, 0)).toBe(true);
    // and not the open water a few kilometres away from the islet
    expect(vn.contains(tsLng + 0.3, tsLat + 0.3)).toBe(false);
  });

  it('forgives points just off a simplified coastline, within the tolerance', () => {
    const f = geo.features.find((x) => x.properties.name === 'Khánh Hoà')!;
    const ring = f.geometry.coordinates[56][0];
    const [x, y] = ring[0];
    // 0.01° east of an islet vertex that is the islet's eastern edge or close to it
    const east = ring.reduce((a, b) => (b[0] > a[0] ? b : a));
    expect(vn.contains(east[0] + 0.01, east[1], 0.02)).toBe(true);
    expect(vn.contains(east[0] + 0.01, east[1], 0)).toBe(false);
    expect(vn.contains(x, y)).toBe(true);
  });
});
