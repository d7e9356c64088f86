import type { FastifyInstance, FastifyReply, FastifyRequest, RawServerDefault, FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db.js';
import type { Actor } from './actor.js';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Mailer } from './mail.js';
import { csvStream, xlsxStream, type Column } from './tabular.js';
import { RequestValidationError } from './errors.js';
import type { z } from 'zod';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    clock: Clock;
    mailer: Mailer;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

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

/**
 * Text fields and files of a multipart request (files under any field name, at most 10 of
 * 20 MB each; evidence rules set lower limits per kind), or the fields of a JSON body (non-string values as JSON text).
 */
export async function formData(req: FastifyRequest): Promise<{ fields: Record<string, string>; files: { filename: string; data: Buffer }[] }> {
  const fields: Record<string, string> = {};
  const files: { filename: string; data: Buffer }[] = [];
  if (req.isMultipart()) {
    for await (const part of req.parts({ limits: { files: 10, fileSize: 20 * 1024 * 1024 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        // an empty file is kept so the reader says "empty" rather than "no file chosen"
        if (part.filename) files.push({ filename: part.filename, data });
      } else fields[part.fieldname] = String(part.value ?? '');
    }
  } else if (req.body && typeof req.body === 'object') {
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
