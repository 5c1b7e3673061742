// Page entry: binds every widget to its HTML on each page view. With instant navigation the theme swaps pages
// without reloading, so this module (and the Python worker it owns) lives for the whole visit; widgets are
// mounted again on each page through the theme's document$ signal.

import * as py from "./python.js";

const IDLE_BOOT_TIMEOUT_MS = 4000;

async function mountPage() {
  const content = document.querySelector("article.md-content__inner") || document.body;
  if (content.querySelector(".highlight.run")) {
    const { mountCells } = await import("./cell.js");
    mountCells(content);
    // Boot Python in the background once the page is idle, so the first Run is quick.
    const idle = self.requestIdleCallback || ((fn) => setTimeout(fn, 1000));
    idle(() => py.boot(), { timeout: IDLE_BOOT_TIMEOUT_MS });
  }
  // Tests and scripts wait for this: the widgets of this page are live.
  document.body.dataset.knobsPage = location.pathname;
}

if (self.document$ && typeof self.document$.subscribe === "function") {
  self.document$.subscribe(mountPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountPage);
} else {
  mountPage();
}

// For tests and benchmarks: the page's Python client, reachable from the console.
self.knobs = { python: py };
