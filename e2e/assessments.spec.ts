import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

/**
 * Quyết định 4725 as the demo users live it: the Department of Điện Biên opens a digital-
 * transformation campaign for its schools; a lower-secondary school answers with evidence, sees its
 * score live and submits; the Department comments on one indicator and returns it; the school
 * fixes it and resubmits; the Department approves; the public page shows the school's level.
 */
const SCHOOL = 'truong.thcs.dienbien@ketnoi.demo';

/** Today in Vietnam, as the form's dates are typed (dd/mm/yyyy). */
function todayVn(): string {
  const d = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return d.split('-').reverse().join('/');
}

test('a Department opens a campaign, a school self-assesses, the Department returns then approves, the public sees the level', async ({ page }) => {
  test.setTimeout(240_000);
  const title = `Đánh giá chuyển đổi số (hành trình ${Date.now().toString(36)})`;
  const today = todayVn();

  await signIn(page, ACCOUNTS.department);
  await page.goto('/danh-gia');
  await page.getByTestId('as-open-version').click();
  await page.getByRole('option', { name: /chuyển đổi số/ }).click();
  await page.getByTestId('as-open-title').fill(title);
  for (const k of ['opensOn', 'selfDueOn', 'reviewDueOn', 'publishOn']) {
    await page.getByTestId(`as-open-${k}`).fill(today);
    await page.keyboard.press('Escape');
  }
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/v1/assessment-campaigns') && r.request().method() === 'POST');
  await page.getByTestId('as-open-submit').click();
  expect((await opened).status()).toBe(201);
  await expect(page.getByTestId('as-completeness')).toBeVisible();
  const campaignUrl = page.url();

  // the school answers, with a link as evidence, sees its score as it types, and submits
  await page.context().clearCookies();
  await signIn(page, SCHOOL);
  await page.goto('/danh-gia');
  await page.getByTestId('as-campaign').filter({ hasText: title }).getByTestId('as-own').click();
  await expect(page.getByTestId('as-state')).toHaveText('Đang tự đánh giá');
  await expect(page.getByTestId('as-score-self-result')).toContainText('Chưa đáp ứng');
  for (const code of ['1.1', '1.2', '1.3.a', '2.2']) await page.getByTestId(`as-answer-${code}`).getByText('Có', { exact: true }).click();
  await page.getByTestId('as-answer-1.4').fill('90');
  await page.getByTestId('as-answer-1.6').fill('100');
  await page.getByTestId('as-answer-2.3').fill('95');
  await page.getByTestId('as-answer-1.5').click();
  await page.getByRole('option', { name: /Thường xuyên/ }).click();
  await page.getByTestId('as-answer-2.4').click();
  await page.getByRole('option', { name: /Toàn bộ/ }).click();
  await expect(page.getByTestId('as-points-1.4')).toHaveText('30/30');
  await page.getByTestId('as-save').click();
  await page.getByTestId('as-ev-label-2.5').fill('Trang thông tin điện tử của trường');
  await page.getByTestId('as-ev-url-2.5').fill('https://truong.example.edu.vn');
  await page.getByTestId('as-ev-add-2.5').click();
  await expect(page.getByTestId('as-evidence')).toHaveCount(1);
  await expect(page.getByTestId('as-score-self-result')).toContainText('Đáp ứng tốt');
  await page.getByTestId('as-submit').click();
  await expect(page.getByTestId('as-state')).toHaveText('Chờ thẩm định');
  const assessmentUrl = page.url();

  // the Department comments on 1.4 and returns it
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.department);
  await page.goto(assessmentUrl);
  await page.getByTestId('as-review-comment-1.4').fill('Cần danh sách giáo viên sử dụng học liệu số');
  await page.getByTestId('as-review-save').click();
  await page.getByTestId('as-return').click();
  await page.getByTestId('as-reason').fill('Bổ sung minh chứng chỉ số 1.4');
  await page.getByTestId('as-reason-confirm').click();
  await expect(page.getByTestId('as-state')).toHaveText('Bị trả lại');

  // the school sees the comment, fixes the answer and resubmits
  await page.context().clearCookies();
  await signIn(page, SCHOOL);
  await page.goto(assessmentUrl);
  await expect(page.getByTestId('as-return-reason')).toContainText('Bổ sung minh chứng chỉ số 1.4');
  await expect(page.getByTestId('as-comment-1.4')).toContainText('danh sách giáo viên');
  await page.getByTestId('as-answer-1.4').fill('85');
  await page.getByTestId('as-submit').click();
  await expect(page.getByTestId('as-state')).toHaveText('Chờ thẩm định');

  // the Department approves; the campaign's publication date is today: the public sees the level
  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.department);
  await page.goto(assessmentUrl);
  await page.getByTestId('as-approve').click();
  await expect(page.getByTestId('as-state')).toHaveText('Đã phê duyệt');
  const campaignId = campaignUrl.split('/').pop();

  await page.context().clearCookies();
  await page.goto(`/cong-khai/danh-gia/${campaignId}`);
  await expect(page.getByTestId('as-pub-provinces')).toContainText('Điện Biên');
  // the map of the provinces draws, and its table beside it gives Điện Biên's share at the school's level
  await expect(page.getByTestId('as-map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('as-map-legend')).toContainText('Đáp ứng tốt');
  const shares = page.getByTestId('as-map-table');
  await expect(shares.locator('thead th').nth(3)).toHaveText('Đáp ứng tốt');
  const dienBien = shares.getByTestId('as-map-row').filter({ hasText: 'Điện Biên' });
  await expect(dienBien.locator('td').nth(2)).toHaveText('100%');
  await expect(dienBien.locator('td').last()).toHaveText('1');
  await page.getByTestId('as-pub-results').getByRole('link').first().click();
  await expect(page.getByTestId('as-pub-result')).toContainText('Đáp ứng tốt');
});

test('the self-assessment page reads in English and fits a phone (390 px)', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('kn.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, SCHOOL);
  await page.goto('/danh-gia');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Assessments against indicator frameworks');
  await page.getByTestId('as-own').first().click();
  await expect(page.getByTestId('as-state')).toHaveText(/^(In progress|Awaiting review|Returned|Approved)$/);
  await expect(page.getByTestId('as-score-self')).toContainText('Self score');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
