import type { z } from 'zod';
import type { ImportRowError } from '../../../contracts/common';
import type { ProblemFieldError } from '../../../contracts/http';

type FieldError = z.infer<typeof ProblemFieldError>;

/** An error answered by the API (problem+json) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  /** Per-field errors of a form (422). */
  readonly fieldErrors: FieldError[];
  /** Per-row errors of an import (422). */
  readonly rowErrors: ImportRowError[];

  constructor(init: {
    status: number;
    title: string;
    detail?: string | null;
    fieldErrors?: FieldError[];
    rowErrors?: ImportRowError[];
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.fieldErrors = init.fieldErrors ?? [];
    this.rowErrors = init.rowErrors ?? [];
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const API_BASE = '/api/v1';

/** The language the server answers errors in (set by the i18n provider). */
let apiLang = 'vi';
export function setApiLanguage(lang: string): void {
  apiLang = lang;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** How requests leave: the browser's fetch, or the server's own answers while it draws a page (ssr.tsx). */
type Fetch = (url: string, init: RequestInit) => Promise<Response>;
let fetchImpl: Fetch = (url, init) => fetch(url, init);
export function setFetch(f: Fetch): void {
  fetchImpl = f;
}

/** Builds `/api/v1/...?a=b`, skipping empty values. */
export function apiUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns a problem+json body (or anything else) into an ApiError. */
export function problemToError(status: number, body: unknown, fallbackTitle: string): ApiError {
  if (!isRecord(body)) return new ApiError({ status, title: fallbackTitle });
  const title = typeof body.title === 'string' ? body.title : fallbackTitle;
  const detail = typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : null;
  const fieldErrors: FieldError[] = [];
  const rowErrors: ImportRowError[] = [];
  if (Array.isArray(body.errors)) {
    for (const e of body.errors) {
      if (!isRecord(e)) continue;
      const message = typeof e.message === 'string' ? e.message : String(e.message ?? '');
      if (typeof e.row === 'number') {
        rowErrors.push({ row: e.row, column: typeof e.column === 'string' ? e.column : null, message });
      } else if (e.path !== undefined) {
        const path = Array.isArray(e.path) ? e.path.join('.') : String(e.path);
        fieldErrors.push({ path: path.replace(/^\/?(body\.)?/, '').replace(/\//g, '.'), message });
      }
    }
  }
  return new ApiError({ status, title, detail, fieldErrors, rowErrors });
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return await res.json();
    } catch {
      return null;
    }
  }
  const text = await res.text();
  return text || null;
}

/**
 * Answers asked before the page that reads them has loaded (web/public/early-data.js: the shell
 * asks a public page's data while the app's own code is still on its way). The first identical GET in
 * the same language takes the answer, once; an answer nobody took within 15 s is dropped.
 */
const early = new Map<string, { at: number; lang: string; res: Promise<Response> }>();
const EARLY_MS = 15_000;

/** The same address whatever the order of its query's parameters. */
function earlyKey(url: string): string {
  const [path, qs = ''] = url.split('?');
  return `${path}?${[...new URLSearchParams(qs)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&')}`;
}

/** An answer asked before the app's code ran (web/public/early-data.js). */
export interface EarlyAnswer {
  url: string;
  lang: string;
  at: number;
  res: Promise<Response>;
}

/** Keeps the answers the shell asked for the pages' identical requests. */
export function adoptEarly(answers: EarlyAnswer[]): void {
  for (const a of answers) if (!early.has(earlyKey(a.url))) early.set(earlyKey(a.url), { at: a.at, lang: a.lang, res: a.res });
}

function takeEarly(url: string): Promise<Response> | null {
  if (!early.size) return null;
  const key = earlyKey(url);
  const e = early.get(key);
  if (!e) return null;
  early.delete(key);
  return e.lang === apiLang && Date.now() - e.at < EARLY_MS ? e.res : null;
}

const headersOf = (): Record<string, string> => ({ Accept: 'application/json, application/problem+json', 'Accept-Language': apiLang });

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers = headersOf();
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const url = apiUrl(path, opts.query);
  let res: Response;
  try {
    const init: RequestInit = { method: opts.method ?? 'GET', headers, body, credentials: 'same-origin', signal: opts.signal };
    const asked = init.method === 'GET' && body === undefined ? takeEarly(url) : null;
    // an early request that failed is asked again here, at once
    res = asked ? await asked.catch(() => fetchImpl(url, init)) : await fetchImpl(url, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, title: 'network' });
  }
  const data = await readBody(res);
  if (!res.ok) throw problemToError(res.status, data, res.statusText || `HTTP ${res.status}`);
  return data as T;
}

/**
 * Multipart upload with progress (fetch cannot report upload progress, XMLHttpRequest can).
 * `onProgress` gets 0..1 while the file is sent.
 */
export function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = false; // same-origin requests send cookies anyway
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', apiLang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress?.(1);
    xhr.onerror = () => reject(new ApiError({ status: 0, title: 'network' }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(problemToError(xhr.status, data, xhr.statusText || `HTTP ${xhr.status}`));
    };
    xhr.send(form);
  });
}
