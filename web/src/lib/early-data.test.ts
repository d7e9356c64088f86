import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApiLanguage, setFetch } from '../api/client';
import { resourcesApi } from '../api/resources';
import { adoptEarlyData, NEED_LIST_PAGE, PORTAL_ROWS_PAGE } from './early-data';

const NEED = '3f2c1a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';
/** the shell's plain script, as the browser runs it */
const SCRIPT = fs.readFileSync(new URL('../../public/early-data.js', import.meta.url), 'utf8');
let asked: { url: string; method: string; lang: string; by: 'shell' | 'app' }[];

const answer = () => new Response(JSON.stringify({ n: asked.length }), { headers: { 'content-type': 'application/json' } });

/** Runs early-data.js at an address (the reader's stored language, and whether the server drew the page), then starts the app's side. */
function shell(pathname: string, search = '', o: { lang?: string | null; drawn?: boolean; fail?: boolean } = {}) {
  const location = { pathname, search };
  const document = { getElementById: (id: string) => (o.drawn && id === 'kn-ssr' ? {} : null) };
  const localStorage = { getItem: (k: string) => (k === 'kn.lang' ? (o.lang ?? null) : null) };
  const fetch = async (url: string, init: RequestInit) => {
    asked.push({ url, method: String(init.method), lang: String((init.headers as Record<string, string>)['Accept-Language']), by: 'shell' });
    if (o.fail) throw new TypeError('Failed to fetch');
    return answer();
  };
  new Function('location', 'document', 'localStorage', 'fetch', SCRIPT)(location, document, localStorage, fetch);
  adoptEarlyData();
}

beforeEach(() => {
  asked = [];
  setApiLanguage('vi');
  setFetch(async (url, init) => {
    asked.push({ url, method: String(init.method), lang: String((init.headers as Record<string, string>)['Accept-Language']), by: 'app' });
    return answer();
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a public page's data asked by the shell", () => {
  it("asks the needs list's first page as the page asks it, and the page's request takes that answer", async () => {
    shell('/nhu-cau');
    expect(asked.map((a) => [a.url, a.method, a.lang])).toEqual([[`/api/v1/needs?sort=urgency&limit=${NEED_LIST_PAGE}`, 'GET', 'vi']]);
    // the arguments NeedListPage gives on its plain address
    expect(await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE })).toEqual({ n: 1 });
    expect(asked).toHaveLength(1);
    // once: the next identical request (a refresh) asks the server again
    expect(await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE })).toEqual({ n: 2 });
    expect(asked[1].by).toBe('app');
  });

  it("asks the portal's totals and first rows, whatever the order of the query's parameters", async () => {
    shell('/cong-khai/');
    expect(asked).toHaveLength(2);
    // the arguments PortalPage gives with no filter
    await resourcesApi.portal.stats({});
    await resourcesApi.portal.contributions({ limit: PORTAL_ROWS_PAGE });
    expect(asked.map((a) => a.by)).toEqual(['shell', 'shell']);
  });

  it("asks a need's page by its id, and nothing for addresses that are not a need or carry a filter", async () => {
    shell(`/nhu-cau/${NEED}`);
    await resourcesApi.needs.get(NEED);
    expect(asked.map((a) => [a.url, a.by])).toEqual([[`/api/v1/needs/${NEED}`, 'shell']]);
    for (const [path, search] of [['/nhu-cau/moi', ''], ['/nhu-cau/hang-doi', ''], ['/nhu-cau', '?tinh=11'], ['/ke-hoach', ''], ['/cong-khai', '?nam=2025'], ['/', '']]) shell(path, search);
    expect(asked).toHaveLength(1);
  });

  it('asks nothing on a page the server drew in Vietnamese (it carries its answers), and asks in English', () => {
    shell('/nhu-cau', '', { drawn: true });
    shell('/nhu-cau', '', { drawn: true, lang: 'vi' });
    expect(asked).toHaveLength(0);
    // the app draws the page again in English, with answers in English
    shell('/nhu-cau', '', { drawn: true, lang: 'en' });
    expect(asked.map((a) => [a.url, a.lang])).toEqual([[`/api/v1/needs?sort=urgency&limit=${NEED_LIST_PAGE}`, 'en']]);
  });

  it('is not taken in another language, nor after 15 s, nor by a write', async () => {
    shell(`/nhu-cau/${NEED}`);
    setApiLanguage('en');
    await resourcesApi.needs.get(NEED);
    expect(asked.map((a) => [a.lang, a.by])).toEqual([['vi', 'shell'], ['en', 'app']]);

    setApiLanguage('vi');
    vi.useFakeTimers({ toFake: ['Date'] });
    shell('/nhu-cau');
    vi.setSystemTime(Date.now() + 16_000);
    await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE });
    expect(asked).toHaveLength(4);
    expect(asked[3].by).toBe('app');
  });

  it("a failed early request is asked again by the page's own request, at once", async () => {
    setFetch(async (url, init) => {
      asked.push({ url, method: String(init.method), lang: 'vi', by: 'app' });
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    });
    shell('/nhu-cau', '', { fail: true });
    expect(await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE })).toEqual({ ok: true });
    expect(asked.map((a) => a.by)).toEqual(['shell', 'app']);
  });
});
