import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

/**
 * Recognition as plan 29 runs it: the coordination board (Vụ GDTC) nominates a donor ranked from
 * the ledger, Vụ Thi đua - Khen thưởng accepts and records the decision, the certificate downloads,
 * and the public checks its code and finds the donor on the honour roll (on a phone's screen).
 */
test('the board nominates a donor, Vụ TĐKT accepts and decides, the certificate downloads, the public verifies it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.ministry);
  await page.goto('/khen-thuong');
  await expect(page.getByTestId('recognition-lists-table')).toBeVisible();
  await page.getByTestId('recognition-lists-q').fill('giai doan 2015');
  await expect(page.getByTestId('recognition-list-row')).toHaveCount(1);
  await page.getByTestId('recognition-lists-q').fill('');
  await page.getByTestId('recognition-lists-year').fill('2020');
  await page.getByTestId('recognition-lists-state').click();
  await page.getByRole('option', { name: 'Đã gửi thẩm định' }).click();
  await expect(page.getByTestId('recognition-list-row')).toHaveCount(1);

  const title = `Danh sách đề nghị thử ${Date.now().toString(36)}`;
  await page.getByTestId('recognition-new-title').fill(title);
  await page.getByTestId('recognition-new-year').fill('2026');
  await page.getByTestId('recognition-new-contributor').click();
  const option = page.getByRole('option').first();
  const label = (await option.textContent())!;
  const name = label.replace(/^\d+\.\s*/, '').split(' — ')[0];
  await option.click();
  await page.getByTestId('recognition-new-form').click();
  await page.getByRole('option', { name: 'Kỷ niệm chương' }).click();
  await page.getByTestId('recognition-new-reason').fill('Đồng hành nhiều năm với các trường vùng khó, hỗ trợ thiết bị và học bổng.');
  await page.getByTestId('recognition-new-submit').click();
  await expect(page).toHaveURL(/\/khen-thuong\/[0-9a-f-]{36}$/);
  const listUrl = page.url();
  await expect(page.getByTestId('recognition-nominee')).toContainText(name);
  await page.getByTestId('recognition-list-submit').click();
  await expect(page.getByTestId('recognition-list-state')).toHaveText('Đã gửi thẩm định');

  // Vụ TĐKT appraises and records the decision
  await page.context().clearCookies();
  await signIn(page, 'vu.tdkt@ketnoi.demo');
  await page.goto(listUrl);
  await page.getByTestId('recognition-appraise-note').fill('Hồ sơ đầy đủ');
  await page.getByTestId('recognition-accept').click();
  await expect(page.getByTestId('recognition-nominee-state')).toHaveText('Đồng ý');
  await page.getByTestId('recognition-decision-number').fill(`${Date.now() % 100000}/QĐ-BGDĐT`);
  await page.getByTestId('recognition-decision-date').fill('20/11/2026');
  await page.getByTestId('recognition-decision-form').click();
  await page.getByRole('option', { name: 'Kỷ niệm chương' }).click();
  await page.getByTestId('recognition-decision-submit').click();
  await expect(page.getByTestId('recognition-nominee-state')).toContainText('Đã khen thưởng');
  const code = (await page.getByTestId('recognition-code').textContent())!.trim();
  expect(code).toMatch(/^KN-2026-/);
  const download = page.waitForEvent('download');
  await page.getByTestId('recognition-certificate').click();
  expect((await download).suggestedFilename()).toBe(`chung-nhan-${code.toLowerCase()}.docx`);

  // the public, on a phone: the code checks, the donor is on the honour roll
  await page.context().clearCookies();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/vinh-danh');
  await page.getByTestId('recognition-verify-code').fill(code.toLowerCase());
  await page.getByTestId('recognition-verify-submit').click();
  await expect(page.getByTestId('recognition-verify-result')).toContainText(name);
  await expect(page.getByTestId('recognition-verify-result')).toContainText('Kỷ niệm chương');
  await page.getByTestId('recognition-roll-year').fill('2026');
  await page.getByTestId('recognition-roll-form').click();
  await page.getByRole('option', { name: 'Kỷ niệm chương' }).click();
  await expect(page.getByTestId('recognition-roll-table')).toContainText(name);
  await page.getByTestId('recognition-roll-q').fill('khong co ai ten nay');
  await expect(page.getByTestId('recognition-roll-row')).toHaveCount(0);
  // no nomination awaiting appraisal is public
  await page.getByTestId('recognition-roll-q').fill('');
  await page.getByTestId('recognition-roll-year').fill('');
  await expect(page.getByTestId('recognition-roll-table')).not.toContainText('Quỹ Học bổng Mẫu');
  await expect(page.getByTestId('recognition-roll-csv')).toBeVisible();
});
