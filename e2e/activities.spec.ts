import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

/**
 * Deliverables that count themselves, as Vụ GDTC lives them: its plan-237 task III.1 asks for
 * "02 Hoạt động truyền thông được tổ chức"; the unit records a workshop with its participants from
 * the task's page, and the task shows one more of two.
 */
test('Vụ GDTC records a communication workshop with participants for its plan-237 task, and the task counts it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ACCOUNTS.ministry);
  const tasks = await (await page.request.get('/api/v1/plans/kh-237-bgddt-2023/tasks?section=III&limit=50')).json();
  const task = tasks.items.find((t: { number: string }) => t.number === 'III.1');
  const before: number = task.records.count;
  expect(task.records.target).toBe(2);

  await page.goto(`/nhiem-vu/${task.id}`);
  await expect(page.getByTestId('task-records-count')).toHaveText(`${before} / 2`);
  await page.getByTestId('task-record-new').click();

  const title = `Hội thảo truyền thông về bữa ăn học đường ${Date.now().toString(36)}`;
  await page.getByTestId('act-form-kind').click();
  await page.getByRole('option', { name: 'Hội thảo' }).click();
  await page.getByTestId('act-form-title').fill(title);
  await page.getByTestId('act-form-starts').fill('15/08/2023');
  await page.getByTestId('act-form-place').fill('Thành phố Điện Biên Phủ');
  await page.getByTestId('act-form-audience').fill('Cán bộ quản lý và giáo viên mầm non vùng khó khăn');
  await page.getByTestId('act-form-planned-managers').fill('40');
  await page.getByTestId('act-form-actual-managers').fill('38');
  await page.getByTestId('act-form-planned-teachers').fill('60');
  await page.getByTestId('act-form-actual-teachers').fill('62');
  await page.getByTestId('act-form-score').fill('4,5');
  await page.getByTestId('act-form-respondents').fill('90');
  // the task arrived from its page
  await expect(page.getByTestId('act-form').getByText(/· III\.1: /)).toBeVisible();
  await page.getByTestId('act-form-save').click();

  await expect(page.getByTestId('act-title')).toHaveText(title);
  await expect(page.getByTestId('act-state')).toHaveText('Đã tổ chức');
  await expect(page.getByTestId('act-participants')).toContainText('62');
  await page.getByTestId('act-task').first().click();
  await expect(page.getByTestId('task-records-count')).toHaveText(`${before + 1} / 2`);
  await expect(page.getByTestId('task-record').filter({ hasText: title })).toBeVisible();

  // the register finds it without diacritics
  await page.goto('/hoat-dong');
  await page.getByTestId('act-filter-q').fill('hoi thao truyen thong bua an');
  await expect(page.getByTestId('act-row').filter({ hasText: title })).toBeVisible();
});

/**
 * The issue's second journey: plan 237's task IV.8 asks for "02 lớp bồi dưỡng, tập huấn"; its lead
 * unit, Vụ GDTX, records a training with its participants from the task's page, and the task shows
 * one more of two.
 */
