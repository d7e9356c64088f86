import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

/**
 * Thông tư 16/2018 Art. 5 as the demo users live it: the demo preschool of Sín Thầu (a commune-level
 * school) drafts a sponsorship mobilisation plan and submits it; the commune People's Committee
 * officer finds it from the home's count, approves it; the school sees it approved.
 */
test('a school submits its sponsorship plan, the commune approves it, the school sees it approved', async ({ page }) => {
  // three sign-ins (each hash is slow on purpose)
  test.setTimeout(150_000);
  const title = `Kế hoạch vận động tài trợ thư viện ${Date.now().toString(36)}`;
  await signIn(page, ACCOUNTS.school);
  await page.getByRole('link', { name: 'Kế hoạch vận động tài trợ' }).first().click();
  await page.getByTestId('sp-new').click();
  await page.getByTestId('sp-form-title').fill(title);
  await page.getByTestId('sp-form-purpose').fill('Bổ sung sách thư viện và kệ sách cho học sinh mẫu giáo.');
  await page.getByTestId('sp-form-period').fill('Năm học 2026-2027');
  await page.getByTestId('sp-form-item-description-0').fill('Sách tranh cho trẻ mẫu giáo');
  await page.getByTestId('sp-form-item-value-0').fill('12.000.000');
  await page.getByTestId('sp-form-add-item').click();
  await page.getByTestId('sp-form-item-description-1').fill('Kệ sách gỗ');
  await page.getByTestId('sp-form-item-form-1').click();
  await page.getByRole('option', { name: 'Hiện vật' }).click();
  await page.getByTestId('sp-form-item-value-1').fill('8.000.000');
  await expect(page.getByTestId('sp-form-total')).toContainText('20.000.000');
  await page.getByTestId('sp-form-save').click();

  await expect(page.getByTestId('sp-detail-title')).toHaveText(title);
  await expect(page.getByTestId('sp-state')).toHaveText('Nháp');
  await expect(page.getByTestId('sp-total-value')).toContainText('20.000.000');
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/sponsorship-plans/') && r.request().method() === 'POST');
  await page.getByTestId('sp-submit').click();
  expect((await answer).status()).toBe(200);
  await expect(page.getByTestId('sp-state')).toHaveText('Chờ phê duyệt');
  await expect(page.getByTestId('sp-due')).not.toHaveText('—');
  const url = page.url();

  // the commune officer: the home counts plans awaiting approval and links to the filtered list
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.commune);
  await page.goto('/');
  const count = page.locator('[data-testid="home-count"][data-key="plans_to_approve"]');
  await expect(count).toBeVisible();
  await count.click();
  await expect(page.getByTestId('sp-filter-state')).toHaveValue('Chờ phê duyệt');
  await page.getByTestId('sp-table').getByRole('link', { name: title }).click();
  await page.getByTestId('sp-approve').click();
  await page.getByTestId('sp-approve-decision').fill('15/QĐ-UBND');
  await page.getByTestId('sp-approve-confirm').click();
  await expect(page.getByTestId('sp-state')).toHaveText('Đã phê duyệt');

  // the school sees it approved
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.school);
  await page.goto(url);
  await expect(page.getByTestId('sp-state')).toHaveText('Đã phê duyệt');
  await expect(page.getByTestId('sp-approved-note')).toBeVisible();
  await expect(page.getByText('15/QĐ-UBND')).toBeVisible();
});
