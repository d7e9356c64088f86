import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from './harness.js';
import { multipart } from './calls.js';
import { zipBomb } from './zip-bomb.js';

/**
 * Uploads cost little to those who may not send them: who asks is checked before a byte of the
 * body is read, bodies and parts have limits per route (413), and a spreadsheet is bounded before
 * it is expanded (a zip bomb is a quick 422 that writes nothing).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp();
});
afterAll(async () => ctx?.close());

const ID = '00000000-0000-4000-8000-000000000001';
const FORMS = [
  '/api/v1/schools/import',
  '/api/v1/areas/flags/import',
  '/api/v1/plans/kh-29-bgddt-2021/tasks/import',
  '/api/v1/agreements',
  `/api/v1/needs/${ID}/photos`,
  `/api/v1/needs/${ID}/transitions`,
  `/api/v1/contributions/${ID}/transitions`,
  `/api/v1/assignments/${ID}/updates`,
  `/api/v1/twinning/pairs/${ID}/activities`,
  `/api/v1/twinning/activities/${ID}/confirm`,
];
const IMPORTS_AND_AGREEMENTS = FORMS.slice(0, 4);
/** A form body cut short: parsing it would be a 400; refusing the asker first is a 401 or 403. */
const BROKEN = { payload: '--xx\r\nContent-Disposition: form-data; name="files"; filename="a.xlsx"\r\n\r\nPK', headers: { 'content-type': 'multipart/form-data; boundary=xx' } };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const schools = async () => Number((await ctx.db.one<{ n: number }>('SELECT count(*) AS n FROM school')).n);

describe('who asks comes before the body', () => {
  it('answers the public 401 on every form endpoint without reading the body', async () => {
    const bomb = await zipBomb({ rows: 1_000_000 });
    for (const url of FORMS) {
      const broken = await ctx.app.inject({ method: 'POST', url, ...BROKEN });
      expect(broken.statusCode, url).toBe(401);
      expect(broken.headers['content-type'], url).toContain('application/problem+json');
      const [payload, headers] = multipart({}, [{ filename: 'bom.xlsx', type: XLSX, data: bomb }]);
      const t = performance.now();
      expect((await ctx.app.inject({ method: 'POST', url, payload, headers })).statusCode, url).toBe(401);
      expect(performance.now() - t, url).toBeLessThan(500);
    }
  }, 60_000);

  it('answers 403 to an account without the ability (a donor importing or signing agreements) before reading the body', async () => {
    const cookie = await ctx.cookie('nhataitro@ketnoi.demo');
    for (const url of IMPORTS_AND_AGREEMENTS) {
      const res = await ctx.app.inject({ method: 'POST', url, ...BROKEN, headers: { ...BROKEN.headers, cookie } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().title).toBe('Bạn không có quyền thực hiện thao tác này');
    }
    // an account that may send the form gets its body read: the cut-short form is a 400
    const admin = await ctx.cookie('quantri@ketnoi.demo');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/schools/import', ...BROKEN, headers: { ...BROKEN.headers, cookie: admin } });
    expect(res.statusCode).toBe(400);
  });

  it('over a real socket, refuses an anonymous 50 MB upload after its first kilobyte', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as net.AddressInfo;
    const t = performance.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(`POST /api/v1/schools/import HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=xx\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`);
        s.write(`--xx\r\nContent-Disposition: form-data; name="files"; filename="a.xlsx"\r\n\r\n${'x'.repeat(1024)}`);
      });
      let got = '';
      s.on('data', (d) => {
        got += d.toString();
        if (got.includes('\r\n\r\n')) {
          s.destroy();
          resolve(got);
        }
      });
      s.on('error', reject);
      setTimeout(() => reject(new Error('no answer before the body was sent')), 3000);
    });
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(performance.now() - t).toBeLessThan(1000);
  });
});

