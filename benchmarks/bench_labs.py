"""Lab speed in headless Chromium: slider move → redrawn chart, and the network lab's training rate.

    .venv/bin/python benchmarks/bench_labs.py [--site DIR]

Builds the site (or uses DIR), serves it under /knobs/ like the tests, opens the "All labs" page and prints:
- labs 1–3: the median time from a slider's input event to the chart redrawn with Python's answer (target ≤ 30 ms);
- network lab (2-8-8-1 tanh, 200 moons, training on 100 and on 180 of them): training steps per second and boundary
  frames per second while playing (targets ≥ 300 and ≥ 30);
- generalisation lab (degree 9 on 12 points, Adam), playing: training steps and redrawn frames per second;
- anchors, measured natively in the same run (the machine may be busy: compare with these, not across days): the
  same network's training steps per second and its boundary grid, fast path against the readable one;
- the machine's load average (1 minute) before and after, since other work on the machine slows every figure.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pycode"))

from conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer, build_site  # noqa: E402

MOVES = 40
PLAY_SECONDS = 6

TIME_MOVE = """async ([id, name, values]) => {
  const root = document.querySelector(`.knobs-lab[data-lab-id="${id}"]`);
  const input = root.querySelector(`[data-setting="${name}"] input`);
  const times = [];
  for (const value of values) {
    const before = root.dataset.drawn;
    const drawn = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (root.dataset.drawn !== before) { observer.disconnect(); resolve(); }
      });
      observer.observe(root, { attributes: true, attributeFilter: ["data-drawn"] });
    });
    const start = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await drawn;
    await new Promise(requestAnimationFrame);  // until the browser has painted the redrawn chart
    times.push(performance.now() - start);
  }
  return times;
}"""

CASES = [  # lab id, setting, values the slider steps through
    ("line", "weight", [100 + (i % 20) * 5 for i in range(MOVES)]),
    ("dynamics", "learning_rate", [-2 + (i % 10) * 0.1 for i in range(MOVES)]),  # log10 of the rate
    ("generalisation", "degree", [1 + i % 12 for i in range(MOVES)]),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", help="an already built site folder (built for any address)")
    options = parser.parse_args()
    if not options.site:
        with tempfile.TemporaryDirectory(prefix="knobs-bench-") as folder:
            return measure(folder, build=True)
    return measure(options.site, build=False)


def load_average():
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def measure(folder, build):
    server = SiteServer(folder)
    if build:
        done = build_site(folder, site_url=server.url())
        if done.returncode:
            sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    server.start()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        page = context.new_page()
        page.goto(server.url("labs/"))
        print(f"load average at the start: {load_average()}")
        print("lab              case                         median     p90")
        for lab_id, setting, values in CASES:
            root = page.locator(f'.knobs-lab[data-lab-id="{lab_id}"]')
            root.scroll_into_view_if_needed()
            page.wait_for_selector(f'.knobs-lab[data-lab-id="{lab_id}"][data-ready="true"]', timeout=60_000)
            page.evaluate(TIME_MOVE, [lab_id, setting, values[:5]])  # warm up
            times = sorted(page.evaluate(TIME_MOVE, [lab_id, setting, values]))
            print(
                f"{lab_id:16} slider {setting:15} → redraw {statistics.median(times):6.1f} ms "
                f"{times[int(0.9 * len(times))]:6.1f} ms"
            )
        for share in (0.5, 0.9):  # training on 100 and on 180 of the 200 points
            steps, frames = playing(
                page, server.url("labs/") + f"#network.train_share={share}", "network", "epoch", "frames"
            )
            print(
                f"network          2-8-8-1 tanh, {round(200 * share)} training points "
                f"{steps:6.1f} steps/s {frames:6.1f} boundary frames/s"
            )
        steps, frames = playing(page, server.url("labs/"), "generalisation", "steps", "drawn")
        print(f"generalisation   degree 9, 12 points, Adam, playing     {steps:6.1f} steps/s {frames:6.1f} frames/s")
        browser.close()
    server.close()
    anchors()
    print(f"load average at the end: {load_average()}")


def playing(page, url, lab_id, steps_attribute, frames_attribute):
    """Open `url`, press the lab's Play and count for PLAY_SECONDS: (training steps, frames drawn) per second."""
    page.goto(url)
    page.reload()
    root = page.locator(f'.knobs-lab[data-lab-id="{lab_id}"]')
    root.scroll_into_view_if_needed()
    page.wait_for_selector(f'.knobs-lab[data-lab-id="{lab_id}"][data-ready="true"]', timeout=60_000)
    root.get_by_role("button", name="▶ Play").click()
    page.wait_for_timeout(1000)  # warm up
    read = (
        f"() => {{ const r = document.querySelector('[data-lab-id={lab_id}]'); "
        f"return [Number(r.dataset.{steps_attribute}), Number(r.dataset.{frames_attribute}), performance.now()]; }}"
    )
    steps0, frames0, t0 = page.evaluate(read)
    page.wait_for_timeout(PLAY_SECONDS * 1000)
    steps1, frames1, t1 = page.evaluate(read)
    seconds = (t1 - t0) / 1000
    return (steps1 - steps0) / seconds, (frames1 - frames0) / seconds


def anchors():
    """The same network natively, now: training steps per second and the boundary grid, fast and readable."""
    from knobs.models import Model
    from knobs_lab import lab_runs, network_lab
    from knobs_lab.calls import call

    call("network_lab.configure", {"lab": "anchor", "settings": {}})
    run = lab_runs.kept(network_lab.__name__, "anchor")
    low_x, high_x, low_y, high_y = run.box
    start = time.perf_counter()
    run.trainer.step(100)
    steps = 100 / (time.perf_counter() - start)
    timings = {}
    for name, grid in (
        ("fast", run.model.predict_grid),
        ("readable", lambda *a, **k: Model.predict_grid(run.model, *a, **k)),
    ):
        start = time.perf_counter()
        for _ in range(20):
            grid((low_x, high_x), (low_y, high_y), resolution=network_lab.GRID)
        timings[name] = (time.perf_counter() - start) / 20 * 1000
    print(
        f"anchor, native   2-8-8-1 tanh, 100 training points       {steps:6.1f} steps/s; "
        f"{network_lab.GRID}² grid {timings['fast']:.1f} ms fast path, {timings['readable']:.1f} ms readable"
    )


if __name__ == "__main__":
    main()
