// The theme's site search, made to wait for Python. The theme's search worker builds its index from the text of every
// page (three languages, ~1 MB) as soon as a page loads: ~0.6 s of one core on a 2-core machine, in the very second
// a lesson starts Python, whose start it slowed by a quarter (BENCHMARKS.md). On a page that runs Python the build
// gives the theme this worker instead (overrides/hooks/python_pages.py); it holds the theme's index until Python is
// ready and idle in this site (python.js says so on a BroadcastChannel) or the reader searches, whichever comes
// first, then loads the theme's own worker and hands it what it held.
//
// The theme sends a query only once its worker has said "ready", so this one says it at once; a query that arrives
// before the index is built waits for it. It lives beside the theme's worker (assets/javascripts/workers/), because
// the theme's worker loads its language files from "../lunr/", resolved against the address of the worker running it.

import { pythonReadyChannel } from "./python-ready.js";

// The theme's message types (mkdocs-material's search worker protocol).
const SETUP = 0;
const READY = 1;

const here = new URL(self.location.href);
const themeWorker = new URL(here.searchParams.get("worker"), here).href;
const channel =
  typeof BroadcastChannel === "function"
    ? new BroadcastChannel(pythonReadyChannel(new URL("../../../", here).pathname)) // the site's path
    : null;
let pythonReady = !channel; // without a channel nothing can say so: build at once, as the theme would
let setup = null; // the theme's setup message (its index), held
const queries = []; // queries that came before the index was built
let phase = "holding"; // → "building" (the theme's worker loaded and given the index) → "built"
let handingOver = false; // a held message on its way to the theme's worker

function handOver(data) {
  handingOver = true;
  try {
    self.dispatchEvent(new MessageEvent("message", { data }));
  } finally {
    handingOver = false;
  }
}

function buildIndex() {
  if (phase !== "holding" || !setup) return;
  phase = "building";
  channel?.close();
  importScripts(themeWorker);
  handOver(setup);
}

// The theme's worker answers through postMessage: its "ready" (the index is built) was said already; the queries
// held meanwhile are handed over now.
const post = self.postMessage.bind(self);
self.postMessage = (message, ...rest) => {
  if (message?.type !== READY) return post(message, ...rest);
  phase = "built";
  for (const query of queries.splice(0)) handOver(query);
};

// Registered before the theme's worker registers its own, so it sees every message first.
self.addEventListener("message", (event) => {
  if (handingOver || phase === "built") return;
  event.stopImmediatePropagation();
  if (event.data?.type === SETUP) {
    setup = event.data;
    post({ type: READY });
    if (pythonReady) buildIndex();
  } else {
    // The theme sends the search box's text on every change, its empty text as soon as the worker is ready.
    queries.push(event.data);
    if (String(event.data?.data ?? "").trim()) buildIndex(); // the reader is searching: the index is wanted now
  }
});

if (channel)
  channel.onmessage = () => {
    pythonReady = true;
    buildIndex();
  };
