"""Python start in the real browser: navigation to the first cell result, side by side with bare Pyodide.

    .venv/bin/python benchmarks/bench_boot.py [--runs 5] [--site DIR]

Builds the site (unless --site names a built one), serves it under /knobs/ on 127.0.0.1 and drives Debian's
chromium headless; every figure comes from the same browser and the same server, in one run. Times are the page's
own clock (performance.now(), which counts from navigation): from navigation to the first frame after the result is
in the page, for bare Pyodide and Knobs alike; the driver's clock for the same visits (its polling and round trips
in) is printed too. Each run:
- bare, cold / second visit: Pyodide's own start as its docs show it — a fresh profile opens a light page of the site
  (its 404 page, service worker blocked), starts a module worker running `loadPyodide()` + `runPython("1 + 1")`;
  the clock runs from navigation to the frame after that result. Then the same page is opened again (the browser's
  HTTP cache).
- Knobs, cold: a fresh profile with service workers allowed, as a first-time reader: lesson 1 opens, Run on its first
  cell is clicked as soon as the cell is mounted, the clock stops at the frame after the result is on screen.
- Knobs, second visit: the same profile once the service worker has saved the site, lesson 1 opened again (through
  the service worker, as a returning reader has it), Run clicked at once.
- Knobs, Run after reading: lesson 1 opened again, Run clicked 6 s later; the page's clock runs from the click event
  to the first frame after the result is on screen.
- bytes: what the server sent for a first visit, up to the first result and in all (the service worker saving the
  site for offline use included), and for the second visit.
- throttled: the cold runs again with the server sending at 20 Mbit/s in all and answering each request 40 ms late
  (throttled at the server, so the worker's and the service worker's downloads are slowed too).
- "fresh start forced": a cold visit (service worker blocked) made to start Python afresh, the way python.js starts a
  first visit only on a line below 10 Mbit/s, so both starts are measured on both lines.
- the steps of each Knobs start: worker.js's performance marks and the end of each download, ms since navigation.
Prints the median (min–max) of each and the ratio of Knobs to bare Pyodide.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer, SubPathHandler, build_site, wait_until  # noqa: E402

LESSON = "lessons/01-what-is-a-model/"
READING_SECONDS = 6
THROTTLE_BITS_PER_SECOND = 20e6
THROTTLE_LATENCY_SECONDS = 0.040


class Line:
    """The server's outgoing line: counts bytes, and when throttled shares one rate among all connections."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent = 0
        self.rate = None  # bytes per second, or None for loopback speed
        self.free_at = 0.0  # when the throttled line is next free

    def send(self, data):
        with self.lock:
            self.sent += len(data)
            if self.rate is None:
                return
            start = max(self.free_at, time.monotonic())
            self.free_at = start + len(data) / self.rate
            wait = self.free_at - time.monotonic()
        if wait > 0:
            time.sleep(wait)


def measuring_server(site_dir, line):
    class Handler(SubPathHandler):
        def end_headers(self):
            if line.rate is not None:
                time.sleep(THROTTLE_LATENCY_SECONDS)
            super().end_headers()

        def copyfile(self, source, outputfile):
            try:
                while chunk := source.read(64 * 1024):
                    line.send(chunk)
                    outputfile.write(chunk)
            except (ConnectionResetError, BrokenPipeError):
                pass

    server = SiteServer(site_dir)
    server.httpd.RequestHandlerClass = lambda *args, **kwargs: Handler(*args, directory=str(site_dir), **kwargs)
    return server


BARE_PAGE_SCRIPT = """async (root) => {
  const source = `const { loadPyodide } = await import("${root}pyodide/pyodide.mjs");
    const pyodide = await loadPyodide({ indexURL: "${root}pyodide/" });
    postMessage(pyodide.runPython("1 + 1"));`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { type: "module" });
  const answer = await new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
  worker.terminate();
  await new Promise((resolve) => requestAnimationFrame(resolve));  // the frame that could show it, as in Knobs
  return [answer, performance.now()];
}"""

# Knobs' first result, timed by the page's own clock: from navigation (performance.now() counts from it) to the
# first frame after lesson 1's first cell shows its result. Installed before the page's own scripts run.
FIRST_RESULT_PAINTED = """(() => {
  const shown = () => (document.querySelector('.knobs-cell .knobs-cell__output') || {}).textContent?.includes('250000');
  new MutationObserver((changes, observer) => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__knobsFirstResult = performance.now(); });
  }).observe(document, { childList: true, subtree: true, characterData: true });
})()"""


