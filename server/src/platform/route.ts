import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BodyOf, Endpoint, ParamsOf, QueryOf, ResultOf } from '../../../contracts/http.js';
import type { App } from './http.js';
import { formData, parseFields } from './http.js';
import { AppError, badRequest, forbidden, unauthorized } from './errors.js';
import { checkHostile } from './hostile.js';
import type { Actor } from './actor.js';

/** A file of a multipart form. */
export interface FormFile {
  filename: string;
  data: Buffer;
}

/** The request a handler sees: params, query and body typed (and already validated) from the contract. */
export type RouteRequest<E extends Endpoint> = Omit<FastifyRequest, 'params' | 'query' | 'body'> & {
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  /** The files of a `form` endpoint (empty for JSON). */
  uploads: FormFile[];
};

export type RouteHandler<E extends Endpoint> = (req: RouteRequest<E>, reply: FastifyReply) => Promise<ResultOf<E> | FastifyReply>;

/** Limits of a request's body, and who may send one at all. */
export interface RouteOptions {
  /**
   * Who may send this route a body, decided from the actor alone before a byte of it is read
   * (page-level abilities from the module's policy, e.g. `schoolCapabilities(a).import`): 401
   * for the public, 403 for an account without the ability. Form endpoints require an account
   * by default. The service still checks the record (row-level) afterwards.
   */
  allow?: (actor: Actor) => boolean;
  /** Largest JSON body in bytes (default DEFAULT_BODY_LIMIT, 256 KB). */
  bodyLimit?: number;
  /** Largest file of a form in bytes (default 10 MB) and how many files (default 10). */
  fileSize?: number;
  files?: number;
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;
export const DEFAULT_FILE_SIZE = 10 * 1024 * 1024;
const signedIn = (a: Actor) => a.userId !== null;

/**
 * Register one endpoint of a contract. The contract's schemas validate the request (422 with
 * per-field messages in the asker's language) and serialise the answer (a field the contract
 * does not declare never leaves the server).
 */
export function route<E extends Endpoint>(app: App, e: E, handler: RouteHandler<E>, opts: RouteOptions = {}): void {
  const form = e.form;
  const allow = opts.allow ?? (form ? signedIn : undefined);
  const limits = { files: opts.files ?? 10, fileSize: opts.fileSize ?? DEFAULT_FILE_SIZE };
  app.route({
    method: e.method,
    url: e.path,
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // who asks is known from the session (onRequest); a body is read only for those who may send one
    ...(allow
      ? {
          preParsing: async (req: FastifyRequest) => {
            if (allow(req.actor)) return;
            throw req.actor.userId === null ? unauthorized() : forbidden();
          },
        }
      : {}),
    schema: {
      tags: [...e.tags],
      summary: e.summary,
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      ...(form ? { consumes: ['multipart/form-data', 'application/json'] } : {}),
      ...(e.produces ? { produces: ['application/json', ...e.produces] } : {}),
      response: e.responses,
    },
    handler: async (req, reply) => {
      const r = req as unknown as RouteRequest<E>;
      r.uploads = [];
      if (form) {
        const { fields, files } = await formData(req, limits);
        checkHostile(fields);
        (r as { body: unknown }).body = parseFields(form, fields);
        r.uploads = files;
      }
      return handler(r, reply);
    },
  });
}

/** Register several endpoints of one module: `const r = router(app); r(contract.x, handler)`. */
export function router(app: App) {
  return <E extends Endpoint>(e: E, handler: RouteHandler<E>, opts?: RouteOptions) => route(app, e, handler, opts);
}

/** 413 in the asker's language. */
export const tooLarge = (msg: string) => new AppError(413, msg, undefined, 'too_large');

/** The one file an import form must carry. */
export function theUpload(req: { uploads: FormFile[] }): FormFile {
  const f = req.uploads[0];
  if (!f) throw badRequest('Chưa chọn tệp');
  if (f.data.length === 0) throw badRequest('Tệp rỗng');
  return f;
}
