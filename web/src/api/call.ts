/**
 * The typed client: every call names an endpoint of the contracts (contracts/<domain>.ts), so its
 * path, parameters, body and answer are the server's own. Nothing here is written per route.
 */
import { fillPath, type BodyIn, type Endpoint, type ParamsIn, type QueryIn, type ResponseOf } from '../../../contracts/http';
import { apiUrl, request, upload } from './client';

type Query = Record<string, string | number | boolean | null | undefined>;

type Part<K extends string, T> = [T] extends [undefined] ? { [P in K]?: never } : undefined extends T ? { [P in K]?: T } : { [P in K]: T };

/** What a call needs: the endpoint's params, query and body, each required when the contract requires it. */
export type CallArgs<E extends Endpoint> = Part<'params', ParamsIn<E>> & Part<'query', QueryIn<E>> & Part<'body', BodyIn<E>> & { signal?: AbortSignal };

type OptionalIfEmpty<E extends Endpoint> = Record<never, never> extends CallArgs<E> ? [args?: CallArgs<E>] : [args: CallArgs<E>];

/** The URL of an endpoint with its params and query (links to downloads, query keys). */
export function endpointUrl<E extends Endpoint>(e: E, args?: { params?: unknown; query?: unknown }): string {
  return apiUrl(fillPath(e.path, args?.params as Record<string, unknown> | undefined), args?.query as Query | undefined);
}

/** Call an endpoint; resolves with its typed answer, rejects with an ApiError (problem+json). */
export function call<E extends Endpoint>(e: E, ...[args]: OptionalIfEmpty<E>): Promise<ResponseOf<E>> {
  const a = (args ?? {}) as { params?: unknown; query?: unknown; body?: unknown; signal?: AbortSignal };
  return request<ResponseOf<E>>(fillPath(e.path, a.params as Record<string, unknown> | undefined), {
    method: e.method,
    query: a.query as Query | undefined,
    body: a.body === undefined && e.method !== 'GET' ? {} : a.body,
    signal: a.signal,
  });
}

/** Send a form with files to a `form` endpoint, with upload progress (0..1). */
export function callForm<E extends Endpoint>(
  e: E,
  args: Part<'params', ParamsIn<E>> & { fields?: Record<string, string | number | boolean | null | undefined>; files?: readonly File[]; fileField?: string },
  onProgress?: (fraction: number) => void,
): Promise<ResponseOf<E>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(args.fields ?? {})) if (v !== undefined && v !== null) form.append(k, String(v));
  for (const f of args.files ?? []) form.append(args.fileField ?? 'files', f, f.name);
  return upload<ResponseOf<E>>(fillPath(e.path, (args as { params?: Record<string, unknown> }).params), form, onProgress);
}
