/**
 * Editing indicator frameworks: an administrator changes a draft version (groups, indicators,
 * their order, text, type, mandatory flag, scoring, maximum and evidence asked), publishes it, and
 * starts a new draft from any version. A published version never changes.
 */
import { z } from 'zod';
import { FrameworkDefinition, FrameworkVersionDetail } from './assessments.js';
import { endpoint, Id } from './http.js';

const tags = ['Đánh giá theo bộ chỉ số'] as const;

export const assessmentEditingApi = {
  updateDraft: endpoint({
    method: 'PUT', path: '/api/v1/assessment-frameworks/:id/definition', tags,
    summary: 'Quản trị viên sửa một phiên bản nháp (nhóm, chỉ số, thứ tự, cách tính điểm); phiên bản đã công bố không sửa được',
    params: Id, body: z.object({ definition: FrameworkDefinition }).strict(), responses: { 200: FrameworkVersionDetail },
  }),
  copyVersion: endpoint({
    method: 'POST', path: '/api/v1/assessment-frameworks/:id/copy', tags,
    summary: 'Tạo phiên bản nháp mới từ một phiên bản (thường là phiên bản đã công bố)',
    params: Id, body: z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict(), responses: { 201: FrameworkVersionDetail },
  }),
};
