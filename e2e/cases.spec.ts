import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { pickOption, signIn } from './support/app';

/**
 * School social work as the demo users live it (issue 13): a counsellor of the demo Điện Biên school
 * opens an urgent case, assesses it, records the parent's consent and refers it to the provincial
 * social-work centre; the centre's staff accept and report back; the counsellor closes the case;
 * the principal sees the case and its deadline but not the pupil or the notes; the Department's
 * statistics count it without a name.
 */
const COUNSELLOR = 'tuvan.dienbien@ketnoi.demo';
const CENTRE = 'ctxh.dienbien@ketnoi.demo';
const HEAD = 'truong.dienbien@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
/** Press "move" and wait for the server's 200. */
async function moveStep(page: Page) {
  const answer = page.waitForResponse((r) => r.url().endsWith('/steps') && r.request().method() === 'POST');
  await page.getByTestId('case-move').click();
  expect((await answer).status()).toBe(200);
}
const CENTRE_NAME = 'Trung tâm Công tác xã hội tỉnh Điện Biên (cơ sở mẫu)';

test('an urgent case is opened, referred with consent, answered by the centre and closed; the principal sees only its deadline', async ({ page }) => {
  test.setTimeout(240_000);
  const pupil = `Học sinh Thử ${Date.now().toString(36)}`;

  await signIn(page, COUNSELLOR);
  await page.goto('/cong-tac-xa-hoi');
  await page.getByTestId('case-new').click();
  await page.getByTestId('case-pupil').fill(pupil);
  await page.getByTestId('case-class').fill('Lớp 7A');
  await page.getByTestId('case-assessment').fill('Ghi chú nội bộ của tổ tư vấn');
  await page.getByTestId('case-open').click();
  await expect(page.getByTestId('case-reference')).toHaveText(/^CTXH-\d{4}-\d{4}$/);
  await expect(page.getByTestId('case-clock')).toContainText('giờ làm việc');
  await expect(page.getByTestId('case-pupil-name')).toContainText(pupil);
  const url = page.url();
  const reference = (await page.getByTestId('case-reference').textContent())!;

  // the principal's home: the case and its 12-working-hour deadline, never the pupil
  await page.context().clearCookies();
  await signIn(page, HEAD);
  await page.goto('/');
  const section = page.locator('[data-testid="home-section"][data-section="schoolCases"]');
  await expect(section.getByRole('link', { name: reference })).toBeVisible();
  await expect(section.getByTestId('home-item').filter({ hasText: reference })).toContainText('Đến hạn');
  await expect(page.getByText(pupil)).toHaveCount(0);
  await page.context().clearCookies();
  await signIn(page, COUNSELLOR);
  await page.goto(url);

  // initial assessment and the support plan made with the pupil and the parent
  await page.getByTestId('case-move-to').click();
  await page.getByRole('option', { name: 'Đánh giá ban đầu' }).click();
  await moveStep(page);
  const plan = page.getByTestId('case-plan');
  await plan.getByTestId('case-plan-goals').fill('Học sinh an toàn ở trường và ở nhà');
  await plan.getByTestId('case-plan-what').fill('Gặp riêng học sinh');
  await plan.getByTestId('case-plan-who').fill('Cán bộ tư vấn');
  await plan.getByTestId('case-plan-when').fill('Hằng tuần');
  await plan.getByTestId('case-plan-add-action').click();
  await plan.getByTestId('case-plan-what').nth(1).fill('Trao đổi với gia đình');
  await plan.getByTestId('case-plan-who').nth(1).fill('Giáo viên chủ nhiệm');
  await plan.getByTestId('case-plan-pupil').check();
  await plan.getByTestId('case-plan-parent').check();
  const planned = page.waitForResponse((r) => r.url().endsWith('/entries') && r.request().method() === 'POST');
  await plan.getByTestId('case-plan-save').click();
  expect((await planned).status()).toBe(201);
  await expect(page.getByTestId('case-plan-saved')).toBeVisible();
  await expect(page.getByTestId('case-entries')).toContainText('Trao đổi với gia đình (Giáo viên chủ nhiệm)');
  await expect(page.getByTestId('case-entries')).toContainText('Cha mẹ tham gia');
  await expect(plan.getByTestId('case-plan-goals')).toHaveValue('');

  // then the referral with the pupil's and the parent's consent
  await pickOption(page, 'ref-provider', 'Trung tâm Công tác xã hội tỉnh Điện', CENTRE_NAME);
  await page.getByTestId('ref-share-identity').check();
  await page.getByTestId('ref-summary').fill('Đề nghị trung tâm đánh giá an toàn và hỗ trợ khẩn cấp cho học sinh.');
  await page.getByTestId('ref-pupil-consent').check();
  await page.getByTestId('ref-parent-consent').check();
  await page.getByTestId('ref-send').click();
  await expect(page.getByTestId('case-referral-row')).toContainText('Đã gửi');
  await expect(page.getByTestId('case-clock')).toHaveCount(0);

  // the centre's staff: the inbox shows what was shared; accept and report back
  await page.context().clearCookies();
  await signIn(page, CENTRE);
  await page.goto('/chuyen-gui');
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByTestId('ref-pupil')).toContainText(pupil);
  await expect(page.getByText('Ghi chú nội bộ của tổ tư vấn')).toHaveCount(0);
  const transition = () => page.waitForResponse((r) => /\/api\/v1\/referrals\/[0-9a-f-]+\/transitions$/.test(r.url()) && r.request().method() === 'POST');
  // accepted first (the report form follows the answer), then the report back
  const accepted = transition();
  await page.getByTestId('ref-accept').click();
  expect((await accepted).status()).toBe(200);
  await page.getByTestId('ref-text').fill('Đã gặp học sinh và gia đình; tiếp tục hỗ trợ tại trung tâm.');
  const reported = transition();
  await page.getByTestId('ref-report').click();
  expect((await reported).status()).toBe(200);
  await expect(page.getByText('Có phản hồi')).toBeVisible();

  // the counsellor follows up and closes the case
  await page.context().clearCookies();
  await signIn(page, COUNSELLOR);
  await page.goto(url);
  await expect(page.getByTestId('case-referral-row')).toContainText('Có phản hồi');
  await page.getByTestId('case-move-to').click();
  await page.getByRole('option', { name: 'Theo dõi, hòa nhập' }).click();
  await moveStep(page);
  await page.getByTestId('case-move-to').click();
  await page.getByRole('option', { name: 'Kết thúc' }).click();
  await page.getByTestId('case-move-outcome').click();
  await page.getByRole('option', { name: 'Tiến triển tốt' }).click();
  await page.getByTestId('case-move').click();
  await expect(page.getByTestId('case-outcome')).toContainText('Tiến triển tốt');
  // the whole record as .docx, for the assigned staff (the download is logged)
  const download = page.waitForEvent('download');
  await page.getByTestId('case-document').click();
  expect((await download).suggestedFilename()).toMatch(/^ho-so-ctxh-\d{4}-\d{4}\.docx$/);

  // the principal: the case and its deadline, never the pupil or the notes
  await page.context().clearCookies();
  await signIn(page, HEAD);
  await page.goto(url);
  await expect(page.getByTestId('case-restricted')).toBeVisible();
  await expect(page.getByTestId('case-reference')).toHaveText(reference);
  await expect(page.getByText(pupil)).toHaveCount(0);
  await expect(page.getByText('Ghi chú nội bộ của tổ tư vấn')).toHaveCount(0);
  await expect(page.getByText('Trao đổi với gia đình')).toHaveCount(0);
  // the step dates: opened, assessed, referred, followed up, closed; no download for the principal
  await expect(page.getByTestId('case-step-row')).toHaveCount(5);
  await expect(page.getByTestId('case-document')).toHaveCount(0);
  // the home's count of open cases opens the open list, which shows as many; the closed case is under "closed", kept in the address
  await page.goto('/');
  const openCount = page.locator('a[data-testid="home-count"][data-section="schoolCases"][data-key="cases_school_open"]');
  const n = Number(await openCount.getAttribute('data-count'));
  await openCount.click();
  await expect(page).toHaveURL((u) => `${u.pathname}${u.search}` === '/cong-tac-xa-hoi?trang-thai=dang-mo');
  await expect(page.getByTestId('cases-count')).toHaveText(`${n} trường hợp`);
  if (n <= 30) await expect(page.getByTestId('case-row')).toHaveCount(n);
  await expect(page.getByTestId('case-row').filter({ hasText: reference })).toHaveCount(0);
  await expect(page.getByTestId('case-row').filter({ hasText: 'Kết thúc' })).toHaveCount(0);
  await page.getByTestId('cases-state').getByText('Đã kết thúc', { exact: true }).click();
  await expect(page).toHaveURL(/\?trang-thai=da-ket-thuc$/);
  await expect(page.getByTestId('case-row').filter({ hasText: reference })).toHaveCount(1);
  await expect(page.getByTestId('case-row').filter({ hasNotText: 'Kết thúc' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('cases-state').getByRole('radio', { name: 'Đã kết thúc' })).toBeChecked();
  await expect(page.getByTestId('case-row').filter({ hasText: reference })).toHaveCount(1);
  await page.getByTestId('cases-state').getByText('Tất cả', { exact: true }).click();
  await expect(page).toHaveURL(/\?trang-thai=tat-ca$/);
  await expect(page.getByTestId('case-row').filter({ hasText: reference })).toHaveCount(1);
  await expect(page.getByText(pupil)).toHaveCount(0);
  // the export is in the case's access log
  await page.goto('/cong-tac-xa-hoi/nhat-ky');
  await expect(page.getByTestId('log-row').filter({ hasText: reference }).filter({ hasText: 'Xuất dữ liệu' }).first()).toBeVisible();

  // the Department: statistics without a name
  await page.context().clearCookies();
  await signIn(page, DEPT);
  await page.goto('/cong-tac-xa-hoi/thong-ke');
  await expect(page.getByTestId('stats-total')).not.toHaveText('0');
  await expect(page.getByText(pupil)).toHaveCount(0);
  await expect(page.getByText(reference)).toHaveCount(0);

  // the public directory names the services, not the case
  await page.context().clearCookies();
  await page.goto('/mang-luoi-ctxh');
  await page.getByTestId('prov-q').fill('cong tac xa hoi dien bien');
  await expect(page.getByTestId('prov-row').first()).toContainText('Công tác xã hội');
});

test('a Department adds a provider of its province; the public finds it without diacritics', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Trung tâm Tư vấn Thử ${Date.now().toString(36)}`;
  await signIn(page, DEPT);
  await page.goto('/mang-luoi-ctxh');
  await page.getByTestId('prov-form-name').fill(name);
  await page.getByTestId('prov-form-services').click({ force: true });
  await page.getByRole('option', { name: 'Tư vấn, tham vấn' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('prov-form-phone').fill('0215 111 222');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/providers') && r.request().method() === 'POST');
  await page.getByTestId('prov-form-save').click();
  expect((await answer).status()).toBe(201);
  await page.context().clearCookies();
  await page.goto('/mang-luoi-ctxh');
  await page.getByTestId('prov-q').fill(`trung tam tu van thu ${name.split(' ').pop()}`);
  await expect(page.getByTestId('prov-row')).toHaveCount(1);
  await expect(page.getByTestId('prov-row')).toContainText(name);
});

test('a Department keeps a provider up to date; the public finds it by service and commune and sees it on the map', async ({ page }) => {
  test.setTimeout(180_000);
  const name = `Điểm Hỗ trợ Thử ${Date.now().toString(36)}`;
  await signIn(page, DEPT);
  await page.goto('/mang-luoi-ctxh');
  const add = page.getByTestId('prov-add');
  await add.getByTestId('prov-form-kind').click();
  await page.getByRole('option', { name: 'Tổ chức xã hội' }).click();
  await add.getByTestId('prov-form-name').fill(name);
  await add.getByTestId('prov-form-services').click({ force: true });
  await page.getByRole('option', { name: 'Trợ giúp pháp lý' }).click();
  await page.keyboard.press('Escape');
  await add.getByTestId('prov-form-phone').fill('0215 222 333');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/providers') && r.request().method() === 'POST');
  await add.getByTestId('prov-form-save').click();
  expect((await created).status()).toBe(201);

  // open it for editing from the directory: communes covered, how to refer, hours, contact, place on the map
  await page.getByTestId('prov-q').fill(`diem ho tro thu ${name.split(' ').pop()}`);
  await expect(page.getByTestId('prov-row')).toHaveCount(1);
  await page.getByTestId('prov-edit-open').click();
  const edit = page.getByTestId('prov-edit');
  await expect(edit).toContainText(name);
  await edit.getByTestId('prov-form-communes').click({ force: true });
  await page.getByRole('option', { name: /Sín Thầu/ }).first().click();
  await page.keyboard.press('Escape');
  await edit.getByTestId('prov-form-channels').click({ force: true });
  await page.getByRole('option', { name: 'Công văn' }).click();
  await page.keyboard.press('Escape');
  await edit.getByTestId('prov-form-email').fill('hotro@example.org');
  await edit.getByTestId('prov-form-hours').fill('Thứ Hai–thứ Sáu, 07:30–17:00');
  await edit.getByTestId('prov-form-focal').fill('Cán bộ tiếp nhận');
  await edit.getByTestId('prov-form-address').fill('Trung tâm xã (địa chỉ mẫu)');
  await edit.getByTestId('prov-form-website').fill('https://example.org/ho-tro');
  await edit.getByTestId('prov-form-lat').fill('22.35');
  await edit.getByTestId('prov-form-lng').fill('102.62');
  // the switch is tried and left on (unticking it would take the provider out of the directory)
  await edit.getByTestId('prov-form-active').click();
  await edit.getByTestId('prov-form-active').click();
  await expect(edit.getByTestId('prov-form-active')).toBeChecked();
  const saved = page.waitForResponse((r) => /\/api\/v1\/providers\/[0-9a-f-]+$/.test(r.url()) && r.request().method() === 'PATCH');
  await edit.getByTestId('prov-form-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('prov-edit')).toHaveCount(0);
  // cancel leaves the form without a request
  await page.getByTestId('prov-edit-open').click();
  await page.getByTestId('prov-edit').getByTestId('prov-form-cancel').click();
  await expect(page.getByTestId('prov-edit')).toHaveCount(0);

  // the public: by service and commune, without diacritics, and on the map
  await page.context().clearCookies();
  await page.goto('/mang-luoi-ctxh');
  await page.getByTestId('prov-service').click();
  await page.getByRole('option', { name: 'Trợ giúp pháp lý' }).click();
  await page.getByTestId('prov-province').click();
  await page.getByTestId('prov-province').fill('dien bien');
  await page.getByRole('option', { name: /Điện Biên/ }).first().click();
  await page.getByTestId('prov-commune').click();
  await page.getByTestId('prov-commune').fill('sin thau');
  await page.getByRole('option', { name: /Sín Thầu/ }).first().click();
  await expect(page.getByTestId('prov-row').filter({ hasText: name })).toHaveCount(1);
  await expect(page.getByTestId('prov-row').filter({ hasText: name })).toContainText('Công văn');
  await expect(page.getByTestId('prov-row').filter({ hasText: name })).toContainText('07:30–17:00');
  // another province's filter leaves it out
  await page.getByTestId('prov-province').click();
  await page.getByTestId('prov-province').fill('son la');
  await page.getByRole('option', { name: /Sơn La/ }).first().click();
  await expect(page.getByTestId('prov-row').filter({ hasText: name })).toHaveCount(0);
  await page.getByTestId('prov-province').click();
  await page.getByTestId('prov-province').fill('dien bien');
  await page.getByRole('option', { name: /Điện Biên/ }).first().click();
  await page.getByTestId('prov-map-toggle').click();
  await expect(page.getByTestId('prov-map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  expect(Number(await page.getByTestId('prov-map').getAttribute('data-located'))).toBeGreaterThanOrEqual(1);
});

test('a Department names its focal point for the alerts and the access log, then clears it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEPT);
  await page.goto('/cong-tac-xa-hoi/nhat-ky');
  await expect(page.getByTestId('focal-fallback')).toBeVisible();
  await page.getByTestId('focal-pick').click();
  await page.getByRole('option', { name: new RegExp(DEPT.replace('.', '\\.')) }).click();
  await page.keyboard.press('Escape');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/case-focal-points') && r.request().method() === 'PUT');
  await page.getByTestId('focal-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('focal-current')).toBeVisible();
  // the focal point still reads the log
  await expect(page.getByText('Chưa có lượt truy cập.').or(page.getByTestId('log-row').first())).toBeVisible();
  // cleared: every account of the Department again, and the page says so
  await page.getByTestId('focal-pick').press('Backspace');
  const cleared = page.waitForResponse((r) => r.url().endsWith('/api/v1/case-focal-points') && r.request().method() === 'PUT');
  await page.getByTestId('focal-save').click();
  expect((await cleared).status()).toBe(200);
  await expect(page.getByTestId('focal-fallback')).toBeVisible();
});

/** The page is no wider than a phone's screen. */
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

test('in English on a phone (390 px): every control of the case forms once; what is typed survives a reload, for its own account only', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => localStorage.setItem('kn.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  const pupil = `Pupil Draft ${Date.now().toString(36)}`;
  const pick = async (testId: string, option: string) => {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  // opening a case: typed, the page reloaded, the draft is back
  await signIn(page, COUNSELLOR);
  await page.goto('/cong-tac-xa-hoi/moi');
  await expect(page.getByRole('heading', { name: 'Open a case' })).toBeVisible();
  await page.getByTestId('case-pupil').fill(pupil);
  await page.getByTestId('case-class').fill('Class 6B');
  await pick('case-category', 'Bullying');
  await pick('case-risk', 'Medium');
  await pick('case-source', 'Parent');
  await page.getByTestId('case-reported').fill('2026-11-20T09:30');
  await page.getByTestId('case-assessment').fill('Draft assessment kept on this device');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(page.getByTestId('case-pupil')).toHaveValue(pupil);
  await expect(page.getByTestId('case-category')).toHaveValue('Bullying');
  await fitsPhone(page);

  // another account on the same browser is not offered it
  await page.context().clearCookies();
  await signIn(page, 'tuvan.hanoi@ketnoi.demo');
  await page.goto('/cong-tac-xa-hoi/moi');
  await expect(page.getByTestId('case-pupil')).toHaveValue('');
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, COUNSELLOR);
  await page.goto('/cong-tac-xa-hoi/moi');
  await expect(page.getByTestId('case-pupil')).toHaveValue(pupil);
  await page.getByTestId('case-open').click();
  await expect(page.getByTestId('case-reference')).toHaveText(/^CTXH-\d{4}-\d{4}$/);
  await expect(page.getByTestId('case-pupil-name')).toContainText(pupil);
  const url = page.url();
  await fitsPhone(page);

  // an entry (a note, with the pupil and the parent): kept through a reload, then saved
  await pick('case-note-kind', 'Note');
  await page.getByTestId('case-note').fill('Weekly talk with the class teacher agreed');
  await page.getByTestId('case-note-pupil').check();
  await page.getByTestId('case-note-parent').check();
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('case-note')).toHaveValue('Weekly talk with the class teacher agreed');
  await expect(page.getByTestId('case-note-parent')).toBeChecked();
  const added = page.waitForResponse((r) => r.url().endsWith('/entries') && r.request().method() === 'POST');
  await page.getByTestId('case-note-add').click();
  expect((await added).status()).toBeLessThan(300);
  await expect(page.getByTestId('case-entries')).toContainText('Weekly talk with the class teacher agreed');
  await expect(page.getByTestId('case-note')).toHaveValue('');

  // the assessment step, then a referral with every field, kept through a reload
  await pick('case-move-to', 'Initial assessment');
  await moveStep(page);
  await pickOption(page, 'ref-provider', 'Trung tâm Công tác xã hội tỉnh Điện', CENTRE_NAME);
  await pick('ref-channel', 'Online in KếtNối');
  await page.getByTestId('ref-share-category').check();
  await page.getByTestId('ref-share-assessment').check();
  await page.getByTestId('ref-summary').fill('Please assess and support the pupil.');
  await pick('ref-basis', "The pupil's and the parent's consent");
  await page.getByTestId('ref-pupil-consent').check();
  await page.getByTestId('ref-parent-consent').check();
  await page.getByTestId('ref-note').fill('Consent signed at the school');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(page.getByTestId('ref-summary')).toHaveValue('Please assess and support the pupil.');
  await expect(page.getByTestId('ref-parent-consent')).toBeChecked();
  await page.getByTestId('ref-send').click();
  await expect(page.getByTestId('case-referral-row')).toBeVisible();
  await fitsPhone(page);

  // follow-up, closure with an outcome, and the reopening form's reason
  await pick('case-move-to', 'Follow-up, reintegration');
  await moveStep(page);
  await pick('case-move-to', 'Closed');
  await pick('case-move-outcome', 'Improved');
  await moveStep(page);
  await expect(page.getByTestId('case-outcome')).toContainText('Improved');
  await page.getByTestId('case-move-reason').fill('The family asked for more help');
  await pick('case-move-to', 'Follow-up, reintegration');
  await moveStep(page);
  await expect(page.getByTestId('case-move-reason')).toHaveCount(0);
  expect(page.url()).toBe(url);

  // the providers directory, in English on the phone
  await page.context().clearCookies();
  await page.goto('/mang-luoi-ctxh');
  await expect(page.getByRole('heading', { name: 'School social-work service providers' })).toBeVisible();
  await page.getByTestId('prov-q').fill('cong tac xa hoi dien bien');
  await expect(page.getByTestId('prov-row').first()).toContainText('Công tác xã hội');
  await fitsPhone(page);
});

test('a Department finds a provider it suspended and reopens it; the public finds it again', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Điểm Tạm Ngừng Thử ${Date.now().toString(36)}`;
  const tail = name.split(' ').pop();
  await signIn(page, DEPT);
  await page.goto('/mang-luoi-ctxh');
  const add = page.getByTestId('prov-add');
  await add.getByTestId('prov-form-name').fill(name);
  await add.getByTestId('prov-form-services').click({ force: true });
  await page.getByRole('option', { name: 'Tư vấn, tham vấn' }).click();
  await page.keyboard.press('Escape');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/providers') && r.request().method() === 'POST');
  await add.getByTestId('prov-form-save').click();
  expect((await created).status()).toBe(201);
  // suspended: out of the directory
  await page.getByTestId('prov-q').fill(`diem tam ngung thu ${tail}`);
  await expect(page.getByTestId('prov-row')).toHaveCount(1);
  await page.getByTestId('prov-edit-open').click();
  await page.getByTestId('prov-edit').getByTestId('prov-form-active').click();
  const suspended = page.waitForResponse((r) => /\/api\/v1\/providers\/[0-9a-f-]+$/.test(r.url()) && r.request().method() === 'PATCH');
  await page.getByTestId('prov-edit').getByTestId('prov-form-save').click();
  expect((await suspended).status()).toBe(200);
  await expect(page.getByTestId('prov-row')).toHaveCount(0);
  // the keepers' list of suspended providers, then reopened
  await page.getByTestId('prov-suspended-toggle').click();
  await expect(page.getByRole('heading', { name: 'Cơ sở tạm ngừng' })).toBeVisible();
  await expect(page.getByTestId('prov-row')).toHaveCount(1);
  await expect(page.getByTestId('prov-row')).toContainText(name);
  const reopened = page.waitForResponse((r) => /\/api\/v1\/providers\/[0-9a-f-]+$/.test(r.url()) && r.request().method() === 'PATCH');
  await page.getByTestId('prov-reopen').click();
  expect((await reopened).status()).toBe(200);
  await expect(page.getByTestId('prov-row')).toHaveCount(0);
  await expect(page.getByText('Không có cơ sở tạm ngừng.')).toBeVisible();
  await page.getByTestId('prov-suspended-toggle').click();
  await expect(page.getByTestId('prov-row')).toHaveCount(1);
  // the public sees it again
  await page.context().clearCookies();
  await page.goto('/mang-luoi-ctxh');
  await page.getByTestId('prov-q').fill(`diem tam ngung thu ${tail}`);
  await expect(page.getByTestId('prov-row')).toHaveCount(1);
  await expect(page.getByTestId('prov-suspended-toggle')).toHaveCount(0);
});

