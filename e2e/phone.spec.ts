import { expect, test } from './support/fixtures';
import { ACCOUNTS, ORIGIN, pickOption, signIn, type SchoolPage } from './support/app';

// Journey 7: on a phone (390×844) the navigation sits behind the burger, and the school list
// works: search, filter, open a school — without the page scrolling sideways.

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

const noSidewaysScroll = async (page: import('@playwright/test').Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

test('on a phone the burger opens the navigation and the school list is usable', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Chào mừng đến với KếtNối' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'KếtNối' });
  const schoolsLink = nav.getByRole('link', { name: 'Trường học' });
  const burger = page.getByRole('button', { name: 'Mở/đóng menu' });
  // closed: the navigation is off screen
  await expect(burger).toBeVisible();
  await expect(schoolsLink).not.toBeInViewport();
  await noSidewaysScroll(page);

  await burger.tap();
  await expect(schoolsLink).toBeInViewport();
  await expect(nav.getByRole('link', { name: 'Bản đồ' })).toBeInViewport();
  await schoolsLink.tap();
  // the menu closes on navigation
  await expect(page).toHaveURL(/\/truong-hoc$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Trường học' })).toBeInViewport();
  await expect(schoolsLink).not.toBeInViewport();

  // search without diacritics
  const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/schools' && new URL(r.url()).searchParams.get('q') === 'muong nhe');
  await page.getByTestId('school-search').fill('muong nhe');
  const found = (await (await searched).json()) as SchoolPage;
  expect(found.total).toBeGreaterThan(0);
  await expect(page).toHaveURL(/[?&]q=muong\+nhe$/);
  await expect(page.getByTestId('school-total')).toHaveText(`${found.total.toLocaleString('vi-VN')} trường`);
  const rows = page.getByTestId('school-row');
  await expect(rows).toHaveCount(Math.min(found.total, 50));
  await expect(rows.filter({ hasNotText: 'Mường Nhé' })).toHaveCount(0);
  await noSidewaysScroll(page);

  // filter by province on a touch screen
  const filtered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/schools' && new URL(r.url()).searchParams.get('provinceCode') === '11');
  await pickOption(page, 'filter-province', 'Điện Bi', 'Điện Biên');
  const inProvince = (await (await filtered).json()) as SchoolPage;
  await expect(page).toHaveURL(/[?&]tinh=11/);
  // the rows shown are the answer to this request (compare ids: the two lists may look alike)
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', `/truong-hoc/${inProvince.items[0].id}`);
  await expect(rows).toHaveCount(inProvince.items.length);
  await expect(rows.filter({ hasNotText: 'Điện Biên' })).toHaveCount(0);

  // open a school
  const first = rows.first().getByRole('link');
  const name = await first.innerText();
  await first.tap();
  await expect(page.getByTestId('school-name')).toHaveText(name);
  await expect(page.getByTestId('school-details')).toBeVisible();
  await noSidewaysScroll(page);
});

/** Every box of the locator lies inside the 390-px viewport (horizontally). */
async function insideViewport(loc: import('@playwright/test').Locator, what: string) {
  await expect(loc.first(), `${what}: shown`).toBeVisible();
  const n = await loc.count();
  for (let i = 0; i < n; i++) {
    const box = await loc.nth(i).boundingBox();
    expect(box, `${what} #${i}: laid out`).not.toBeNull();
    expect(box!.x, `${what} #${i}: left edge`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${what} #${i}: right edge`).toBeLessThanOrEqual(390);
  }
}

test('on a phone the header, the portal totals, the map legend and the Department queue fit the screen, in both languages', async ({ page }) => {
  test.setTimeout(180_000);
  for (const lang of ['vi', 'en']) {
    await page.addInitScript((l) => localStorage.setItem('kn.lang', l), lang);
    await page.goto('/cong-khai');
    await insideViewport(page.getByRole('banner'), `${lang} header`);
    await insideViewport(page.getByTestId('lang-switch'), `${lang} language switch`);
    for (const id of ['portal-total', 'portal-received', 'portal-accepted', 'portal-count']) await insideViewport(page.getByTestId(id), `${lang} ${id}`);
    await noSidewaysScroll(page);
    await page.goto('/ban-do');
    await insideViewport(page.getByTestId('map-legend'), `${lang} map legend`);
    await noSidewaysScroll(page);
  }
  await signIn(page, ACCOUNTS.department);
  await page.goto('/nhu-cau/cho-xac-minh');
  await expect(page.getByTestId('need-row').first()).toBeVisible();
  await insideViewport(page.getByRole('banner'), 'signed-in header');
  await insideViewport(page.getByTestId('user-menu'), 'user menu');
  await insideViewport(page.getByTestId('need-action-verify'), 'verify buttons');
  await insideViewport(page.getByTestId('need-action-return'), 'return buttons');
  await noSidewaysScroll(page);
});

test('a 300-character word in a need title wraps on a phone', async ({ page }) => {
  await signIn(page, ACCOUNTS.school);
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const word = 'Nhacửa'.repeat(50);
  const res = await page.request.post('/api/v1/needs', {
    headers: { origin: ORIGIN },
    data: { schoolId: me.user.organisation.id, category: 'books', title: word, description: word, quantity: 1, unit: 'bộ', estimatedCost: 1_000_000, priority: 'normal' },
  });
  expect(res.status()).toBe(201);
  const need = await res.json();
  await page.goto(`/nhu-cau/${need.id}`);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toContainText(word.slice(0, 30));
  await insideViewport(title, 'need title');
  await noSidewaysScroll(page);
  await page.goto('/nhu-cau/cua-toi');
  await expect(page.getByText(word.slice(0, 20)).first()).toBeVisible();
  await noSidewaysScroll(page);
});

test("on a phone the sponsorship plan's form and the commune's list of plans fit the screen", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.school);
  await page.goto('/ke-hoach-tai-tro/moi');
  await expect(page.getByTestId('sp-form-title')).toBeVisible();
  await page.getByTestId('sp-form-add-item').tap();
  await expect(page.getByTestId('sp-form-item-description-1')).toBeVisible();
  await expect(page.getByTestId('sp-form-save')).toBeVisible();
  await noSidewaysScroll(page);
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.commune);
  await page.goto('/ke-hoach-tai-tro?trang-thai=submitted');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await noSidewaysScroll(page);
});

test('on a phone the startup-model pages and the calendar of upcoming events fit the screen', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'vu.gdcthssv@ketnoi.demo');
  await page.goto('/mo-hinh-khoi-nghiep');
  await expect(page.getByTestId('su-call-form-save')).toBeVisible();
  await noSidewaysScroll(page);
  await page.goto('/hoat-dong/lich');
  await expect(page.getByTestId('act-cal-from')).toBeVisible();
  await noSidewaysScroll(page);
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.unit);
  await page.goto('/mo-hinh-khoi-nghiep');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await noSidewaysScroll(page);
});