describe('limits of bodies and parts', () => {
  it('answers 413 in Vietnamese (and English) for a file past the route limit, a JSON body past 256 KB, too many fields or a field too long', async () => {
    const admin = await ctx.cookie('quantri@ketnoi.demo');
    const [big, bigHeaders] = multipart({}, [{ filename: 'lon.csv', type: 'text/csv', data: Buffer.alloc(11 * 1024 * 1024, 0x61) }]);
    const file = await ctx.app.inject({ method: 'POST', url: '/api/v1/schools/import', payload: big, headers: { ...bigHeaders, cookie: admin } });
    expect(file.statusCode).toBe(413);
    expect(file.headers['content-type']).toContain('application/problem+json');
    expect(file.json().title).toBe('Tệp quá lớn (tối đa 10 MB)');
    const fileEn = await ctx.app.inject({ method: 'POST', url: '/api/v1/schools/import', payload: big, headers: { ...bigHeaders, cookie: admin, 'accept-language': 'en' } });
    expect(fileEn.json().title).toBe('File too large (at most 10 MB)');

    const json = await ctx.app.inject({ method: 'POST', url: '/api/v1/needs', payload: { title: 'x'.repeat(300 * 1024) }, headers: { cookie: admin } });
    expect(json.statusCode).toBe(413);
    expect(json.json().title).toBe('Nội dung gửi lên quá lớn');

    const manyFields = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, 'x']));
    const [many, manyHeaders] = multipart(manyFields, []);
    const fields = await ctx.app.inject({ method: 'POST', url: `/api/v1/contributions/${ID}/transitions`, payload: many, headers: { ...manyHeaders, cookie: admin } });
    expect(fields.statusCode).toBe(413);
    expect(fields.json().title).toBe('Biểu mẫu có quá nhiều trường');

    const [long, longHeaders] = multipart({ action: 'cancel', reason: 'x'.repeat(100 * 1024) }, []);
    const field = await ctx.app.inject({ method: 'POST', url: `/api/v1/contributions/${ID}/transitions`, payload: long, headers: { ...longHeaders, cookie: admin, 'accept-language': 'en' } });
    expect(field.statusCode).toBe(413);
    expect(field.json().title).toBe('The field "reason" is too long');
  });
});

describe('spreadsheets are bounded before they are expanded', () => {
  it('refuses a million-row zip bomb on every import route in under a second, writing nothing', async () => {
    const admin = await ctx.cookie('quantri@ketnoi.demo');
    const bomb = await zipBomb({ rows: 1_000_000, dimension: false });
    const before = await schools();
    const maxRows: Record<string, string> = {
      '/api/v1/schools/import': '60.000',
      '/api/v1/areas/flags/import': '20.000',
      '/api/v1/plans/kh-29-bgddt-2021/tasks/import': '5.000',
    };
    for (const [url, max] of Object.entries(maxRows)) {
      const [payload, headers] = multipart({}, [{ filename: 'bom.xlsx', type: XLSX, data: bomb }]);
      const rss = process.memoryUsage().rss;
      const t = performance.now();
      const res = await ctx.app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie: admin } });
      const ms = performance.now() - t;
      console.log(`${url}: ${Math.round(bomb.length / 1024)} KB, 1,000,000 rows: ${res.statusCode} in ${ms.toFixed(0)} ms, rss +${((process.memoryUsage().rss - rss) / 1024 / 1024).toFixed(1)} MB`);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().title).toBe(`Tệp có quá nhiều dòng (tối đa ${max})`);
      expect(ms).toBeLessThan(1000);
    }
    expect(await schools()).toBe(before);
  }, 60_000);
});

describe('web addresses', () => {
  it('a donor website is http(s) only, at registration and on the profile', async () => {
    const base = { organisationName: 'Công ty Thử Địa Chỉ', donorType: 'business', email: 'thu-dia-chi@ketnoi.test', password: 'mat-khau-dai-2026', displayName: 'Người thử' };
    for (const website of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd']) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/donors/register', payload: { ...base, website } });
      expect(res.statusCode, website).toBe(422);
      expect(res.json().errors).toEqual([{ path: 'website', message: 'Địa chỉ web bắt đầu bằng http:// hoặc https://' }]);
    }
    const ok = await ctx.app.inject({ method: 'POST', url: '/api/v1/donors/register', payload: { ...base, website: 'https://example.org' } });
    expect(ok.statusCode).toBe(202);
    const donor = await ctx.cookie('nhataitro@ketnoi.demo');
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: donor } })).json().user.organisation.id;
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/donors/${me}`, payload: { website: 'javascript:alert(document.cookie)' }, headers: { cookie: donor, 'accept-language': 'en' } });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().errors).toEqual([{ path: 'website', message: 'A web address starts with http:// or https://' }]);
  });
});
