// Registers the service worker (web/src/sw.js, served from the site root as sw.js) and handles its two visible moments:
// - the first visit: once the worker has saved the site and taken control, the page reloads ONCE so that it is served
//   with the isolation headers (crossOriginIsolated → Stop interrupts Python and keeps its variables). Never twice:
//   a per-tab flag in sessionStorage (keyed by the site path) is set before reloading, and the reload is skipped if
//   the reader has already run a cell or typed on this page (their variables or keystrokes would be lost); it waits
//   while a lab is computing. Skipped, the page stays unisolated until the next visit (Stop then restarts Python).
// - a new deploy: the new worker waits; the page shows "A new version of Knobs is available — Reload"; the button
//   tells the worker to take over, and the page reloads once when it has.
// <html data-knobs-offline="ready"> says the site is saved for offline use (tests wait on it).

import { siteRoot, sitePath } from "./site.js";
import * as py from "./python.js";

const RELOAD_FLAG = `${sitePath}:isolation-reload`;
const UPDATE_CHECK_MS = 30 * 60 * 1000;

let reloading = false;
let typed = false; // a reload must never eat what the reader is typing
document.addEventListener("keydown", () => (typed = true), { capture: true, once: true });
let updateRequested = false;

function reloadOnce() {
  if (reloading) return;
  reloading = true;
  location.reload();
}

function flagSet() {
  try {
    if (sessionStorage.getItem(RELOAD_FLAG)) return true;
    sessionStorage.setItem(RELOAD_FLAG, String(Date.now()));
    return false;
  } catch {
    return true; // no sessionStorage: a reload could not be guarded, so there is none
  }
}

/** Reload once to gain cross-origin isolation, if that is still needed and costs the reader nothing. */
function gainIsolation() {
  if (self.crossOriginIsolated || !navigator.serviceWorker.controller || py.used() || typed) return;
  if (py.status().state === "busy") {
    // A lab is computing: reload when it has finished.
    const stopWatching = py.onStatus(({ state }) => {
      if (state === "busy") return;
      queueMicrotask(() => stopWatching());
      gainIsolation();
    });
    return;
  }
  if (flagSet()) return;
  reloadOnce();
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
  button.textContent = "Reload";
  button.addEventListener("click", () => {
    button.disabled = true;
    updateRequested = true;
    const waiting = registration && registration.waiting;
    if (waiting) waiting.postMessage({ type: "skip-waiting" }); // the reload follows on controllerchange
    else reloadOnce();
  });
  bar.append(message, " ", button);
  document.body.append(bar);
}

function watchInstall(registration, worker) {
  worker.addEventListener("statechange", () => {
    if (worker.state === "installed" && navigator.serviceWorker.controller) {
      showUpdate(registration, "A new version of Knobs is available.");
    }
  });
}

async function register() {
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) return;
    if (!hadController) {
      markReady();
      gainIsolation();
    } else if (updateRequested) {
      reloadOnce(); // the reader asked for the new version: it is active now
    } else {
      showUpdate(null, "Knobs was updated in another tab.");
    }
  });
  const registration = await navigator.serviceWorker.register(new URL("sw.js", siteRoot), {
    scope: siteRoot.href,
    updateViaCache: "none",
  });
  if (!registration) return; // service workers are blocked (e.g. by a browser setting)
  if (registration.waiting && hadController) showUpdate(registration, "A new version of Knobs is available.");
  if (registration.installing) watchInstall(registration, registration.installing);
  registration.addEventListener("updatefound", () => watchInstall(registration, registration.installing));
  if (hadController) {
    markReady();
    gainIsolation(); // e.g. after a hard reload, which bypasses the worker
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

export function start() {
  if (!("serviceWorker" in navigator) || !self.isSecureContext) return;
  register().catch((error) => console.warn("Knobs: offline use is unavailable", error));
}
