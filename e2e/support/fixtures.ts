import { test as base, expect, type ConsoleMessage } from '@playwright/test';

export { expect };

/** An HTTP error response the journey provokes on purpose (the browser logs each one as a console error). */
interface ExpectedHttpError {
  path: string;
  status: number;
  why: string;
}

/**
 * Collects console errors and uncaught page errors during one test and fails the test if any
 * were not expected. The only errors a journey may declare are HTTP error responses it causes
 * on purpose (a wrong password: 401; a file with bad rows: 422), each with its reason; Chromium
 * logs those as "Failed to load resource" whatever the page does with them.
 */
export class ConsoleGuard {
  private readonly problems: string[] = [];
  private readonly expected: ExpectedHttpError[] = [];

  expectHttpError(path: string, status: number, why: string) {
    this.expected.push({ path, status, why });
  }

  onConsole(msg: ConsoleMessage) {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    const url = msg.location().url ?? '';
    const http = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (http) {
      const status = Number(http[1]);
      let pathname = url;
      try {
        pathname = new URL(url).pathname;
      } catch {
        /* keep the raw location */
      }
      if (this.expected.some((e) => e.status === status && e.path === pathname)) return;
    }
    this.problems.push(`console.error: ${text}${url ? ` (${url})` : ''}`);
  }

  onPageError(err: Error) {
    this.problems.push(`page error: ${err.name}: ${err.message}`);
  }

  assertClean() {
    expect(this.problems, 'unexpected console errors or page errors').toEqual([]);
  }
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ page }, use) => {
      const guard = new ConsoleGuard();
      page.on('console', (m) => guard.onConsole(m));
      page.on('pageerror', (e) => guard.onPageError(e));
      await use(guard);
      guard.assertClean();
    },
    { auto: true },
  ],
});
