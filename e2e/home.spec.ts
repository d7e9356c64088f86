import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, type DemoRole, parseCount, signIn } from './support/app';

/**
 * Each demo role signs in and lands on its home with its sections; a count opens the list it
 * counts, filtered by the address, showing that many rows.
 */

const SECTIONS: Record<DemoRole, string[]> = {
  school: ['school', 'needs', 'receipts', 'twinning', 'tasks', 'assessments', 'schoolCases'],
  department: ['queue', 'verified', 'acceptance', 'idlePairs', 'reports', 'sponsorship'],
  donor: ['pledges', 'nearby'],
  ministry: ['tasks', 'reports'],
  admin: ['accounts', 'audit'],
  commune: ['queue', 'tasks', 'sponsorship'],
  unit: ['tasks'],
};

/** The number a list shows for what it holds, by the list the address opens. */
async function listed(page: Page, href: string): Promise<number> {
  if (href.startsWith('/nhu-cau')) return parseCount((await page.getByTestId('need-total').textContent({ timeout: 15_000 })) ?? '');
  if (href.startsWith('/dong-gop')) {
    await expect(page.getByTestId('contribution-filter-status')).toBeVisible();
    await page.waitForLoadState('networkidle');
    return page.getByTestId('contribution-row').count();
  }
  if (href.startsWith('/nhiem-vu')) return parseCount((await page.getByTestId('my-tasks-count').textContent()) ?? '');
  if (href.startsWith('/ket-nghia')) return parseCount((await page.getByTestId('pairs-count').textContent()) ?? '');
  throw new Error(`no list known for ${href}`);
}

/** Click a count of the home and check the list it opens shows as many. */
async function follow(page: Page, section: string, key: string) {
  await page.goto('/');
  const link = page.locator(`a[data-testid="home-count"][data-section="${section}"][data-key="${key}"]`);
  await expect(link).toBeVisible();
  const count = Number(await link.getAttribute('data-count'));
  const href = (await link.getAttribute('href'))!;
  await link.click();
  await expect(page).toHaveURL((u) => `${u.pathname}${u.search}` === href);
  // the list has loaded its first answer before it is read
  await expect.poll(() => listed(page, href).catch(() => -1), { timeout: 20_000 }).toBe(count);
  return count;
}

test.describe('a home per role', () => {
  for (const role of Object.keys(SECTIONS) as DemoRole[]) {
    test(`${role}: lands on its home with its sections`, async ({ page }) => {
      await signIn(page, ACCOUNTS[role]);
      await expect(page).toHaveURL((u) => u.pathname === '/');
      await expect(page.getByTestId('role-home')).toBeVisible();
      const sections = page.getByTestId('home-section');
      await expect(sections).toHaveCount(SECTIONS[role].length);
      expect(await sections.evaluateAll((els) => els.map((e) => e.getAttribute('data-section')))).toEqual(SECTIONS[role]);
    });
  }

  test('school: needs by state and receipts open their filtered lists', async ({ page }) => {
    await signIn(page, ACCOUNTS.school);
    await follow(page, 'needs', 'need_published');
    await follow(page, 'needs', 'need_submitted');
    await follow(page, 'receipts', 'to_confirm');
  });

  test('department: the queue, verified not published, receipts to accept, idle pairs', async ({ page }) => {
    await signIn(page, ACCOUNTS.department);
    await follow(page, 'queue', 'to_verify');
    await follow(page, 'verified', 'verified_unpublished');
    await follow(page, 'acceptance', 'to_accept');
    await follow(page, 'idlePairs', 'idle_pairs');
  });

  test("commune: its schools' needs waiting for it open its queue", async ({ page }) => {
    await signIn(page, ACCOUNTS.commune);
    expect(await follow(page, 'queue', 'to_verify')).toBeGreaterThan(0);
  });

  test('donor: pledges to deliver and needs near it', async ({ page }) => {
    await signIn(page, ACCOUNTS.donor);
    await follow(page, 'pledges', 'to_deliver');
    await follow(page, 'nearby', 'open_near');
  });

  test('ministry: its tasks and the overdue ones', async ({ page }) => {
    await signIn(page, ACCOUNTS.ministry);
    await follow(page, 'tasks', 'tasks');
    await follow(page, 'tasks', 'tasks_overdue');
  });
});
