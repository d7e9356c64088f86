import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiGet, pickOption, signIn } from './support/app';

/**
 * Plan 29's selection quota and its gifts: the Ministry's coordinator selects for Điện Biên (one of
 * the 10 provinces chosen in 2021) the former Mường Nhé district and its 20 demo schools (10
 * preschools, 5 primary, 5 lower secondary), and the quota view shows the school counts met and
 * the gifts missing. The Sở Điện Biên then lists a pupil in hardship (with parental consent) at
 * one of those schools and records a gift of warm clothes for her on the demo donor's behalf;
 * the quota counts the gift and the public portal, signed out, shows it as "Học sinh" without the name.
 */

const PRESCHOOLS = [
  'Trường Mầm non Sín Thầu', 'Trường Mầm non Mường Toong', 'Trường Mầm non Quảng Lâm', 'Trường Mầm non Nậm Kè', 'Trường Mầm non Mường Nhé',
  'Trường Mầm non Sen Thượng', 'Trường Mầm non Hoa Sen Mường Toong', 'Trường Mầm non Na Cô Sa', 'Trường Mầm non Pá Mỳ', 'Trường Mầm non Chung Chải',
];
const PRIMARY = ['Trường Tiểu học Sín Thầu', 'Trường Tiểu học Mường Toong', 'Trường Tiểu học Quảng Lâm', 'Trường PTDTBT Tiểu học Nậm Kè', 'Trường PTDTBT Tiểu học Mường Nhé'];
const LOWER_SECONDARY = ['Trường THCS Sín Thầu', 'Trường THCS Mường Toong', 'Trường THCS Quảng Lâm', 'Trường PTDTBT THCS Nậm Kè', 'Trường PTDTBT THCS Mường Nhé'];
const DONOR = 'Công ty Cổ phần Ví Dụ (nhà tài trợ mẫu)';
/** Where the demo keeps screenshots of these screens when asked (SHOTS=1). */
const shot = async (page: Page, name: string) => {
  if (process.env.SHOTS) await page.screenshot({ path: `test-results/shots/${name}.png`, fullPage: true });
};

async function signOut(page: Page) {
  await page.context().clearCookies();
}

async function tick(page: Page, level: 'Mầm non' | 'Tiểu học' | 'THCS', names: string[]) {
  const results = page.getByTestId('p29-sel-results');
  await page.getByTestId('p29-sel-level').getByText(level, { exact: true }).click();
  for (const name of names) {
    const box = results.getByLabel(name, { exact: true });
    await expect(box).toBeVisible();
    await box.check();
  }
}

