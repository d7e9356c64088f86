import { expect, test } from './support/fixtures';
import { ACCOUNTS, apiPost, signIn } from './support/app';

// Actions that need a reason: the Department returns a need to its school, the vetting board
// rejects a donor. The dialog refuses an empty reason and the reason is kept on the record.

test('the Department returns a submitted need with a reason', async ({ page }) => {
  await signIn(page, ACCOUNTS.school);
  const me = (await (await page.request.get('/api/v1/auth/me')).json()).user;
  const created = await apiPost(page, '/api/v1/needs', { schoolId: me.organisation.id, category: 'toilet', title: 'Nhà vệ sinh cho điểm trường (trả lại)', quantity: 1, unit: 'khu', estimatedCost: 90_000_000, priority: 'high' });
  expect(created.status()).toBe(201);
  const need = await created.json();
  expect((await apiPost(page, `/api/v1/needs/${need.id}/transitions`, { action: 'submit' })).status()).toBe(200);

  await page.context().clearCookies();
  await signIn(page, ACCOUNTS.department);
  await page.goto('/nhu-cau/cho-xac-minh');
  const row = page.locator(`[data-testid="need-row"][data-need-id="${need.id}"]`);
  await row.getByTestId('need-action-return').click();
  await page.getByTestId('need-action-confirm').click();
  await expect(page.getByRole('dialog')).toContainText('Cần nêu lý do');
  await page.getByTestId('need-action-text').fill('Bổ sung ảnh hiện trạng và dự toán chi tiết');
  await page.getByTestId('need-action-confirm').click();
  await expect(row).toHaveCount(0);
  const after = await (await page.request.get(`/api/v1/needs/${need.id}`)).json();
  expect(after).toMatchObject({ status: 'returned', returnReason: 'Bổ sung ảnh hiện trạng và dự toán chi tiết' });
});

test('the vetting board rejects a donor only with a reason', async ({ page }) => {
  const email = `tu-choi-${Date.now()}@ketnoi.test`;
  const reg = await apiPost(page, '/api/v1/donors/register', { organisationName: 'Công ty Thử Từ Chối (mẫu)', donorType: 'business', email, password: 'mat-khau-dai-2026', displayName: 'Phụ trách tài trợ' });
  expect(reg.status()).toBe(202);
  const signedIn = await apiPost(page, '/api/v1/auth/sign-in', { email, password: 'mat-khau-dai-2026' });
  expect(signedIn.status()).toBe(200);
  const donor = { id: (await signedIn.json()).user.organisation.id as string };
  await page.context().clearCookies();
  await signIn(page, 'thamdinh@ketnoi.demo');
  await page.goto(`/nha-tai-tro/${donor.id}`);
  await page.getByTestId('donor-reject').click();
  await page.getByTestId('donor-vet-confirm').click();
  await expect(page.getByRole('dialog')).toContainText('Cần nêu lý do');
  await page.getByTestId('donor-vet-reason').fill('Chưa chứng minh được năng lực tài chính');
  await page.getByTestId('donor-vet-confirm').click();
  await expect(page.getByTestId('donor-vetting').first()).toHaveAttribute('data-status', 'rejected');
  const after = await (await page.request.get(`/api/v1/donors/${donor.id}`)).json();
  expect(after).toMatchObject({ vettingStatus: 'rejected', vettingReason: 'Chưa chứng minh được năng lực tài chính' });
});
