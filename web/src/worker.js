// The Python worker: boots Pyodide once, loads the course packages, then answers requests one at a time.
// It holds no maths: cells run through knobs_lab.runner, labs through knobs_lab functions.
// Protocol: the page sends {id, kind, ...}; the worker answers {id, result} or {id, error, fatal?}.
// Settings, sent once without an id and not answered: {kind: "interrupt-buffer", buffer} and {kind: "words", words},
// the page language's table (web/src/words.js), which Python keeps for every cell, check and lab it answers.
// Unprompted messages: {kind: "status", state, text, values, from?} while booting (text in English: the page says it
// in its language, filling {placeholders} from values; from: "snapshot" or "fresh", how Python started),
// {kind: "stdout", id, text} while a cell runs.

import { installCoursePackage } from "./course.js";

// This module's own address (the worker itself is a small blob: script that imports it, see python.js).
const siteRoot = new URL("../../", import.meta.url);
const version = new URL(import.meta.url).searchParams.get("v") || "dev";
const fromSnapshot = new URL(import.meta.url).searchParams.get("start") !== "fresh"; // the page's choice (python.js)
let pyodide = null;
let interruptBuffer = null;
let py = null; // the Python functions the worker calls, looked up once
let PythonError = null; // looked up at boot: after a fatal error every use of the pyodide object throws
let pageWords = null; // the page language's table, until Python has it

function status(state, text, from, values = {}) {
  const marks = state === "ready" ? bootMarks() : undefined;
  self.postMessage({ kind: "status", state, text, values, from, marks });
}

// Marks a status text as a catalogue key (overrides/hooks/words.py finds each t call); the page translates it: a worker
// has no page, so no catalogue.
const t = (text) => text;

// Performance marks of the boot's steps (named "knobs:…"), sent with "ready" as milliseconds since the page's
// navigation began, so a benchmark can split a start into its parts.
function mark(name) {
  performance.mark(`knobs:${name}`);
}

function bootMarks() {
  const marks = performance
    .getEntriesByType("mark")
    .filter((entry) => entry.name.startsWith("knobs:"))
    .map((entry) => [entry.name.slice(6), entry.startTime]);
  // When each download ended (the browser's resource timing), e.g. "fetched pyodide.asm.wasm".
  const downloads = performance
    .getEntriesByType("resource")
    .map((entry) => [`fetched ${new URL(entry.name).pathname.split("/").pop()}`, entry.responseEnd]);
  return Object.fromEntries([...downloads, ...marks].map(([name, time]) => [name, performance.timeOrigin + time]));
}
mark("worker module");

// Python starts from the build-time memory snapshot (web/snapshot.mjs): the interpreter as it stood after start-up
// with the course packages imported — unless the page chose a fresh start (a first visit on a slow line, see
// python.js; `snapshot` is then null). The snapshot API is private to Pyodide: on any error (a snapshot from another
// build, a short download, a RangeError while restoring) the worker starts Python the normal way instead.
async function startPython(loadPyodide, snapshot) {
  const options = {
    indexURL: new URL("pyodide/", siteRoot).href,
    stdin: () => {
      throw new Error("input() cannot read from the keyboard in this page");
    },
  };
  if (!snapshot) return { pyodide: await loadPyodide(options), from: "fresh" };
  try {
    const started = await loadPyodide({ ...options, _loadSnapshot: snapshot });
    mark("snapshot restored");
    freshenAfterSnapshot(started);
    return { pyodide: started, from: "snapshot" };
  } catch (error) {
    console.warn("Knobs: Python could not start from its snapshot, starting it afresh", error);
    return { pyodide: await loadPyodide(options), from: "fresh" };
  }
}

// What the snapshot froze at build time and a fresh start would have made anew in this browser.
function freshenAfterSnapshot(started) {
  const lang = `${(self.navigator.language || "C").replace("-", "_")}.UTF-8`;
  // Restoring puts the working directory ('') in front of sys.path again; random would repeat the build's numbers.
  started.runPython(`import os, random, sys
if sys.path[:1] == [""] and "" in sys.path[1:]: del sys.path[0]
random.seed()
os.environ["LANG"] = ${JSON.stringify(lang)}`);
}

async function fetchBytes(url, what) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${what} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

// The snapshot travels gzipped (~6 MB instead of 30 MiB); the service worker, once it has saved the site, answers
// the same URL with the file stored decompressed, so a later visit reads it without decompressing.
async function fetchSnapshot() {
  const bytes = await fetchBytes(
    new URL(`assets/knobs/python.snapshot.gz?v=${version}`, siteRoot),
    "the Python snapshot",
  );
  mark("snapshot read");
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // no gzip magic: already decompressed
  const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const decompressed = new Uint8Array(await new Response(plain).arrayBuffer());
  mark("snapshot decompressed");
  return decompressed;
}

