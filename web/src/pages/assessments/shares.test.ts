import { describe, expect, it } from 'vitest';
import { percent, provinceShares, shareClass } from './shares';

describe('the public results map figures', () => {
  it('puts each share in one of five classes, edges included', () => {
    expect([0, 0.199, 0.2, 0.5, 0.799, 0.8, 1].map(shareClass)).toEqual([0, 0, 1, 2, 3, 4, 4]);
  });
  it('rounds percentages and never divides by zero', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
  });
  it('takes the share at the last (top) level of each province', () => {
    const results = [{ code: 'chua', label: 'Chưa đáp ứng' }, { code: 'co_ban', label: 'Đáp ứng cơ bản' }, { code: 'tot', label: 'Đáp ứng tốt' }];
    const byProvince: { provinceCode: string; provinceName: string; counts: Record<string, number>; total: number }[] = [
      { provinceCode: '11', provinceName: 'Điện Biên', counts: { tot: 3, co_ban: 1 }, total: 4 },
      { provinceCode: '12', provinceName: 'Lai Châu', counts: { chua: 2 }, total: 2 },
    ];
    expect(provinceShares({ results, byProvince }).map((p) => [p.provinceCode, p.top])).toEqual([['11', 0.75], ['12', 0]]);
  });
});
