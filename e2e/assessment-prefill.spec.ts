import { expect, test } from './support/fixtures';
import { ORIGIN, signIn, switchAccount } from './support/app';

/**
 * A school fills its safe-school self-assessment's facilities answers from its facility survey:
 * only the empty answers are filled, each says which survey it came from, the school may change
 * them (the note goes), and the page reads in English on a phone.
 */
const SCHOOL = 'truong.thcs.dienbien@ketnoi.demo';
const SURVEY = {
  classroomsSolid: 8, classroomsSemiSolid: 0, classroomsTemporary: 0, classroomsLacking: 0, subjectRooms: 2, subjectRoomsLacking: 0,
  toiletsTotal: 6, toiletsStandard: 6, toiletsImproved: true, toiletsSingleSex: true, toiletsUsable: true,
  waterSource: 'piped', waterAvailable: true, handwashing: 'water_soap', electricity: 'grid', roadAccess: 'paved',
  boardingPlaces: 0, semiBoardingPlaces: 0, kitchen: true, teachingEquipment: 'sufficient', computers: 12, internet: true,
};

test('the school fills the facilities answers from its facility survey, each saying where it came from', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, SCHOOL);
  const list = await (await page.request.get('/api/v1/assessments')).json();
  const own = list.items.find((x: { campaignTitle: string }) => x.campaignTitle.includes('an toàn'));
  const survey = await page.request.put(`/api/v1/schools/${own.organisationId}/surveys/2026-2027`, { headers: { origin: ORIGIN }, data: SURVEY });
  expect(survey.status(), await survey.text()).toBe(200);
  // the school has answered 1.6 itself (no): the survey will not overwrite it
  const typed = await page.request.put(`/api/v1/assessments/${own.id}/answers`, { headers: { origin: ORIGIN }, data: { answers: [{ code: '1.5', value: null }, { code: '1.6', value: false }] } });
  expect(typed.status()).toBe(200);

  await page.goto(`/danh-gia/${own.id}`);
  await expect(page.getByTestId('as-prefill')).toContainText('2026-2027', { timeout: 60_000 });
  const before = await page.getByTestId('as-score-self').innerText();
  const filled = page.waitForResponse((r) => r.url().endsWith('/prefill') && r.request().method() === 'POST');
  await page.getByTestId('as-prefill-apply').click();
  expect((await filled).status()).toBe(200);
  await expect(page.getByTestId('as-prefill-source-1.5')).toContainText('Điền từ khảo sát cơ sở vật chất năm học 2026-2027 (Vệ sinh: Cơ bản)');
  await expect(page.getByTestId('as-answer-1.5').getByRole('radio', { name: 'Có' })).toBeChecked();
  // 1.6 was answered: kept, no note
  await expect(page.getByTestId('as-answer-1.6').getByRole('radio', { name: 'Không' })).toBeChecked();
  await expect(page.getByTestId('as-prefill-source-1.6')).toHaveCount(0);
  await expect(page.getByTestId('as-score-self')).not.toHaveText(before);
  const saved = await (await page.request.get(`/api/v1/assessments/${own.id}`)).json();
  expect(saved.answers.find((x: { code: string }) => x.code === '1.5').value).toBe(true);
  expect(saved.answers.find((x: { code: string }) => x.code === '1.6').value).toBe(false);

  // the school changes the filled answer: it is its own now, the note goes
  await page.getByTestId('as-answer-1.5').getByText('Không').click();
  await expect(page.getByTestId('as-prefill-source-1.5')).toHaveCount(0);
  await page.getByTestId('as-answer-1.5').getByText('Có').click();
  await expect(page.getByTestId('as-prefill-source-1.5')).toBeVisible();

  // in English, on a phone
  await page.evaluate(() => localStorage.setItem('kn.lang', 'en'));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('as-prefill-apply')).toHaveText('Fill from the facility survey', { timeout: 60_000 });
  await expect(page.getByTestId('as-prefill-source-1.5')).toContainText('Filled from the facility survey of 2026-2027 (Sanitation: Basic)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.evaluate(() => localStorage.removeItem('kn.lang'));
});

