import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, apiPost, signIn } from './support/app';

// A school's and a donor's public page show their newest contributions (a page stays light on a
// weak connection) and, when there are more, how many are shown and all of them as open data:
// seen on a phone, signed out, each link followed.

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const GIFTS = 55;

test("a school's and a donor's public page: the newest gifts, and all of them as open data", async ({ page }) => {
  await signIn(page, ACCOUNTS.donor);
  const me = await apiGet<{ user: { organisation: { id: string } } }>(page, '/api/v1/auth/me');
  const donor = me.user.organisation.id;
  const { items } = await apiGet<{ items: { schoolId: string }[] }>(page, '/api/v1/needs?open=true&limit=1');
  const school = items[0].schoolId;
  for (let i = 1; i <= GIFTS; i++) {
    const r = await apiPost(page, '/api/v1/contributions', { schoolId: school, form: 'money', category: 'books', description: `Tủ sách lớp học ${i}`, valueVnd: 1_000_000 + i });
    expect(r.status(), await r.text()).toBe(201);
  }
  await page.context().clearCookies();

  for (const [url, of] of [[`/cong-khai/truong/${school}`, `schoolId=${school}`], [`/cong-khai/nha-tai-tro/${donor}`, `contributorId=${donor}`]] as const) {
    await page.goto(url);
    await expect(page.getByTestId('portal-row')).toHaveCount(50);
    // the newest first: the first 50 rows of the open data (other journeys give on the same day)
    const newest = (await (await page.request.get(`/api/v1/public/contributions?format=json&${of}&limit=50`)).json()) as { items: { id: string }[] };
    expect(await page.getByTestId('portal-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-contribution-id')))).toEqual(newest.items.map((c) => c.id));
    await expect(page.getByTestId('portal-row').filter({ hasText: 'Tủ sách lớp học' }).first()).toBeVisible();
    const total = Number(await page.getByTestId('portal-count').getAttribute('data-value'));
    expect(total).toBeGreaterThanOrEqual(GIFTS);
    const more = page.getByTestId('profile-more');
    await expect(more).toContainText(`Đang hiện 50/${total.toLocaleString('vi-VN')} khoản`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // CSV: a download of every row of this school or donor
    const download = page.waitForEvent('download');
    await more.getByTestId('profile-csv').click();
    const csv = await (await download).path().then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.length - 1).toBe(total);
    expect(csv).toContain(`Tủ sách lớp học 1,`);

    // JSON: the same rows, opened in a new tab
    const [tab] = await Promise.all([page.context().waitForEvent('page'), more.getByTestId('profile-json').click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toContain(of);
    const json = JSON.parse(await tab.locator('body').innerText());
    expect(json.count).toBe(total);
    await tab.close();
  }
});
