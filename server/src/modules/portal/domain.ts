/** The open data's published vocabulary and schema. */
import { DONOR_TYPES } from '../../../../contracts/donors.js';
import { FORMS } from '../../../../contracts/ledger.js';
import { NEED_CATEGORIES } from '../../../../contracts/needs.js';
import { PUBLIC_CONTRIBUTION_STATUSES } from '../../../../contracts/portal.js';

/** The open-data schema of /api/v1/public/contributions (JSON Schema, documented in Vietnamese). */
export const CONTRIBUTION_SCHEMA: Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Khoản đóng góp (dữ liệu mở KếtNối)',
  description: 'Mỗi dòng là một khoản đóng góp cho trường học, từ sổ đóng góp chung. Không có tên trẻ em; người nhận là cá nhân chỉ hiện loại người nhận. Khoản đã huỷ không có trong dữ liệu mở. Tổng của /api/v1/public/stats là tổng của chính các dòng này.',
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Mã khoản đóng góp' },
    pledgedOn: { type: 'string', format: 'date', description: 'Ngày cam kết (YYYY-MM-DD)' },
    year: { type: 'integer', description: 'Năm cam kết' },
    anonymous: { type: 'boolean', description: 'Bên đóng góp xin giấu tên' },
    contributor: { type: 'string', description: 'Tên bên đóng góp, hoặc "Ẩn danh"' },
    contributorId: { type: ['string', 'null'], description: 'Mã bên đóng góp (null nếu ẩn danh)' },
    contributorType: { type: ['string', 'null'], enum: [...DONOR_TYPES, 'school', null] },
    schoolId: { type: 'string', format: 'uuid' }, schoolCode: { type: 'string' }, schoolName: { type: 'string' },
    provinceCode: { type: 'string', description: 'Mã tỉnh hiện hành (34 tỉnh, từ 01/07/2025)' }, provinceName: { type: 'string' },
    recipient: { type: 'string', description: 'Người nhận: "Nhà trường", một nhóm học sinh, hoặc loại người nhận (Học sinh, Giáo viên, Cán bộ quản lý)' },
    category: { type: 'string', enum: [...NEED_CATEGORIES] },
    form: { type: 'string', enum: [...FORMS], description: 'Hình thức theo Thông tư 16/2018/TT-BGDĐT: tiền, hiện vật, phi vật chất' },
    description: { type: 'string' },
    valueVnd: { type: 'integer', description: 'Giá trị quy đổi, đồng' },
    quantity: { type: ['number', 'null'] }, unit: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...PUBLIC_CONTRIBUTION_STATUSES], description: 'Đã cam kết, đã bàn giao, trường đã nhận, đã nghiệm thu' },
    needId: { type: ['string', 'null'], description: 'Nhu cầu được đáp ứng (nếu có)' },
    evidence: { type: 'array', items: { type: 'string' }, description: 'Đường dẫn ảnh/biên bản minh chứng' },
  },
  required: ['id', 'pledgedOn', 'contributor', 'schoolId', 'provinceCode', 'category', 'form', 'valueVnd', 'status'],
};