test('Vụ GDTX records a training with participants for its plan-237 task "02 lớp", and the task counts it', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'vu.gdtx@ketnoi.demo');
  const tasks = await (await page.request.get('/api/v1/plans/kh-237-bgddt-2023/tasks?section=IV&limit=50')).json();
  const task = tasks.items.find((t: { number: string }) => t.number === 'IV.8');
  const before: number = task.records.count;
  expect(task.records.target).toBe(2);

  await page.goto(`/nhiem-vu/${task.id}`);
  await expect(page.getByTestId('task-records-count')).toHaveText(`${before} / 2`);
  await page.getByTestId('task-record-new').click();

  const title = `Lớp tập huấn nâng cao năng lực giảm nghèo cho Trung tâm học tập cộng đồng ${Date.now().toString(36)}`;
  await page.getByTestId('act-form-kind').click();
  await page.getByRole('option', { name: 'Tập huấn, bồi dưỡng' }).click();
  await page.getByTestId('act-form-title').fill(title);
  await page.getByTestId('act-form-starts').fill('12/10/2023');
  await page.getByTestId('act-form-place').fill('Trung tâm học tập cộng đồng xã Sín Thầu, Điện Biên');
  await page.getByTestId('act-form-audience').fill('Cán bộ quản lý, báo cáo viên, người dạy tại Trung tâm học tập cộng đồng');
  await page.getByTestId('act-form-planned-managers').fill('30');
  await page.getByTestId('act-form-actual-managers').fill('28');
  await page.getByTestId('act-form-planned-teachers').fill('50');
  await page.getByTestId('act-form-actual-teachers').fill('47');
  await page.getByTestId('act-form-province').click();
  await page.getByTestId('act-form-province').fill('Điện Biên');
  await page.getByRole('option', { name: 'Điện Biên', exact: true }).click();
  // the co-organiser and the invited organisations, searched by name without diacritics
  await page.getByTestId('act-form-coorganisers').click();
  await page.getByTestId('act-form-coorganisers').fill('chinh tri va cong tac');
  await page.getByRole('option', { name: 'Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên', exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('act-form-invitees').click();
  await page.getByTestId('act-form-invitees').fill('dai hoc su pham ha noi');
  await page.getByRole('option', { name: 'Trường Đại học Sư phạm Hà Nội', exact: true }).click();
  await page.keyboard.press('Escape');
  // the programme: two items with who is responsible, one removed again
  for (const [time, content, who] of [['8:00', 'Khai mạc, quán triệt mục tiêu lớp tập huấn', 'Lãnh đạo Vụ GDTX'], ['8:30', 'Xây dựng chương trình đáp ứng người học thuộc hộ nghèo', 'Báo cáo viên']]) {
    await page.getByTestId('act-form-agenda-add').click();
    const row = page.getByTestId('act-form-agenda-row').last();
    await row.getByTestId('act-form-agenda-time').fill(time);
    await row.getByTestId('act-form-agenda-content').fill(content);
    await row.getByTestId('act-form-agenda-responsible').fill(who);
  }
  await page.getByTestId('act-form-agenda-add').click();
  await page.getByTestId('act-form-agenda-remove').last().click();
  await expect(page.getByTestId('act-form-agenda-row')).toHaveCount(2);
  await page.getByTestId('act-form-respondents').fill('70');
  await page.getByTestId('act-form-score').fill('4,6');
  await page.getByTestId('act-form-evaluation-note').fill('Học viên đề nghị thêm thực hành');
  await expect(page.getByTestId('act-form').getByText(/· IV\.8: /)).toBeVisible();
  await page.getByTestId('act-form-save').click();

  await expect(page.getByTestId('act-title')).toHaveText(title);
  await expect(page.getByTestId('act-state')).toHaveText('Đã tổ chức');
  await expect(page.getByTestId('act-participants')).toContainText('47');
  await expect(page.getByTestId('act-detail')).toContainText('Vụ GDCTHSSV');
  await expect(page.getByTestId('act-detail')).toContainText('ĐHSP Hà Nội');
  await expect(page.getByTestId('act-agenda')).toContainText('Báo cáo viên');
  await expect(page.getByTestId('act-detail')).toContainText('Học viên đề nghị thêm thực hành');
  const recordUrl = page.url();
  await page.getByTestId('act-task').first().click();
  await expect(page.getByTestId('task-records-count')).toHaveText(`${before + 1} / 2`);
  await expect(page.getByTestId('task-record').filter({ hasText: title })).toBeVisible();

  // the calendar finds it by its dates, province and co-organising unit
  await page.goto('/hoat-dong');
  await page.getByTestId('act-calendar').click();
  await page.getByTestId('act-cal-from').fill('01/10/2023');
  await page.getByTestId('act-cal-to').fill('31/10/2023');
  await page.getByTestId('act-cal-kind').click();
  await page.getByRole('option', { name: 'Tập huấn, bồi dưỡng' }).click();
  await page.getByTestId('act-cal-province').click();
  await page.getByTestId('act-cal-province').fill('Điện Biên');
  await page.getByRole('option', { name: 'Điện Biên', exact: true }).click();
  await page.getByTestId('act-cal-unit').click();
  await page.getByTestId('act-cal-unit').fill('chinh tri va cong tac');
  await page.getByRole('option', { name: 'Vụ Giáo dục Chính trị và Công tác học sinh, sinh viên', exact: true }).click();
  await page.keyboard.press('Escape');
  const item = page.getByTestId('act-cal-item').filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(page.getByTestId('act-cal-day').filter({ has: item })).toContainText('12/10/2023');
  await item.getByRole('link').click();
  await expect(page).toHaveURL(recordUrl);
});