test('plan 29: a province selects its district and 20 schools, a pupil gets a gift, the portal names no child', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36).slice(-4);
  const pupilName = `Lò Thị Mai ${stamp}`;

  // 1. the Ministry's coordinator selects Điện Biên's district and schools for 2021
  await signIn(page, ACCOUNTS.ministry);
  await page.goto('/ke-hoach-29');
  await expect(page.getByRole('heading', { level: 1, name: 'Kế hoạch 29/KH-BGDĐT: tỉnh mục tiêu' })).toBeVisible();
  const editor = page.getByTestId('p29-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('p29-sel-year')).toHaveValue('2021');
  const before = page.locator('[data-testid="p29-quota-row"][data-old-code="11"]');
  await expect(before).toHaveAttribute('data-complies', 'false');
  await expect(before).toContainText('Chưa chọn huyện');
  await pickOption(page, 'p29-sel-province', 'Điện Biên', 'Điện Biên');
  await expect(editor).toContainText('Trường được tìm trong tỉnh Điện Biên.');
  await pickOption(page, 'p29-sel-district', 'Mường Nhé', 'Huyện Mường Nhé');
  await expect(page.getByTestId('p29-count-total')).toHaveAttribute('data-have', '0');

  await tick(page, 'Mầm non', PRESCHOOLS);
  await expect(page.getByTestId('p29-count-mam_non')).toHaveText('Mầm non: 10/10');
  await tick(page, 'Tiểu học', PRIMARY);
  await tick(page, 'THCS', LOWER_SECONDARY);
  await expect(page.getByTestId('p29-count-tieu_hoc')).toHaveText('Tiểu học: 5/5');
  await expect(page.getByTestId('p29-count-thcs')).toHaveText('THCS: 5/5');
  await expect(page.getByTestId('p29-count-total')).toHaveAttribute('data-have', '20');
  await expect(page.getByTestId('p29-sel-picked-row')).toHaveCount(20);
  // the list shows each school's levels
  await expect(page.getByTestId('p29-sel-picked-row').filter({ hasText: 'Trường PTDTBT THCS Nậm Kè' })).toContainText('PTDTBT');
  await shot(page, 'p29-editor-1280');

  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/programmes/plan29/selection') && r.request().method() === 'PUT');
  await page.getByTestId('p29-sel-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('Đã lưu lựa chọn của Điện Biên: 20 trường.')).toBeVisible();

  // the quota view: one district, 10/5/5 schools met, every school still missing its gifts
  const row = page.locator('[data-testid="p29-quota-row"][data-old-code="11"]');
  await expect(row).toHaveAttribute('data-schools-met', 'true');
  await expect(row).toHaveAttribute('data-complies', 'false');
  await expect(row).toHaveAttribute('data-gifts-missing', '20');
  await expect(row).toContainText('Huyện Mường Nhé');
  await expect(row).toContainText('20 trường đã chọn');
  await expect(row.getByTestId('p29-quota-levels')).toContainText('Mầm non: 10/10');
  await expect(row.getByTestId('p29-quota-gifts')).toHaveText('20 trường còn thiếu quà');
  await row.getByRole('button', { name: /Những mục còn thiếu/ }).click();
  await expect(row.getByTestId('p29-quota-missing')).toContainText('Trường Mầm non Sín Thầu: thiếu quà cho 10 học sinh');
  await expect(row.getByTestId('p29-quota-missing')).not.toContainText('Thiếu');
  await shot(page, 'p29-quota-1280');
  // the saved selection survives a reload
  await page.reload();
  await pickOption(page, 'p29-sel-province', 'Điện Biên', 'Điện Biên');
  await expect(page.getByTestId('p29-sel-district')).toHaveValue('Huyện Mường Nhé');
  await expect(page.getByTestId('p29-count-total')).toHaveAttribute('data-have', '20');

  // 2. the Sở Điện Biên lists a pupil in hardship at Mầm non Sín Thầu, with her parents' consent
  await signOut(page);
  await signIn(page, ACCOUNTS.department);
  const schools = await apiGet<{ items: { id: string; name: string }[] }>(page, '/api/v1/schools?provinceCode=11&level=mam_non&limit=200');
  const school = schools.items.find((s) => s.name === 'Trường Mầm non Sín Thầu')!;
  expect(school, 'demo school Trường Mầm non Sín Thầu').toBeTruthy();
  await page.goto(`/truong-hoc/${school.id}`);
  await page.getByTestId('tab-beneficiaries').click();
  await expect(page.getByTestId('benef-panel')).toBeVisible();
  await page.getByTestId('benef-open-form').click();
  await expect(page.getByTestId('benef-privacy')).toContainText('Nghị định 13/2023/NĐ-CP');
  await page.getByTestId('benef-name').fill(pupilName);
  await page.getByTestId('benef-birth-year').fill('2020');
  await page.getByTestId('benef-grade').fill('Lớp lá');
  // consent is required for a pupil
  await page.getByTestId('benef-submit').click();
  await expect(page.getByTestId('benef-form')).toContainText('Cần có sự đồng ý của cha mẹ hoặc người giám hộ');
  await page.getByTestId('benef-consent').check();
  const added = page.waitForResponse((r) => r.url().endsWith(`/api/v1/schools/${school.id}/beneficiaries`) && r.request().method() === 'POST');
  await page.getByTestId('benef-submit').click();
  expect((await added).status()).toBe(201);
  const benefRow = page.getByTestId('benef-row').filter({ hasText: pupilName });
  await expect(benefRow).toContainText('Học sinh');
  await expect(benefRow).toContainText('Đã có');
  await shot(page, 'benef-1280');

  // 3. ... and records a gift of warm clothes for her on the demo donor's behalf
  await benefRow.getByTestId('benef-record-gift').click();
  await expect(page).toHaveURL(/\/dong-gop\/ghi-nhan\?schoolId=.+&beneficiaryId=.+/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ghi nhận đóng góp' })).toBeVisible();
  await expect(page.getByTestId('record-school')).toHaveValue('Trường Mầm non Sín Thầu');
  await expect(page.getByTestId('record-beneficiary')).toHaveValue(`Học sinh — ${pupilName} (Lớp lá)`);
  await expect(page.getByTestId('record-beneficiary-note')).toContainText('"Học sinh", không có tên');
  // the contributor is required
  await page.getByTestId('record-submit').click();
  await expect(page.getByTestId('record-form')).toContainText('Cần chọn bên đóng góp');
  await pickOption(page, 'record-contributor', 'Ví Dụ', DONOR);
  await pickOption(page, 'record-category', 'Áo ấm', 'Áo ấm');
  await page.getByTestId('record-description').fill('Một bộ áo ấm mùa đông cho học sinh');
  await page.getByTestId('record-value').fill('1.500.000');
  await page.getByTestId('record-quantity').fill('1');
  await page.getByTestId('record-unit').fill('bộ');
  await shot(page, 'record-1280');
  const recorded = page.waitForResponse((r) => r.url().endsWith('/api/v1/contributions') && r.request().method() === 'POST');
  await page.getByTestId('record-submit').click();
  const recordedRes = await recorded;
  expect(recordedRes.status()).toBe(201);
  const body = (await recordedRes.json()) as { id: string; valueVnd: number; beneficiaryId: string; contributorName: string };
  expect(body.valueVnd).toBe(1_500_000);
  expect(body.contributorName).toBe(DONOR);
  await expect(page).toHaveURL(new RegExp(`/dong-gop/${body.id}$`));
  await expect(page.getByTestId('contribution-status')).toHaveText('Đã cam kết');

  // the quota counts the gift for that school
  // (the quota counts a year's gifts by the date they were pledged, so today's gift is not a 2021 one)
  await page.goto('/ke-hoach-29');
  const dienBien = page.locator('[data-testid="p29-quota-row"][data-old-code="11"]');
  await dienBien.getByRole('button', { name: 'Quà đã ghi nhận theo từng trường' }).click();
  await expect(dienBien.locator(`[data-testid="p29-quota-school"][data-school-id="${school.id}"]`)).toHaveAttribute('data-pupils', '0');
  await expect(dienBien.getByTestId('p29-quota-schools')).toContainText('Trường Mầm non Sín Thầu');
  // a Department selects only for its own province
  await page.getByTestId('p29-sel-province').click();
  await expect(page.getByRole('option')).toHaveText(['Điện Biên']);
  await page.keyboard.press('Escape');

  // 4. the public portal, signed out, lists the gift as "Học sinh" and never the pupil's name
  await signOut(page);
  await page.goto('/cong-khai');
  await expect(page.getByTestId('signin-link')).toBeVisible();
  const publicRow = page.locator(`[data-testid="portal-row"][data-contribution-id="${body.id}"]`);
  await expect(publicRow).toBeVisible();
  await expect(publicRow).toContainText('Học sinh');
  await expect(publicRow).toContainText('1.500.000');
  await expect(publicRow).not.toContainText(pupilName);
  await expect(page.locator('body')).not.toContainText(pupilName);
  const open = await apiGet<{ items: { id: string; recipient: string; description: string }[] }>(page, '/api/v1/public/contributions');
  const gift = open.items.find((c) => c.id === body.id)!;
  expect(gift.recipient).toBe('Học sinh');
  expect(JSON.stringify(open)).not.toContain(pupilName);
});

test('the gift recipients tab is not offered to other users', async ({ page }) => {
  await signIn(page, ACCOUNTS.ministry);
  const schools = await apiGet<{ items: { id: string; name: string }[] }>(page, '/api/v1/schools?provinceCode=11&level=mam_non&limit=200');
  const school = schools.items.find((s) => s.name === 'Trường Mầm non Sín Thầu')!;
  await page.goto(`/truong-hoc/${school.id}`);
  await expect(page.getByTestId('tab-needs')).toBeVisible();
  await expect(page.getByTestId('tab-beneficiaries')).toHaveCount(0);
  // the Ministry records for a donor from the contributions list
  await page.goto('/dong-gop');
  await page.getByTestId('record-open').click();
  await expect(page).toHaveURL(/\/dong-gop\/ghi-nhan$/);
  await expect(page.getByTestId('record-contributor')).toBeVisible();
  await expect(page.getByTestId('record-beneficiary')).toHaveCount(0);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the selection, the recipients and the record form fit the screen', async ({ page }) => {
    const noSidewaysScroll = async () => {
      const { width, wide } = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        // the deepest elements reaching past the screen's edge, to say what overflows
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > 391 && ![...e.children].some((c) => c.getBoundingClientRect().right > 391))
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}[${e.getAttribute('data-testid') ?? ''}] ${Math.round(e.getBoundingClientRect().right)}`),
      }));
      expect(width, `overflowing: ${wide.join('; ')}`).toBeLessThanOrEqual(390);
    };
    await signIn(page, ACCOUNTS.department);
    await page.goto('/ke-hoach-29');
    await expect(page.getByTestId('p29-editor')).toBeVisible();
    // the Department's only province is chosen for it
    await expect(page.getByTestId('p29-sel-province')).toHaveValue('Điện Biên');
    await expect(page.getByTestId('p29-sel-results').getByTestId('p29-sel-school').first()).toBeVisible();
    await noSidewaysScroll();
    await shot(page, 'p29-390');

    const schools = await apiGet<{ items: { id: string; name: string }[] }>(page, '/api/v1/schools?provinceCode=11&level=mam_non&limit=200');
    const school = schools.items.find((s) => s.name === 'Trường Mầm non Pá Mỳ')!;
    await page.goto(`/truong-hoc/${school.id}`);
    await page.getByTestId('tab-beneficiaries').click();
    await page.getByTestId('benef-open-form').click();
    await expect(page.getByTestId('benef-consent')).toBeVisible();
    await noSidewaysScroll();
    await shot(page, 'benef-390');

    await page.goto(`/dong-gop/ghi-nhan?schoolId=${school.id}`);
    await expect(page.getByTestId('record-school')).toHaveValue('Trường Mầm non Pá Mỳ');
    await noSidewaysScroll();
    await shot(page, 'record-390');
  });
});