def bare_seconds(page, server, driver=None):
    """Navigation to a light page, then bare Pyodide's first result in a worker: the page's clock, from navigation
    to the frame after the result arrived. `driver`, a list, gets the driver's own clock for the same run."""
    started = time.perf_counter()
    page.goto(server.url("404.html"))
    answer, painted = page.evaluate(BARE_PAGE_SCRIPT, server.url())
    assert answer == 2
    if driver is not None:
        driver.append(time.perf_counter() - started)
    return painted / 1000


# Run after reading is timed inside the page, from the click event to the first frame after the result appears: the
# driver's own click (finding the button, scrolling, sending input) is not what a reader waits for.
CLICK_TO_PAINT = """(() => {
  const output = document.querySelector('.knobs-cell .knobs-cell__output');
  let clickedAt = null;
  document.addEventListener('click', () => { clickedAt ??= performance.now(); }, { capture: true });
  new MutationObserver((changes, observer) => {
    if (clickedAt === null || !output.textContent.includes('250000')) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__knobsClickToPaint = performance.now() - clickedAt; });
  }).observe(output, { childList: true, subtree: true, characterData: true });
})()"""


def wait_for_value(page, expression, timeout=30):
    deadline = time.monotonic() + timeout
    while (value := page.evaluate(expression)) is None:
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(20)
    return value


def first_result_seconds(page, url, read_first=0, marks=None, driver=None):
    """Seconds to lesson 1's first cell result by the page's clock: from navigation to the frame after the result is
    on screen, or from the click to that frame if the reader read first.

    `marks`, a list, gets the boot's steps in ms since navigation (worker.js's performance marks, the click and the
    result added); `driver`, a list, the driver's own clock (navigation → it saw the result).
    """
    if not read_first and not getattr(page, "knobs_timed", False):
        page.add_init_script(FIRST_RESULT_PAINTED)  # for every later navigation of this page too: it only reads
        page.knobs_timed = True
    started = time.perf_counter()
    page.goto(url)
    cell = page.locator(".knobs-cell").first
    run = cell.get_by_role("button", name="▶ Run")
    run.wait_for()
    if read_first:
        page.wait_for_timeout(read_first * 1000)
        page.evaluate(CLICK_TO_PAINT)
    clicked = page.evaluate("performance.now()")
    run.click()
    cell.locator(".knobs-cell__output").filter(has_text="250000").wait_for(timeout=180_000)
    if driver is not None:
        driver.append(time.perf_counter() - started)
    if read_first:  # the click event to the frame that paints the result
        seconds = wait_for_value(page, "window.__knobsClickToPaint") / 1000
    else:
        seconds = wait_for_value(page, "window.__knobsFirstResult") / 1000
    if marks is not None:
        steps = page.evaluate("({...knobs.python.status().marks, 'first result': window.__knobsFirstResult})")
        marks.append({"Run clicked": clicked, **steps})
    return seconds


def saved_for_offline(page):
    wait_until(page, "document.documentElement.dataset.knobsOffline === 'ready'", timeout=300)


def force_start(page, start):
    """Make the page choose `start` ("snapshot" or "fresh") on a first visit, whatever the line: python.js chooses by
    how fast the page's own files arrived (performance entries), so the page is shown a fast line or a 1 Mbit/s one."""
    entries = "[]" if start == "snapshot" else "[{transferSize: 1e6, responseStart: 0, responseEnd: 8000}]"
    page.add_init_script(
        "(() => { const entriesByType = Performance.prototype.getEntriesByType;"
        "Performance.prototype.getEntriesByType = function (type) {"
        f"  return type === 'navigation' || type === 'resource' ? {entries} : entriesByType.call(this, type); }}; }})();"
    )


