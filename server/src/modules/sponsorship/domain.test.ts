import { describe, expect, it } from 'vitest';
import { approvalDue, forbiddenUse, planTransition } from './domain.js';
import { planApprover, planPolicy, planScope } from './policy.js';
import type { Actor } from '../../platform/actor.js';

const actor = (a: Partial<Actor>): Actor => ({ userId: 'u', role: 'school', label: 'x', organisationId: null, organisationKind: null, provinceCode: null, communeCode: null, ...a });

describe('a sponsorship plan\'s lifecycle', () => {
  it('submits a draft or returned plan with items, approves or returns a submitted one', () => {
    expect(planTransition('draft', 'submit', { itemCount: 2 })).toEqual({ to: 'submitted' });
    expect(planTransition('returned', 'submit', { itemCount: 1 })).toEqual({ to: 'submitted' });
    expect(planTransition('submitted', 'approve', { itemCount: 1 })).toEqual({ to: 'approved' });
    expect(planTransition('submitted', 'return', { itemCount: 1, reason: 'Thiếu dự toán' })).toEqual({ to: 'returned' });
  });
  it('refuses every other move, with the reason', () => {
    expect(planTransition('draft', 'submit', { itemCount: 0 })).toEqual({ error: 'Kế hoạch cần ít nhất một nội dung vận động trước khi trình' });
    expect(planTransition('approved', 'approve', { itemCount: 1 })).toEqual({ error: 'Chỉ phê duyệt được kế hoạch đang chờ phê duyệt (hiện: "Đã phê duyệt")' });
    expect(planTransition('draft', 'approve', { itemCount: 1 })).toHaveProperty('error');
    expect(planTransition('submitted', 'submit', { itemCount: 1 })).toHaveProperty('error');
    expect(planTransition('approved', 'return', { itemCount: 1, reason: 'x' })).toHaveProperty('error');
    expect(planTransition('submitted', 'return', { itemCount: 1, reason: '  ' })).toEqual({ error: 'Cần nêu lý do trả lại' });
  });
});

describe('the 15-day approval deadline', () => {
  it('is 15 days after the day of submission; overdue only while still submitted and after that day', () => {
    expect(approvalDue('draft', null, '2026-11-30')).toEqual({ dueOn: null, overdue: false });
    expect(approvalDue('submitted', '2026-11-10', '2026-11-25')).toEqual({ dueOn: '2026-11-25', overdue: false });
    expect(approvalDue('submitted', '2026-11-10', '2026-11-26')).toEqual({ dueOn: '2026-11-25', overdue: true });
    expect(approvalDue('approved', '2026-11-10', '2026-12-26')).toEqual({ dueOn: '2026-11-25', overdue: false });
    // across a month and a year end
    expect(approvalDue('submitted', '2026-12-20', '2027-01-01').dueOn).toBe('2027-01-04');
  });
});

describe('uses Thông tư 16/2018 forbids', () => {
  it('refuses teaching pay, staff rewards, guarding, vehicle watching, cleaning and set contribution levels', () => {
    expect(forbiddenUse('Chi trả tiền lương giáo viên hợp đồng')).toMatch(/lương/);
    expect(forbiddenUse('Khen thưởng cán bộ cuối năm')).toMatch(/khen thưởng/);
    expect(forbiddenUse('Thuê người trông giữ xe học sinh')).toMatch(/trông giữ xe/);
    expect(forbiddenUse('Thuê lao công quét dọn')).toMatch(/vệ sinh/);
    expect(forbiddenUse('Mức đóng góp tối thiểu 200.000 đồng')).toMatch(/tối thiểu/);
  });
  it('lets ordinary uses through (a toilet block is not cleaning)', () => {
    expect(forbiddenUse('Xây nhà vệ sinh trường học cho học sinh')).toBeNull();
    expect(forbiddenUse('Bàn ghế học sinh hai chỗ ngồi')).toBeNull();
    expect(forbiddenUse('Tiến độ đầy đủ, sách thư viện')).toBeNull();
    expect(forbiddenUse(null)).toBeNull();
  });
});

describe('who approves', () => {
  const primary = { schoolId: 's1', provinceCode: '11', communeCode: '03158', levels: ['tieu_hoc'] };
  const high = { ...primary, levels: ['thpt'] };
  const communeOfficer = actor({ role: 'commune', provinceCode: '11', communeCode: '03158' });
  const dept = actor({ role: 'department', provinceCode: '11' });
  it('the commune for its preschools, primary and lower-secondary schools; the Department otherwise, and for any school of its province', () => {
    expect(planApprover({ levels: ['mam_non'] })).toBe('commune');
    expect(planApprover({ levels: ['thcs', 'thpt'] })).toBe('department');
    expect(planPolicy.approve(communeOfficer, primary)).toBe(true);
    expect(planPolicy.approve(communeOfficer, high)).toBe(false);
    expect(planPolicy.approve(communeOfficer, { ...primary, communeCode: '03160' })).toBe(false);
    expect(planPolicy.approve(dept, primary)).toBe(true);
    expect(planPolicy.approve(dept, high)).toBe(true);
    expect(planPolicy.approve(actor({ role: 'department', provinceCode: '14' }), primary)).toBe(false);
  });
  it('a school drafts and submits its own plan only, and never approves', () => {
    const own = actor({ role: 'school', organisationId: 's1', provinceCode: '11' });
    expect(planPolicy.submit(own, primary)).toBe(true);
    expect(planPolicy.submit(actor({ role: 'school', organisationId: 's2' }), primary)).toBe(false);
    expect(planPolicy.approve(own, primary)).toBe(false);
    expect(planPolicy.read(actor({ role: 'donor', organisationId: 'd' }), primary)).toBe(false);
  });
  it('the list scope follows the read rule', () => {
    expect(planScope(communeOfficer)).toEqual({ provinceCode: '11', communeCode: '03158', schoolLevelsWithin: ['mam_non', 'tieu_hoc', 'thcs'] });
    expect(planScope(dept)).toEqual({ provinceCode: '11' });
    expect(planScope(actor({ role: 'donor', organisationId: 'd' }))).toBeNull();
    expect(planScope(actor({ role: 'public', userId: null }))).toBeNull();
  });
});
