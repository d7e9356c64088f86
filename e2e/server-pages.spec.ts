import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

// The public's first visit to a public page comes drawn by the server (server/src/platform/pages.ts):
// readable before a byte of script has run, then taken over by the browser without a difference
// between the two (main.tsx reports any as a "kn-hydration" warning).

// a first visit: no service worker yet (a later visit gets the shell from it, e2e/phone.spec.ts)
test.use({ serviceWorkers: 'block' });

function watchHydration(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('kn-hydration')) seen.push(m.text());
  });
  return seen;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home, the needs, a need and the portal are readable', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('main h1')).toBeVisible();
    await expect(page.getByTestId('home-school-total')).toContainText(/\d/);

    await page.goto('/nhu-cau');
    const cards = page.getByTestId('need-card');
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThan(3);
    // a need's link is a real link: followed by the browser, the need's page comes drawn too
    const title = (await cards.first().getByTestId('need-title').innerText()).trim();
    await cards.first().getByTestId('need-title').click();
    await expect(page).toHaveURL(/\/nhu-cau\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('need-heading')).toHaveText(title);

    await page.goto('/cong-khai');
    await expect(page.getByTestId('portal-total')).toContainText(/\d/);
  });
});

test('the browser takes the drawn pages over without a difference, and they work', async ({ page }) => {
  const warnings = watchHydration(page);
  for (const path of ['/', '/cong-khai', '/nhu-cau']) {
    const res = await page.goto(path);
    expect(await res!.text()).toContain('id="kn-ssr"');
    await expect(page.locator('main h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  // the data block is read and removed: no inline script stays in the page
  await expect(page.locator('script:not([src])')).toHaveCount(0);
  // after the take-over the list's controls work: the open-needs filter reloads the list in place
  await page.getByTestId('need-filter-open').check();
  await expect(page).toHaveURL(/mo=1/);
  await expect(page.getByTestId('need-card').first()).toBeVisible();
  // and a need's link routes in the app (no new document)
  const before = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.getByTestId('need-title').first().click();
  await expect(page.getByTestId('need-heading')).toBeVisible();
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(before);
  expect(await page.evaluate(() => document.querySelector('#kn-ssr'))).toBeNull();
  expect(warnings).toEqual([]);
});

test('a need opened directly is drawn, then taken over', async ({ page }) => {
  const warnings = watchHydration(page);
  await page.goto('/nhu-cau');
  const href = await page.getByTestId('need-title').first().getAttribute('href');
  const res = await page.goto(href!);
  expect(await res!.text()).toContain('id="kn-ssr"');
  await expect(page.getByTestId('need-heading')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(warnings).toEqual([]);
});

test('a signed-in account and the offline shell get the plain page', async ({ page }) => {
  // the service worker's fetch of the shell is not a navigation
  const shell = await page.request.get('/', { headers: { 'sec-fetch-mode': 'same-origin' } });
  expect(await shell.text()).not.toContain('id="kn-ssr"');
  await signIn(page, ACCOUNTS.school);
  const mine = await page.request.get('/nhu-cau', { headers: { 'sec-fetch-mode': 'navigate' } });
  expect(await mine.text()).not.toContain('id="kn-ssr"');
  expect(mine.headers()['cache-control']).toBe('no-cache');
});
