/**
 * How a route is described once for the server, the web client and the OpenAPI document.
 *
 * An endpoint names its method and path, what it reads (params, query, a JSON body or the
 * fields of a form that may carry files) and what it answers, by status code. The server
 * registers it with `route()` (server/src/platform/route.ts), which validates the request and
 * serialises the answer with these schemas; the web calls it with `call()` (web/src/api/call.ts),
 * typed from the same schemas. Nothing is written twice, so the two cannot disagree.
 */
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  /** Fastify-style path with `:name` parameters, e.g. `/api/v1/needs/:id`. */
  path: string;
  summary: string;
  tags: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body. */
  body?: z.ZodType;
  /**
   * The text fields of a multipart form (or the same fields as a JSON body), validated after the
   * files are read; the files reach the handler as `req.uploads`. Exclusive with `body`.
   */
  form?: z.ZodType;
  /** What each status answers; a download declares `FileDownload`. */
  responses: { [status: number]: z.ZodType };
  /** Media types other than JSON the route can answer (CSV, XLSX, DOCX …). */
  produces?: readonly string[];
  /** Reachable without signing in (documentation only: every rule still lives in a policy). */
  public?: boolean;
}

/** Declare an endpoint; keeps the literal types the server and the client infer from. */
export function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
type In<S> = S extends z.ZodType ? z.input<S> : undefined;
type SuccessStatus = 200 | 201 | 202 | 204;

/** The answer of an endpoint on success (what the client receives). */
export type ResponseOf<E extends Endpoint> = {
  [K in keyof E['responses'] & SuccessStatus]: z.output<E['responses'][K]>;
}[keyof E['responses'] & SuccessStatus];
/** What the server's handler may return (before serialisation). */
export type ResultOf<E extends Endpoint> = {
  [K in keyof E['responses'] & SuccessStatus]: z.input<E['responses'][K]>;
}[keyof E['responses'] & SuccessStatus];
export type ParamsOf<E extends Endpoint> = Out<E['params']>;
export type QueryOf<E extends Endpoint> = Out<E['query']>;
export type BodyOf<E extends Endpoint> = E['form'] extends z.ZodType ? Out<E['form']> : Out<E['body']>;
export type ParamsIn<E extends Endpoint> = In<E['params']>;
export type QueryIn<E extends Endpoint> = In<E['query']>;
export type BodyIn<E extends Endpoint> = E['form'] extends z.ZodType ? In<E['form']> : In<E['body']>;

// ---------- shared shapes ----------

/** A file answered as a download (CSV, XLSX, DOCX, an image …). */
export const FileDownload = z.string().meta({ format: 'binary', description: 'Tệp tải về' });
/** 204: nothing. */
export const NoContent = z.null().meta({ description: 'Không có nội dung' });

export const Id = z.object({ id: z.uuid('Mã định danh không hợp lệ') });
export const uuid = () => z.uuid('Mã định danh không hợp lệ');

/** A map's zoom (0–22): answers grouped on the server are grouped in cells of about 40 pixels at it. */
export const MapZoom = z.coerce.number().int().min(0).max(22);
/** The box on screen, "west,south,east,north" in degrees. */
export const MapBox = z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'Khung bản đồ không hợp lệ')
  .transform((v) => v.split(',').map(Number) as [number, number, number, number])
  .refine(([w, s, e, n]) => w <= e && s <= n, 'Khung bản đồ không hợp lệ');

export const ProvinceCode = z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số');
export const CommuneCode = z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số');

/** A calendar date, YYYY-MM-DD, that exists (no 2026-02-30, no year 0000). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  }, 'Ngày không tồn tại');

/**
 * A web address a person enters (a donor's website …): http or https only, with a host and no
 * credentials, so a `javascript:`, `data:` or `file:` address never becomes a link on a page.
 */
export const HttpUrl = z
  .string()
  .trim()
  .max(300)
  .refine((s) => {
    if (!/^https?:\/\//i.test(s)) return false;
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'Địa chỉ web bắt đầu bằng http:// hoặc https://');

/** Money in đồng: whole numbers. */
export const Vnd = z.number().int('Số tiền là số nguyên (đồng)').min(0, 'Số tiền không âm').max(1e15);

/**
 * A sum of money in đồng, as a decimal string of digits: one amount is at most 10^15 (`Vnd`), but
 * a sum of many can pass 2^53, past which a JSON number (a double) loses đồng. Summed in SQL
 * (numeric) or with BigInt, never through a float; read it with BigInt() or format it as is.
 */
export const VndSum = z.string().regex(/^\d+$/).meta({ description: 'Tổng số tiền (đồng), số nguyên dạng chuỗi chữ số', example: '9007199254740993' });
export type VndSum = z.infer<typeof VndSum>;

/** Add amounts and sums of đồng exactly. */
export const addVnd = (...xs: (number | string | bigint | null | undefined)[]): string => xs.reduce<bigint>((n, x) => n + BigInt(x ?? 0), 0n).toString();

/** Paging of every list: an opaque cursor and a bounded page size. */
export const pageQuery = (defaultLimit = 50, maxLimit = 200) => ({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
});

/** One page of a list. `total` is the count of the whole filtered list. */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number() });
export type Page<T> = { items: T[]; nextCursor: string | null; total: number };

/** A short list answered whole (reference lists bounded by nature: provinces, a plan's tasks …). */
export const ItemList = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** The format of a list's answer: JSON by default, or a download. */
export const ExportFormat = z.enum(['json', 'csv', 'xlsx']).default('json');

export const ProblemFieldError = z.object({ path: z.string(), message: z.string() });
export const ProblemRowError = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });
/** Every error: application/problem+json, title and detail in the asker's language. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.union([ProblemFieldError, ProblemRowError])).optional(),
});

/** Replace `:name` parameters of a path. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, k: string) => {
    const v = params?.[k];
    if (v === undefined || v === null || v === '') throw new Error(`Thiếu tham số ${k} của ${path}`);
    return encodeURIComponent(String(v));
  });
}
