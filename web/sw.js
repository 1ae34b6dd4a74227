// The service worker: matcalc works offline (a lecture hall with bad Wi-Fi, a train).
//
// On the first visit it caches the whole site (every file of dist/, listed in FILES by
// scripts/build.sh, which also sets VERSION to a hash of them) in one cache named for
// that version; from then on every request for a file of the site is answered from the
// cache, and anything else goes to the network. A new deployment changes VERSION, so the
// browser installs the new worker, which caches the new files, takes over at once and
// deletes the old caches. In web/ (unbuilt) the placeholders are left and it caches
// nothing.
const VERSION = '__MATCALC_VERSION__';
const FILES = ['__MATCALC_FILES__'];
const CACHE = `matcalc-${VERSION}`;
const built = !VERSION.startsWith('__');
// The cache, opened once per life of the worker (every request of a page load asks it).
let opened = null;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    if (built) {
      const cache = await caches.open(CACHE);
      // 'no-cache': revalidate with the server, never copy a stale HTTP-cache entry.
      await cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' })));
      await addRoutes(event);
    }
    await self.skipWaiting();
  })());
});

// Where the browser has static routing (Chromium's InstallEvent.addRoutes), the site's
// files (no query string) are served from this version's cache by the browser itself,
// without starting this worker's script for each request: a repeat visit's page and its
// two dozen files no longer wait for it (the fetch handler below stays for the rest, and
// for browsers without routes). A file missing from the cache goes to the network.
async function addRoutes(event) {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return;
  try {
    const scope = new URL(self.registration.scope);
    await event.addRoutes({
      condition: { urlPattern: new URLPattern({ origin: scope.origin, pathname: `${scope.pathname}*`, search: '' }) },
      source: { cacheName: CACHE },
    });
  } catch {
    // routes this browser does not support: the fetch handler answers
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('matcalc-') && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!built || request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  event.respondWith((async () => {
    const cache = await (opened ??= caches.open(CACHE));
    // The site's folder itself is its index.html; a query string never names another file.
    const key = url.pathname.endsWith('/') ? new URL('index.html', url).href : url.href.split(/[?#]/)[0];
    const hit = await cache.match(key);
    return hit || fetch(request);
  })());
});
