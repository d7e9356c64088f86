/**
 * A public page's data asked by the shell itself (web/public/early-data.js, a plain script read
 * before the app's modules), before the page's own code has arrived and run. The answers wait in
 * api/client.ts for the page's identical request.
 */
import { adoptEarly, type EarlyAnswer } from '../api/client';

/** Needs on a page of the needs list (NeedListPage); early-data.js asks the same. */
export const NEED_LIST_PAGE = 24;
/** Rows of the public contributions on the portal's first page (PortalPage); early-data.js asks the same. */
export const PORTAL_ROWS_PAGE = 100;

/** Hands the answers the shell asked to the API client, once. */
export function adoptEarlyData(): void {
  const g = globalThis as { __knEarly?: EarlyAnswer[] };
  if (g.__knEarly) adoptEarly(g.__knEarly);
  delete g.__knEarly;
}
