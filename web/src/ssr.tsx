/**
 * The server's rendering of a public page (built by scripts/build-web.sh into web/dist-ssr and
 * called by server/src/platform/pages.ts): the same tree as in the browser, drawn with the answers
 * of the API calls the page makes. The page is rendered, the calls it asked for are made (each
 * query's own function, through `get`, which answers as the server would answer the public), and
 * it is rendered again with the answers, until it asks nothing new (a need's page asks for more
 * once it knows the need), at most four times.
 */
import { prerenderToNodeStream } from 'react-dom/static.node';
import { dehydrate } from '@tanstack/react-query';
import { setFetch } from './api/client';
import { createQueryClient } from './lib/query';
import { setServerLocation } from './lib/router';
import { Root } from './Root';

/** A GET of the API (a path with its query) answered as the public would get it. */
export type Get = (url: string) => Promise<Response>;

async function toText(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return out;
}

const MAX_PASSES = 4;

/**
 * Renders `url` (a path with its query). `state` is what the browser takes over (dehydrated): only
 * the answers that succeeded, so a call that failed here is made again there, from the same
 * "loading" markup.
 */
export async function renderPage(url: string, get: Get): Promise<{ html: string; state: unknown }> {
  const u = new URL(url, 'http://local');
  setServerLocation({ pathname: u.pathname, search: u.search });
  setFetch((target, init) => ((init.method ?? 'GET') === 'GET' ? get(target) : Promise.reject(new Error('only reads'))));
  const queryClient = createQueryClient();
  // one try each (setDefaultOptions replaces, so the browser's other defaults are kept by hand)
  queryClient.setDefaultOptions({ ...queryClient.getDefaultOptions(), queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const asked = new Set<string>();
  let html = '';
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // one document, no boundary left to stream in (that would need an inline script, which the
    // CSP refuses)
    const { prelude } = await prerenderToNodeStream(<Root queryClient={queryClient} publicPage />, { progressiveChunkSize: Number.POSITIVE_INFINITY });
    html = await toText(prelude as unknown as AsyncIterable<string | Uint8Array>);
    const pending = queryClient
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.status === 'pending' && !asked.has(q.queryHash));
    if (pending.length === 0) break;
    await Promise.all(
      pending.map(async (q) => {
        asked.add(q.queryHash);
        try {
          await q.fetch();
        } catch {
          // a call still waiting for its arguments, or refused: the browser makes it again
          queryClient.removeQueries({ queryKey: q.queryKey, exact: true });
        }
      }),
    );
  }
  const state = dehydrate(queryClient);
  queryClient.clear();
  return { html, state };
}
