import JSZip from 'jszip';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, signIn } from './support/app';

/**
 * Plan 237, Project 2, as its units live it: Vụ GDCTHSSV opens a call with its criteria; a
 * university submits a startup-model proposal with its file before the deadline; Vụ GDCTHSSV
 * assigns two reviewers, who each see only what they were assigned and score it on the published
 * criteria; Vụ KHTC gives its opinion on the budget; Vụ GDCTHSSV records the Ministry's approval
 * with the decision's number, date and file. Plan 237's target of approved models moves by one,
 * and the plan's .docx report shows it. The university then reports its first results.
 */

const LEAD = 'vu.gdcthssv@ketnoi.demo';
const KHTC = 'vu.khtc@ketnoi.demo';
const R1 = 'dieuphoi@ketnoi.demo';
const R2 = 'thamdinh@ketnoi.demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

interface Target { measuredValue: number | null; unit: string; source: string }
const target = async (page: import('@playwright/test').Page) => {
  const plan = await apiGet<{ goals: { code: string; targets: Target[] }[] }>(page, '/api/v1/plans/kh-237-bgddt-2023');
  return plan.goals.find((g) => g.code === 'II.2-a')!.targets[0];
};
const dmy = (d: Date) => d.toLocaleDateString('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });

test('a university submits a startup model, two reviewers score it, the Ministry approves it, and plan 237 counts it', async ({ page, consoleGuard }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36);
  const callTitle = `Đợt đề xuất mô hình khởi nghiệp ${tag}`;
  const title = `Mô hình trồng dược liệu dưới tán rừng ${tag}`;

  // ---- Vụ GDCTHSSV opens a call with its published criteria
  await signIn(page, LEAD);
  const before = await target(page);
  expect(before.source).toBe('data');
  await page.goto('/mo-hinh-khoi-nghiep');
  const form = page.getByTestId('su-call-form');
  await form.getByTestId('su-call-form-title').fill(callTitle);
  await form.getByTestId('su-call-form-deadline').fill(dmy(new Date(Date.now() + 30 * 86_400_000)));
  await form.getByTestId('su-call-form-criterion').nth(0).fill('Tính khả thi của mô hình');
  await form.getByTestId('su-call-form-max').nth(0).fill('60');
  await form.getByTestId('su-call-form-criterion').nth(1).fill('Hiệu quả giảm nghèo');
  await form.getByTestId('su-call-form-max').nth(1).fill('40');
  await form.getByTestId('su-call-form-save').click();
  const card = page.getByTestId('su-call').filter({ hasText: callTitle });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('su-criterion')).toHaveText(['Tính khả thi của mô hình (tối đa 60 điểm)', 'Hiệu quả giảm nghèo (tối đa 40 điểm)']);

  // ---- the university submits its proposal with a file
  await signIn(page, ACCOUNTS.unit);
  await page.goto('/mo-hinh-khoi-nghiep');
  await page.getByTestId('su-call').filter({ hasText: callTitle }).getByTestId('su-call-submit').click();
  await page.getByTestId('su-form-title').fill(title);
  await page.getByTestId('su-form-model').fill('Sinh viên hướng dẫn hộ nghèo trồng, sơ chế dược liệu và liên kết tiêu thụ với hợp tác xã.');
  await page.getByTestId('su-form-locality').fill('Xã Sín Thầu, tỉnh Điện Biên');
  await page.getByTestId('su-form-province').click();
  await page.getByTestId('su-form-province').fill('Điện Biên');
  await page.getByRole('option', { name: 'Điện Biên', exact: true }).click();
  await page.getByTestId('su-form-households').fill('40');
  await page.getByTestId('su-form-budget').fill('450000000');
  await page.getByTestId('su-form-results').fill('40 hộ có thu nhập thêm từ dược liệu sau 2 năm');
  await page.getByTestId('su-form').locator('input[type=file]').setInputFiles({ name: 'thuyet-minh-du-an.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByTestId('su-form-submit').click();
  await expect(page.getByTestId('su-title')).toHaveText(title);
  await expect(page.getByTestId('su-state')).toHaveText('Chờ quyết định');
  await expect(page.getByTestId('su-budget')).toContainText('450.000.000');
  const proposalUrl = page.url();
  const fileLink = page.getByTestId('su-file').filter({ hasText: 'thuyet-minh-du-an.pdf' }).getByRole('link');
  await expect(fileLink).toBeVisible();
  expect((await page.request.get((await fileLink.getAttribute('href'))!)).status()).toBe(200);

  // ---- Vụ GDCTHSSV assigns two reviewers; a reviewer not yet assigned does not see it
  await signIn(page, R1);
  consoleGuard.expectHttpError(new URL(proposalUrl).pathname.replace('/mo-hinh-khoi-nghiep/', '/api/v1/startup-proposals/'), 403, 'a reviewer not assigned opens the proposal');
  await page.goto(proposalUrl);
  await expect(page.getByText('Đề xuất này không thuộc phạm vi của bạn.')).toBeVisible();
  await signIn(page, LEAD);
  await page.goto(proposalUrl);
  const reviewers = page.getByTestId('su-assign-reviewers');
  await reviewers.click();
  await page.getByRole('option', { name: /Điều phối viên Ban điều phối/ }).click();
  await page.getByRole('option', { name: /thẩm định nhà tài trợ/ }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('su-assign-save').click();
  await expect(page.getByTestId('su-review')).toHaveCount(2);

  // ---- each reviewer finds it in its list and scores it on the published criteria
  for (const [who, a, b, comment] of [[R1, '50', '30', 'Khả thi, cần làm rõ đầu ra'], [R2, '55', '35', 'Hiệu quả giảm nghèo rõ']] as const) {
    await signIn(page, who);
    await page.goto('/mo-hinh-khoi-nghiep');
    await page.getByTestId('su-row').filter({ hasText: title }).getByRole('link').click();
    const score = page.getByTestId('su-score');
    await score.getByTestId('su-score-c1').fill(a);
    await score.getByTestId('su-score-c2').fill(b);
    await score.getByTestId('su-score-comment').fill(comment);
    await score.getByTestId('su-score-save').click();
    // a reviewer sees its own review only
    await expect(page.getByTestId('su-review')).toHaveCount(1);
    await expect(page.getByTestId('su-review')).toContainText(String(Number(a) + Number(b)));
  }

  // ---- Vụ KHTC gives its opinion on the budget
  await signIn(page, KHTC);
  await page.goto(proposalUrl);
  await page.getByTestId('su-opinion-text').fill('Kinh phí phù hợp định mức; cân đối từ nguồn Dự án 2');
  await page.getByTestId('su-opinion-save').click();
  await expect(page.getByTestId('su-opinion')).toHaveText('Kinh phí phù hợp định mức; cân đối từ nguồn Dự án 2');

  // ---- Vụ GDCTHSSV records the Ministry's approval with its decision and file
  await signIn(page, LEAD);
  await page.goto(proposalUrl);
  await expect(page.getByTestId('su-average')).toContainText('85');
  const decide = page.getByTestId('su-decide');
  await decide.getByText('Phê duyệt', { exact: true }).click();
  await decide.getByTestId('su-decide-number').fill(`${tag.slice(-4)}/QĐ-BGDĐT`);
  await decide.getByTestId('su-decide-note').fill('Giao Trường ĐHSP Hà Nội triển khai');
  await decide.locator('input[type=file]').setInputFiles({ name: 'quyet-dinh-phe-duyet.pdf', mimeType: 'application/pdf', buffer: PDF });
  await decide.getByTestId('su-decide-save').click();
  await expect(page.getByTestId('su-state')).toHaveText('Được phê duyệt');
  await expect(page.getByTestId('su-decision')).toContainText(`${tag.slice(-4)}/QĐ-BGDĐT`);
  await expect(page.getByTestId('su-file').filter({ hasText: 'quyet-dinh-phe-duyet.pdf' })).toBeVisible();

  // ---- the list finds it without diacritics, and its export carries the decision
  await page.goto('/mo-hinh-khoi-nghiep');
  await page.getByTestId('su-filter-q').fill(`duoc lieu duoi tan rung ${tag}`);
  await expect(page.getByTestId('su-row')).toHaveCount(1);
  await expect(page.getByTestId('su-row')).toContainText(title);
  const csv = await page.request.get((await page.getByTestId('su-export-csv').getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  const rows = await csv.text();
  expect(rows).toContain(title);
  expect(rows).toContain(`${tag.slice(-4)}/QĐ-BGDĐT`);

  // ---- plan 237's target moves by one, on its page and in its .docx report
  const after = await target(page);
  expect(after.measuredValue).toBe((before.measuredValue ?? 0) + 1);
  await page.goto('/ke-hoach/kh-237-bgddt-2023');
  await expect(page.getByTestId('plan-target').filter({ hasText: 'khởi nghiệp' }).first()).toContainText(`${after.measuredValue} ${after.unit}`);
  const download = page.waitForEvent('download');
  await page.getByTestId('plan-report-docx').click();
  const fs = await import('node:fs/promises');
  const zip = await JSZip.loadAsync(await fs.readFile((await (await download).path())!));
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
  expect(text).toContain(`${after.measuredValue} ${after.unit} (tính từ dữ liệu)`);
  // the approved models are listed under the target, with their decision
  expect(text).toContain('Các mô hình khởi nghiệp đã được phê duyệt');
  expect(text).toContain(`${tag.slice(-4)}/QĐ-BGDĐT`);

  // ---- the university sees the decision (not the scores) and reports its first results
  await signIn(page, ACCOUNTS.unit);
  await page.goto(proposalUrl);
  await expect(page.getByTestId('su-state')).toHaveText('Được phê duyệt');
  await expect(page.getByTestId('su-review')).toHaveCount(0);
  await page.getByTestId('su-report-households').fill('12');
  await page.getByTestId('su-report-jobs').fill('5');
  await page.getByTestId('su-report-average-income').fill('3200000');
  await page.getByTestId('su-report-income').fill('Thu nhập tăng khoảng 1 triệu đồng/tháng');
  await page.getByTestId('su-report-note').fill('Đợt 1: 12 hộ tham gia');
  await page.getByTestId('su-report-save').click();
  await expect(page.getByTestId('su-progress-row')).toHaveCount(1);
  await expect(page.getByTestId('su-progress-row')).toContainText('12');
  await expect(page.getByTestId('su-progress-average-income')).toHaveText(/^3\.200\.000\s₫$/);
});
