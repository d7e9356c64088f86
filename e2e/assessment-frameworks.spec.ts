import { expect, test } from './support/fixtures';
import { ACCOUNTS, ORIGIN, signIn } from './support/app';

/**
 * The administrator edits an indicator framework in the web: a published version is read-only
 * (and the server refuses an edit with a Vietnamese message), "new version from this one" copies
 * it into a draft, every control of the draft form is used (indicators, sub-groups, sub-indicators,
 * an indicator's own levels, the result's levels and the pass rule), the draft is published as a new version.
 */
test('the administrator copies a published framework, edits the draft with every control and publishes it', async ({ page, consoleGuard }) => {
  test.setTimeout(420_000);
  await signIn(page, ACCOUNTS.admin);
  await page.goto('/danh-gia');
  await page.getByTestId('asf-link').click();
  await expect(page.getByTestId('asf-versions')).toBeVisible();
  await page.getByTestId('asf-version-row').filter({ hasText: 'trường học an toàn' }).filter({ hasText: 'Đã công bố' }).first().getByRole('link').click();

  // a published version: read-only, and the server refuses an edit in Vietnamese
  await expect(page.getByTestId('asf-state')).toHaveText('Đã công bố');
  await expect(page.getByTestId('asf-frozen')).toContainText('không sửa được');
  await expect(page.getByTestId('asf-text').first()).toBeDisabled();
  await expect(page.getByTestId('asf-save')).toHaveCount(0);
  const publishedId = page.url().split('/').pop()!;
  const published = await (await page.request.get(`/api/v1/assessment-frameworks/${publishedId}`)).json();
  const refused = await page.request.put(`/api/v1/assessment-frameworks/${publishedId}/definition`, { headers: { origin: ORIGIN }, data: { definition: { ...published.definition, name: 'Đổi tên' } } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).title).toContain('đã công bố nên không sửa được');

  // new version from this one: a draft with the same content
  const copied = page.waitForResponse((r) => r.url().endsWith('/copy') && r.request().method() === 'POST');
  await page.getByTestId('asf-copy').click();
  expect((await copied).status()).toBe(201);
  await expect(page.getByTestId('asf-state')).toHaveText('Bản nháp');
  await expect(page).not.toHaveURL(new RegExp(publishedId));
  const draftId = page.url().split('/').pop()!;

  // the version's own fields
  await page.getByTestId('asf-year').fill('2027');
  await page.getByTestId('asf-name').fill(`${published.definition.name} (sửa đổi)`);
  await page.getByTestId('asf-basis').fill(`${published.definition.basis}; sửa đổi`);
  await expect(page.getByTestId('asf-dirty')).toBeVisible();

  const g1 = page.getByTestId('asf-group').first();
  await g1.getByTestId('asf-group-code').fill('1');
  await g1.getByTestId('asf-group-name').fill('Cơ sở vật chất an toàn (sửa)');
  // a group scale the indicators do not reach shows in red; cleared again
  await g1.getByTestId('asf-group-max').fill('100');
  await expect(g1.getByTestId('asf-group-sum')).toContainText('/ 100');
  await g1.getByTestId('asf-group-max').fill('');

  // first indicator: text, type "choice", its choices (label, points, add, remove)
  const i1 = g1.getByTestId('asf-indicator').nth(0);
  await i1.getByTestId('asf-text').fill('Khuôn viên, địa điểm bảo đảm an toàn (sửa)');
  await i1.getByTestId('asf-type').click();
  await page.getByRole('option', { name: 'Chọn theo mức' }).click();
  await expect(i1.getByTestId('asf-option-label')).toHaveCount(2);
  await i1.getByTestId('asf-option-label').nth(1).fill('Đạt đầy đủ');
  await i1.getByTestId('asf-option-points').nth(1).fill('2');
  await i1.getByTestId('asf-option-add').click();
  await expect(i1.getByTestId('asf-option-label')).toHaveCount(3);
  await i1.getByTestId('asf-option-remove').last().click();
  await expect(i1.getByTestId('asf-option-label')).toHaveCount(2);
  await i1.getByTestId('asf-scoring').click();
  await page.getByRole('option', { name: 'Điểm theo lựa chọn' }).click();

  // second: a percentage scored by bands (from, points, add a band)
  const i2 = g1.getByTestId('asf-indicator').nth(1);
  await i2.getByTestId('asf-type').click();
  await page.getByRole('option', { name: 'Tỉ lệ %' }).click();
  await i2.getByTestId('asf-band-from').nth(1).fill('60');
  await i2.getByTestId('asf-band-points').nth(1).fill('1');
  await i2.getByTestId('asf-band-add').click();
  await expect(i2.getByTestId('asf-band-from')).toHaveCount(3);

  // third: no points; fourth: points, maximum, mandatory, provisional, evidence asked
  const i3 = g1.getByTestId('asf-indicator').nth(2);
  await i3.getByTestId('asf-scoring').click();
  await page.getByRole('option', { name: 'Không tính điểm' }).click();
  await expect(i3.getByTestId('asf-points')).toHaveCount(0);
  const i4 = g1.getByTestId('asf-indicator').nth(3);
  const code4 = await i4.getByTestId('asf-code').inputValue();
  await i4.getByTestId('asf-points').fill('2');
  await i4.getByTestId('asf-max').fill('2');
  await i4.getByTestId('asf-mandatory').click();
  await i4.getByTestId('asf-provisional').click();
  await i4.getByTestId('asf-evidence').fill('Ảnh chụp và biên bản kiểm tra');

  // the fourth's own levels (a sub-scale of its 2 points): two to start, a name and a threshold edited,
  // a third added then removed, and a threshold past its maximum refused on the field, live and by the server
  await expect(i4.getByTestId('asf-ind-levels')).toHaveCount(0);
  await i4.getByTestId('asf-ind-levels-add').click();
  const own = i4.getByTestId('asf-ind-levels');
  await expect(own).toContainText('tối đa 2');
  await expect(own.getByTestId('asf-level')).toHaveCount(2);
  await expect(own.getByTestId('asf-level-lowest')).toBeVisible();
  await expect(own.getByTestId('asf-level-min')).toHaveValue('1');
  await own.getByTestId('asf-level-label').first().fill('Chưa đạt');
  await own.getByTestId('asf-level-label').nth(1).fill('Đạt một phần');
  await own.getByTestId('asf-level-add').click();
  await expect(own.getByTestId('asf-level')).toHaveCount(3);
  await own.getByTestId('asf-level-code').last().fill('3');
  await own.getByTestId('asf-level-label').last().fill('Đạt đầy đủ');
  await own.getByTestId('asf-level-min').last().fill('2');
  await own.getByTestId('asf-level-inclusive').first().click();
  await own.getByTestId('asf-level-remove').last().click();
  await expect(own.getByTestId('asf-level')).toHaveCount(2);
  await expect(own.getByTestId('asf-level-label').last()).toHaveValue('Đạt một phần');
  const tooHigh = `${code4}: ngưỡng của mức "Đạt một phần" phải từ 0 đến 2`;
  await own.getByTestId('asf-level-min').nth(0).fill('5');
  await expect(own.getByTestId('asf-level-min')).toHaveAttribute('aria-invalid', 'true');
  await expect(own.getByTestId('asf-level-min')).toHaveAccessibleDescription(tooHigh);
  consoleGuard.expectHttpError(`/api/v1/assessment-frameworks/${draftId}/definition`, 422, 'a level threshold past the indicator\'s maximum is refused');
  const refusedLevel = page.waitForResponse((r) => r.url().endsWith('/definition') && r.request().method() === 'PUT');
  await page.getByTestId('asf-save').click();
  const refusedBody = await (await refusedLevel).json();
  expect(refusedBody.errors).toContainEqual({ path: expect.stringMatching(/^definition\.groups\.0\.indicators\.3\.levels\.1\.min$/), message: tooHigh });
  await expect(page.getByTestId('asf-error')).toContainText(tooHigh);
  await expect(own.getByTestId('asf-level-min')).toHaveAccessibleDescription(tooHigh);
  await own.getByTestId('asf-level-min').fill('1.5');
  await expect(own.getByTestId('asf-level-min')).not.toHaveAttribute('aria-invalid', 'true');

  // move the fourth up, then the (new) third down again and up: it ends third
  await i4.getByTestId('asf-up').click();
  await expect(g1.getByTestId('asf-indicator').nth(2).getByTestId('asf-code')).toHaveValue(code4);
  await g1.getByTestId('asf-indicator').nth(2).getByTestId('asf-down').click();
  await g1.getByTestId('asf-indicator').nth(3).getByTestId('asf-up').click();
  await expect(g1.getByTestId('asf-indicator').nth(2).getByTestId('asf-code')).toHaveValue(code4);

  // retire the last one, add one with its own code and text
  const before = await g1.getByTestId('asf-indicator').count();
  const retired = await g1.getByTestId('asf-indicator').last().getByTestId('asf-code').inputValue();
  await g1.getByTestId('asf-indicator').last().getByTestId('asf-retire').click();
  await expect(g1.getByTestId('asf-indicator')).toHaveCount(before - 1);
  await g1.getByTestId('asf-add-indicator').click();
  const added = g1.getByTestId('asf-indicator').last();
  await added.getByTestId('asf-code').fill('1.20');
  await added.getByTestId('asf-text').fill('Có nước uống sạch cho học sinh');
  // levels added to it and taken off again: it has no sub-scale
  await added.getByTestId('asf-ind-levels-add').click();
  await expect(added.getByTestId('asf-level')).toHaveCount(2);
  await added.getByTestId('asf-ind-levels-remove').click();
  await expect(added.getByTestId('asf-ind-levels')).toHaveCount(0);
  await expect(added.getByTestId('asf-ind-levels-add')).toBeVisible();

  // a duplicate code is refused in Vietnamese and nothing is saved; then fixed
  consoleGuard.expectHttpError(`/api/v1/assessment-frameworks/${draftId}/definition`, 422, 'a duplicate indicator code is refused');
  await added.getByTestId('asf-code').fill(code4);
  await page.getByTestId('asf-save').click();
  await expect(page.getByTestId('asf-error')).toContainText(`Mã trùng: ${code4}`);
  await added.getByTestId('asf-code').fill('1.20');

  // a new group, moved up above the last one and back down
  await page.getByTestId('asf-add-group').click();
  const groups = page.getByTestId('asf-group');
  const n = await groups.count();
  await groups.last().getByTestId('asf-group-name').fill('Phòng, chống thiên tai (thử)');
  await groups.last().getByTestId('asf-group-up').click();
  await expect(groups.nth(n - 2).getByTestId('asf-group-name')).toHaveValue('Phòng, chống thiên tai (thử)');
  await groups.nth(n - 2).getByTestId('asf-group-down').click();
  await expect(groups.last().getByTestId('asf-group-name')).toHaveValue('Phòng, chống thiên tai (thử)');

  // the new group: a sub-group with its own indicator, and sub-indicators (parts) of its first indicator
  const last = groups.last();
  const lastCode = await last.getByTestId('asf-group-code').first().inputValue();
  await last.getByTestId('asf-add-subgroup').first().click();
  const sub = last.getByTestId('asf-subgroup');
  await expect(sub).toHaveCount(1);
  await sub.getByTestId('asf-group-name').fill('Diễn tập sơ tán');
  await sub.getByTestId('asf-indicator').first().getByTestId('asf-text').fill('Tổ chức diễn tập sơ tán ít nhất một lần mỗi năm');
  await sub.getByTestId('asf-add-indicator').click();
  await expect(sub.getByTestId('asf-indicator')).toHaveCount(2);
  await sub.getByTestId('asf-indicator').last().getByTestId('asf-retire').click();
  await expect(sub.getByTestId('asf-indicator')).toHaveCount(1);
  const parent = last.getByTestId('asf-indicator').first();
  await parent.getByTestId('asf-add-part').click();
  await parent.getByTestId('asf-add-part').click();
  await expect(parent.getByTestId('asf-part')).toHaveCount(2);
  await expect(parent.getByTestId('asf-type').first()).toBeDisabled();
  await parent.getByTestId('asf-part').nth(1).getByTestId('asf-text').fill('Có bản đồ thoát hiểm ở mỗi tầng');
  await parent.getByTestId('asf-part').nth(1).getByTestId('asf-up').click();
  await expect(parent.getByTestId('asf-part').first().getByTestId('asf-text')).toHaveValue('Có bản đồ thoát hiểm ở mỗi tầng');

  // the result: the pass rule's share, count and mandatory criteria; levels tried and their order checked live
  const result = page.getByTestId('asf-result');
  await expect(result.getByTestId('asf-pass-percent')).toHaveValue('80 %');
  await result.getByTestId('asf-pass-all-mandatory').click();
  await result.getByTestId('asf-pass-mandatory').fill('3');
  await result.getByTestId('asf-pass-all-mandatory').click();
  await expect(result.getByTestId('asf-pass-mandatory')).toHaveCount(0);
  await result.getByTestId('asf-pass-count').fill('12');
  await result.getByTestId('asf-fail-label').fill('Chưa đạt');
  await result.getByTestId('asf-result-kind').click();
  await page.getByRole('option', { name: 'Xếp mức theo điểm' }).click();
  await expect(result.getByTestId('asf-level')).toHaveCount(3);
  await result.getByTestId('asf-level-min').last().fill('40');
  await expect(page.getByTestId('asf-problems')).toContainText('các ngưỡng phải tăng dần');
  await result.getByTestId('asf-level-min').last().fill('80');
  await expect(page.getByTestId('asf-problems')).toHaveCount(0);
  await result.getByTestId('asf-level-add').click();
  await expect(result.getByTestId('asf-level')).toHaveCount(4);
  await result.getByTestId('asf-level-remove').last().click();
  await result.getByTestId('asf-level-inclusive').last().click();
  await result.getByTestId('asf-result-per').click();
  await page.getByRole('option', { name: 'Theo tổng điểm' }).click();
  // back to the pass rule (the circular's): 90% of the criteria and every mandatory one
  await result.getByTestId('asf-result-kind').click();
  await page.getByRole('option', { name: 'Đạt / không đạt theo số tiêu chí' }).click();
  await result.getByTestId('asf-pass-percent').fill('90');

  const saved = page.waitForResponse((r) => r.url().endsWith('/definition') && r.request().method() === 'PUT');
  await page.getByTestId('asf-save').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('asf-dirty')).toHaveCount(0);

  // reloaded: the indicator's levels are what was saved
  await page.reload();
  const ind4 = page.locator(`[data-testid="asf-indicator"][data-code="${code4}"]`);
  await expect(ind4.getByTestId('asf-level')).toHaveCount(2);
  await expect(ind4.getByTestId('asf-level-label').nth(1)).toHaveValue('Đạt một phần');
  await expect(ind4.getByTestId('asf-level-min')).toHaveValue('1.5');
  await expect(ind4.getByTestId('asf-level-inclusive')).not.toBeChecked();

  const pub = page.waitForResponse((r) => r.url().endsWith('/publish'));
  await page.getByTestId('asf-publish').click();
  expect((await pub).status()).toBe(200);
  await expect(page.getByTestId('asf-state')).toHaveText('Đã công bố', { timeout: 60_000 });
  await expect(page.getByTestId('asf-frozen')).toBeVisible();
  // published: the indicator's levels are read-only
  await expect(ind4.getByTestId('asf-level-min')).toBeDisabled();
  await expect(ind4.getByTestId('asf-level-label').first()).toBeDisabled();
  await expect(ind4.getByTestId('asf-level-add')).toHaveCount(0);
  await expect(ind4.getByTestId('asf-ind-levels-remove')).toHaveCount(0);
  await expect(page.getByTestId('asf-ind-levels-add')).toHaveCount(0);

  // what was published is what was on the screen; the version it came from did not change
  const v = await (await page.request.get(`/api/v1/assessment-frameworks/${draftId}`)).json();
  expect(v.year).toBe(2027);
  const first = v.definition.groups[0];
  expect(first.name).toBe('Cơ sở vật chất an toàn (sửa)');
  expect(first.indicators[0]).toMatchObject({ type: 'choice', scoring: { kind: 'choice', options: [{ points: 0 }, { label: 'Đạt đầy đủ', points: 2 }] } });
  expect(first.indicators[1].scoring.bands).toHaveLength(3);
  expect(first.indicators[2]).toMatchObject({ code: code4, max: 2, scoring: { kind: 'yes', points: 2 }, evidence: 'Ảnh chụp và biên bản kiểm tra' });
  expect(first.indicators[2].levels).toEqual([
    { code: '1', label: 'Chưa đạt', min: null, inclusive: true, requiresMandatory: false },
    { code: '2', label: 'Đạt một phần', min: 1.5, inclusive: false, requiresMandatory: false },
  ]);
  expect(first.indicators.at(-1)).not.toHaveProperty('levels');
  expect(first.indicators.map((i: { code: string }) => i.code)).not.toContain(retired);
  expect(first.indicators.at(-1)).toMatchObject({ code: '1.20', text: 'Có nước uống sạch cho học sinh' });
  expect(v.definition.groups.at(-1).name).toBe('Phòng, chống thiên tai (thử)');
  expect(v.definition.groups.at(-1).groups).toMatchObject([{ code: `${lastCode}.2`, name: 'Diễn tập sơ tán', indicators: [{ text: 'Tổ chức diễn tập sơ tán ít nhất một lần mỗi năm' }] }]);
  expect(v.definition.groups.at(-1).indicators[0].parts.map((p: { text: string }) => p.text)[0]).toBe('Có bản đồ thoát hiểm ở mỗi tầng');
  expect(v.definition.result).toEqual({ kind: 'pass', minPercent: 90, minMet: null, mandatory: 'all', passLabel: 'Đạt', failLabel: 'Không đạt' });
  expect((await (await page.request.get(`/api/v1/assessment-frameworks/${publishedId}`)).json()).definition).toEqual(published.definition);

  // on a phone the editor does not scroll sideways
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('asf-editor')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // a draft in English on the phone: sub-groups, sub-indicators and the pass rule read in English and fit
  const copy2 = await page.request.post(`/api/v1/assessment-frameworks/${draftId}/copy`, { headers: { origin: ORIGIN }, data: {} });
  expect(copy2.status()).toBe(201);
  await page.evaluate(() => localStorage.setItem('kn.lang', 'en'));
  await page.goto(`/danh-gia/bo-chi-so/${(await copy2.json()).id}`);
  await expect(page.getByTestId('asf-state')).toHaveText('Draft');
  await expect(page.getByTestId('asf-result')).toContainText('Result: levels and thresholds, or a pass rule');
  await expect(page.getByTestId('asf-result')).toContainText('Every mandatory criterion met');
  await expect(page.getByTestId('asf-add-subgroup').first()).toHaveText('+ Add a sub-group');
  await expect(page.getByTestId('asf-subgroup').first()).toContainText('Sub-group name');
  await expect(page.getByTestId('asf-parts').first()).toContainText('2 sub-indicators');
  await expect(page.getByTestId('asf-ind-levels').first()).toContainText('The indicator\'s levels (by its points, at most 2)');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.evaluate(() => localStorage.removeItem('kn.lang'));
});