def one_run(browser, server, line, results, marks, starts, driver, throttled=False):
    suffix = ", throttled" if throttled else ""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    name = f"bare, cold{suffix}"
    results.setdefault(name, []).append(bare_seconds(page, server, driver.setdefault(name, [])))
    if not throttled:
        name = "bare, second visit"
        results.setdefault(name, []).append(bare_seconds(page, server, driver.setdefault(name, [])))
    context.close()

    url = server.url(LESSON)
    # A fresh start forced, to compare with the page's own choice (the snapshot, unless the line is below 10 Mbit/s).
    other = "fresh"
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    force_start(page, other)
    name = f"Knobs, cold{suffix}, {other} start forced"
    results.setdefault(name, []).append(first_result_seconds(page, url, marks=marks.setdefault(name, [])))
    starts.setdefault(name, []).append(page.evaluate("knobs.python.status().startedFrom"))
    context.close()

    context = browser.new_context()
    page = context.new_page()
    line.sent = 0
    name = f"Knobs, cold{suffix}"
    seconds = first_result_seconds(page, url, marks=marks.setdefault(name, []), driver=driver.setdefault(name, []))
    results.setdefault(name, []).append(seconds)
    starts.setdefault(name, []).append(page.evaluate("knobs.python.status().startedFrom"))
    if throttled:
        context.close()
        return
    results.setdefault("MB to the first result", []).append(line.sent / 1e6)
    saved_for_offline(page)
    page.wait_for_timeout(3000)  # a reader reads a little; V8 writes its code cache meanwhile
    results.setdefault("MB of the first visit, saving for offline included", []).append(line.sent / 1e6)
    page.goto(server.url())
    line.sent = 0
    name = "Knobs, second visit"
    seconds = first_result_seconds(page, url, marks=marks.setdefault(name, []), driver=driver.setdefault(name, []))
    results.setdefault(name, []).append(seconds)
    results.setdefault("MB of the second visit", []).append(line.sent / 1e6)
    assert page.evaluate("self.crossOriginIsolated")
    page.goto(server.url())
    results.setdefault("Knobs, Run after reading", []).append(first_result_seconds(page, url, READING_SECONDS))
    context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, help="a built site to serve (default: build one now)")
    parser.add_argument("--throttled-runs", type=int, help="runs on the throttled line (default: --runs)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()
    results = {}
    marks = {}
    starts = {}  # how Python started in each cold visit
    driver = {}  # the same visits by the driver's clock: navigation → it saw the result
    line = Line()
    with tempfile.TemporaryDirectory() as scratch:
        site_dir = args.site or Path(scratch)
        server = measuring_server(site_dir, line)
        if not args.site:
            done = build_site(site_dir, site_url=server.url())
            if done.returncode:
                sys.exit(done.stdout + done.stderr)
        server.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(args.runs):
                one_run(browser, server, line, results, marks, starts, driver)
            line.rate = THROTTLE_BITS_PER_SECOND / 8
            throttled_runs = args.runs if args.throttled_runs is None else args.throttled_runs
            for _ in range(throttled_runs):
                one_run(browser, server, line, results, marks, starts, driver, throttled=True)
            line.rate = None
            version = browser.version
            browser.close()
        server.close()

    median = {name: statistics.median(values) for name, values in results.items()}
    print(f"Python start, navigation to the first result, {args.runs} runs, headless Chromium {version}, one server")
    for when, load in (("before", load_before), ("after", os.getloadavg())):
        print(f"  load average {when}: {', '.join(f'{value:.2f}' for value in load)} ({os.cpu_count()} cores)")
    for name, values in results.items():
        unit = "" if name.startswith("MB") else " s"
        print(f"  {name:52} median {median[name]:6.2f}{unit}  (min {min(values):.2f}, max {max(values):.2f})")
    print("How Python started in the cold visits:")
    for name, seen in starts.items():
        print(f"  {name:52} {', '.join(sorted(set(seen)))}")
    print("Steps of Knobs' start, ms since navigation (median of each mark; worker.js's performance marks):")
    for name, runs in marks.items():
        if not runs:
            continue
        steps = sorted(
            {step for run in runs for step in run},
            key=lambda step: statistics.median(run[step] for run in runs if step in run),
        )
        print(f"  {name}:")
        for step in steps:
            times = [run[step] for run in runs if step in run]
            print(f"    {step:32} {statistics.median(times):7.0f}  (min {min(times):.0f}, max {max(times):.0f})")
    print("Knobs against bare Pyodide (medians):")
    ratios = (
        ("Knobs, cold", "bare, cold", 0.75),
        ("Knobs, second visit", "bare, second visit", 0.45),
        ("Knobs, cold, fresh start forced", "bare, cold", None),
        ("Knobs, cold, throttled", "bare, cold, throttled", None),
        ("Knobs, cold, throttled, fresh start forced", "bare, cold, throttled", None),
    )
    for ours, bare, goal in (ratio for ratio in ratios if ratio[0] in median):
        note = f"  (goal ≤ {goal})" if goal else ""
        print(f"  {ours} / {bare}: {median[ours] / median[bare]:.2f}{note}")
    print("The same by the driver's clock (navigation → the driver saw the result; its polling and round trips in):")
    for ours, bare, _ in (ratio for ratio in ratios if ratio[0] in driver and ratio[1] in driver):
        ours_s, bare_s = statistics.median(driver[ours]), statistics.median(driver[bare])
        print(f"  {ours} / {bare}: {ours_s:.2f} s / {bare_s:.2f} s = {ours_s / bare_s:.2f}")
    print(f"  Knobs, Run after reading: {median['Knobs, Run after reading'] * 1000:.0f} ms  (goal ≤ 100 ms)")


if __name__ == "__main__":
    main()
