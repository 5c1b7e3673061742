// The page's one connection to Python: a Web Worker running Pyodide, booted lazily, once per visit.
// Widgets call run() for code cells and call() for lab functions; each returns a promise of plain data.
// stop() interrupts running Python (within ~10 ms where the page is cross-origin isolated), and restarts the
// worker if Python does not answer within STOP_GRACE_MS (C-level work such as sum(range(10**10)) cannot be interrupted).

import { siteRoot, sitePath, version } from "./site.js";
import { t, entries } from "./words.js";
import { pythonReadyChannel } from "./python-ready.js";

const STOP_GRACE_MS = 1000;
// A first visit loads Python from its build-time snapshot (web/snapshot.mjs) unless its line is very slow. The
// snapshot (~6.8 MB) spares Python's own start: ~1 s on an idle 2-core machine, ~10 s on a loaded one (BENCHMARKS.md),
// more on a slow phone. At 10 Mbit/s it takes 5.4 s to download: slower than that, Python starts afresh and the
// service worker saves the snapshot for later visits, which read it from the browser's cache.
const SNAPSHOT_LINE_MBITS = 10;
const LINE_SAMPLE_BYTES = 20_000; // files smaller than this say more about latency than about the line's speed
const MAX_AUTO_RESTARTS = 3; // crashes within AUTO_RESTART_WINDOW_MS before the page gives up restarting Python
const AUTO_RESTART_WINDOW_MS = 60_000;
const listeners = new Set();
const pending = new Map(); // request id → {resolve, reject, onStdout}
let worker = null;
let nextId = 1;
let interruptBuffer = null;
let state = { state: "idle", text: t("Python starts when you run a cell") };
let bootStarted = 0;
let cellsRun = 0;
let startedFrom = null; // "snapshot" or "fresh": how the worker's Python started (see worker.js)
let startedBy = null; // "head" (start.js, a returning reader's page) or "page" (app.js or a first request)
let bootMarks = {}; // the boot's steps: name → ms since this page's navigation began (worker.js's marks)
const scriptsRunning = performance.now(); // the page's scripts began to run: the first step of a start
let announced = false; // whether the page has said that Python is ready (announceReady)
let announceTimer = null;
const IDLE_MS = 1000; // how long Python must have had nothing to do before the page says it is ready
let everReady = false; // a worker that crashes after it was ready is restarted; one that cannot boot is not
let restartTimes = [];

function recentRestarts() {
  restartTimes = restartTimes.filter((time) => performance.now() - time < AUTO_RESTART_WINDOW_MS);
  return restartTimes.length;
}

function setState(next) {
  state = { ...next, pending: pending.size };
  for (const listener of listeners) listener(state);
  // Announced once Python has been idle for a moment: the index is then built while the reader reads, not under a cell.
  clearTimeout(announceTimer);
  if (!announced && state.state === "ready" && pending.size === 0) announceTimer = setTimeout(announceReady, IDLE_MS);
}

/** Subscribe to the worker's state ({state: idle|booting|ready|busy|failed|restarting, text}); returns an unsubscribe. */
export function onStatus(listener) {
  listeners.add(listener);
  listener(state);
  return () => listeners.delete(listener);
}

export function status() {
  return { ...state, startedFrom, startedBy, marks: bootMarks };
}

/** Whether Stop can interrupt Python in place (keeping variables) rather than restarting it. */
export function canInterrupt() {
  return Boolean(self.crossOriginIsolated && typeof SharedArrayBuffer === "function");
}

/** The blob: worker's script. It loads the worker with import(), not a static import: Firefox fetches a blob:
 * worker's static imports past the service worker, so Python could not start offline. The page's first messages
 * wait until the worker's handler is in place. */
function workerStart(script) {
  return `const held = [];
const hold = (event) => held.push(event.data);
addEventListener("message", hold);
import(${JSON.stringify(script)}).then(() => {
  removeEventListener("message", hold);
  for (const data of held) dispatchEvent(new MessageEvent("message", { data }));
}, (error) => postMessage({ kind: "load-failed", error: String(error) }));`;
}

