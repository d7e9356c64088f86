import { describe, expect, it } from 'vitest';
import { checkScores, editBlocked, isOpen } from './domain.js';

const CRITERIA = [{ key: 'feasibility', label: 'Tính khả thi', max: 40 }, { key: 'impact', label: 'Hiệu quả giảm nghèo', max: 60 }];

describe('startup-model proposals', () => {
  it('a call is open through its deadline', () => {
    expect(isOpen('2026-12-15', '2026-12-15')).toBe(true);
    expect(isOpen('2026-12-15', '2026-12-16')).toBe(false);
  });

  it('scores one score per published criterion within its maximum, and totals them', () => {
    expect(checkScores(CRITERIA, { feasibility: 32.5, impact: 50 })).toEqual({ total: 82.5 });
    expect(checkScores(CRITERIA, { feasibility: 41, impact: 50 })).toEqual({ errors: [{ path: 'scores.feasibility', message: 'Điểm tiêu chí "Tính khả thi" từ 0 đến 40' }] });
    expect(checkScores(CRITERIA, { impact: 50, budget: 3 })).toEqual({ errors: [
      { path: 'scores.feasibility', message: 'Thiếu điểm tiêu chí "Tính khả thi"' }, { path: 'scores.budget', message: 'Tiêu chí không có trong đợt' },
    ] });
  });

  it('a proposal may be corrected while it waits for its decision and no reviewer has scored it', () => {
    expect(editBlocked('submitted', 0)).toBeNull();
    expect(editBlocked('submitted', 1)).toBe('Đề xuất đã được chấm điểm; không sửa được nữa');
    expect(editBlocked('approved', 0)).toBe('Đề xuất đã có quyết định; không sửa được nữa');
    expect(editBlocked('refused', 2)).toBe('Đề xuất đã có quyết định; không sửa được nữa');
  });
});
