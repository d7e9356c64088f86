/**
 * A public page's data asked by the shell itself, before the page's own code has arrived. On a
 * later visit the service worker gives the shell at once; the page's chunk then takes a moment,
 * and on a slow mobile line (400 ms a round trip) asking only after it costs a round trip the
 * reader waits for. The answers wait in api/client.ts for the page's identical request.
 *
 * Only the pages' plain addresses (no filters in the search): the way in from a link or the
 * menu. Each address here is the one the page itself asks (web/src/lib/early-data.test.ts holds
 * them equal), so nothing is asked twice.
 */
import { requestEarly } from '../api/client';

/** Needs on a page of the needs list (NeedListPage). */
export const NEED_LIST_PAGE = 24;
/** Rows of the public contributions on the portal's first page (PortalPage). */
export const PORTAL_ROWS_PAGE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function startEarlyData(pathname: string, search: string): void {
  if (search && search !== '?') return;
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/nhu-cau') requestEarly('/needs', { sort: 'urgency', limit: NEED_LIST_PAGE });
  else if (path === '/cong-khai') {
    requestEarly('/public/stats');
    requestEarly('/public/contributions', { format: 'json', limit: PORTAL_ROWS_PAGE });
  } else {
    const need = /^\/nhu-cau\/([^/]+)$/.exec(path);
    if (need && UUID.test(need[1])) requestEarly(`/needs/${need[1]}`);
  }
}
