import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

/**
 * A refused file among good ones: the form names the refused file and why, keeps the other files
 * and what was typed, and sends once the refused one is taken out. Real images: JPEGs made here,
 * and one cut short (its header says JPEG, its pixels cannot be read: only the server finds out).
 */

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a need with a good photo and a damaged one: the damaged one is named, the good one stays, sending without it succeeds', async ({ page, consoleGuard }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const title = `Tủ sách lớp học (ảnh ${stamp})`;
  const good = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 30, g: 140, b: 90 } } }).jpeg({ quality: 80 }).toBuffer();
  const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 60, b: 40 } } }).jpeg({ quality: 80 }).toBuffer();
  const damaged = whole.subarray(0, Math.floor(whole.length / 3));

  await signIn(page, ACCOUNTS.school);
  let creates = 0;
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'POST' && path === '/api/v1/needs') creates++;
    // the new need's id is known once its photos are sent: the damaged photo's 422 is on purpose
    if (r.method() === 'POST' && /^\/api\/v1\/needs\/[^/]+\/photos$/.test(path)) consoleGuard.expectHttpError(path, 422, 'a damaged photo is sent on purpose');
  });
  await page.goto('/nhu-cau/moi');
  await expect(page.getByRole('heading', { level: 1, name: 'Ghi nhu cầu mới' })).toBeVisible();
  await expect(page.getByTestId('need-form-school')).not.toHaveValue('');
  await pick(page, 'need-form-category', 'Thiết bị dạy học');
  await page.getByTestId('need-form-title').fill(title);
  await page.getByTestId('need-form-quantity').fill('4');
  await page.getByTestId('need-form-unit').fill('tủ');
  await page.getByTestId('need-form-cost').fill('12.000.000');

  // a file that is not an image is refused here, by its name, and the good photo stays chosen
  const photos = page.getByTestId('need-form-photos');
  await photos.setInputFiles([
    { name: 'tu-sach-cu.jpg', mimeType: 'image/jpeg', buffer: good },
    { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải ảnh') },
  ]);
  const list = page.getByTestId('need-form-photos-list');
  const row = (name: string) => list.locator(`[data-testid="file-row"][data-file="${name}"]`);
  await expect(row('ghi-chu.txt')).toHaveAttribute('data-refused', 'true');
  await expect(row('ghi-chu.txt').getByTestId('file-problem')).toHaveText('Tệp "ghi-chu.txt" không phải ảnh JPG, PNG, WEBP hoặc HEIC');
  await expect(row('tu-sach-cu.jpg')).toHaveAttribute('data-refused', 'false');
  await row('ghi-chu.txt').getByRole('button', { name: 'Bỏ tệp "ghi-chu.txt"' }).click();
  await expect(list.getByTestId('file-row')).toHaveCount(1);

  // a damaged photo passes the check here; the server refuses it by its name and nothing is stored
  await photos.setInputFiles({ name: 'tu-sach-vo.jpg', mimeType: 'image/jpeg', buffer: damaged });
  await expect(list.getByTestId('file-row')).toHaveCount(2);
  const refused = page.waitForResponse((r) => /\/api\/v1\/needs\/[^/]+\/photos$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('need-form-save').click();
  const refusedRes = await refused;
  expect(refusedRes.status()).toBe(422);
  expect((await refusedRes.json()).title).toBe('Ảnh "tu-sach-vo.jpg" bị hỏng hoặc không đọc được');
  await expect(page.getByRole('alert').filter({ hasText: 'Ảnh "tu-sach-vo.jpg" bị hỏng hoặc không đọc được' }).first()).toBeVisible();
  await expect(row('tu-sach-vo.jpg')).toHaveAttribute('data-refused', 'true');
  await expect(row('tu-sach-vo.jpg').getByTestId('file-problem')).toContainText('tu-sach-vo.jpg');
  // the good photo and what was typed are still there
  await expect(row('tu-sach-cu.jpg')).toHaveAttribute('data-refused', 'false');
  await expect(page.getByTestId('need-form-title')).toHaveValue(title);
  await expect(page.getByTestId('need-form-photos-kept')).toContainText('Các tệp khác vẫn được giữ');
  await expect(page.getByTestId('need-saved')).toHaveCount(0);

  // without the damaged one, sending succeeds: the same need (not a second one) gets the good photo
  await row('tu-sach-vo.jpg').getByTestId('file-remove').click();
  await expect(list.getByTestId('file-row')).toHaveCount(1);
  const updated = page.waitForResponse((r) => /\/api\/v1\/needs\/[^/]+$/.test(r.url()) && r.request().method() === 'PATCH');
  const stored = page.waitForResponse((r) => /\/api\/v1\/needs\/[^/]+\/photos$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('need-form-save').click();
  expect((await updated).status()).toBe(200);
  const storedRes = await stored;
  expect(storedRes.status()).toBe(201);
  expect((await storedRes.json()).items).toHaveLength(1);
  await expect(page.getByTestId('need-saved')).toBeVisible();
  expect(creates).toBe(1);
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

test('the donor\'s papers: a refused file is named (here and by the server), the others stay, and they are sent without it', async ({ page, consoleGuard }) => {
  await signIn(page, ACCOUNTS.donor);
  const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()) as { user: { organisation: { id: string } } });
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'POST' && /\/documents$/.test(path)) consoleGuard.expectHttpError(path, 422, 'a file that only looks like a PDF is sent on purpose');
  });
  await page.goto(`/nha-tai-tro/${me.user.organisation.id}`);
  const input = page.getByTestId('donor-document-input');
  await input.setInputFiles([
    { name: 'giay-phep-kiem-tra.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải giấy tờ') },
  ]);
  const list = page.getByTestId('donor-document-input-list');
  const row = (name: string) => list.locator(`[data-testid="file-row"][data-file="${name}"]`);
  await expect(row('ghi-chu.txt').getByTestId('file-problem')).toHaveText('Tệp "ghi-chu.txt" không phải ảnh (JPG, PNG, WEBP, HEIC) hoặc PDF');
  await expect(row('giay-phep-kiem-tra.pdf')).toHaveAttribute('data-refused', 'false');
  await expect(page.getByTestId('donor-document-upload')).toBeDisabled();
  await row('ghi-chu.txt').getByTestId('file-remove').click();

  // a file named .pdf whose bytes are not a PDF passes here; the server names it and stores nothing
  await input.setInputFiles({ name: 'ban-chup.pdf', mimeType: 'application/pdf', buffer: Buffer.from('không phải PDF') });
  await expect(list.getByTestId('file-row')).toHaveCount(2);
  const refused = page.waitForResponse((r) => /\/documents$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('donor-document-upload').click();
  expect((await refused).status()).toBe(422);
  await expect(row('ban-chup.pdf')).toHaveAttribute('data-refused', 'true');
  await expect(row('ban-chup.pdf').getByTestId('file-problem')).toContainText('ban-chup.pdf');
  await expect(row('giay-phep-kiem-tra.pdf')).toHaveAttribute('data-refused', 'false');
  await row('ban-chup.pdf').getByTestId('file-remove').click();

  const stored = page.waitForResponse((r) => /\/documents$/.test(r.url()) && r.request().method() === 'POST');
  await page.getByTestId('donor-document-upload').click();
  const storedRes = await stored;
  expect(storedRes.status()).toBe(201);
  await expect(page.getByTestId('donor-document').filter({ hasText: 'giay-phep-kiem-tra.pdf' }).first()).toBeVisible();
  await expect(list).toHaveCount(0);
});

