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
