// The header's language switcher (the theme's extra.alternate, written per page by overrides/hooks/languages.py).
// Instant navigation swaps the page but not the header, so on every page view the links are pointed again at this
// page in each language; and following one is a full page load, because the new language brings its own theme
// strings, search index and widget catalogue (web/src/words.js) that a swap would not.

import { siteRoot } from "./site.js";

/** The language prefixes under the site root: English at the root, the others in their folder. */
function languageOf(url) {
  const rest = url.pathname.slice(siteRoot.pathname.length);
  const match = rest.match(/^(es|pt)(\/|$)/);
  return match ? match[1] : "en";
}

/** The page `url` shows, without its language: progress is saved under this name ("lessons/01-what-is-a-model/"). */
export function pageOf(url) {
  const rest = url.pathname.slice(siteRoot.pathname.length);
  return rest.replace(/^(es|pt)(\/|$)/, "");
}

/** Point every language link at the current page in its language. */
export function update() {
  const page = pageOf(new URL(location.href));
  for (const link of document.querySelectorAll(".md-select a[hreflang]")) {
    const lang = link.getAttribute("hreflang").slice(0, 2);
    link.href = new URL((lang === "en" ? "" : `${lang}/`) + page + location.hash, siteRoot).href;
  }
}

/** A click on a link into another language loads that page in full. */
export function start() {
  window.addEventListener(
    "click",
    (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!link) return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !url.pathname.startsWith(siteRoot.pathname)) return;
      if (languageOf(url) === languageOf(new URL(location.href))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(url.href);
    },
    { capture: true },
  );
}
