import { expect, test } from './support/fixtures';

// Journey 2: the area browser, open to the public.

test('searching "dien bien" without diacritics lists the province Điện Biên first', async ({ page }) => {
  await page.goto('/don-vi-hanh-chinh');
  await expect(page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' })).toBeVisible();
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/areas/search?') && r.url().includes('q=dien+bien'));
  await page.getByTestId('area-search').fill('dien bien');
  expect((await answer).status()).toBe(200);

  const results = page.getByTestId('area-result');
  await expect(results.first()).toBeVisible();
  const first = results.first();
  await expect(first.getByRole('link')).toHaveText('Tỉnh Điện Biên');
  await expect(first).toContainText('11');
  // communes named after it come after the province (e.g. Phường Điện Biên Phủ)
  await expect(results.filter({ hasText: 'Phường Điện Biên Phủ' })).toHaveCount(1);

  // the province's link opens its communes
  await first.getByRole('link', { name: 'Tỉnh Điện Biên' }).click();
  await expect(page).toHaveURL(/\/don-vi-hanh-chinh\?tinh=11$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Xã, phường, đặc khu của Tỉnh Điện Biên' })).toBeVisible();
  await expect(page.getByTestId('commune-table').getByRole('link', { name: 'Mường Nhé', exact: true })).toBeVisible();
});

test('resolve: code 15 as it stood on 01/01/2024 is Yên Bái, today part of Lào Cai', async ({ page }) => {
  await page.goto('/don-vi-hanh-chinh');
  await page.getByTestId('resolve-input').fill('15');
  await page.getByTestId('resolve-date').fill('01/01/2024');
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/areas/resolve?'));
  await page.getByTestId('resolve-submit').click();
  const res = await answer;
  expect(res.status()).toBe(200);
  expect(new URL(res.url()).searchParams.get('asOf')).toBe('2024-01-01');

  const match = page.getByTestId('resolve-match');
  await expect(match).toHaveCount(1);
  await expect(match).toContainText('Đơn vị tại ngày 01/01/2024');
  await expect(match).toContainText('Tỉnh Yên Bái');
  await expect(match.getByTestId('resolve-current')).toContainText('Tỉnh Lào Cai');
  await expect(match.getByTestId('resolve-current')).not.toContainText('Yên Bái');
});
