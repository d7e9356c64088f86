import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestContext } from '../../../test/harness.js';
import { caller } from '../../../test/calls.js';
import { fixedClock } from '../../platform/clock.js';

const clock = fixedClock('2026-11-20T03:00:00Z');
let ctx: TestContext;
beforeAll(async () => {
  ctx = await testApp({ clock });
});
afterAll(async () => { await ctx.close(); });

const call = caller(() => ctx);

describe('coordination dashboard', () => {
  it('gives the Ministry the nation and a Department its province only', async () => {
    const all = (await call('dieuphoi@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).json();
    expect(all.needsByProvince.some((p: { provinceCode: string }) => p.provinceCode === '11')).toBe(true);
    expect(all.donorsAwaitingVetting).toBeGreaterThanOrEqual(0);
    const mine = (await call('so.sonla@ketnoi.demo', 'GET', '/api/v1/dashboard/resources?provinceCode=11')).json();
    expect(mine.provinceCode).toBe('14');
    expect(mine.needsByProvince.every((p: { provinceCode: string }) => p.provinceCode === '14')).toBe(true);
    expect((await call('nhataitro@ketnoi.demo', 'GET', '/api/v1/dashboard/resources')).statusCode).toBe(403);
  });
});
