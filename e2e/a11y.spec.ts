import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { apiGet, type SchoolPage } from './support/app';

// Journey 8: basic accessibility of the sign-in page, the school list and a school's page,
// checked with the browser's own accessibility tree (Playwright's accessible-name computation):
// one h1 and one main landmark, a name for every form control, button and link, alt text for
// images, the page's language, and the skip link.

async function checkPage(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  expect(await page.title()).not.toBe('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'KếtNối' })).toHaveCount(1);

  // the skip link leads to the main landmark
  const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' });
  await expect(skip).toHaveAttribute('href', '#main');
  await expect(page.locator('#main')).toHaveCount(1);

  // every form control a person can reach has a name
  const controls = await page.locator('input:not([type=hidden]), select, textarea').all();
  expect(controls.length).toBeGreaterThan(0);
  for (const c of controls) {
    if (!(await c.isVisible())) continue;
    const id = await c.evaluate((el) => el.outerHTML.slice(0, 160));
    await expect.soft(c, `form control without a name: ${id}`).toHaveAccessibleName(/\S/);
  }
  // every button and link has a name
  for (const c of await page.locator('button, a[href], [role=button], [role=tab], [role=radio]').all()) {
    if (!(await c.isVisible())) continue;
    const id = await c.evaluate((el) => el.outerHTML.slice(0, 160));
    await expect.soft(c, `control without a name: ${id}`).toHaveAccessibleName(/\S/);
  }
  // images: <img> carry alt; role=img and non-hidden <svg> carry a name
  const images = await page.evaluate(() => {
    const bad: string[] = [];
    for (const img of Array.from(document.querySelectorAll('img'))) if (!img.hasAttribute('alt')) bad.push(img.outerHTML.slice(0, 160));
    for (const el of Array.from(document.querySelectorAll('[role=img]')))
      if (!(el.getAttribute('aria-label') ?? '').trim() && !el.getAttribute('aria-labelledby')) bad.push(el.outerHTML.slice(0, 160));
    return bad;
  });
  expect.soft(images, 'images without alt text or name').toEqual([]);
}

test('sign-in page: landmarks, one h1, labelled fields', async ({ page }) => {
  await page.goto('/dang-nhap');
  await expect(page.getByTestId('signin-submit')).toBeVisible();
  await checkPage(page);
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByRole('textbox', { name: 'Mật khẩu', exact: true })).toHaveAttribute('autocomplete', 'current-password');
  // errors are announced: the form's error is an alert, the fields point to their messages
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('signin-email')).toHaveAccessibleDescription(/Nhập e-mail/);
});

test('school list: landmarks, one h1, labelled search and filters, named links', async ({ page }) => {
  await page.goto('/truong-hoc');
  await expect(page.getByTestId('school-row').first()).toBeVisible();
  await checkPage(page);
  await expect(page.getByRole('searchbox', { name: 'Tìm theo tên hoặc mã trường' })).toBeVisible();
  for (const name of ['Tỉnh, thành phố', 'Xã, phường', 'Cấp học', 'Loại hình', 'Vùng'])
    await expect(page.getByRole('combobox', { name, exact: true })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Bộ lọc' })).toBeVisible();
  await expect(page.getByTestId('school-table').getByRole('columnheader')).toHaveCount(7);
});

test('school page: landmarks, one h1, the details table and the map labelled', async ({ page }) => {
  const list = await apiGet<SchoolPage>(page, '/api/v1/schools?provinceCode=11&limit=1');
  const school = list.items[0];
  await page.goto(`/truong-hoc/${school.id}`);
  await expect(page.getByTestId('school-name')).toHaveText(school.name);
  await expect(page.getByTestId('school-map')).toBeVisible();
  await expect(page.getByTestId('school-map').locator('canvas')).toHaveCount(1);
  await checkPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(school.name);
  await expect(page.getByRole('img', { name: school.name })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Mã trường' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Thông tin' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Lịch sử thay đổi' })).toBeVisible();
});
