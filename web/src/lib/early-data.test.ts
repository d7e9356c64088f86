import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApiLanguage, setFetch } from '../api/client';
import { resourcesApi } from '../api/resources';
import { NEED_LIST_PAGE, PORTAL_ROWS_PAGE, startEarlyData } from './early-data';

const NEED = '3f2c1a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';
let asked: { url: string; method: string; lang: string }[];

beforeEach(() => {
  asked = [];
  setApiLanguage('vi');
  setFetch(async (url, init) => {
    asked.push({ url, method: String(init.method), lang: String((init.headers as Record<string, string>)['Accept-Language']) });
    return new Response(JSON.stringify({ n: asked.length }), { headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a public page's data asked with the shell", () => {
  it("asks the needs list's first page as the page asks it, and the page's request takes that answer", async () => {
    startEarlyData('/nhu-cau', '');
    expect(asked.map((a) => a.url)).toEqual([`/api/v1/needs?sort=urgency&limit=${NEED_LIST_PAGE}`]);
    // the arguments NeedListPage gives on its plain address
    expect(await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE })).toEqual({ n: 1 });
    expect(asked).toHaveLength(1);
    // once: the next identical request (a refresh) asks the server again
    expect(await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE })).toEqual({ n: 2 });
  });

  it("asks the portal's totals and first rows, whatever the order of the query's parameters", async () => {
    startEarlyData('/cong-khai', '');
    expect(asked).toHaveLength(2);
    // the arguments PortalPage gives with no filter
    await resourcesApi.portal.stats({});
    await resourcesApi.portal.contributions({ limit: PORTAL_ROWS_PAGE });
    expect(asked).toHaveLength(2);
  });

  it("asks a need's page by its id, and nothing for addresses that are not a need", async () => {
    startEarlyData(`/nhu-cau/${NEED}`, '');
    await resourcesApi.needs.get(NEED);
    expect(asked.map((a) => a.url)).toEqual([`/api/v1/needs/${NEED}`]);
    for (const [path, search] of [['/nhu-cau/moi', ''], ['/nhu-cau/hang-doi', ''], ['/nhu-cau', '?tinh=11'], ['/ke-hoach', ''], ['/cong-khai', '?nam=2025']]) startEarlyData(path, search);
    expect(asked).toHaveLength(1);
  });

  it('is not taken in another language, nor after 15 s, nor by a write', async () => {
    startEarlyData(`/nhu-cau/${NEED}`, '');
    setApiLanguage('en');
    await resourcesApi.needs.get(NEED);
    expect(asked.map((a) => a.lang)).toEqual(['vi', 'en']);

    setApiLanguage('vi');
    vi.useFakeTimers({ toFake: ['Date'] });
    startEarlyData('/nhu-cau', '');
    vi.setSystemTime(Date.now() + 16_000);
    await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE });
    expect(asked).toHaveLength(4);
  });

  it("a failed early request is asked again by the page's own request, at once", async () => {
    setFetch(async (url, init) => {
      asked.push({ url, method: String(init.method), lang: 'vi' });
      if (asked.length === 1) throw new TypeError('Failed to fetch');
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    });
    startEarlyData('/nhu-cau', '');
    expect(await resourcesApi.needs.list({ sort: 'urgency', cursor: undefined, limit: NEED_LIST_PAGE })).toEqual({ ok: true });
    expect(asked).toHaveLength(2);
  });
});
