import { describe, expect, it } from 'vitest';
import { calendar, isValidKind, phaseAt, rankPartners, reportDue, reportFigures } from './domain.js';

describe('the twinning calendar', () => {
  it('2026 as written: pairing March–April, activities May–November, report before 15/12', () => {
    expect(calendar(2026).map((p) => [p.key, p.from, p.to])).toEqual([
      ['pairing', '2026-03-01', '2026-04-30'], ['activities', '2026-05-01', '2026-11-30'], ['report', '2026-12-01', '2026-12-15'],
    ]);
    expect(phaseAt('2026-04-10')?.key).toBe('pairing');
    expect(phaseAt('2026-02-10')).toBeNull();
  });
  it('from 2027 every year: review in January, activities February–November, report before 15/12', () => {
    expect(calendar(2028).map((p) => [p.key, p.from, p.to])).toEqual([
      ['review', '2028-01-01', '2028-01-31'], ['activities', '2028-02-01', '2028-11-30'], ['report', '2028-12-01', '2028-12-15'],
    ]);
    expect(phaseAt('2027-02-01')?.key).toBe('activities');
    expect(reportDue(2027)).toBe('2027-12-15');
  });
});

describe('activity kinds (§II)', () => {
  it('accepts the sub-kinds of each kind only', () => {
    expect(isValidKind('exchange', 'connected_classroom')).toBe(true);
    expect(isValidKind('material_support', 'textbooks')).toBe(true);
    expect(isValidKind('material_support', 'connected_classroom')).toBe(false);
    expect(isValidKind('picnic', 'sports')).toBe(false);
  });
});

describe('partner suggestions', () => {
  it('rank level matches first, then schools with fewer partners', () => {
    const r = rankPartners(['thpt'], [
      { name: 'A', levels: ['thcs'], partners: 0 }, { name: 'B', levels: ['thpt'], partners: 2 }, { name: 'C', levels: ['thpt', 'thcs'], partners: 0 },
    ]);
    expect(r.map((x) => x.name)).toEqual(['C', 'B', 'A']);
  });
});

describe('report figures', () => {
  it('count pairs, activities by kind, participants, support and spread for the year', () => {
    const pairs = [
      { id: 'p1', startYear: 2026, status: 'active', hanoiSchoolId: 'h1', hanoiClusterId: null, createdAt: '' },
      { id: 'p2', startYear: 2026, status: 'active', hanoiSchoolId: 'h2', hanoiClusterId: null, createdAt: '' },
      { id: 'p3', startYear: 2027, status: 'active', hanoiSchoolId: 'h3', hanoiClusterId: null, createdAt: '' },
      { id: 'p4', startYear: 2025, status: 'ended', hanoiSchoolId: 'h4', hanoiClusterId: null, createdAt: '' },
    ];
    const acts = [
      { pairId: 'p1', heldOn: '2026-05-10', kind: 'exchange' as const, teachers: 4, pupils: 60, confirmed: true },
      { pairId: 'p1', heldOn: '2026-06-01', kind: 'material_support' as const, teachers: 2, pupils: 0, confirmed: false },
      { pairId: 'p1', heldOn: '2025-11-01', kind: 'exchange' as const, teachers: 9, pupils: 9, confirmed: true },
    ];
    const f = reportFigures(2026, pairs, acts, [{ form: 'in_kind', valueVnd: 20_000_000, status: 'received' }, { form: 'money', valueVnd: 5, status: 'cancelled' }]);
    expect(f).toMatchObject({ pairs: 2, newPairs: 2, pairsWithoutActivity: 1, activities: 2, activitiesConfirmed: 1, teachers: 6, pupils: 60, supportValue: '20000000' });
    expect(f.byKind).toEqual({ material_support: 1, professional: 0, exchange: 1, tradition: 0 });
    expect(f.supportByForm).toEqual({ money: '0', in_kind: '20000000', non_material: '0' });
  });
});
