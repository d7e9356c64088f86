import { badRequest } from './errors.js';

/**
 * Input no field may carry, whatever its schema: a NUL character (PostgreSQL refuses it in text,
 * which would otherwise surface as a 500), a lone UTF-16 surrogate (not a character: PostgreSQL's
 * jsonb refuses it, in the audit trail for one) and structures nested deeper than any form of the
 * platform needs. Checked on every request's query, params and body, and on the fields of a
 * multipart form, before validation.
 */
export const MAX_DEPTH = 12;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const badText = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

export function checkHostile(value: unknown): void {
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      if (badText(v)) throw badRequest('Dữ liệu chứa ký tự không hợp lệ');
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_DEPTH) throw badRequest('Dữ liệu lồng nhau quá sâu');
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (badText(k)) throw badRequest('Dữ liệu chứa ký tự không hợp lệ');
      walk(x, depth + 1);
    }
  };
  walk(value, 0);
}