test('an agreement\'s document and an import\'s sheet: one file, named when refused, replaced by the next one chosen', async ({ page }) => {
  await signIn(page, ACCOUNTS.department);
  await page.goto('/van-ban-ky-ket');
  await page.getByTestId('agreement-add').click();
  const doc = page.getByTestId('agreement-document');
  await doc.setInputFiles({ name: 'bien-ban.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải văn bản') });
  const docs = page.getByTestId('agreement-document-list').getByTestId('file-row');
  await expect(docs).toHaveCount(1);
  await expect(docs.first()).toHaveAttribute('data-refused', 'true');
  await expect(docs.first().getByTestId('file-problem')).toHaveText('Tệp "bien-ban.txt" không phải ảnh (JPG, PNG, WEBP, HEIC) hoặc PDF');
  await doc.setInputFiles({ name: 'van-ban-ky-ket.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(docs).toHaveCount(1);
  await expect(docs.first()).toHaveAttribute('data-file', 'van-ban-ky-ket.pdf');
  await expect(docs.first()).toHaveAttribute('data-refused', 'false');

  let imports = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/schools/import') imports++;
  });
  await page.goto('/nhap-du-lieu');
  const sheet = page.getByTestId('import-file');
  await sheet.setInputFiles({ name: 'truong-hoc.txt', mimeType: 'text/plain', buffer: Buffer.from('ma,ten\n') });
  const rows = page.getByTestId('import-file-list').getByTestId('file-row');
  await expect(rows.first().getByTestId('file-problem')).toHaveText('Tệp "truong-hoc.txt" không phải tệp .xlsx hoặc .csv');
  // refused here: nothing is sent
  await page.getByTestId('import-submit').click();
  await expect(rows.first()).toHaveAttribute('data-refused', 'true');
  expect(imports).toBe(0);
  await sheet.setInputFiles({ name: 'truong-hoc.csv', mimeType: 'text/csv', buffer: Buffer.from('ma,ten\n') });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-file', 'truong-hoc.csv');
  await expect(rows.first()).toHaveAttribute('data-refused', 'false');
  await expect(page.getByTestId('import-file-button')).toContainText('truong-hoc.csv');
});
