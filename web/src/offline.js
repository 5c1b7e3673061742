// Registers the service worker (web/src/sw.js, served from the site root as sw.js) and handles its two visible moments:
// - the first visit: the page never reloads by itself (a reader may be clicking or typing). Once the worker has saved
//   the site and controls the page, the next link the reader follows is opened as a full page load instead of the
//   theme's instant navigation, so the new page comes through the worker with the isolation headers
//   (crossOriginIsolated → Stop interrupts Python and keeps its variables). Until then Stop restarts Python.
// - a new deploy: the new worker waits; the page shows "A new version of Knobs is available — Reload"; the button
//   tells the worker to take over, and the page reloads once when it has.
// <html data-knobs-offline="ready"> says the site is saved for offline use (tests wait on it).

import { siteRoot } from "./site.js";
import * as py from "./python.js";
import { t } from "./words.js";

const UPDATE_CHECK_MS = 30 * 60 * 1000;
const NO_PYTHON_AFTER_MS = 5000; // after the load event: a page whose Python has not started by then has none

let reloading = false;
let updateRequested = false;
let loadNextPageFully = false;

function reloadOnce() {
  if (reloading) return;
  reloading = true;
  location.reload();
}

/** The site's page a click would open, if it is one the theme would otherwise swap in without a page load. */
function sitePageOf(event) {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  ) {
    return null;
  }
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return null;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(siteRoot.pathname)) return null;
  if (url.pathname === location.pathname && url.search === location.search) return null; // a jump within the page
  return url;
}

/** Gain cross-origin isolation at the reader's next navigation: that page is loaded in full, through the worker. */
function isolateAtNextNavigation() {
  if (self.crossOriginIsolated || !navigator.serviceWorker.controller || loadNextPageFully) return;
  loadNextPageFully = true;
  // Capturing on window runs before the theme's own click handling (instant navigation) sees the click.
  window.addEventListener(
    "click",
    (event) => {
      const url = sitePageOf(event);
      if (!url) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(url.href);
    },
    { capture: true },
  );
}

function showUpdate(registration, text) {
  if (document.querySelector(".knobs-update")) return;
  const bar = document.createElement("div");
  bar.className = "knobs-update";
  bar.setAttribute("role", "status");
  const message = document.createElement("span");
  message.textContent = text;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "knobs-button";
  button.textContent = t("Reload");
  button.addEventListener("click", () => {
    button.disabled = true;
    updateRequested = true;
    const waiting = registration && registration.waiting;
    if (waiting)
      waiting.postMessage({ type: "skip-waiting" }); // the reload follows on controllerchange
    else reloadOnce();
  });
  bar.append(message, " ", button);
  document.body.append(bar);
}

function watchInstall(registration, worker) {
  worker.addEventListener("statechange", () => {
    if (worker.state === "installed" && navigator.serviceWorker.controller) {
      showUpdate(registration, t("A new version of Knobs is available."));
    }
  });
}

async function register() {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) return;
    if (!hadController) {
      markReady();
      isolateAtNextNavigation();
    } else if (updateRequested) {
      reloadOnce(); // the reader asked for the new version: it is active now
    } else {
      showUpdate(null, t("Knobs was updated in another tab."));
    }
  });
  const registration = await navigator.serviceWorker.register(new URL("sw.js", siteRoot), {
    scope: siteRoot.href,
    updateViaCache: "none",
  });
  if (!registration) return; // service workers are blocked (e.g. by a browser setting)
  if (registration.waiting && hadController) showUpdate(registration, t("A new version of Knobs is available."));
  if (registration.installing) watchInstall(registration, registration.installing);
  registration.addEventListener("updatefound", () => watchInstall(registration, registration.installing));
  if (hadController) {
    markReady();
    isolateAtNextNavigation(); // e.g. after a hard reload, which bypasses the worker
  }
  let lastCheck = Date.now();
  const check = () => {
    if (Date.now() - lastCheck < UPDATE_CHECK_MS) return;
    lastCheck = Date.now();
    registration.update().catch(() => {}); // offline: try again later
  };
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && check());
  setInterval(check, UPDATE_CHECK_MS);
}

function markReady() {
  document.documentElement.dataset.knobsOffline = "ready";
}

/** Call `then` once Python has started (or the page turns out to have none). */
function afterPythonStarts(then) {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    then();
  };
  const unsubscribe = py.onStatus(({ state }) => {
    if (state !== "ready" && state !== "failed") return;
    queueMicrotask(() => unsubscribe());
    once();
  });
  const noPython = () => setTimeout(() => py.status().state === "idle" && once(), NO_PYTHON_AFTER_MS);
  if (document.readyState === "complete") noPython();
  else addEventListener("load", noPython, { once: true });
}

export function start() {
  if (!("serviceWorker" in navigator) || !self.isSecureContext) return;
  const go = () => register().catch((error) => console.warn("Knobs: offline use is unavailable", error));
  // A first visit's install downloads the whole site: it waits until Python has started, so the two do not share
  // the reader's line and the install finds Python's files in the HTTP cache. A returning reader's worker is there.
  if (navigator.serviceWorker.controller) go();
  else afterPythonStarts(go);
}