async function boot() {
  status("booting", t("Starting Python…"));
  // Every download starts at once; Pyodide fetches its WebAssembly itself as soon as loadPyodide is called.
  const snapshot = fromSnapshot ? fetchSnapshot() : null;
  if (snapshot) snapshot.catch(() => {}); // a failed download is handled where it is awaited (the normal start)
  const coursePackage = fetchBytes(new URL(`assets/knobs/pycode.zip?v=${version}`, siteRoot), "the course package");
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", siteRoot).href);
  mark("pyodide.mjs imported");
  const started = await startPython(loadPyodide, snapshot);
  pyodide = started.pyodide;
  mark("python started");
  status("booting", t("Loading the course package…"));
  // Unpacked after a snapshot start too: the files are for tracebacks and linecache (the modules are in memory).
  installCoursePackage(pyodide, await coursePackage);
  mark("course package installed");
  const runner = pyodide.pyimport("knobs_lab.runner");
  const calls = pyodide.pyimport("knobs_lab.calls");
  const words = pyodide.pyimport("knobs_lab.words");
  PythonError = pyodide.ffi.PythonError;
  runner.install_page_limits();
  py = { runCell: runner.run_cell, reset: runner.reset, call: calls.call, useWords: words.use };
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  if (pageWords) handOverWords();
  withholdFromReaderCode();
  mark("ready");
  status("ready", t("Python is ready"), started.from);
}

// Reader code reaches JavaScript through Pyodide's `js` module. Once Python has loaded all it needs, take away what
// could send data elsewhere or touch the site's stored data (the worker never has the page's DOM or localStorage).
// The firmer guard is the page's Content-Security-Policy, which this worker inherits (it starts from a blob: URL):
// connections and scripts from the site's own origin only, and no eval — so no import() of another site's script.
const WITHHELD = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebTransport",
  "EventSource",
  "importScripts",
  "caches",
  "indexedDB",
  "Worker",
  "SharedWorker",
  "BroadcastChannel",
];

function withholdFromReaderCode() {
  for (const name of WITHHELD) {
    for (let target = self; target; target = Object.getPrototypeOf(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      if (descriptor && descriptor.configurable) delete target[name];
    }
  }
}

const ready = boot().catch((error) => {
  status("failed", t("Python could not start: {error}"), null, { error: error.message });
  throw error;
});

function toPlain(proxy) {
  // Python dicts and lists become plain objects and arrays; the proxy is freed.
  if (!proxy || typeof proxy.toJs !== "function") return proxy;
  const value = proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  proxy.destroy();
  return value;
}

// Python keeps the table (knobs_lab.words.use): converted once per worker, not with every request.
function handOverWords() {
  const table = pyodide.toPy(pageWords);
  try {
    py.useWords(table);
  } finally {
    table.destroy();
  }
  pageWords = null;
}

const handlers = {
  run({ id, code, scope, cell }) {
    const sink = (text) => self.postMessage({ kind: "stdout", id, text });
    return toPlain(py.runCell(code, scope, cell, sink));
  },
  call({ name, args }) {
    const pyArgs = pyodide.toPy(args || {});
    try {
      return toPlain(py.call(name, pyArgs));
    } finally {
      pyArgs.destroy();
    }
  },
  reset({ scope }) {
    py.reset(scope);
    return true;
  },
};

self.onmessage = async ({ data }) => {
  if (data.kind === "interrupt-buffer") {
    interruptBuffer = data.buffer;
    if (pyodide) pyodide.setInterruptBuffer(interruptBuffer);
    return;
  }
  if (data.kind === "words") {
    pageWords = data.words || {};
    if (py) handOverWords();
    return;
  }
  const handler = handlers[data.kind];
  if (!handler) {
    self.postMessage({ id: data.id, error: `unknown request ${data.kind}` });
    return;
  }
  try {
    await ready;
  } catch (error) {
    const values = { error: error.message };
    self.postMessage({ id: data.id, error: t("Python could not start: {error}"), values, fatal: true });
    return;
  }
  if (interruptBuffer) interruptBuffer[0] = 0;
  try {
    self.postMessage({ id: data.id, result: handler(data) });
  } catch (error) {
    // A Python exception here comes from a lab call given bad settings: the last line says what was wrong.
    // Anything else means the runtime itself broke (a fatal error inside WebAssembly): the page restarts the worker.
    if (PythonError && error instanceof PythonError) {
      const lines = error.message.trim().split("\n");
      self.postMessage({ id: data.id, error: lines[lines.length - 1], detail: error.message });
    } else {
      self.postMessage({ id: data.id, error: String(error && error.message ? error.message : error), fatal: true });
    }
  }
};