test('the Department fills its shares of the schools\' results from the schools\' approved results, each saying "x of y schools"', async ({ page }) => {
  test.setTimeout(240_000);
  const TITLE = 'Chuyển đổi số của các sở 2026 (điền từ kết quả trường)';
  await signIn(page, 'dieuphoi@ketnoi.demo');
  const campaigns = await (await page.request.get('/api/v1/assessment-campaigns?year=2026&limit=100')).json();
  let campaign = campaigns.items.find((c: { title: string }) => c.title === TITLE);
  if (!campaign) {
    // the Ministry's campaign form offers the Departments' framework; chosen, the scope is the Departments
    await page.goto('/danh-gia');
    await page.getByTestId('as-open-version').click();
    await page.getByRole('option', { name: /của sở giáo dục và đào tạo/ }).click();
    await expect(page.getByTestId('as-open-departments')).toBeVisible();
    await expect(page.getByTestId('as-open-levels')).toHaveCount(0);
    await expect(page.getByTestId('as-open-reviewer')).toHaveCount(0);
    await page.getByTestId('as-open-title').fill(TITLE);
    for (const [k, d] of [['opensOn', '01/11/2026'], ['selfDueOn', '31/12/2026'], ['reviewDueOn', '15/01/2027'], ['publishOn', '31/01/2027']] as const) {
      await page.getByTestId(`as-open-${k}`).fill(d);
      await page.keyboard.press('Escape');
    }
    const opened = page.waitForResponse((r) => r.url().endsWith('/api/v1/assessment-campaigns') && r.request().method() === 'POST');
    await page.getByTestId('as-open-submit').click();
    const res = await opened;
    expect(res.status(), await res.text()).toBe(201);
    campaign = await res.json();
    expect(campaign.scopeKinds).toEqual(['department']);
  }
  await switchAccount(page, 'so.dienbien@ketnoi.demo');
  // a Department's own form offers only the schools' frameworks
  await page.goto('/danh-gia');
  await page.getByTestId('as-open-version').click();
  await expect(page.getByRole('option', { name: /của cơ sở giáo dục phổ thông/ })).toHaveCount(1);
  await expect(page.getByRole('option', { name: /của sở giáo dục và đào tạo/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  // the Department's own assessment in that campaign (its list also holds its province's schools)
  const list = await (await page.request.get(`/api/v1/assessments?campaignId=${campaign.id}`)).json();
  const own = list.items.find((x: { provinceCode: string }) => x.provinceCode === '11');
  // 2.1 is empty; 2.2 typed by the Department itself: kept
  const typed = await page.request.put(`/api/v1/assessments/${own.id}/answers`, { headers: { origin: ORIGIN }, data: { answers: [{ code: '2.1', value: null }, { code: '2.2', value: 12.5 }] } });
  expect(typed.status(), await typed.text()).toBe(200);
  const offer = await (await page.request.get(`/api/v1/assessments/${own.id}/prefill`)).json();
  const good = offer.schools.find((s: { code: string }) => s.code === '2.1');
  expect(good.total).toBeGreaterThan(0);

  await page.goto(`/danh-gia/${own.id}`);
  await expect(page.getByTestId('as-prefill-schools-2.1')).toContainText(`${good.count}/${good.total} trường`, { timeout: 60_000 });
  const filled = page.waitForResponse((r) => r.url().endsWith('/prefill') && r.request().method() === 'POST');
  await page.getByTestId('as-prefill-schools-apply').click();
  expect((await filled).status()).toBe(200);
  await expect(page.getByTestId('as-prefill-source-2.1')).toContainText(`Điền từ kết quả của các trường: ${good.count}/${good.total} trường`);
  await expect(page.getByTestId('as-prefill-source-2.2')).toHaveCount(0);
  const saved = await (await page.request.get(`/api/v1/assessments/${own.id}`)).json();
  expect(saved.answers.find((x: { code: string }) => x.code === '2.1').value).toBe(good.value);
  expect(saved.answers.find((x: { code: string }) => x.code === '2.2').value).toBe(12.5);

  // in English
  await page.evaluate(() => localStorage.setItem('kn.lang', 'en'));
  await page.reload();
  await expect(page.getByTestId('as-prefill-source-2.1')).toContainText(`Filled from the schools' results: ${good.count} of ${good.total} schools`, { timeout: 60_000 });
  await page.evaluate(() => localStorage.removeItem('kn.lang'));
});
