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
// Language files: only the ones a young person has chosen, kept across app versions so a
// language opened once still works with no signal.
const LANG_CACHE = 'local-offer-lang-v1';

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
  if (event.data && event.data.type === 'outbox') event.waitUntil(keepPending(event.data.messages));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The staff side is never cached and never answered with the young person's app.
  if (url.pathname === '/staff' || url.pathname.startsWith('/staff/')) return;

  if (url.pathname === OFFER_URL) {
    event.respondWith(offerStaleWhileRevalidate(event));
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/lang/')) {
    event.respondWith(languageNetworkFirst(request));
    return;
  }
  // Open data and calendar feeds are for other programs: always from the server, never
  // the app shell, even when someone opens one in the app's browser.
  if (url.pathname.startsWith('/open-data/') || url.pathname.endsWith('.ics')) return;

  if (request.mode === 'navigate') {
    // Any deep link opens the app shell, which routes on the phone.
    event.respondWith(
      (async () => {
        // Cached as '/', the address the page itself loaded it from, so installing costs a
        // revalidation rather than a second copy of the page.
        const cached = await caches.match('/', { cacheName: APP_CACHE });
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

// A language file from the server when there is signal (so corrections arrive), else the
// copy kept when it was first chosen; with neither, 504, which the app explains.
async function languageNetworkFirst(request) {
  const cache = await caches.open(LANG_CACHE);
  try {
    const response = await fetch(request, { cache: 'no-cache' });
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    const cached = await cache.match(request);
    return cached ?? new Response('', { status: 504, statusText: 'Offline' });
  }
}

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

// Background Sync: the app hands us the messages still waiting in its outbox, and the
// browser wakes us to send them when signal returns, even with the app closed. The server
// accepts each id once, so the app sending the same message again later is harmless.
const OUTBOX_DB = 'local-offer-outbox';

function openOutbox() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(OUTBOX_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('pending', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function keepPending(messages) {
  const db = await openOutbox();
  const tx = db.transaction('pending', 'readwrite');
  const store = tx.objectStore('pending');
  store.clear();
  for (const message of messages) store.put({ id: message.id, message });
  await finished(tx);
  db.close();
  if (messages.length > 0 && self.registration.sync) await self.registration.sync.register('outbox');
}

async function sendPending() {
  const db = await openOutbox();
  const all = await new Promise((resolve, reject) => {
    const request = db.transaction('pending').objectStore('pending').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  let retry = false;
  for (const { id, message } of all) {
    let settled = false;
    try {
      const response = await fetch('/api/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(message),
      });
      const body = await response.json().catch(() => ({}));
      // Delivered, or an answer only the young person can act on (the app shows it).
      settled = (response.ok && (body.status === 'stored' || body.status === 'repeat')) || [400, 409, 413].includes(response.status);
    } catch {
      // No signal yet.
    }
    if (settled) {
      const tx = db.transaction('pending', 'readwrite');
      tx.objectStore('pending').delete(id);
      await finished(tx);
    } else {
      retry = true;
    }
  }
  db.close();
  // Throwing asks the browser to try this sync again later.
  if (retry) throw new Error('some messages are still waiting');
}

self.addEventListener('sync', (event) => {
  if (event.tag !== 'outbox') return;
  // The same lock the app's tabs take, so we never send a message while a tab is sending it.
  const send = self.navigator.locks ? self.navigator.locks.request('local-offer-outbox', sendPending) : sendPending();
  event.waitUntil(send);
});
