"""Pyodide boot in the real browser: time from navigation to the first cell result, cold and warm.

    .venv/bin/python benchmarks/bench_boot.py [--runs 5] [--site DIR]

Builds the site (unless --site names a built one), serves it under /knobs/ on 127.0.0.1 and drives Debian's
chromium headless. Each run opens lesson 1, clicks Run on the first cell as soon as it is mounted and stops the
clock when the cell shows its result.
- cold: a fresh browser profile (empty HTTP cache, no service worker);
- warm: the same profile, the page opened again (files from the browser's caches; Python boots again, since every
  visit starts a new worker).
- bare: for comparison, Pyodide's own `loadPyodide` in a worker started on the site's 404 page (no lesson, no course
  package): the part of the wait that belongs to Pyodide, not to Knobs.
Prints the median, min and max of each, in seconds.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer, build_site  # noqa: E402

LESSON = "lessons/01-what-is-a-model/"


def first_result_seconds(page, url):
    """Seconds from navigation to the first cell's result on screen, and Python's own boot time as it reported."""
    started = time.perf_counter()
    page.goto(url)
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name="▶ Run").click()
    cell.locator(".knobs-cell__output").filter(has_text="250000").wait_for(timeout=120_000)
    elapsed = time.perf_counter() - started
    boot = page.evaluate("window.knobs.python.status().text")
    return elapsed, boot


BARE_BOOT = """async (root) => {
  const source = `const started = performance.now();
    const { loadPyodide } = await import("${root}pyodide/pyodide.mjs");
    await loadPyodide({ indexURL: "${root}pyodide/" });
    postMessage(performance.now() - started);`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
  const milliseconds = await new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
  worker.terminate();
  return milliseconds / 1000;
}"""


def bare_boot_seconds(browser, server):
    """loadPyodide alone, in a fresh profile (cold) and again in the same page (warm)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(server.url("404.html"))
    cold = page.evaluate(BARE_BOOT, server.url())
    warm = page.evaluate(BARE_BOOT, server.url())
    context.close()
    return cold, warm


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, help="a built site to serve (default: build one now)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        site_dir = args.site or Path(scratch)
        server = SiteServer(site_dir)
        if not args.site:
            done = build_site(site_dir, site_url=server.url())
            if done.returncode:
                sys.exit(done.stdout + done.stderr)
        server.start()
        url = server.url(LESSON)
        cold, warm = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                context = browser.new_context()
                page = context.new_page()
                seconds, _ = first_result_seconds(page, url)
                cold.append(seconds)
                page.goto(server.url())          # leave, then come back: a new visit with warm caches
                seconds, _ = first_result_seconds(page, url)
                warm.append(seconds)
                context.close()
            bare = [bare_boot_seconds(browser, server) for _ in range(args.runs)]
            version = browser.version
            browser.close()
        server.close()

    print(f"Pyodide boot to first cell result, {args.runs} runs, headless Chromium {version}")
    for name, values in (("cold", cold), ("warm", warm), ("bare loadPyodide, cold", [c for c, _ in bare]),
                         ("bare loadPyodide, warm", [w for _, w in bare])):
        print(f"  {name}: median {statistics.median(values):.2f} s  (min {min(values):.2f}, max {max(values):.2f})")


if __name__ == "__main__":
    main()
