// Page entry: binds every widget to its HTML on each page view. With instant navigation the theme swaps pages
// without reloading, so this module (and the Python worker it owns) lives for the whole visit; widgets are
// mounted again on each page through the theme's document$ signal.
//
// WIDGETS lists each widget kind once (the selectors of those that run Python come from python-widgets.json, which
// the build reads too): what the reader calls it, the selector of the HTML it binds to, and a loader.
// A widget module exports mount(content) and is downloaded only on pages that have its HTML (esbuild splits each into
// its own chunk). Each widget starts on its own: one that fails says so in place, and the others and Python go on.

import "./locale.js"; // first: it mends a language tag that Intl rejects before any library reads it
import { couldNotStart } from "./failure.js";
import * as py from "./python.js";
import * as offline from "./offline.js";
import { repair } from "./a11y.js";
import * as languages from "./languages.js";
import { t } from "./words.js";
import PYTHON_WIDGETS from "./python-widgets.json";

const WIDGETS = [
  { name: t("code cell"), selector: PYTHON_WIDGETS["code cell"], load: () => import("./cell.js"), needsPython: true },
  {
    name: t("lab"),
    selector: PYTHON_WIDGETS.lab,
    status: ".knobs-lab__status",
    load: () => import("./labs/index.js"),
    needsPython: true,
  },
  { name: t("quiz"), selector: "[data-knobs-quiz]", load: () => import("./checks/quiz.js"), needsPython: false },
  {
    name: t("matching exercise"),
    selector: "[data-knobs-match]",
    load: () => import("./checks/match.js"),
    needsPython: false,
  },
  {
    name: t("set of cards"),
    selector: "[data-knobs-cards]",
    load: () => import("./checks/flashcards.js"),
    needsPython: false,
  },
  {
    name: t("code exercise"),
    selector: PYTHON_WIDGETS["code exercise"],
    load: () => import("./checks/exercise.js"),
    needsPython: true,
  },
  { name: t("review"), selector: "[data-knobs-review]", load: () => import("./checks/review.js"), needsPython: false },
  {
    name: t("score panel"),
    selector: "[data-knobs-panel]",
    load: () => import("./checks/panel.js"),
    needsPython: false,
  },
  {
    name: t("progress list"),
    selector: "[data-knobs-progress]",
    load: () => import("./checks/progress.js"),
    needsPython: false,
  },
  {
    name: t("reading position"),
    selector: "[data-knobs-resume]",
    load: () => import("./checks/resume.js"),
    needsPython: false,
  },
  { name: t("lesson list"), selector: null, load: () => import("./checks/nav.js"), needsPython: false }, // every page: ✓ on completed lessons
];

async function mountWidget(widget, content) {
  try {
    const module = await widget.load();
    await module.mount(content);
  } catch (error) {
    const roots = widget.selector ? content.querySelectorAll(widget.selector) : [];
    if (roots.length === 0) console.error(`the ${widget.name} could not start`, error);
    for (const root of roots) {
      couldNotStart(root, widget.name, error, widget.status && root.querySelector(widget.status));
    }
  }
}

async function mountPage() {
  const content = document.querySelector("article.md-content__inner") || document.body;
  const present = WIDGETS.filter((widget) => !widget.selector || content.querySelector(widget.selector));
  // Python starts at once in its worker (another thread), so the first Run is quick; widgets mount meanwhile.
  if (present.some((widget) => widget.needsPython)) py.boot();
  await Promise.all(present.map((widget) => mountWidget(widget, content)));
  repair(content);
  languages.update();
  // Tests and scripts wait for this: the widgets of this page are live (or say why not).
  document.body.dataset.knobsPage = location.pathname;
}

if (self.document$ && typeof self.document$.subscribe === "function") {
  self.document$.subscribe(mountPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountPage);
} else {
  mountPage();
}

languages.start(); // before the theme's instant navigation sees a click into another language
offline.start(); // the service worker: offline use, cross-origin isolation, update prompt

// For tests and benchmarks: the page's Python client, reachable from the console.
self.knobs = { python: py };