function loadFailed(why) {
  fail(t("The Python worker failed to load ({why})", { why }));
}

/** How fast this page's own files arrived, in Mbit/s: the fastest of them (a busy machine can only slow a download
 * down, so the fastest is the best guess of the line), or Infinity when none came over the network (e.g. cached). */
function lineMbits() {
  const speeds = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
    .filter((entry) => entry.transferSize > LINE_SAMPLE_BYTES && entry.responseEnd > entry.responseStart)
    .map((entry) => (entry.transferSize * 8) / ((entry.responseEnd - entry.responseStart) * 1000));
  return speeds.length ? Math.max(...speeds) : Infinity;
}

/** "snapshot" or "fresh": how the worker should start Python (a page the service worker controls has the snapshot). */
function pythonStart() {
  if (navigator.serviceWorker && navigator.serviceWorker.controller) return "snapshot";
  return lineMbits() >= SNAPSHOT_LINE_MBITS ? "snapshot" : "fresh";
}

function start() {
  bootStarted = performance.now();
  bootMarks = { "page scripts running": scriptsRunning, "worker created": bootStarted };
  // A blob: worker inherits the page's Content-Security-Policy (a worker loaded from its own URL would have none on
  // a static host): reader code in it can reach the site's own origin only, and cannot eval.
  const script = new URL(`assets/knobs/worker.js?v=${version}&start=${pythonStart()}`, siteRoot).href;
  const source = URL.createObjectURL(new Blob([workerStart(script)], { type: "text/javascript" }));
  worker = new Worker(source, { type: "module" });
  worker.addEventListener("message", () => URL.revokeObjectURL(source), { once: true });
  if (canInterrupt()) {
    interruptBuffer = new Int32Array(new SharedArrayBuffer(4));
    worker.postMessage({ kind: "interrupt-buffer", buffer: interruptBuffer });
  }
  // Python speaks the page's language from its first answer on: the table goes over once per worker (a language
  // switch loads another page).
  worker.postMessage({ kind: "words", words: entries() });
  worker.onmessage = ({ data }) => receive(data);
  worker.onerror = (event) => {
    event.preventDefault();
    const why = event.message || "network or script error";
    if (everReady && recentRestarts() < MAX_AUTO_RESTARTS)
      restart(t("Python stopped working ({why}) and was restarted", { why }));
    else loadFailed(why);
  };
  setState({ state: "booting", text: t("Starting Python…") });
}

function fail(text) {
  setState({ state: "failed", text });
  for (const [id, request] of pending) {
    pending.delete(id);
    request.reject(Object.assign(new Error(text), { fatal: true }));
  }
}

/** Tell the site's scripts that wait for Python's start (the search index: search-worker.js) that it is over: once
 * Python is ready, has answered what the page asked of it meanwhile and has then been idle for IDLE_MS. */
function announceReady() {
  announced = true;
  if (typeof BroadcastChannel !== "function") return;
  const channel = new BroadcastChannel(pythonReadyChannel(sitePath));
  channel.postMessage("ready");
  channel.close();
}

