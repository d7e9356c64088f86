/** Stored files (evidence, documents, photos) answered as downloads. */
import { z } from 'zod';
import { endpoint, FileDownload, Id } from './http.js';

/** Smaller copies of a photo: a thumbnail (~320 px) for lists and the portal, a page-size copy (~1280 px) for detail pages. */
export const FILE_VARIANTS = ['thumb', 'page'] as const;
export type FileVariantName = (typeof FILE_VARIANTS)[number];

export const FileQuery = z.object({ variant: z.enum(FILE_VARIANTS).optional() });

export const filesApi = {
  download: endpoint({
    method: 'GET', path: '/api/v1/files/:id', tags: ['Tệp'],
    summary: 'Tải tệp minh chứng: ai được xem hồ sơ gắn với tệp (nhu cầu, khoản đóng góp, văn bản ký kết, hoạt động kết nghĩa, báo cáo tiến độ, hồ sơ nhà tài trợ) thì tải được tệp; ảnh có ?variant=thumb|page là bản thu nhỏ (WebP hoặc JPEG), bản gốc giữ nguyên',
    params: Id, query: FileQuery,
    responses: { 200: FileDownload },
    produces: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
};
