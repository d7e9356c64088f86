import { describe, expect, it } from 'vitest';
import { checkQuota } from './domain.js';

describe('the plan-29 quota', () => {
  it('checks the quota and says what is missing', () => {
    const full = { districts: 1, schoolsByLevel: { mam_non: 10, tieu_hoc: 5, thcs: 5 }, schools: [{ name: 'A', gifts: { teacher: 1, manager: 1, pupil: 10 } }] };
    expect(checkQuota(full)).toEqual({ complies: true, missing: [] });
    const r = checkQuota({ districts: 0, schoolsByLevel: { mam_non: 8, tieu_hoc: 5, thcs: 6 }, schools: [{ name: 'Trường B', gifts: { teacher: 1, manager: 0, pupil: 7 } }] });
    expect(r.complies).toBe(false);
    expect(r.missing).toEqual(['Chưa chọn huyện', 'Thiếu 2 trường mầm non (cần 10)', 'Thừa 1 trường THCS (quy định 5)', 'Trường B: thiếu quà cho 1 cán bộ quản lý', 'Trường B: thiếu quà cho 3 học sinh']);
  });
});
