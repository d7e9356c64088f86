import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BodyOf, Endpoint, ParamsOf, QueryOf, ResultOf } from '../../../contracts/http.js';
import type { App } from './http.js';
import { formData, parseFields } from './http.js';
import { badRequest } from './errors.js';
import { checkHostile } from './hostile.js';

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

/**
 * Register one endpoint of a contract. The contract's schemas validate the request (422 with
 * per-field messages in the asker's language) and serialise the answer (a field the contract
 * does not declare never leaves the server).
 */
export function route<E extends Endpoint>(app: App, e: E, handler: RouteHandler<E>): void {
  const form = e.form;
  app.route({
    method: e.method,
    url: e.path,
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
        const { fields, files } = await formData(req);
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
  return <E extends Endpoint>(e: E, handler: RouteHandler<E>) => route(app, e, handler);
}

/** The one file an import form must carry. */
export function theUpload(req: { uploads: FormFile[] }): FormFile {
  const f = req.uploads[0];
  if (!f) throw badRequest('Chưa chọn tệp');
  if (f.data.length === 0) throw badRequest('Tệp rỗng');
  return f;
}
