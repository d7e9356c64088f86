// Service worker: keeps the app shell (the page, its scripts and styles) on the device, so a later
// visit on a weak line starts without waiting for the network.
//
// - The page (every address of the app is the same shell) is answered from the cache at once and
//   refreshed in the background; a new shell after a deployment is used from the next visit, and
//   the open page is told so (it offers to reload).
// - Hashed assets never change: from the cache, or fetched once and kept.
// - The API is never touched: its answers carry personal data (Cache-Control: no-store) and go to
//   the network as if there were no service worker. Downloads and other server paths likewise.
const CACHE = 'kn-shell-v1';
const SHELL = '/index.html';
const STATIC = ['/zod-config.js', '/early-data.js', '/favicon.svg'];

function assetsOf(html) {
  return Array.from(new Set(html.match(/\/assets\/[^"'\s)]+/g) ?? []));
}

async function fetchShell() {
  const res = await fetch('/', { cache: 'no-cache', credentials: 'same-origin' });
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) throw new Error(`shell ${res.status}`);
  return res;
}

// Store a fresh shell with the assets it names; drop assets no shell names any more. Resolves
// with true when the shell changed.
async function refreshShell() {
  const cache = await caches.open(CACHE);
  const res = await fetchShell();
  const html = await res.clone().text();
  const old = await cache.match(SHELL);
  const changed = !old || (await old.text()) !== html;
  if (!changed) return false;
  const assets = assetsOf(html);
  await Promise.all(
    [...assets, ...STATIC].map(async (url) => {
      if (url.startsWith('/assets/') && (await cache.match(url))) return;
      try {
        const r = await fetch(url, { credentials: 'same-origin' });
        if (r.ok) await cache.put(url, r);
      } catch {
        // fetched again when the page asks for it
      }
    }),
  );
  await cache.put(SHELL, res);
  if (old) {
    const keep = new Set(assets);
    for (const req of await cache.keys()) {
      const p = new URL(req.url).pathname;
      if (p.startsWith('/assets/') && !keep.has(p)) await cache.delete(req);
    }
  }
  return !!old;
}

self.addEventListener('install', (event) => {
  event.waitUntil(refreshShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

let refreshing = null;
function refreshInBackground() {
  refreshing ??= refreshShell()
    .then(async (changed) => {
      if (!changed) return;
      for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'kn-shell-updated' });
    })
    .catch(() => undefined)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function navigate(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(SHELL);
  if (cached) {
    event.waitUntil(refreshInBackground());
    return cached;
  }
  return fetch(event.request);
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request, { ignoreSearch: true });
  const fresh = fetch(event.request).then(async (res) => {
    if (res.ok) await cache.put(event.request, res.clone());
    return res;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const p = url.pathname;
  if (p.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // the app's own addresses only: not downloads, documents or files the server answers itself
    if (/\.[a-z0-9]+$/i.test(p)) return;
    event.respondWith(navigate(event));
    return;
  }
  if (p.startsWith('/assets/')) {
    event.respondWith(asset(req));
    return;
  }
  if (STATIC.includes(p)) event.respondWith(staleWhileRevalidate(event));
});
