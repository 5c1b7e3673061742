"""Python's start in each browser engine a reader uses: time from navigation to the first cell result, side by side
with Pyodide's own `loadPyodide` in the same engine.

    .venv/bin/python benchmarks/bench_engines.py [--runs 3] [--site DIR] [--engine chromium|firefox|webkit ...]

Drives Debian's chromium, firefox-esr and WebKitGTK through the drivers of the engine tests (tests/engines/engines.py).
Each run starts the engine afresh (empty profile, cold caches), opens lesson 1, clicks Run on the first cell as soon
as it is mounted and stops the clock when the result shows.
bare: `loadPyodide` alone in a worker, cold, started on a page of the same server without the site's scripts (the
server's listing of a folder: no service worker, no lesson, no course package).
Prints the median, min and max of each, in seconds.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "engines")]

import engines  # noqa: E402

from conftest import SiteServer, build_site  # noqa: E402

LESSON = "lessons/01-what-is-a-model/"
ENGINES = {engine.name: engine for engine in (engines.Chromium, engines.Firefox, engines.WebKit)}
BARE_BOOT = """(window.__bare = null, (() => {
  const root = %r;
  const source = `const started = performance.now();
    const { loadPyodide } = await import("${root}pyodide/pyodide.mjs");
    await loadPyodide({ indexURL: "${root}pyodide/" });
    postMessage(performance.now() - started);`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
  worker.onmessage = (event) => { window.__bare = event.data / 1000; worker.terminate(); };
})(), true)"""


def first_result(engine, server):
    """Seconds from navigation to the first cell's result."""
    reader = engine()
    try:
        started = time.perf_counter()
        reader.goto(server.url(LESSON))
        reader.wait(f"document.body.dataset.knobsPage === '/knobs/{LESSON}'")
        reader.click(".knobs-cell .knobs-cell__run")
        reader.wait("document.querySelector('.knobs-cell .knobs-cell__output').textContent.includes('250000')", 300)
        return time.perf_counter() - started
    finally:
        reader.close()


def bare_boot(engine, server):
    reader = engine()
    try:
        reader.goto(server.url("assets/knobs/chunks/"))
        reader.evaluate(BARE_BOOT % server.url())
        return reader.wait("window.__bare", 300)
    finally:
        reader.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="a built site to serve (default: build one now)")
    parser.add_argument("--engine", action="append", choices=sorted(ENGINES), help="default: all three")
    args = parser.parse_args()
    print(f"load average {', '.join(f'{value:.2f}' for value in os.getloadavg())}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as scratch:
        site_dir = args.site or Path(scratch)
        server = SiteServer(site_dir)
        if not args.site:
            done = build_site(site_dir, site_url=server.url())
            if done.returncode:
                sys.exit(done.stdout + done.stderr)
        server.start()
        print(f"Python's start per engine, {args.runs} cold runs each: first cell result | bare loadPyodide")
        for name in args.engine or ENGINES:
            first = [first_result(ENGINES[name], server) for _ in range(args.runs)]
            bare = [bare_boot(ENGINES[name], server) for _ in range(args.runs)]
            columns = [
                f"median {statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"
                for values in (first, bare)
            ]
            print(f"  {name:8}  " + "  |  ".join(columns), flush=True)
        server.close()


if __name__ == "__main__":
    main()
