// A public page's data asked by the shell itself, as soon as the page's address is known: before
// the app's scripts have been read and run. On a later visit the service worker gives the shell
// at once, then the app's code takes a moment to start on a modest phone; on a slow mobile line
// (400 ms a round trip) asking only after it costs the reader that moment. The answers wait, as
// `__knEarly`, for the app (web/src/lib/early-data.ts) to hand each to the page's identical request.
//
// Only the pages' plain addresses (no filters in the search): the way in from a link or the menu.
// Each address here is the one the page itself asks (web/src/lib/early-data.test.ts holds them
// equal), so nothing is asked twice. A page the server drew in Vietnamese carries its answers
// (#kn-ssr, this script then comes after it) and asks nothing.
(() => {
  const NEED = /^\/nhu-cau\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
  /** The API addresses a public page asks first, at its plain address; none for other addresses. */
  const urlsOf = (pathname, search) => {
    if (search && search !== '?') return [];
    const path = pathname.replace(/\/+$/, '') || '/';
    if (path === '/nhu-cau') return ['/api/v1/needs?sort=urgency&limit=24'];
    if (path === '/cong-khai') return ['/api/v1/public/stats', '/api/v1/public/contributions?format=json&limit=100'];
    const need = NEED.exec(path);
    return need ? [`/api/v1/needs/${need[1]}`] : [];
  };
  let lang = 'vi';
  try {
    const stored = localStorage.getItem('kn.lang');
    if (stored === 'vi' || stored === 'en') lang = stored;
  } catch {
    // storage blocked: the app falls back to Vietnamese too
  }
  if (lang === 'vi' && document.getElementById('kn-ssr')) return;
  const urls = urlsOf(location.pathname, location.search);
  if (!urls.length) return;
  const at = Date.now();
  globalThis.__knEarly = urls.map((url) => {
    const res = fetch(url, { method: 'GET', headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': lang }, credentials: 'same-origin' });
    // a failure is seen (and asked again) by the page's own request
    res.catch(() => undefined);
    return { url, lang, at, res };
  });
})();
