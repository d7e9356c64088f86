import { expect, test } from './support/fixtures';

/**
 * The demo's published 2026 digital-transformation campaign of Điện Biên: its public page draws
 * the map of the provinces and, beside it, the table of each level's share, in English on a phone.
 */
test('the public results map and its table fit a phone, in English', async ({ page, request }) => {
  const list = (await (await request.get('/api/v1/public/assessment-campaigns')).json()) as { items: { id: string }[] };
  let campaignId: string | undefined;
  let counts: Record<string, number> = {};
  let total = 0;
  let results: { code: string; label: string }[] = [];
  for (const c of list.items) {
    const body = (await (await request.get(`/api/v1/public/assessment-campaigns/${c.id}`)).json()) as {
      results: { code: string; label: string }[]; byProvince: { provinceName: string; counts: Record<string, number>; total: number }[];
    };
    const p = body.byProvince.find((x) => x.provinceName.includes('Điện Biên'));
    if (p && p.total > 0) {
      campaignId = c.id;
      counts = p.counts;
      total = p.total;
      results = body.results;
      break;
    }
  }
  expect(campaignId, 'a published campaign with approved results in Điện Biên').toBeTruthy();

  await page.addInitScript(() => localStorage.setItem('kn.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/cong-khai/danh-gia/${campaignId}`);
  await expect(page.getByTestId('as-map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('as-map-legend')).toContainText('Share at');
  const row = page.getByTestId('as-map-table').getByTestId('as-map-row').filter({ hasText: 'Điện Biên' });
  // each level's share as the public figures give it, and the number of organisations
  for (const [i, r] of results.entries()) await expect(row.locator('td').nth(i)).toHaveText(`${Math.round(((counts[r.code] ?? 0) * 100) / total)}%`);
  await expect(row.locator('td').last()).toHaveText(String(total));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
