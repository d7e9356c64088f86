import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault, FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db.js';
import type { Actor } from './actor.js';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Mailer } from './mail.js';
import type { PublicCache } from './public-cache.js';
import { csvStream, xlsxStream, type Column } from './tabular.js';
import { AppError, RequestValidationError } from './errors.js';
import type { z } from 'zod';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    clock: Clock;
    mailer: Mailer;
    publicCache: PublicCache;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

/**
 * Brotli for the app's answers (the browsers of the public and of schools accept it before gzip):
 * quality 4, the speed of gzip at a smaller size; a window of 256 KB (2^18) instead of the default
 * 4 MB, so a streamed export's first bytes leave after about 0.5 MB of text, not 8 MB (1.2 s of a
 * ledger export at 10% of the national data before anything arrived), at the same size overall.
 */
export const BROTLI_OPTIONS = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } };

/** A file name safe for Content-Disposition, with the date it was made. */
export function downloadName(base: string, ext: string): string {
  const d = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  return `${base}-${d}.${ext}`;
}

/** Send rows as a CSV or XLSX download, streaming batches as they are read. */
export function sendTable<T>(reply: FastifyReply, format: 'csv' | 'xlsx', base: string, sheetName: string, columns: Column<T>[], batches: AsyncIterable<T[]>) {
  const name = downloadName(base, format);
  reply.header('Content-Disposition', `attachment; filename="${name}"`);
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return reply.send(csvStream(columns, batches));
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return reply.send(xlsxStream(sheetName, columns, batches));
}

/** Bounds of a form: its files, and its text fields (count and size). */
export interface FormLimits {
  files: number;
  fileSize: number;
}
export const MAX_FORM_FIELDS = 40;
export const MAX_FIELD_BYTES = 64 * 1024;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * Text fields and files of a multipart request (files under any field name, within the route's
 * limits; evidence rules set lower limits per kind), or the fields of a JSON body (non-string
 * values as JSON text). A file, a field or a count past its limit is a 413, and reading stops there.
 */
export async function formData(req: FastifyRequest, limits: FormLimits = { files: 10, fileSize: 10 * 1024 * 1024 }): Promise<{ fields: Record<string, string>; files: { filename: string; data: Buffer }[] }> {
  const fields: Record<string, string> = Object.create(null);
  const files: { filename: string; data: Buffer }[] = [];
  if (req.isMultipart()) {
    try {
      const parts = req.parts({ limits: { files: limits.files, fileSize: limits.fileSize, fields: MAX_FORM_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FORM_FIELDS + limits.files } });
      for await (const part of parts) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          // an empty file is kept so the reader says "empty" rather than "no file chosen"
          if (part.filename) files.push({ filename: part.filename, data });
        } else {
          if (part.valueTruncated || part.fieldnameTruncated) throw new AppError(413, `Trường "${part.fieldname.slice(0, 50)}" quá dài`, undefined, 'too_large');
          fields[part.fieldname] = String(part.value ?? '');
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, `Tệp quá lớn (tối đa ${mb(limits.fileSize)})`, undefined, 'too_large');
      if (code === 'FST_FILES_LIMIT') throw new AppError(413, `Quá nhiều tệp (tối đa ${limits.files})`, undefined, 'too_large');
      if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError(413, 'Biểu mẫu có quá nhiều trường', undefined, 'too_large');
      if (code === 'FST_PROTO_VIOLATION') throw new AppError(400, 'Tên trường không hợp lệ', undefined, 'bad_request');
      if (e instanceof Error && !(e instanceof AppError) && /multipart|boundary|Unexpected end/i.test(e.message)) throw new AppError(400, 'Biểu mẫu gửi lên bị hỏng', undefined, 'bad_request');
      throw e;
    }
  } else if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
    for (const [k, v] of Object.entries(req.body)) if (v !== undefined && v !== null) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return { fields, files };
}

/** Validate form fields (multipart or JSON read by formData) with a zod schema; 422 with per-field messages in the asker's language. */
export function parseFields<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const r = schema.safeParse(data, { reportInput: true });
  if (!r.success) throw new RequestValidationError(r.error.issues);
  return r.data;
}
