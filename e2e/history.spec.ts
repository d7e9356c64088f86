import { expect, test } from './support/fixtures';
import { ACCOUNTS, DIEN_BIEN, apiGet, signIn, type SchoolItem, type SchoolPage } from './support/app';

// Journey 9: the Điện Biên Department officer edits a school of the province; the school's
// history shows the change (before → after) and who made it.

test('Department officer edits the pupils of a Điện Biên school and sees it in the history', async ({ page }) => {
  await signIn(page, ACCOUNTS.department);

  // a demo school of Điện Biên (not one another journey creates)
  const list = await apiGet<SchoolPage>(page, `/api/v1/schools?provinceCode=${DIEN_BIEN}&limit=50`);
  const school = list.items.find((s) => /^\d+$/.test(s.code) && s.pupils != null) as SchoolItem;
  expect(school, 'a demo school of Điện Biên with a pupil count').toBeTruthy();
  const before = school.pupils!;
  const after = before >= 19_000 ? before - 37 : before + 37;
  const vi = (n: number) => n.toLocaleString('vi-VN');

  // find it through the list, as a person would
  await page.goto('/truong-hoc');
  await page.getByTestId('school-search').fill(school.code);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${school.code}$`));
  const row = page.getByTestId('school-row').filter({ hasText: school.code });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: school.name }).click();
  await expect(page).toHaveURL(new RegExp(`/truong-hoc/${school.id}$`));
  await expect(page.getByTestId('school-name')).toHaveText(school.name);

  await page.getByTestId('school-edit').click();
  await expect(page).toHaveURL(new RegExp(`/truong-hoc/${school.id}/sua$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sửa thông tin trường' })).toBeVisible();
  const pupils = page.getByTestId('field-pupils');
  await expect(pupils).toHaveValue(vi(before));
  await pupils.fill(String(after));
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === `/api/v1/schools/${school.id}`);
  await page.getByTestId('school-save').click();
  const res = await saved;
  expect(res.status()).toBe(200);
  expect(((await res.json()) as SchoolItem).pupils).toBe(after);

  // back on the school's page, with the new number and a confirmation
  await expect(page).toHaveURL(new RegExp(`/truong-hoc/${school.id}$`));
  await expect(page.getByText(`Đã lưu thay đổi của ${school.name}`)).toBeVisible();
  await expect(page.getByTestId('school-details').getByRole('row', { name: /Số học sinh/ })).toContainText(vi(after));

  // the history tab: newest first, the officer, the role, and pupils before → after
  await page.getByTestId('tab-history').click();
  const entry = page.getByTestId('history-entry').first();
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('Chuyên viên Sở GDĐT Điện Biên');
  await expect(entry).toContainText(ACCOUNTS.department);
  await expect(entry).toContainText('Cán bộ Sở');
  await expect(entry).toContainText('Cập nhật');
  await expect(entry.getByText(/^Số học sinh:/)).toHaveText(`Số học sinh: ${vi(before)} → ${vi(after)}`);
  // only what changed is listed
  await expect(entry.locator('td').nth(3).locator('p')).toHaveCount(1);
});
