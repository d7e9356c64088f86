import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public answers computed once for everyone who asks within a few seconds: the portal's totals and
 * the public pages of a school or a donor are the same for every visitor, and a crowd arriving at
 * once (a campaign announced on television, a link shared on Zalo) would otherwise make the
 * database compute the same sums for each of them.
 *
 * - An answer is kept `ttlMs` (PUBLIC_CACHE_SECONDS, 5 s by default; 0 turns the cache off): the
 *   public may read figures that old, which the answers' own Cache-Control already allows
 *   browsers and proxies (30–60 s).
 * - Concurrent askers of an answer being computed wait for that one computation.
 * - Any write this server answers successfully (a request other than GET/HEAD/OPTIONS under 400)
 *   empties it, so a school or donor sees its own change at once (app.ts); another server of a
 *   cluster shows it within `ttlMs`.
 * - At most `max` answers (the least recently used go first); a failed computation is not kept.
 */
export class PublicCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 2000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return compute();
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && t - hit.at < this.ttlMs) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    const entry = { at: t, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Forget every answer (after a write). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * A shared public answer's JSON text and its compressed forms, each compressed once for every
 * visitor it is sent to while it is kept: compressed again for each request (the app's compression
 * of every answer), a school's public page of 95 kB cost more than serving it from the cache.
 */
export class SharedJson {
  private readonly encoded = new Map<'br' | 'gzip', Promise<Buffer>>();
  constructor(readonly json: string) {}

  encodedAs(encoding: 'br' | 'gzip'): Promise<Buffer> {
    let e = this.encoded.get(encoding);
    if (!e) {
      const raw = Buffer.from(this.json);
      // brotli at the quality the app compresses its other answers with (http.ts BROTLI_OPTIONS); compressed
      // whole, not streamed, so its window stays the default
      e = encoding === 'br' ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : gzip(raw);
      this.encoded.set(encoding, e);
    }
    return e;
  }
}

/** The encoding a client accepts among those the app uses (brotli first, then gzip), or null. */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const q = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    const weight = params.find((x) => x.startsWith('q='));
    if (name) q.set(name, weight ? Number(weight.slice(2)) : 1);
  }
  for (const e of ['br', 'gzip'] as const) if ((q.get(e) ?? q.get('*') ?? 0) > 0) return e;
  return null;
}

/** Send a shared answer, compressed as the client accepts (small answers as they are, as the app's compression does). */
export async function sendSharedJson(req: FastifyRequest, reply: FastifyReply, answer: SharedJson) {
  reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding');
  const encoding = answer.json.length >= 2048 ? acceptedEncoding(req.headers['accept-encoding']) : null;
  if (!encoding) return reply.send(answer.json);
  return reply.header('Content-Encoding', encoding).send(await answer.encodedAs(encoding));
}
