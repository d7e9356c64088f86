import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface FieldError {
  path: string;
  message: string;
}
export interface RowError {
  row: number;
  column: string | null;
  message: string;
}

/** An error meant for the user: answered as application/problem+json with a Vietnamese title. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly errors?: FieldError[] | RowError[],
    public readonly code?: string,
  ) {
    super(message);
  }
}

export const badRequest = (msg: string, errors?: FieldError[]) => new AppError(400, msg, errors, 'bad_request');
export const unauthorized = (msg = 'Bạn cần đăng nhập để thực hiện thao tác này') => new AppError(401, msg, undefined, 'unauthorized');
export const forbidden = (msg = 'Bạn không có quyền thực hiện thao tác này') => new AppError(403, msg, undefined, 'forbidden');
export const notFound = (msg = 'Không tìm thấy') => new AppError(404, msg, undefined, 'not_found');
export const conflict = (msg: string, errors?: FieldError[]) => new AppError(409, msg, errors, 'conflict');
export const invalid = (msg: string, errors?: FieldError[] | RowError[]) => new AppError(422, msg, errors, 'invalid');

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Xung đột dữ liệu',
  413: 'Tệp quá lớn',
  415: 'Định dạng không được hỗ trợ',
  422: 'Dữ liệu không hợp lệ',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
};

/** Zod's default English messages for the common cases, in Vietnamese. */
function vietnameseIssue(message: string): string {
  if (/^Invalid input: expected (\w+), received undefined/.test(message) || message === 'Required') return 'Trường này là bắt buộc';
  if (/^Invalid input: expected number/.test(message)) return 'Phải là một số';
  if (/^Invalid input: expected string/.test(message)) return 'Phải là chuỗi ký tự';
  if (/^Invalid option/.test(message)) return 'Giá trị không nằm trong danh sách cho phép';
  if (/^Too small: expected number to be >=?(.+)$/.test(message)) return `Giá trị phải ≥ ${message.replace(/^.*>=?/, '')}`;
  if (/^Too big: expected number to be <=?(.+)$/.test(message)) return `Giá trị phải ≤ ${message.replace(/^.*<=?/, '')}`;
  if (/^Invalid UUID/.test(message)) return 'Mã định danh không hợp lệ';
  return message;
}

export function registerErrorHandler(app: FastifyInstance, servesPage: (req: FastifyRequest) => boolean = () => false): void {
  app.setErrorHandler((err: FastifyError & Partial<AppError>, req, reply) => {
    let status = 500;
    let title = TITLES[500];
    let errors: FieldError[] | RowError[] | undefined;
    if (err instanceof AppError) {
      status = err.status;
      title = err.message;
      errors = err.errors;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 422;
      title = 'Dữ liệu không hợp lệ';
      errors = err.validation.map((v) => ({
        path: (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || (v.params?.issue as { path?: string[] })?.path?.join('.') || '',
        message: vietnameseIssue(v.message ?? ''),
      }));
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      title = TITLES[status] ?? err.message;
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') title = 'Tệp quá lớn (tối đa 20 MB)';
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') title = 'Định dạng nội dung không được hỗ trợ';
      if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') title = 'Nội dung JSON không hợp lệ';
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    reply
      .status(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title, status, detail: title, ...(errors ? { errors } : {}) });
  });
  app.setNotFoundHandler((req, reply) => {
    if (servesPage(req)) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Không tìm thấy', status: 404, detail: `Không có đường dẫn ${req.method} ${req.url.split('?')[0]}` });
  });
}
