// Local Offer's service worker: the app and the offer keep working with no signal.
//
// scripts/precache.mjs (a Trunk post-build hook) writes the real list of built files and a
// version hashed from their contents over the two placeholders below, so every new build
// gets a new cache and never serves a stale mix of old and new files.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;

const APP_CACHE = `local-offer-app-${VERSION}`;
// The offer outlives app versions: a new build must not throw away the last good offer.
const DATA_CACHE = 'local-offer-data-v1';
const OFFER_URL = '/api/offer';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(APP_CACHE);
      await cache.addAll(PRECACHE);
      try {
        const offer = await fetch(OFFER_URL, { cache: 'no-cache' });
        if (offer.ok) await (await caches.open(DATA_CACHE)).put(OFFER_URL, offer);
      } catch {
        // Offline while installing: the app shell is enough; the offer comes next time.
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('local-offer-app-') && n !== APP_CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

// The page asks us to take over when the young person taps "Refresh".
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname === OFFER_URL) {
    event.respondWith(offerStaleWhileRevalidate(event));
    return;
  }
  if (url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Any deep link opens the app shell, which routes on the phone.
    event.respondWith(
      (async () => {
        const cached = await caches.match('/index.html', { cacheName: APP_CACHE });
        if (cached) return cached;
        return fetch(request);
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cached = await caches.match(request, { cacheName: APP_CACHE });
      return cached ?? fetch(request);
    })(),
  );
});

// Answer from the cache at once, then ask the server; if it has a newer offer, keep it and
// tell every open page so it can update in place.
async function offerStaleWhileRevalidate(event) {
  const cache = await caches.open(DATA_CACHE);
  const cached = await cache.match(OFFER_URL);
  const refresh = (async () => {
    const headers = {};
    const etag = cached && cached.headers.get('ETag');
    if (etag) headers['If-None-Match'] = etag;
    const response = await fetch(OFFER_URL, { headers, cache: 'no-store' });
    if (response.status === 200) {
      await cache.put(OFFER_URL, response.clone());
      if (cached) {
        const clients = await self.clients.matchAll({ type: 'window' });
        for (const client of clients) {
          client.postMessage({ type: 'offer-updated', etag: response.headers.get('ETag') });
        }
      }
      return response;
    }
    if (response.status === 304 && cached) return cached.clone();
    return response;
  })();
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}
