import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { issueMessage, requestLang, translate, type Lang } from './i18n.js';

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

/** The SQLSTATE of a database error (both engines report it as `code`), e.g. '23505'. */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
/** A unique constraint refused the write (two requests wrote the same thing at once). */
export const isUniqueViolation = (e: unknown) => sqlState(e) === '23505';

/** 429 with the seconds to wait, answered in Retry-After too. */
export class TooManyRequests extends AppError {
  constructor(public readonly retryAfter: number, message = `Quá nhiều lần thử. Vui lòng thử lại sau ${retryAfter} giây.`) {
    super(429, message, undefined, 'rate_limited');
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

/** Zod issues of a request, as per-field errors in the asker's language. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], lang: Lang): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: issueMessage(i, lang) }));
}

/** Validation of a request part: zod's issues kept whole, so the error handler can word them. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { value: r.data };
  return { error: new RequestValidationError(r.error.issues) };
};

export class RequestValidationError extends Error {
  constructor(public readonly issues: readonly z.core.$ZodIssue[]) {
    super('Dữ liệu không hợp lệ');
  }
}

function problem(reply: FastifyReply, status: number, title: string, errors?: FieldError[] | RowError[]) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, detail: title, ...(errors ? { errors } : {}) });
}

/**
 * Errors the router raises before any hook runs (a path that is not valid UTF-8 once decoded, a
 * parameter past its length): problem+json like every other refusal.
 */
export function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const title = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'Đường dẫn quá dài' : err.code === 'FST_ERR_BAD_URL' ? 'Đường dẫn không hợp lệ' : (TITLES[status] ?? TITLES[400]);
  return problem(reply, status, translate(title, requestLang(req)));
}

/**
 * What the log keeps of an unexpected error: its type, code (a database error's SQLSTATE) and
 * statement name, and where it was thrown; never its message, which may quote the request or
 * the statement's parameters.
 */
export function safeFailure(err: Error & { code?: unknown; queryName?: unknown }) {
  const at = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
  return { type: err.name, code: typeof err.code === 'string' ? err.code : undefined, query: typeof err.queryName === 'string' ? err.queryName : undefined, at };
}

export function registerErrorHandler(app: FastifyInstance, servesPage: (req: FastifyRequest) => boolean = () => false): void {
  app.setErrorHandler((err: FastifyError & Partial<AppError>, req, reply) => {
    const lang = requestLang(req);
    let status = 500;
    let title = TITLES[500];
    let errors: FieldError[] | RowError[] | undefined;
    if (err instanceof AppError) {
      if (err instanceof TooManyRequests) reply.header('Retry-After', String(err.retryAfter));
      status = err.status;
      title = err.message;
      errors = err.errors?.map((e) => ({ ...e, message: translate(e.message, lang) })) as FieldError[] | RowError[] | undefined;
    } else if (err instanceof RequestValidationError) {
      status = 422;
      title = 'Dữ liệu không hợp lệ';
      errors = fieldErrors(err.issues, lang);
    } else if (err.statusCode && err.statusCode < 500) {
      status = err.statusCode;
      title = TITLES[status] ?? err.message;
      if (err.code === 'FST_REQ_FILE_TOO_LARGE') title = 'Tệp quá lớn (tối đa 20 MB)';
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') title = 'Nội dung gửi lên quá lớn';
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') title = 'Định dạng nội dung không được hỗ trợ';
      if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') title = 'Nội dung JSON không hợp lệ';
    } else if (sqlState(err) === '23505') {
      // a unique constraint caught two writes of the same thing at once
      status = 409;
      title = 'Dữ liệu này vừa được ghi bởi một thao tác khác; hãy tải lại trang';
    } else if (sqlState(err) === '40001' || sqlState(err) === '40P01') {
      status = 409;
      title = 'Thao tác trùng với một thao tác khác đang diễn ra; hãy thử lại';
    } else if (sqlState(err) === '23503') {
      // a reference to a record that does not exist, which a service did not check: the input's fault
      status = 422;
      title = 'Bản ghi liên quan không tồn tại';
      req.log.warn({ code: err.code, url: req.routeOptions.url }, 'foreign key refused');
    } else {
      req.log.error({ failure: safeFailure(err) }, 'unhandled error');
    }
    return problem(reply, status, translate(title, lang), errors);
  });
  app.setNotFoundHandler((req, reply) => {
    if (servesPage(req)) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    const lang = requestLang(req);
    return reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: translate('Không tìm thấy', lang), status: 404, detail: translate(`Không có đường dẫn ${req.method} ${req.url.split('?')[0]}`, lang) });
  });
}
