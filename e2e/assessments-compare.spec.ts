import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, DEMO_DIGITAL_2026, signIn } from './support/app';

/**
 * The published 2026 digital-transformation campaign of Điện Biên beside the same framework's 2025
 * campaign: the year-over-year table and the distribution by commune of the province, in English
 * on a phone; and the plan task that asks for this indicator set (task 1.5 of the
 * digital-transformation decision) showing its campaigns and their real counts.
 */
interface Pub {
  id: string; title: string; year: number; provinceCode: string | null; results: { code: string; label: string }[];
  byProvince: { provinceCode: string; provinceName: string; counts: Record<string, number>; total: number }[];
  previous: { year: number; byProvince: { provinceCode: string; counts: Record<string, number>; total: number }[] } | null;
}
const pct = (n: number, total: number) => (total ? Math.round((n * 100) / total) : 0);

test('year over year and the communes of the province on the public page, in English on a phone', async ({ page, request }) => {
  const list = (await (await request.get('/api/v1/public/assessment-campaigns')).json()) as { items: { id: string; title: string; provinceCode: string | null }[] };
  const item = list.items.find((c) => c.title === DEMO_DIGITAL_2026 && c.provinceCode === '11');
  expect(item, 'the published 2026 campaign of Điện Biên').toBeTruthy();
  const pub = (await (await request.get(`/api/v1/public/assessment-campaigns/${item!.id}`)).json()) as Pub;
  expect(pub.previous?.year).toBe(2025);
  const now = pub.byProvince.find((p) => p.provinceCode === '11')!;
  const before = pub.previous!.byProvince.find((p) => p.provinceCode === '11')!;
  const communes = (await (await request.get(`/api/v1/public/assessment-campaigns/${pub.id}/communes?provinceCode=11`)).json()) as {
    byCommune: { communeName: string | null; counts: Record<string, number>; total: number }[];
  };
  expect(communes.byCommune.reduce((n, c) => n + c.total, 0)).toBe(now.total);

  await page.addInitScript(() => localStorage.setItem('kn.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/cong-khai/danh-gia/${pub.id}`);
  await expect(page.getByRole('heading', { name: 'Compared with 2025' })).toBeVisible();
  const row = page.getByTestId('as-pub-yoy').getByTestId('as-pub-yoy-row').filter({ hasText: 'Điện Biên' });
  for (const [i, r] of pub.results.entries()) {
    await expect(row.locator('td').nth(i)).toHaveText(`${pct(now.counts[r.code] ?? 0, now.total)}% (year before ${pct(before.counts[r.code] ?? 0, before.total)}%)`);
  }
  // the communes of the province the campaign is for, each with its count at each level
  await expect(page.getByTestId('as-pub-commune-province')).toHaveValue(now.provinceName);
  const rows = page.getByTestId('as-pub-communes').getByTestId('as-pub-communes-row');
  await expect(rows).toHaveCount(communes.byCommune.length);
  const first = communes.byCommune[0]!;
  const r0 = rows.filter({ hasText: first.communeName ?? 'Not in a commune' }).first();
  await expect(r0.locator('td').last()).toHaveText(String(first.total));
  await expect(page.getByTestId('as-pub-commune-levels').getByTestId('as-pub-commune-levels-row').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the plan task that asks for the digital-transformation indicator set shows its campaigns and their real counts', async ({ page }) => {
  await signIn(page, ACCOUNTS.ministry);
  const tasks = await apiGet<{ items: { id: string; number: string }[] }>(page, '/api/v1/plans/qd-cds-bgddt-2022/tasks?limit=200');
  const task = tasks.items.find((x) => x.number === '1.5')!;
  expect(task).toBeTruthy();
  const links = await apiGet<{ campaigns: { title: string; provinceName: string | null; counts: { total: number; submitted: number; approved: number } }[] }>(page, `/api/v1/plan-tasks/${task.id}/assessments`);
  expect(links.campaigns.length).toBeGreaterThanOrEqual(6);
  await page.goto(`/nhiem-vu/${task.id}`);
  const section = page.getByTestId('task-assessments');
  // the schools' framework (4725) and the Departments' (3806), each once
  await expect(section.getByTestId('task-framework')).toHaveCount(2);
  await expect(section.getByTestId('task-framework').filter({ hasText: '4725' })).toHaveCount(1);
  await expect(section.getByTestId('task-framework').filter({ hasText: '3806' })).toHaveCount(1);
  await expect(section.getByTestId('task-campaign')).toHaveCount(links.campaigns.length);
  // the demo's published campaign of Điện Biên (journeys add campaigns of their own, open or published)
  const c = links.campaigns.find((x) => x.title === DEMO_DIGITAL_2026 && x.provinceName?.includes('Điện Biên'))!;
  expect(c, 'the demo campaign of Điện Biên').toBeTruthy();
  const row = section.getByTestId('task-campaign').filter({ hasText: c.title }).filter({ hasText: c.provinceName ?? '' }).first();
  await expect(row.locator('td').nth(1)).toHaveText('Đã công bố');
  await expect(row.locator('td').nth(2)).toHaveText(`${c.counts.submitted + c.counts.approved} / ${c.counts.total}`);
  await expect(row.locator('td').nth(3)).toHaveText(`${c.counts.approved} / ${c.counts.total}`);
});
