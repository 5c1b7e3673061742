// Page entry: binds every widget to its HTML on each page view. With instant navigation the theme swaps pages
// without reloading, so this module (and the Python worker it owns) lives for the whole visit; widgets are
// mounted again on each page through the theme's document$ signal.
//
// WIDGETS lists each widget kind once: the selector of the HTML it binds to, and a loader. A widget module exports
// mount(content) and is downloaded only on pages that have its HTML (esbuild splits each into its own chunk).

import * as py from "./python.js";
import * as offline from "./offline.js";
import { repair } from "./a11y.js";

const IDLE_BOOT_TIMEOUT_MS = 4000;

const WIDGETS = [
  { selector: ".highlight.run", load: () => import("./cell.js"), needsPython: true },
  { selector: ".knobs-lab", load: () => import("./labs/index.js"), needsPython: true },
  { selector: "[data-knobs-quiz]", load: () => import("./checks/quiz.js"), needsPython: false },
  { selector: "[data-knobs-match]", load: () => import("./checks/match.js"), needsPython: false },
  { selector: "[data-knobs-cards]", load: () => import("./checks/flashcards.js"), needsPython: false },
  { selector: "[data-knobs-exercise]", load: () => import("./checks/exercise.js"), needsPython: true },
  { selector: "[data-knobs-panel]", load: () => import("./checks/panel.js"), needsPython: false },
  { selector: "[data-knobs-progress]", load: () => import("./checks/progress.js"), needsPython: false },
  { selector: "[data-knobs-resume]", load: () => import("./checks/resume.js"), needsPython: false },
  { selector: null, load: () => import("./checks/nav.js"), needsPython: false }, // every page: ✓ on completed lessons
];

async function mountPage() {
  const content = document.querySelector("article.md-content__inner") || document.body;
  let needsPython = false;
  for (const widget of WIDGETS) {
    if (widget.selector && !content.querySelector(widget.selector)) continue; // null: every page
    const module = await widget.load();
    try {
      module.mount(content);
    } catch (error) {
      console.error(`a ${widget.selector} widget failed to mount`, error);
    }
    needsPython ||= widget.needsPython;
  }
  if (needsPython) {
    // Boot Python in the background once the page is idle, so the first Run is quick.
    const idle = self.requestIdleCallback || ((fn) => setTimeout(fn, 1000));
    idle(() => py.boot(), { timeout: IDLE_BOOT_TIMEOUT_MS });
  }
  repair(content);
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

offline.start(); // the service worker: offline use, cross-origin isolation, update prompt

// For tests and benchmarks: the page's Python client, reachable from the console.
self.knobs = { python: py };
