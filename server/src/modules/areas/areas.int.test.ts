import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, isPg, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => { ctx = await testApp(); });
afterAll(async () => { await ctx.close(); });

const get = (url: string, cookie?: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

describe('areas', () => {
  it('health says which engine answers', async () => {
    const r = await get('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json().engine).toBe(isPg() ? 'postgres' : 'pglite');
  });

  it('lists the 34 current provinces with their communes counted', async () => {
    const r = await get('/api/v1/areas/provinces');
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items).toHaveLength(34);
    expect(items.reduce((n: number, p: { communeCount: number }) => n + p.communeCount, 0)).toBe(3321);
    const dienBien = items.find((p: { code: string }) => p.code === '11');
    expect(dienBien.name).toBe('Điện Biên');
    // Vietnamese collation: Đ sorts after D, not at the end
    const names = items.map((p: { name: string }) => p.name);
    expect(names.indexOf('Đà Nẵng')).toBeLessThan(names.indexOf('Gia Lai'));
  });

  it('search ignores diacritics and case', async () => {
    for (const q of ['dien bien', 'DIEN BIEN', 'Điện Biên', 'tinh dien bien']) {
      const r = await get(`/api/v1/areas/search?q=${encodeURIComponent(q)}`);
      expect(r.statusCode).toBe(200);
      const first = r.json().items[0];
      expect(first, q).toMatchObject({ code: '11', level: 'province', era: 'current', name: 'Điện Biên' });
    }
  });

  it('resolves a pre-reform province code by date: 15 was Yên Bái, now Lào Cai', async () => {
    const before = (await get('/api/v1/areas/resolve?code=15&asOf=2024-01-01')).json();
    expect(before.era).toBe('legacy');
    expect(before.matches[0].source.name).toBe('Yên Bái');
    expect(before.matches[0].current.map((a: { code: string }) => a.code)).toEqual(['15']);
    expect(before.matches[0].currentProvince.name).toBe('Lào Cai');
    const after = (await get('/api/v1/areas/resolve?code=15&asOf=2025-07-01')).json();
    expect(after.era).toBe('current');
    expect(after.matches[0].source.name).toBe('Lào Cai');
    const qt = (await get('/api/v1/areas/resolve?code=45&asOf=2021-01-11')).json();
    expect(qt.matches[0].source.name).toBe('Quảng Trị');
    expect(qt.matches[0].currentProvince.code).toBe('44');
  });

  it('resolves an old commune split across several new ones to all of them', async () => {
    const r = await ctx.db.one<{ old_code: string; n: number }>(
      `SELECT old_code, count(*) AS n FROM area_succession WHERE old_level = 'commune' GROUP BY old_code HAVING count(*) > 1 ORDER BY old_code LIMIT 1`,
    );
    const res = (await get(`/api/v1/areas/resolve?code=${r.old_code}&asOf=2023-06-30`)).json();
    expect(res.matches).toHaveLength(1);
    expect(res.matches[0].current.length).toBe(Number(r.n));
    expect(new Set(res.matches[0].current.map((a: { code: string }) => a.code)).size).toBe(Number(r.n));
  });

  it('resolves a district before the reform and refuses one after it', async () => {
    const ok = (await get('/api/v1/areas/resolve?code=001&asOf=2024-05-01')).json();
    expect(ok.matches[0].source).toMatchObject({ level: 'district', name: 'Ba Đình' });
    expect(ok.matches[0].current.length).toBeGreaterThan(1);
    const bad = await get('/api/v1/areas/resolve?code=001&asOf=2025-08-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().title).toMatch(/không còn cấp huyện/);
  });

  it('resolves old names as documents wrote them', async () => {
    const cases: [string, string, string][] = [
      ['Thừa Thiên - Huế', '2021-01-11', '46'],
      ['Đăk Nông', '2021-01-11', '68'], // merged into Lâm Đồng
      ['Đăk Lăk', '2021-01-11', '66'],
      ['Quảng Bình', '2026-01-01', '44'],
      ['Tỉnh Hà Giang', '2026-01-01', '08'],
    ];
    for (const [name, asOf, province] of cases) {
      const res = (await get(`/api/v1/areas/resolve?name=${encodeURIComponent(name)}&asOf=${asOf}&level=province`)).json();
      expect(res.matches.length, name).toBeGreaterThan(0);
      expect(res.matches[0].currentProvince.code, name).toBe(province);
    }
  });

  it('lists the districts of an old province (Quảng Bình had 8, one of them Tuyên Hóa)', async () => {
    const r = (await get('/api/v1/areas/legacy/provinces/44/districts')).json().items;
    expect(r).toHaveLength(8);
    expect(r.every((d: { level: string; era: string }) => d.level === 'district' && d.era === 'legacy')).toBe(true);
    expect(r.map((d: { name: string }) => d.name)).toContain('Tuyên Hóa');
    expect((await get('/api/v1/areas/legacy/provinces/99/districts')).statusCode).toBe(404);
  });

  it('rejects a malformed date or code with a Vietnamese message', async () => {
    const r = await get('/api/v1/areas/resolve?code=15&asOf=2024-13-45');
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const r2 = await get('/api/v1/areas/resolve');
    expect(r2.statusCode).toBe(422);
  });

  it('lets only an administrator set flags, and audits the change', async () => {
    const commune = (await get('/api/v1/areas/provinces/11/communes')).json().items[0];
    const body = { flags: ['border', 'ethnic_minority'] };
    const anon = await ctx.app.inject({ method: 'PUT', url: `/api/v1/areas/${commune.code}/flags`, payload: body });
    expect(anon.statusCode).toBe(401);
    const dept = await ctx.app.inject({ method: 'PUT', url: `/api/v1/areas/${commune.code}/flags`, payload: body, headers: { cookie: await ctx.cookie('department') } });
    expect(dept.statusCode).toBe(403);
    const ok = await ctx.app.inject({ method: 'PUT', url: `/api/v1/areas/${commune.code}/flags`, payload: body, headers: { cookie: await ctx.cookie('admin') } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().flags).toEqual(['border', 'ethnic_minority']);
    const flagged = (await get(`/api/v1/areas/provinces/11/communes?flag=border`)).json().items.map((a: { code: string }) => a.code);
    expect(flagged).toContain(commune.code);
    const log = await ctx.db.query<{ action: string; after: { flags: string[] } }>(`SELECT action, after FROM audit_log WHERE entity = 'area' AND entity_id = $1`, [commune.code]);
    expect(log.at(-1)).toMatchObject({ action: 'set_flags', after: { flags: ['border', 'ethnic_minority'] } });
  });

  it('imports flags from a CSV, all or nothing', async () => {
    const admin = await ctx.cookie('admin');
    const upload = (csv: string) => {
      const boundary = '----kn' + Math.random().toString(16).slice(2);
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="flags.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return ctx.app.inject({ method: 'POST', url: '/api/v1/areas/flags/import', payload, headers: { cookie: admin, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const bad = await upload('Mã,Đặc điểm\n03158,Biên giới|DTTS\n99999,border\n03158,island\n03160,sao hỏa\n');
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().errors;
    expect(errors.map((e: { row: number }) => e.row).sort()).toEqual([3, 4, 5]);
    const before = (await get('/api/v1/areas/search?q=03158')).json().items[0];
    expect(before.flags).not.toContain('island');
    const ok = await upload('Mã,Đặc điểm\n03158,Biên giới; Vùng đồng bào dân tộc thiểu số\n03160,xã đặc biệt khó khăn\n');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().updated).toBe(2);
    const after = (await get('/api/v1/areas/search?q=03160')).json().items[0];
    expect(after.flags).toEqual(['extremely_difficult']);
  });
});
