import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, DEMO_PASSWORD, ORIGIN, signIn } from './support/app';

/**
 * Donor vetting with something to vet: a company registers with its tax code, the role of its
 * contact person and references, then uploads its business registration; the Ministry's vetting
 * board opens the donor's page, sees all of it and downloads the paper. And photos on a weak
 * connection: the public portal's need cards load the thumbnail, not the original.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const VETTING_BOARD = 'thamdinh@ketnoi.demo';

async function apiSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.context().clearCookies();
  const r = await page.request.post('/api/v1/auth/sign-in', { data: { email, password }, headers: { origin: ORIGIN } });
  expect(r.status(), `sign-in of ${email}`).toBe(200);
  return (await r.json()).user as { organisation: { id: string } };
}

test('a donor registers with tax code, references and papers; the vetting board sees them all', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const email = `csr.${stamp}@congty-e2e.vn`;
  // a valid tax code made for this run: nine digits and their check digit
  const nine = String(100_000_000 + (Date.now() % 800_000_000)).padStart(9, '0').slice(-9);
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  let prefix = nine;
  const check = (p: string) => 10 - (weights.reduce((a, w, i) => a + w * Number(p[i]), 0) % 11);
  while (check(prefix) === 10) prefix = String(Number(prefix) + 1).padStart(9, '0');
  const taxCode = `${prefix}${check(prefix)}`;
  const wrong = `${prefix}${(check(prefix) + 1) % 10}`;

  await page.goto('/nha-tai-tro/dang-ky');
  const form = page.getByTestId('donor-register');
  await page.getByTestId('donor-name').fill(`Công ty Cổ phần Thử Nghiệm ${stamp}`);
  await page.getByTestId('donor-tax-code').fill(wrong);
  await page.getByTestId('donor-contact-role').fill('Trưởng phòng Trách nhiệm xã hội');
  await page.getByTestId('donor-references').fill('Tài trợ 120 bộ bàn ghế cho trường ở Mường Nhé (2024)\nHội Khuyến học tỉnh Điện Biên có thể xác nhận');
  await page.getByTestId('donor-display-name').fill('Phụ trách CSR');
  await page.getByTestId('donor-email').fill(email);
  await page.getByTestId('donor-password').fill('mat-khau-dai-2026');
  await page.getByTestId('donor-register-submit').click();
  // the wrong check digit is caught on the form, before anything is sent
  await expect(form).toContainText('Mã số thuế không hợp lệ');
  await page.getByTestId('donor-tax-code').fill(taxCode);
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/donors/register'));
  await page.getByTestId('donor-register-submit').click();
  expect((await sent).status()).toBe(202);
  await expect(page.getByTestId('donor-register-sent')).toBeVisible();

  // the donor signs in and uploads its business registration on its profile
  await signIn(page, email, 'mat-khau-dai-2026');
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const donorId = me.user.organisation.id as string;
  await page.goto(`/nha-tai-tro/${donorId}`);
  const file = page.getByTestId('donor-vetting-file');
  await expect(file.getByTestId('donor-contact-role-value')).toContainText('Trưởng phòng Trách nhiệm xã hội');
  await expect(file.getByTestId('donor-documents')).toContainText('Chưa có giấy tờ nào');
  await page.getByTestId('donor-document-input').setInputFiles({ name: 'giay-chung-nhan-dkdn.pdf', mimeType: 'application/pdf', buffer: PDF });
  const uploaded = page.waitForResponse((r) => r.url().endsWith(`/api/v1/donors/${donorId}/documents`));
  await page.getByTestId('donor-document-upload').click();
  expect((await uploaded).status()).toBe(201);
  await expect(file.getByTestId('donor-document')).toHaveText('giay-chung-nhan-dkdn.pdf');

  // the vetting board opens the donor's page: role, tax code, references, the paper to download
  await page.context().clearCookies();
  await signIn(page, VETTING_BOARD);
  await page.goto(`/nha-tai-tro/${donorId}`);
  await expect(page.getByTestId('donor-vetting')).toHaveAttribute('data-status', 'pending');
  await expect(page.getByText(taxCode, { exact: true })).toBeVisible();
  await expect(file.getByTestId('donor-contact-role-value')).toContainText('Trưởng phòng Trách nhiệm xã hội');
  await expect(file.getByTestId('donor-references-value')).toContainText('Tài trợ 120 bộ bàn ghế cho trường ở Mường Nhé (2024)');
  await expect(file.getByTestId('donor-references-value')).toContainText('Hội Khuyến học tỉnh Điện Biên có thể xác nhận');
  const link = file.getByTestId('donor-document');
  await expect(link).toHaveAttribute('data-kind', 'business_registration');
  const download = await page.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  // the board does not edit the donor's file
  await expect(page.getByTestId('donor-vetting-edit')).toHaveCount(0);

  // another donor can neither download the paper nor read the profile
  const href = (await link.getAttribute('href'))!;
  await page.context().clearCookies();
  await apiSignIn(page, ACCOUNTS.donor);
  expect((await page.request.get(href)).status()).toBe(403);
  expect((await page.request.get(`/api/v1/donors/${donorId}`)).status()).toBe(403);
});

test('the public portal\'s need cards load the photo\'s thumbnail, not the original', async ({ page }) => {
  test.setTimeout(120_000);
  // the school records a need with a phone-sized photo; the Department verifies and publishes it
  const school = await apiSignIn(page, ACCOUNTS.school);
  const schoolId = school.organisation.id;
  const post = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: ORIGIN } });
  const need = await post('/api/v1/needs', { schoolId, category: 'equipment', title: `Tủ sách lớp học (ảnh ${Date.now().toString(36)})`, quantity: 4, unit: 'chiếc', estimatedCost: 8_000_000, priority: 'normal' });
  expect(need.status()).toBe(201);
  const needId = (await need.json()).id as string;
  const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 120, g: 140, b: 90 }, noise: { type: 'gaussian', mean: 120, sigma: 30 } } }).jpeg({ quality: 85 }).toBuffer();
  const up = await page.request.post(`/api/v1/needs/${needId}/photos`, { multipart: { files: { name: 'IMG_3001.jpg', mimeType: 'image/jpeg', buffer: photo } }, headers: { origin: ORIGIN } });
  expect(up.status()).toBe(201);
  const photoId = (await up.json()).items[0].id as string;
  expect((await post(`/api/v1/needs/${needId}/transitions`, { action: 'submit' })).status()).toBe(200);
  await apiSignIn(page, ACCOUNTS.department);
  expect((await post(`/api/v1/needs/${needId}/transitions`, { action: 'verify' })).status()).toBe(200);
  expect((await post(`/api/v1/needs/${needId}/transitions`, { action: 'publish' })).status()).toBe(200);

  // signed out, on the school's public page
  await page.context().clearCookies();
  await page.goto(`/cong-khai/truong/${schoolId}`);
  const card = page.locator(`[data-testid="need-card"][data-need-id="${needId}"]`);
  await card.scrollIntoViewIfNeeded();
  const img = card.getByTestId('need-card-photo');
  await expect(img).toHaveAttribute('src', `/api/v1/files/${photoId}?variant=thumb`);
  await expect(img).toHaveAttribute('loading', 'lazy');
  expect(await img.getAttribute('srcset')).toContain(`/api/v1/files/${photoId}?variant=page 1280w`);
  // the browser loaded the thumbnail (320 px wide), far smaller than the original
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete ? el.currentSrc : ''))).toContain('variant=thumb');
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(320);
  const thumb = await page.request.get(`/api/v1/files/${photoId}?variant=thumb`, { headers: { accept: 'image/webp' } });
  expect(thumb.headers()['content-type']).toBe('image/webp');
  const bytes = (await thumb.body()).length;
  expect(bytes).toBeLessThan(photo.length / 10);
  console.info(`photo ${photo.length} bytes → thumbnail ${bytes} bytes`);
});
