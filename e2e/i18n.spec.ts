import { expect, test } from './support/fixtures';
import { mainNav } from './support/app';

// Journey 6: Vietnamese first, English second; the choice changes the labels and <html lang>,
// survives a reload, and switches back.

test('the language switch turns the interface to English and back to Vietnamese', async ({ page }) => {
  await page.goto('/truong-hoc');
  const html = page.locator('html');
  const nav = mainNav(page);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(html).toHaveAttribute('lang', 'vi');
  await expect(h1).toHaveText('Trường học');
  await expect(page.getByTestId('school-total')).toHaveText(/^[\d.]+ trường$/);
  await expect(page).toHaveTitle('Trường học · KếtNối');

  const lang = page.getByTestId('lang-switch');
  await lang.getByText('EN', { exact: true }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(h1).toHaveText('Schools');
  await expect(page).toHaveTitle('Schools · KếtNối');
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Administrative units' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Map' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Trang chủ' })).toHaveCount(0);
  await expect(page.getByTestId('signin-link')).toHaveText('Sign in');
  await expect(page.getByRole('searchbox', { name: 'Search by school name or code' })).toBeVisible();
  await expect(page.getByTestId('school-total')).toHaveText(/^[\d.,]+ schools$/);
  await expect(page.getByRole('columnheader').first()).not.toHaveText('Mã trường');

  // the choice is remembered on this device
  await page.reload();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(h1).toHaveText('Schools');

  // in-app navigation keeps English
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(h1).toHaveText('Welcome to KếtNối');

  await lang.getByText('VI', { exact: true }).click();
  await expect(html).toHaveAttribute('lang', 'vi');
  await expect(h1).toHaveText('Chào mừng đến với KếtNối');
  await expect(nav.getByRole('link', { name: 'Trường học' })).toBeVisible();
  await expect(page.getByTestId('signin-link')).toHaveText('Đăng nhập');
  await expect(page).toHaveTitle('KếtNối — Kết nối hỗ trợ giáo dục vùng khó khăn');
});
