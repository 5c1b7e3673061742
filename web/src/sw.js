// The service worker: makes the site work offline and makes its pages cross-origin isolated.
// Built by overrides/hooks/offline.py into the site root as sw.js, right after the precache manifest
// `self.KNOBS_PRECACHE = {version, assets, files: {url path: content hash}, gzipped: [url path]}` (see that hook).
//
// - install: downloads every file of the manifest into one cache named after the site path and the version
//   (files whose hash is unchanged are copied from the previous version's cache instead); each download is checked
//   against its hash, so a cache never mixes two deploys. A `gzipped` file is downloaded as its `.gz` twin (with the
//   page's ?v=, so the copy the page just fetched comes from the HTTP cache) and stored decompressed.
// - fetch: a file of this build is answered from the cache (pages too: a page, its scripts, the Python worker and the
//   runtime must come from the same build); anything else from the network. Pages and worker scripts get the
//   COOP/COEP/CORP headers that make the page crossOriginIsolated (SharedArrayBuffer → Stop can interrupt Python).
//   Everything else is returned exactly as the cache or the network gave it: a Response rebuilt to add headers would
//   switch off Chromium's cache of compiled WebAssembly, and same-origin files need no header under COEP.
// - update: a new version installs beside the old one and waits; the page offers "Reload" and then sends
//   {type: "skip-waiting"}. activate deletes this site's older caches only: many sites share one github.io origin.

const MANIFEST = { version: "dev", assets: "dev", files: {}, gzipped: [], ...self.KNOBS_PRECACHE };
const SCOPE = new URL(self.registration.scope);
const SITE_PATH = SCOPE.pathname; // e.g. "/knobs/"
const CACHE_PREFIX = `${SITE_PATH}knobs-offline-`;
const CACHE = CACHE_PREFIX + MANIFEST.version;
const HASH_HEADER = "x-knobs-hash";
const PARALLEL_DOWNLOADS = 6;
const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

function keyOf(url) {
  // The manifest's name for a URL of this site: its path below the site root, pages by their folder.
  let path = url.pathname.slice(SITE_PATH.length);
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  return decodeURIComponent(path);
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return [...digest]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, 16);
}

async function download(key, hash) {
  // Ask the server (revalidating the HTTP cache); a CDN may still serve the previous deploy for a moment: retry once.
  const gzipped = MANIFEST.gzipped.includes(key);
  const url = gzipped ? new URL(`${key}.gz?v=${MANIFEST.assets}`, SCOPE) : new URL(key, SCOPE);
  for (const mode of ["no-cache", "reload"]) {
    const response = await fetch(url, { cache: mode });
    if (!response.ok) throw new Error(`${key}: HTTP ${response.status}`);
    const body = gzipped
      ? await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
      : await response.arrayBuffer();
    if ((await sha256(body)) !== hash) continue;
    const headers = new Headers(response.headers);
    headers.set(HASH_HEADER, hash);
    if (gzipped) {
      headers.set("Content-Type", "application/octet-stream");
      headers.delete("Content-Length");
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  }
  throw new Error(`${key}: the server sent different content than this version lists`);
}

async function precache() {
  const cache = await caches.open(CACHE);
  const older = [];
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE) older.push(await caches.open(name));
  }
  const todo = Object.entries(MANIFEST.files);
  async function one([key, hash]) {
    const url = new URL(key, SCOPE).href;
    const present = await cache.match(url);
    if (present && present.headers.get(HASH_HEADER) === hash) return; // an interrupted install already got it
    for (const old of older) {
      const copy = await old.match(url);
      if (copy && copy.headers.get(HASH_HEADER) === hash) return cache.put(url, copy);
    }
    await cache.put(url, await download(key, hash));
  }
  const lanes = Array.from({ length: PARALLEL_DOWNLOADS }, async () => {
    while (todo.length) await one(todo.shift());
  });
  await Promise.all(lanes);
}

/** `response` as the page gets it: with the isolation headers for pages and worker scripts, else unchanged. */
function served(request, response) {
  const page = request.mode === "navigate" || ["worker", "sharedworker"].includes(request.destination);
  if (!page || response.type === "opaque" || response.type === "opaqueredirect" || response.status === 0)
    return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request, url) {
  let key = keyOf(url);
  if (key.endsWith(".gz") && MANIFEST.gzipped.includes(key.slice(0, -3))) key = key.slice(0, -3); // stored decompressed
  const asked = url.searchParams.get("v");
  const ours = key in MANIFEST.files && (!asked || asked === MANIFEST.assets);
  if (ours) {
    const cached = await caches.open(CACHE).then((cache) => cache.match(new URL(key, SCOPE).href));
    if (cached) return served(request, cached);
  }
  try {
    const response = await fetch(request);
    return served(request, response);
  } catch (error) {
    // Offline and not in this version's cache: the nearest thing saved, else a short page saying so.
    const saved = await caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }));
    if (saved) return served(request, saved);
    if (request.mode === "navigate" && `${key}/` in MANIFEST.files) return Response.redirect(new URL(`${key}/`, SCOPE));
    if (request.mode !== "navigate") throw error;
    return served(
      request,
      new Response(
        "<!doctype html><meta charset=utf-8><title>Offline</title><p>You are offline and this page was not saved " +
          'for offline reading. <a href="' +
          SITE_PATH +
          '">Back to Knobs</a></p>',
        { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
      ),
    );
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  if (event.data && event.data.type === "version" && event.ports[0]) {
    event.ports[0].postMessage({ version: MANIFEST.version, cache: CACHE });
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SITE_PATH)) return;
  if (url.pathname === `${SITE_PATH}sw.js`) return;
  event.respondWith(respond(request, url));
});
