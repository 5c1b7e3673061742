"""Speed of the pretrained transformer, natively and in Pyodide under Node.js — or in the real browser.

    python3 benchmarks/bench_transformer.py [--quick] [--pyodide-dir DIR] [--no-pyodide]
    .venv/bin/python benchmarks/bench_transformer.py --browser [--site DIR]

Runs the cases in `transformer_cases.py` with this Python, then the same file
inside Pyodide (`pyodide_bench.mjs --module transformer_cases`), and prints one
table: seconds per case and units per second (words written, answers scored).

With --browser: builds the site (or uses DIR), serves it like the tests and drives headless Chromium as a reader:
generation words/s from a lesson's code cell (the same code run natively beside it as the anchor), then on the
"All labs" page the time to score every strategy of the prompts lab (Compare → the last bar), and the assistant
lab's default fine-tuning demo (Fine-tune → Done: total time and steps/s), each beside the same bridge calls natively.
"""

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "pycode"), str(HERE)]

import bench_training  # noqa: E402  (needs the paths above)
import transformer_cases  # noqa: E402


def run_pyodide(pyodide_dir, quick, cases):
    """Run the transformer cases inside Pyodide, through bench_training's runner."""
    return bench_training.run_pyodide(pyodide_dir, quick, cases, module="transformer_cases", timeout=1800)


# Typed into a lesson's code cell (and run natively as the anchor): 100 words after a 5-shot prompt, KV cache.
GENERATE = """import time, json
from knobs import prompting
model = prompting.pretrained()
text = prompting.prompt("5-shot", "dog")
model.generate(text, length=20, seed=0, stop=None)
start = time.perf_counter()
written = model.generate(text, length=100, seed=0, stop=None)
seconds = time.perf_counter() - start
print(json.dumps({"words": len(written.split(" ")), "seconds": seconds}))
"""


def native_labs():
    """The labs' work natively: every strategy scored (one `score` call each), and the assistant's default demo."""
    import time

    from knobs.prompting import pretrained
    from knobs_lab import prompts_lab
    from knobs_lab.calls import call

    pretrained()  # read once, as the page does on the lab's first call
    start = time.perf_counter()
    for strategy in prompts_lab.STRATEGIES:
        call("prompts_lab.score", {"settings": {}, "strategy": strategy})
    strategies = time.perf_counter() - start
    start = time.perf_counter()
    setup = call("assistant_lab.configure", {"lab": "bench", "settings": {}})
    while not call("assistant_lab.train", {"lab": "bench", "steps": 1})["done"]:
        pass
    return {"strategies": strategies, "demo": time.perf_counter() - start, "steps": setup["steps"]}


def measure_in_browser(site=None):
    """Generation in a code cell and the two labs' runs in headless Chromium; prints them beside native."""
    import json
    import tempfile
    import time

    sys.path.insert(0, str(HERE.parent / "tests"))
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer, build_site

    folder = site or tempfile.mkdtemp(prefix="knobs-bench-")
    server = SiteServer(folder)
    if not site:
        done = build_site(folder, site_url=server.url())
        if done.returncode:
            sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    server.start()
    print(f"site: {folder}")
    scope = {}
    exec(GENERATE.replace("print(", "result = ("), scope)  # noqa: S102  (our own benchmark code)
    written = json.loads(scope["result"])
    native = {"words_per_second": written["words"] / written["seconds"], **native_labs()}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block").new_page()
        page.goto(server.url("lessons/01-what-is-a-model/"))
        cell = page.locator(".knobs-cell").first
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(GENERATE)
        cell.get_by_role("button", name="Run").first.click()
        output = cell.locator(".knobs-cell__output")
        deadline = time.monotonic() + 300
        while '"seconds"' not in output.inner_text() and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        generated = json.loads(output.inner_text().strip().splitlines()[-1])
        page.goto(server.url("labs/"))
        timed = {}
        for name, button, done in (
            ("prompts", "Compare the strategies", "Done:"),
            ("assistant", "Fine-tune", "Done:"),
        ):
            root = page.locator(f'.knobs-lab[data-lab-id="{name}"]')
            root.scroll_into_view_if_needed()
            page.wait_for_selector(f'.knobs-lab[data-lab-id="{name}"][data-ready="true"]', timeout=120_000)
            status = root.locator(".knobs-lab__status")
            start = time.monotonic()
            root.get_by_role("button", name=button, exact=True).click()
            while not status.inner_text().startswith(done):
                page.wait_for_timeout(20)
            timed[name] = time.monotonic() - start
        chromium.close()
    server.close()
    words = generated["words"] / generated["seconds"]
    print(f"{'case':<44} {'native':>12} {'browser':>12} {'slower':>7}")
    rows = [
        ("generate: 100 words, KV cache (words/s)", native["words_per_second"], words, native["words_per_second"] / words),
        (f"prompts lab: {len(prompts_lab_strategies())} strategies × 20 words (s)", native["strategies"],
         timed["prompts"], timed["prompts"] / native["strategies"]),
        (f"assistant lab: default demo, {native['steps']} steps (s)", native["demo"], timed["assistant"],
         timed["assistant"] / native["demo"]),
        ("assistant lab: fine-tuning steps/s (whole demo)", native["steps"] / native["demo"],
         native["steps"] / timed["assistant"], timed["assistant"] / native["demo"]),
    ]  # fmt: skip
    for label, here, there, ratio in rows:
        print(f"{label:<44} {here:>12.2f} {there:>12.2f} {ratio:>6.1f}x")
    print(f"native: CPython {sys.version.split()[0]}; browser: {CHROMIUM}")


def prompts_lab_strategies():
    from knobs_lab import prompts_lab

    return prompts_lab.STRATEGIES


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browser", action="store_true", help="measure in headless Chromium (see above)")
    parser.add_argument("--site", help="with --browser: an already built site folder")
    parser.add_argument("--quick", action="store_true", help="one round per case instead of three")
    parser.add_argument("--no-pyodide", action="store_true")
    parser.add_argument("--case", action="append", help="run only this case (repeatable)")
    parser.add_argument(
        "--pyodide-dir", default=os.environ.get("KNOBS_PYODIDE_DIR", str(HERE.parent / "node_modules" / "pyodide"))
    )
    options = parser.parse_args()
    print("load average:", ", ".join(f"{v:.2f}" for v in os.getloadavg()))
    if options.browser:
        return measure_in_browser(options.site)
    native = transformer_cases.run_all(quick=options.quick, names=options.case)
    browser = {} if options.no_pyodide else run_pyodide(options.pyodide_dir, options.quick, options.case)
    theirs = {row["case"]: row for row in browser.get("rows", [])}
    print(f"{'case':<18} {'what':<38} {'native':>18} {'pyodide':>18} {'slower':>7}")
    for row in native["rows"]:
        other = theirs.get(row["case"])
        cell = f"{other['seconds']:.2f} s" if other else ""
        ratio = f"{other['seconds'] / row['seconds']:.1f}x" if other else ""
        print(f"{row['case']:<18} {row['label']:<38} {row['seconds']:>8.2f} s {'':>8} {cell:>10} {'':>7} {ratio:>7}")
        print(
            f"{'':<18} {row['unit'] + ' per second':<38} {row['per_second']:>10.1f} {'':>7} "
            f"{other['per_second'] if other else 0:>10.1f}"
        )
    print(f"native: CPython {native['python']} on {native['platform']}")
    if "error" in browser:
        print(f"pyodide: not run ({browser['error']})")
    elif browser:
        print(f"pyodide: {browser['pyodide']} (Python {browser['python']}) under Node {browser['node']}")


if __name__ == "__main__":
    main()
