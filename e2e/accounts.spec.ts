import { expect, test } from './support/fixtures';
import { ACCOUNTS, DIEN_BIEN, apiGet, apiPost, signIn, type SchoolPage } from './support/app';
import { mailTo } from './support/mail';

// An administrator invites a school's principal from the accounts page; the invitation e-mail
// (captured by the SMTP server e2e/support/serve.mjs runs) carries a one-time link; the principal
// opens it, chooses a password, signs in and lands on the home page as the school's account.

test('an administrator invites a school principal who sets a password from the e-mail and lands on the home page signed in as the school', async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.admin);
  const schools = await apiGet<SchoolPage>(page, `/api/v1/schools?provinceCode=${DIEN_BIEN}&limit=5`);
  const school = schools.items[2];
  const email = `hieutruong.${Date.now()}@truong.test`;

  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-accounts').click();
  await page.getByTestId('account-invite').click();
  const form = page.getByTestId('account-invite-form');
  await form.getByTestId('account-email').fill(email);
  await form.getByTestId('account-name').fill('Hiệu trưởng');
  await form.getByTestId('account-role').click();
  await page.getByRole('option', { name: 'Cán bộ trường' }).click();
  await form.getByTestId('account-organisation').fill(school.name);
  await page.getByRole('option', { name: school.name, exact: true }).click();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
  await form.getByTestId('account-save').click();
  expect((await created).status()).toBe(201);
  await expect(page.getByText(`Đã gửi thư mời tới ${email}`)).toBeVisible();
  // the new account is listed as waiting for its password
  await page.getByTestId('accounts-search').fill(email);
  const row = page.locator(`[data-testid="account-row"][data-email="${email}"]`);
  await expect(row.getByTestId('account-invited')).toBeVisible();

  const mail = await mailTo(email);
  expect(mail.subject).toContain('KếtNối');
  const link = /\/kich-hoat\?ma=[A-Za-z0-9_-]{40,}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();

  // the principal, in a browser of their own
  const context = await browser.newContext();
  const principal = await context.newPage();
  await principal.goto(link!);
  await expect(principal.getByRole('heading', { name: 'Kích hoạt tài khoản' })).toBeVisible();
  await principal.getByTestId('reset-new').fill('Mat-khau-hieu-truong-2026');
  await principal.getByTestId('reset-repeat').fill('Mat-khau-hieu-truong-2026');
  const confirmed = principal.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password-reset/confirm'));
  await principal.getByTestId('reset-submit').click();
  expect((await confirmed).status()).toBe(204);
  await expect(principal).toHaveURL(/\/dang-nhap$/);
  await signIn(principal, email, 'Mat-khau-hieu-truong-2026');
  await expect(principal).toHaveURL(/\/$/);
  // the school's home: its own school first, and what waits for it
  await expect(principal.getByTestId('home-organisation')).toHaveText(school.name);
  await expect(principal.getByTestId('home-section').first()).toBeVisible();
  // the account is the school's: its name shows with the account
  await principal.getByTestId('user-menu').click();
  await expect(principal.getByTestId('user-organisation')).toHaveText(school.name);
  await principal.keyboard.press('Escape');

  // the link works once
  await principal.goto(link!);
  await principal.getByTestId('reset-new').fill('Mat-khau-khac-2026x');
  await principal.getByTestId('reset-repeat').fill('Mat-khau-khac-2026x');
  await principal.getByTestId('reset-submit').click();
  await expect(principal.getByText('Mã đặt lại mật khẩu không hợp lệ, đã dùng hoặc đã hết hạn').first()).toBeVisible();
  await context.close();

  // the invitation is in the audit log
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-audit').click();
  await page.getByTestId('audit-entity').fill('account');
  await expect(page.getByTestId('audit-row').filter({ hasText: 'invite' }).first()).toBeVisible();
});

test('"Quên mật khẩu" from the sign-in page: the e-mailed code sets a new password once, and the answer is the same for an unknown address', async ({ page }) => {
  // an account with a known password, made by the administrator
  await signIn(page, ACCOUNTS.admin);
  const email = `quenmatkhau.${Date.now()}@truong.test`;
  const school = (await apiGet<SchoolPage>(page, `/api/v1/schools?provinceCode=${DIEN_BIEN}&limit=5`)).items[3];
  const made = await apiPost(page, '/api/v1/accounts', { email, displayName: 'Cán bộ trường quên mật khẩu', role: 'school', organisationId: school.id, password: 'Mat-khau-cu-2026x' });
  expect(made.status()).toBe(201);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('signout').click();
  await expect(page.getByTestId('signin-link')).toBeVisible();

  for (const address of ['khong.co.ai@truong.test', email]) {
    await page.goto('/dang-nhap');
    await page.getByTestId('signin-forgot').click();
    await page.getByTestId('forgot-email').fill(address);
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password-reset'));
    await page.getByTestId('forgot-submit').click();
    expect((await asked).status()).toBe(202);
    await expect(page.getByTestId('reset-sent')).toBeVisible();
  }
  const mail = await mailTo(email);
  const link = /\/dat-lai-mat-khau\?ma=[A-Za-z0-9_-]{40,}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  await page.goto(link!);
  await page.getByTestId('reset-new').fill('Mat-khau-moi-2026x');
  await page.getByTestId('reset-repeat').fill('Mat-khau-moi-2026x');
  await page.getByTestId('reset-submit').click();
  await expect(page).toHaveURL(/\/dang-nhap$/);
  await signIn(page, email, 'Mat-khau-moi-2026x');
  // the owner sees the sign-in on its own account page
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-change-password').click();
  await expect(page.getByTestId('own-sign-ins').getByTestId('sign-in-row').first()).toContainText('Thành công');
});