test('in English on a phone (390 px): the support plan, the assignment form and the record download', async ({ page, consoleGuard }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => localStorage.setItem('kn.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, COUNSELLOR);
  await page.goto('/cong-tac-xa-hoi/moi');
  await page.getByTestId('case-pupil').fill(`Pupil Plan ${Date.now().toString(36)}`);
  await page.getByTestId('case-open').click();
  await expect(page.getByTestId('case-reference')).toHaveText(/^CTXH-\d{4}-\d{4}$/);
  await expect(page.getByText('Steps and their dates')).toBeVisible();
  await expect(page.getByTestId('case-step-row')).toHaveCount(1);

  // the plan: two actions, one taken away, kept through a reload, then saved
  const plan = page.getByTestId('case-plan');
  await expect(plan.getByText('Support plan', { exact: true })).toBeVisible();
  await plan.getByTestId('case-plan-goals').fill('The pupil feels safe at school');
  await plan.getByTestId('case-plan-what').fill('Weekly talk');
  await plan.getByTestId('case-plan-who').fill('Counsellor');
  await plan.getByTestId('case-plan-when').fill('Every Monday');
  await plan.getByRole('button', { name: 'Add an action' }).click();
  await expect(plan.getByTestId('case-plan-action')).toHaveCount(2);
  await plan.getByRole('button', { name: 'Remove the action' }).nth(1).click();
  await expect(plan.getByTestId('case-plan-action')).toHaveCount(1);
  await plan.getByText('The pupil took part in the plan').click();
  await plan.getByText('The parent took part in the plan').click();
  await fitsPhone(page);
  await page.waitForTimeout(500);
  await page.reload();
  await expect(plan.getByTestId('case-plan-goals')).toHaveValue('The pupil feels safe at school');
  await expect(plan.getByTestId('case-plan-parent')).toBeChecked();
  const planned = page.waitForResponse((r) => r.url().endsWith('/entries') && r.request().method() === 'POST');
  await plan.getByRole('button', { name: 'Save the plan' }).click();
  expect((await planned).status()).toBe(201);
  await expect(page.getByText('The support plan is saved.')).toBeVisible();
  await expect(page.getByTestId('case-entries')).toContainText('Weekly talk (Counsellor, Every Monday)');

  // an empty plan is refused in English, naming what is missing
  consoleGuard.expectHttpError(new URL(page.url()).pathname.replace('/cong-tac-xa-hoi/', '/api/v1/cases/') + '/entries', 422, 'an empty plan is sent on purpose: the server answers 422 naming what is missing');
  const refused = page.waitForResponse((r) => r.url().endsWith('/entries') && r.request().method() === 'POST');
  await plan.getByRole('button', { name: 'Save the plan' }).click();
  expect((await refused).status()).toBe(422);
  await expect(plan.getByRole('alert')).toBeVisible();
  await expect(plan.getByText('State the goals')).toBeVisible();
  await expect(plan.getByText('Describe the action')).toBeVisible();

  // the school's head, assigned from the form, is one of the staff
  const staff = page.getByTestId('case-staff');
  await staff.getByTestId('case-assign-pick').click();
  await page.getByRole('option', { name: /school's head/ }).first().click();
  const assigned = page.waitForResponse((r) => r.url().endsWith('/assignments') && r.request().method() === 'POST');
  await staff.getByRole('button', { name: 'Assign' }).click();
  expect((await assigned).status()).toBe(200);
  await expect(staff.getByTestId('case-staff-row')).toHaveCount(2);
  await fitsPhone(page);

  // the record, downloaded in English too
  await expect(page.getByText('Every download is written to the access log (who, when, what).')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download the record (.docx)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^ho-so-ctxh-\d{4}-\d{4}\.docx$/);
  await fitsPhone(page);
});
