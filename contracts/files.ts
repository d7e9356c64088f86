/** Stored files (evidence, documents, photos) answered as downloads. */
import { endpoint, FileDownload, Id } from './http.js';

export const filesApi = {
  download: endpoint({
    method: 'GET', path: '/api/v1/files/:id', tags: ['Tệp'],
    summary: 'Tải tệp minh chứng: ai được xem hồ sơ gắn với tệp (nhu cầu, khoản đóng góp, văn bản ký kết, hoạt động kết nghĩa, báo cáo tiến độ) thì tải được tệp',
    params: Id,
    responses: { 200: FileDownload },
    produces: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  }),
};
