import { describe, expect, it } from 'vitest';
import { eraAt, isValidIsoDate, levelOfCode, parseFlags, todayInVietnam } from './domain.js';

describe('eraAt', () => {
  it('switches to the current units on 1 July 2025', () => {
    expect(eraAt('2025-06-30')).toBe('legacy');
    expect(eraAt('2025-07-01')).toBe('current');
    expect(eraAt('2019-01-01')).toBe('legacy');
    expect(eraAt('2030-12-31')).toBe('current');
  });
});

describe('levelOfCode', () => {
  it('reads the level from the number of digits', () => {
    expect(levelOfCode('01')).toBe('province');
    expect(levelOfCode('001')).toBe('district');
    expect(levelOfCode('00004')).toBe('commune');
    expect(levelOfCode('1')).toBeNull();
    expect(levelOfCode('0004')).toBeNull();
    expect(levelOfCode('000044')).toBeNull();
    expect(levelOfCode('ab')).toBeNull();
    expect(levelOfCode(' 01')).toBeNull();
  });
});

describe('dates', () => {
  it('validates calendar dates', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(isValidIsoDate('2024-1-01')).toBe(false);
    expect(isValidIsoDate('01/07/2025')).toBe(false);
  });

  it('gives the date in Vietnam, not UTC', () => {
    expect(todayInVietnam(new Date('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
    expect(todayInVietnam(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });
});

describe('parseFlags', () => {
  it('accepts keys, Vietnamese labels and abbreviations, in canonical order', () => {
    expect(parseFlags('ethnic_minority|border')).toEqual({ flags: ['border', 'ethnic_minority'], unknown: [] });
    expect(parseFlags('Biên giới; DTTS')).toEqual({ flags: ['border', 'ethnic_minority'], unknown: [] });
    expect(parseFlags('Xã biên giới, Hải đảo, xã đặc biệt khó khăn').flags).toEqual(['border', 'island', 'extremely_difficult']);
    expect(parseFlags('Vùng đồng bào dân tộc thiểu số|KCN').flags).toEqual(['ethnic_minority', 'industrial_zone']);
    expect(parseFlags('bien gioi|BIÊN GIỚI').flags).toEqual(['border']);
  });

  it('reports words it does not know and ignores empty parts', () => {
    expect(parseFlags('border||sao hỏa; ')).toEqual({ flags: ['border'], unknown: ['sao hỏa'] });
    expect(parseFlags('')).toEqual({ flags: [], unknown: [] });
  });
});
