// Where this site lives. Many sites share one github.io origin, so everything stored in the browser is keyed by
// the site's own path (e.g. "/knobs/"), and every URL is built from the site root, never from "/".
// Read from the page's first <script src=".../assets/knobs/….js?v=…"> tag (start.js in the head, or app.js), because
// this module may be bundled into a chunk that lives elsewhere, and may run before the body is parsed.

const entry = document.querySelector('script[type="module"][src*="assets/knobs/"]');
const script = new URL(entry ? entry.src : "assets/knobs/app.js", document.baseURI);
/** The site's root URL, e.g. https://example.github.io/knobs/ (the page scripts live in assets/knobs/). */
export const siteRoot = new URL("../../", script);
/** The build's version string: changes whenever a page script, the worker or the Python package changes. */
export const version = script.searchParams.get("v") || "dev";
/** The site's path, e.g. "/knobs/": the prefix of every storage key and cache name. */
export const sitePath = siteRoot.pathname;
