import { expect, test } from './support/fixtures';
import { ACCOUNTS, DIEN_BIEN, apiGet, signIn } from './support/app';

// An administrator imports area flags: a file with a bad row is refused whole with the row's
// reason; the fixed file sets the flags, which the area browser then shows.

interface Commune { code: string; name: string; flags: string[] }

test('administrator imports area flags, all or nothing', async ({ page, consoleGuard }) => {
  consoleGuard.expectHttpError('/api/v1/areas/flags/import', 422, 'the first file has an unknown code and an unknown flag on purpose');
  await signIn(page, ACCOUNTS.admin);
  const communes = (await apiGet<{ items: Commune[] }>(page, `/api/v1/areas/provinces/${DIEN_BIEN}/communes`)).items;
  const target = communes.find((c) => !c.flags.includes('industrial_zone'))!;

  await page.goto('/nhap-du-lieu');
  const panel = page.getByTestId('flags-import');
  await expect(panel).toBeVisible();
  const bad = `Mã,Đặc điểm\n${target.code},Biên giới|Khu công nghiệp\n99999,biên giới\n${communes[1].code},sao hỏa\n`;
  await panel.getByTestId('flags-import-file').setInputFiles({ name: 'dac-diem.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await panel.getByTestId('flags-import-submit').click();
  const errors = panel.getByTestId('import-errors').locator('tbody tr');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('3');
  await expect(errors.nth(0)).toContainText('99999');
  await expect(errors.nth(1)).toContainText('sao hỏa');
  // nothing written
  const still = (await apiGet<{ items: Commune[] }>(page, `/api/v1/areas/provinces/${DIEN_BIEN}/communes`)).items.find((c) => c.code === target.code)!;
  expect(still.flags).not.toContain('industrial_zone');

  const good = `Mã,Đặc điểm\n${target.code},Biên giới; Khu công nghiệp\n`;
  await panel.getByTestId('flags-import-file').setInputFiles({ name: 'dac-diem.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await panel.getByTestId('flags-import-submit').click();
  await expect(panel.getByTestId('flags-import-success')).toContainText('1');
  const after = (await apiGet<{ items: Commune[] }>(page, `/api/v1/areas/provinces/${DIEN_BIEN}/communes`)).items.find((c) => c.code === target.code)!;
  expect(after.flags).toEqual(['border', 'industrial_zone']);
});

test('the import of area flags is offered to administrators only', async ({ page }) => {
  await signIn(page, ACCOUNTS.department);
  await page.goto('/nhap-du-lieu');
  await expect(page.getByTestId('import-submit')).toBeVisible();
  await expect(page.getByTestId('flags-import')).toHaveCount(0);
});
