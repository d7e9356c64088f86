import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, signIn } from './support/app';

// A commune People's Committee officer (since 1 July 2025 the former district office's role for
// preschools, primary and lower-secondary schools) confirms a preschool's need of its commune.

interface NeedItem { id: string; title: string; schoolName: string; schoolLevels: string[]; communeCode: string; state: string }

test('a commune officer confirms a preschool\'s submitted need from the verification queue', async ({ page }) => {
  await signIn(page, ACCOUNTS.commune);
  await page.goto('/nhu-cau');
  await page.getByTestId('need-queue-link').click();
  await expect(page).toHaveURL(/\/nhu-cau\/cho-xac-minh$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Nhu cầu chờ xác minh' })).toBeVisible();

  // the queue holds its commune's preschools', primary and lower-secondary schools' needs only
  const queue = await apiGet<{ items: NeedItem[] }>(page, '/api/v1/needs?scope=mine&status=submitted&limit=200');
  expect(queue.items.length).toBeGreaterThan(0);
  expect(new Set(queue.items.map((n) => n.communeCode)).size).toBe(1);
  expect(queue.items.every((n) => n.schoolLevels.every((l) => ['mam_non', 'tieu_hoc', 'thcs'].includes(l)))).toBe(true);
  const preschool = queue.items.find((n) => n.schoolLevels.includes('mam_non'));
  expect(preschool, 'a preschool need in the demo queue').toBeTruthy();

  const row = page.locator(`[data-testid="need-row"][data-need-id="${preschool!.id}"]`);
  await expect(row).toContainText(preschool!.title);
  await expect(row).toContainText(preschool!.schoolName);
  await expect(page.getByTestId('need-row')).toHaveCount(queue.items.length);
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/needs/${preschool!.id}/transitions`));
  await row.getByTestId('need-action-verify').click();
  expect((await answer).status()).toBe(200);
  // it leaves the queue of submitted needs
  await expect(row).toHaveCount(0);

  // and shows as verified on its page
  await page.goto(`/nhu-cau/${preschool!.id}`);
  await expect(page.getByTestId('need-heading')).toHaveText(preschool!.title);
  await expect(page.getByTestId('need-page')).toContainText('Đã xác minh');
  const after = await apiGet<{ state: string; can: { verify: boolean; publish: boolean } }>(page, `/api/v1/needs/${preschool!.id}`);
  expect(after.state).toBe('verified');
  // publishing stays with the Department
  expect(after.can.publish).toBe(false);
});

test('a commune officer\'s queue offers return with a reason', async ({ page }) => {
  await signIn(page, ACCOUNTS.commune);
  await page.goto('/nhu-cau/cho-xac-minh');
  const first = page.getByTestId('need-row').first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute('data-need-id');
  await first.getByTestId('need-action-return').click();
  await page.getByTestId('need-action-text').fill('Bổ sung ảnh hiện trạng và báo giá');
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/needs/${id}/transitions`));
  await page.getByTestId('need-action-confirm').click();
  expect((await answer).status()).toBe(200);
  const n = await apiGet<{ state: string; returnReason: string }>(page, `/api/v1/needs/${id}`);
  expect(n.state).toBe('returned');
  expect(n.returnReason).toBe('Bổ sung ảnh hiện trạng và báo giá');
});
