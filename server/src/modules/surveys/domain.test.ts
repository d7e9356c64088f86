import { describe, expect, it } from 'vitest';
import { hygieneService, isSchoolYear, sanitationService, waterService } from './domain.js';

describe('JMP service ladders', () => {
  it('water', () => {
    expect(waterService('piped', true)).toBe('basic');
    expect(waterService('protected_well', false)).toBe('limited');
    expect(waterService('surface', true)).toBe('none');
    expect(waterService('none', false)).toBe('none');
  });
  it('sanitation', () => {
    expect(sanitationService(4, true, true, true)).toBe('basic');
    expect(sanitationService(4, true, false, true)).toBe('limited');
    expect(sanitationService(4, true, true, false)).toBe('limited');
    expect(sanitationService(4, false, true, true)).toBe('none');
    expect(sanitationService(0, true, true, true)).toBe('none');
  });
  it('hygiene', () => {
    expect(hygieneService('water_soap')).toBe('basic');
    expect(hygieneService('water_only')).toBe('limited');
    expect(hygieneService('none')).toBe('none');
  });
  it('school years are two consecutive years', () => {
    expect(isSchoolYear('2026-2027')).toBe(true);
    expect(isSchoolYear('2026-2028')).toBe(false);
    expect(isSchoolYear('2026')).toBe(false);
  });
});