function receive(data) {
  if (data.kind === "load-failed") {
    loadFailed(data.error);
    return;
  }
  if (data.kind === "status") {
    if (data.state === "ready") {
      everReady = true;
      startedFrom = data.from;
      for (const [name, time] of Object.entries(data.marks || {})) bootMarks[name] = time - performance.timeOrigin;
      const seconds = ((performance.now() - bootStarted) / 1000).toFixed(1);
      setState({
        state: pending.size ? "busy" : "ready",
        text: t("Python is ready (started in {seconds} s)", { seconds }),
      });
    } else if (data.state === "failed") {
      fail(t(data.text, data.values));
    } else {
      setState({ state: data.state, text: t(data.text, data.values) });
    }
    return;
  }
  const request = pending.get(data.id);
  if (!request) return;
  if (data.kind === "stdout") {
    if (request.onStdout) request.onStdout(data.text);
    return;
  }
  pending.delete(data.id);
  if ("result" in data) {
    request.resolve(data.result);
  } else if (data.fatal && everReady) {
    // The runtime itself broke (e.g. out of memory inside WebAssembly): say so in words, then start afresh.
    const hint = /call stack/i.test(data.error)
      ? t(
          "A function called itself too deeply (raising sys.setrecursionlimit lets it overflow the page's stack): use fewer levels or a loop.",
        )
      : t("Run the cell again, with smaller numbers if it used a lot of memory.");
    const reason = t("Python crashed ({error}) and was restarted: variables from earlier cells were reset. {hint}", {
      error: data.error,
      hint,
    });
    request.reject(Object.assign(new Error(reason), { detail: data.detail, fatal: true, restarted: true }));
    restart(reason);
    return;
  } else {
    const message = data.values ? t(data.error, data.values) : data.error;
    request.reject(Object.assign(new Error(message), { detail: data.detail, fatal: Boolean(data.fatal) }));
  }
  if (state.state === "busy" || state.state === "ready") {
    setState({
      state: pending.size ? "busy" : "ready",
      text: pending.size ? t("Python is running…") : t("Python is ready"),
    });
  }
}

function request(message, onStdout) {
  boot();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onStdout });
    worker.postMessage({ ...message, id });
    if (state.state === "ready") setState({ state: "busy", text: t("Python is running…") });
  });
}

/** Whether a code cell has run in this page, so Python may hold the reader's variables. */
export function used() {
  return cellsRun > 0;
}

/** Start Python now if it has not started; `by`: "head" from start.js, else "page". */
export function boot(by = "page") {
  if (worker) return;
  startedBy = by;
  start();
}

/** Run a code cell in the namespace shared by `scope`; resolves to {stdout, stderr, result, error, ok}. */
export function run(code, { scope, cell, onStdout } = {}) {
  cellsRun++;
  return request({ kind: "run", code, scope, cell }, onStdout);
}

/** Call a page function of knobs_lab by name, e.g. call("about.runtime"); resolves to plain data. */
export function call(name, args = {}) {
  return request({ kind: "call", name, args });
}

/** Forget the variables of `scope`. */
export function reset(scope) {
  return request({ kind: "reset", scope });
}

/** Stop whatever Python is running: interrupt it, or restart the worker if it does not answer in time. */
export function stop() {
  if (!worker || pending.size === 0) return Promise.resolve("idle");
  if (!interruptBuffer) {
    restart(t("Stopped: Python was restarted to stop the code, so variables from earlier cells were reset"));
    return Promise.resolve("restarted");
  }
  interruptBuffer[0] = 2; // SIGINT: Python raises KeyboardInterrupt at its next check
  const ids = [...pending.keys()];
  const asked = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      if (!ids.some((id) => pending.has(id))) return resolve("interrupted");
      if (performance.now() - asked < STOP_GRACE_MS) return setTimeout(check, 20);
      restart(
        t(
          "Stopped: Python did not stop within {seconds} s (it was busy inside a built-in function) and was restarted, so variables from earlier cells were reset",
          { seconds: STOP_GRACE_MS / 1000 },
        ),
      );
      resolve("restarted");
    };
    check();
  });
}

/** Throw the worker away and start a fresh one; every running request fails with `reason`. */
export function restart(reason) {
  restartTimes.push(performance.now());
  if (worker) worker.terminate();
  worker = null;
  interruptBuffer = null;
  for (const [id, request] of pending) {
    pending.delete(id);
    request.reject(Object.assign(new Error(reason), { restarted: true }));
  }
  for (const listener of listeners) listener({ state: "restarting", text: reason, restarted: true });
  start();
}
