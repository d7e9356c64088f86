import { expect, test } from './support/fixtures';
import { ACCOUNTS, ROLE_LABELS, apiGet, mainNav, signIn, type DemoRole } from './support/app';

// Journey 1: each demo role signs in through the form, sees its role in the user menu and only
// the controls its role may use, then signs out.

const MANAGERS: DemoRole[] = ['admin', 'ministry', 'department'];

for (const role of Object.keys(ACCOUNTS) as DemoRole[]) {
  const email = ACCOUNTS[role];
  const manages = MANAGERS.includes(role);

  test(`sign in as ${role} (${email}): role label, role-gated UI, sign out`, async ({ page }) => {
    await signIn(page, email);
    // back to the home page after signing in
    await expect(page).toHaveURL(/\/$/);

    const menu = page.getByTestId('user-menu');
    await expect(menu.getByTestId('user-role')).toHaveText(ROLE_LABELS[role]);
    await expect(menu).toHaveAccessibleName(new RegExp(`— ${ROLE_LABELS[role]}$`));

    // the import page is offered only to the administrator, the Ministry and Departments
    const nav = mainNav(page);
    const importLink = nav.getByRole('link', { name: 'Nhập dữ liệu' });
    if (manages) await expect(importLink).toBeVisible();
    else await expect(importLink).toHaveCount(0);

    // "Thêm trường" on the school list, for the same roles
    await nav.getByRole('link', { name: 'Trường học' }).click();
    await expect(page).toHaveURL(/\/truong-hoc$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Trường học' })).toBeVisible();
    await expect(page.getByTestId('school-table')).toBeVisible();
    const add = page.getByTestId('school-add');
    if (manages) await expect(add).toHaveText('Thêm trường');
    else await expect(add).toHaveCount(0);

    // the import page itself refuses the other roles
    if (!manages) {
      await page.goto('/nhap-du-lieu/truong-hoc');
      await expect(page.getByText('Chỉ Quản trị hệ thống, Điều phối Bộ và Cán bộ Sở được nhập dữ liệu.')).toBeVisible();
      await expect(page.getByTestId('import-file')).toHaveCount(0);
    }

    // the menu names the account; sign out from it
    await page.getByTestId('user-menu').click();
    await expect(page.getByRole('menu')).toContainText(email);
    if (role === 'department') await expect(page.getByTestId('user-organisation')).toContainText('Điện Biên');
    const signOut = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-out'));
    await page.getByTestId('signout').click();
    expect((await signOut).status()).toBe(204);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('signin-link')).toBeVisible();
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
    await expect(mainNav(page).getByRole('link', { name: 'Nhập dữ liệu' })).toHaveCount(0);
    // and the session is gone on the server too
    expect(await apiGet<{ user: unknown }>(page, '/api/v1/auth/me')).toEqual({ user: null });
  });
}

test('a wrong password shows the Vietnamese error and leaves the visitor signed out', async ({ page, consoleGuard }) => {
  consoleGuard.expectHttpError('/api/v1/auth/sign-in', 401, 'the wrong password is refused: that is what this journey checks');
  await page.goto('/dang-nhap');
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeVisible();
  await page.getByTestId('signin-email').fill(ACCOUNTS.donor);
  await page.getByTestId('signin-password').fill('sai-mat-khau');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in'));
  await page.getByTestId('signin-submit').click();
  expect((await answer).status()).toBe(401);
  await expect(page.getByTestId('signin-error')).toHaveText('E-mail hoặc mật khẩu không đúng');
  await expect(page).toHaveURL(/\/dang-nhap$/);
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await expect(page.getByTestId('signin-link')).toBeVisible();
});

test('the sign-in form checks its fields before sending anything', async ({ page }) => {
  let sent = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/sign-in')) sent++;
  });
  await page.goto('/dang-nhap');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByText('Nhập e-mail', { exact: true })).toBeVisible();
  await expect(page.getByText('Nhập mật khẩu', { exact: true })).toBeVisible();
  await page.getByTestId('signin-email').fill('khong-phai-email');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByText('E-mail không hợp lệ', { exact: true })).toBeVisible();
  expect(sent).toBe(0);
});
