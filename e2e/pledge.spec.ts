import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { apiGet, apiPost, switchAccount } from './support/app';

/**
 * A money pledge from need to acceptance: a Điện Biên school asks for 120 million đồng of
 * classrooms; the Department verifies and publishes it in one step from its queue (oldest first);
 * the vetted donor pledges 70 million in money, is told before submitting that 80 million is too
 * much, then a second pledge of 50 million covers the need; the school confirms receipt of both
 * with a photo; the Department accepts them; the need is delivered and the school accepts it.
 */

const SCHOOL = 'truong.dienbien@ketnoi.demo';
const DEPT = 'so.dienbien@ketnoi.demo';
const DONOR = 'nhataitro@ketnoi.demo';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type NeedView = { id: string; status: string; pledgedShare: number; remainingValue: number; pledgeCount: number };

async function as(page: Page, email: string) {
  await switchAccount(page, email);
}

async function pledgeMoney(page: Page, needId: string, value: string) {
  await page.goto(`/nhu-cau/${needId}`);
  await page.getByTestId('pledge-button').click();
  const form = page.getByTestId('pledge-form');
  await form.getByTestId('pledge-form-kind').getByText('Tiền', { exact: true }).click();
  // money alone: no quantity to fill
  await expect(form.getByTestId('pledge-quantity')).toHaveCount(0);
  await form.getByTestId('pledge-value').fill(value);
  await form.getByTestId('pledge-description').fill('Ủng hộ xây phòng học');
  return form;
}

test('a money pledge moves the need from published to accepted', async ({ page }) => {
  test.setTimeout(240_000);
  const title = `Xây phòng học bán trú ${Date.now()}`;
  await as(page, SCHOOL);
  const me = await apiGet<{ user: { organisation: { id: string } } }>(page, '/api/v1/auth/me');
  const created = await apiPost(page, '/api/v1/needs', { schoolId: me.user.organisation.id, category: 'classroom', title, quantity: 4, unit: 'phòng', estimatedCost: 120_000_000, priority: 'urgent' });
  expect(created.status()).toBe(201);
  const needId = (await created.json()).id as string;
  expect((await apiPost(page, `/api/v1/needs/${needId}/transitions`, { action: 'submit' })).status()).toBe(200);

  // the Department's queue: verify, with "publish at once" ticked by default
  await as(page, DEPT);
  await page.goto('/nhu-cau/cho-xac-minh');
  await expect(page.getByTestId('need-verify-publish')).toBeChecked();
  const row = page.locator(`[data-testid="need-row"][data-need-id="${needId}"]`);
  await row.getByTestId('need-action-verify').click();
  await expect(row).toHaveCount(0);
  await page.getByTestId('need-queue-tab').getByText('Đã xác minh, chưa công bố').click();
  await expect(page.locator(`[data-testid="need-row"][data-need-id="${needId}"]`)).toHaveCount(0);
  expect((await apiGet<NeedView>(page, `/api/v1/needs/${needId}`)).status).toBe('published');

  // the donor pledges money: too much is refused before sending, then 70 + 50 million
  await as(page, DONOR);
  let form = await pledgeMoney(page, needId, '130.000.000');
  await form.getByTestId('pledge-submit').click();
  await expect(form.getByText(/Vượt phần còn thiếu \(120\.000\.000/)).toBeVisible();
  await form.getByTestId('pledge-value').fill('70.000.000');
  const first = page.waitForResponse((r) => r.url().endsWith('/api/v1/contributions') && r.request().method() === 'POST');
  await form.getByTestId('pledge-submit').click();
  expect((await first).status()).toBe(201);
  const firstId = (await (await first).json()).id as string;
  let need = await apiGet<NeedView>(page, `/api/v1/needs/${needId}`);
  expect(need).toMatchObject({ status: 'partly_pledged', remainingValue: 50_000_000, pledgeCount: 1 });
  form = await pledgeMoney(page, needId, '50.000.000');
  const second = page.waitForResponse((r) => r.url().endsWith('/api/v1/contributions') && r.request().method() === 'POST');
  await form.getByTestId('pledge-submit').click();
  expect((await second).status()).toBe(201);
  const secondId = (await (await second).json()).id as string;
  await page.goto(`/nhu-cau/${needId}`);
  await expect(page.getByTestId('need-progress')).toHaveAttribute('data-pledged', '1');
  await expect(page.getByTestId('pledge-button')).toHaveCount(0);

  // the school confirms receipt of each with a photo
  await as(page, SCHOOL);
  for (const id of [firstId, secondId]) {
    await page.goto(`/dong-gop/${id}`);
    const confirm = page.getByTestId('contribution-confirm-form');
    await confirm.getByTestId('contribution-confirm-file').setInputFiles({ name: 'bien-ban-ban-giao.png', mimeType: 'image/png', buffer: PNG });
    await confirm.getByTestId('contribution-confirm-note').fill('Đã nhận đủ tiền');
    const done = page.waitForResponse((r) => r.url().includes(`/api/v1/contributions/${id}/transitions`));
    await confirm.getByTestId('contribution-confirm-submit').click();
    expect((await done).status()).toBe(200);
  }
  need = await apiGet<NeedView>(page, `/api/v1/needs/${needId}`);
  expect(need.status).toBe('delivered');

  // the Department accepts the receipts
  await as(page, DEPT);
  for (const id of [firstId, secondId]) {
    await page.goto(`/dong-gop/${id}`);
    const done = page.waitForResponse((r) => r.url().includes(`/api/v1/contributions/${id}/transitions`));
    await page.getByTestId('contribution-action-accept').click();
    expect((await done).status()).toBe(200);
  }

  // the school accepts the need (nghiệm thu) with its evidence: no more 409
  await as(page, SCHOOL);
  await page.goto(`/nhu-cau/${needId}`);
  await page.getByTestId('need-action-accept').click();
  await page.getByTestId('need-accept-files').setInputFiles({ name: 'nghiem-thu.png', mimeType: 'image/png', buffer: PNG });
  const accepted = page.waitForResponse((r) => r.url().includes(`/api/v1/needs/${needId}/transitions`));
  await page.getByTestId('need-action-confirm').click();
  expect((await accepted).status()).toBe(200);
  expect((await apiGet<NeedView>(page, `/api/v1/needs/${needId}`)).status).toBe('accepted');
});
