import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { ACCOUNTS, signIn } from './support/app';

// The built app runs under its Content-Security-Policy: no violation on the pages with the most
// moving parts (the map's worker and canvas, charts, the API documentation). The console guard
// of every journey fails on any console error; this one also listens for the violation events.

async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

test('the page carries the protective headers and no inline script', async ({ page }) => {
  const res = await page.goto('/');
  const h = res!.headers();
  expect(h['content-security-policy']).toContain("script-src 'self';");
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('same-origin');
  const inline = await page.locator('script:not([src])').count();
  expect(inline).toBe(0);
  const api = await page.request.get('/api/v1/auth/me');
  expect(api.headers()['cache-control']).toBe('no-store');
});

test('the map, the portal and the dashboard run without a CSP violation', async ({ page }) => {
  test.setTimeout(120_000);
  const violations = await watchViolations(page);
  await page.goto('/ban-do');
  await expect(page.locator('canvas.maplibregl-canvas').first()).toBeVisible();
  await page.waitForTimeout(1500);
  await page.goto('/cong-khai');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForTimeout(1500);
  await signIn(page, ACCOUNTS.ministry);
  await page.goto('/dieu-phoi');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(violations).toEqual([]);
});

test('the API documentation runs under its CSP', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/api/docs/');
  await expect(page.locator('.swagger-ui .info .title').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(violations).toEqual([]);
});
