// Service worker of the brigade app, served at /:slug/brigada/sw.js (its scope is that folder).
// The server puts `const VERSION = "…"` before this text: it changes with the app's files, so a
// new version installs itself and drops the old cache.
//
// - The page, the styles and the script: from the cache at once (the app opens without signal),
//   refreshed in the background when there is a connection (stale-while-revalidate).
// - datos.json: from the network first (fresh brigades, services and token), the cached copy
//   when there is no connection.
// - Everything else, and every POST (the synchronisation), goes to the network untouched.
/* global VERSION */
const CACHE = `cabildo-brigada-${VERSION}`;
const SCOPE = new URL(self.registration.scope);
const PAGE = SCOPE.href;
const DATA = new URL("datos.json", SCOPE).href;
const ASSETS = ["/static/cabildo.css", "/static/js/brigada.js", "/static/js/brigada-base.js", "/static/js/brigada-campos.js", "/static/js/brigada-envio.js"].map((path) => new URL(path, SCOPE).href);

/** Only a complete answer of our own server is kept: never a redirect to the login, never an error. */
function keepable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

async function fetchAndKeep(request, key) {
  const response = await fetch(request);
  if (keepable(response)) {
    const cache = await caches.open(CACHE);
    await cache.put(key, response.clone());
  }
  return response;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      // One by one: a file that fails now (a lost connection) is fetched again on the next visit.
      for (const url of [PAGE, DATA, ...ASSETS]) {
        try {
          await fetchAndKeep(new Request(url, { credentials: "same-origin" }), url);
        } catch {
          /* kept on the next successful fetch */
        }
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("cabildo-brigada-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function staleWhileRevalidate(event, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  const network = fetchAndKeep(event.request, key);
  if (cached) {
    event.waitUntil(network.catch(() => undefined));
    return cached;
  }
  return network;
}

async function networkFirst(event, key) {
  try {
    const response = await fetchAndKeep(event.request, key);
    // A signed-out phone still captures with the data it kept; the page asks to sign in again.
    if (response.status === 401) {
      const cached = await caches.match(key);
      if (cached) return cached;
    }
    return response;
  } catch (error) {
    const cached = await caches.match(key);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin) return;
  const bare = url.origin + url.pathname;
  if (bare === DATA) {
    event.respondWith(networkFirst(event, DATA));
  } else if (bare === PAGE || bare === PAGE.replace(/\/$/, "")) {
    event.respondWith(staleWhileRevalidate(event, PAGE));
  } else if (ASSETS.includes(bare)) {
    event.respondWith(staleWhileRevalidate(event, bare));
  }
});
