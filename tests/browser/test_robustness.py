"""Bad code a reader may type — runaway loops, busy built-ins, floods, memory exhaustion, things a page cannot do —
and what the reader sees: a clear message, a working page, and (where possible) their variables kept.

One isolated page (served through the service worker, so Stop can interrupt Python) is shared by most tests, in
order; one page without the service worker checks the restart path."""

import time

import pytest
from playwright.sync_api import expect

from conftest import wait_until

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"


def open_lesson(page, server):
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')


@pytest.fixture(scope="module")
def isolated(browser, server):
    """A lesson page controlled by the service worker, hence crossOriginIsolated."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    open_lesson(page, server)
    wait_until(page, "document.documentElement.dataset.knobsOffline === 'ready'", timeout=180)
    open_lesson(page, server)  # isolation comes with the next page load, served through the worker
    wait_until(page, "self.crossOriginIsolated")
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    yield page
    context.close()


def cell(page, index):
    return page.locator(".knobs-cell").nth(index)


def run(page, index, code, expect_status="Done|error|Stopped|crashed", timeout=60_000):
    """Type `code` into a cell, run it, wait until it has finished; return the cell."""
    target = cell(page, index)
    target.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    target.get_by_role("button", name="▶ Run").click()
    expect(target.get_by_role("button", name="▶ Run")).to_be_enabled(timeout=timeout)
    return target


def output(page, index):
    return cell(page, index).locator(".knobs-cell__output")


def start_and_stop(page, code, wait_ms=500):
    """Run `code` in cell 1, press Stop after `wait_ms`; return seconds from the click to the cell being idle."""
    target = cell(page, 0)
    target.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    target.get_by_role("button", name="▶ Run").click()
    stop = target.get_by_role("button", name="■ Stop")
    expect(stop).to_be_enabled()
    page.wait_for_timeout(wait_ms)
    started = time.monotonic()
    stop.click()
    expect(target.get_by_role("button", name="▶ Run")).to_be_enabled(timeout=15_000)
    return time.monotonic() - started


def test_stop_interrupts_an_infinite_loop_within_a_second_and_keeps_variables(isolated):
    page = isolated
    run(page, 1, "kept = 41")
    expect(cell(page, 1).locator(".knobs-cell__status")).to_contain_text("Done", timeout=60_000)
    seconds = start_and_stop(page, "while True:\n    pass")
    print(
        f"interrupt: cell idle {seconds * 1000:.0f} ms after Stop was clicked"
    )  # measured in bench_boot, not asserted
    expect(cell(page, 0).locator(".knobs-cell__status")).to_have_text("Stopped.")
    expect(output(page, 0)).to_contain_text("variables set before it stopped are kept")
    run(page, 1, "kept + 1")
    expect(output(page, 1)).to_have_text("42")


def test_stop_restarts_python_busy_inside_a_builtin_and_says_variables_were_reset(isolated):
    page = isolated
    started = time.monotonic()
    start_and_stop(page, "sum(range(10**10))")
    expect(cell(page, 0).locator(".knobs-cell__status")).to_contain_text("variables from earlier cells were reset")
    run(page, 1, "kept")
    print(f"restart: next cell answered {time.monotonic() - started:.1f} s after Run (0.5 s wait + 1 s grace + boot)")
    expect(output(page, 1)).to_contain_text("NameError: name 'kept' is not defined")
    run(page, 1, "2 + 2")
    expect(output(page, 1)).to_have_text("4")


def test_sleep_is_capped_with_an_explanation_and_a_short_one_can_be_stopped(isolated):
    page = isolated
    run(page, 0, "import time\ntime.sleep(100)")
    expect(output(page, 0)).to_contain_text("time.sleep(100) would freeze this cell for 100 s")
    run(page, 1, "kept = 'still here'")
    start_and_stop(page, "import time\ntime.sleep(9)")
    expect(cell(page, 0).locator(".knobs-cell__status")).to_have_text("Stopped.")  # interrupted, not slept out
    run(page, 1, "kept")
    expect(output(page, 1)).to_have_text("'still here'")


def test_things_a_page_cannot_do_are_explained(isolated):
    page = isolated
    run(page, 0, "size = input('House size? ')")
    expect(output(page, 0)).to_contain_text("input() cannot read from the keyboard in this page")
    assert "runner.py" not in output(page, 0).inner_text()
    run(page, 0, "import numpy")
    expect(output(page, 0)).to_contain_text("ModuleNotFoundError: No module named 'numpy'")
    expect(output(page, 0)).to_contain_text("only Python's standard library and the course package")


def test_memory_exhaustion_ends_with_a_message_and_the_page_keeps_working(isolated):
    page = isolated
    run(page, 0, "x = [0] * 10**10")
    expect(output(page, 0)).to_contain_text("more items than a list or string in this page can ever hold")
    run(page, 0, "grows = []\nwhile True:\n    grows.append(bytearray(10**8))", timeout=120_000)
    expect(output(page, 0)).to_contain_text("MemoryError")
    expect(output(page, 0)).to_contain_text("more memory than Python in this page can have")
    run(page, 1, "del grows\nprint('memory back')")
    expect(output(page, 1)).to_have_text("memory back")


def test_a_crash_of_the_runtime_restarts_python_with_a_notice(isolated):
    page = isolated
    run(page, 0, "import ctypes\nctypes.string_at(2**32 - 64, 4096)   # reads outside WebAssembly's memory")
    expect(output(page, 0)).to_contain_text("Python crashed (memory access out of bounds) and was restarted")
    expect(cell(page, 0).locator(".knobs-cell__status")).to_have_text("Python crashed and was restarted.")
    run(page, 1, "print('alive again')")
    expect(output(page, 1)).to_have_text("alive again")


def test_recursion_that_overflows_the_page_stack_restarts_python_and_says_why(isolated):
    page = isolated
    run(page, 0, "def deeper(n):\n    return deeper(n + 1)\ndeeper(0)")  # Python's own limit: a traceback
    expect(output(page, 0)).to_contain_text("RecursionError: maximum recursion depth exceeded")
    # Raising the limit lets C-level recursion (repr of a list nested 100,000 deep) overflow WebAssembly's stack.
    run(
        page,
        0,
        "import sys\nsys.setrecursionlimit(10**6)\nnested = []\nfor _ in range(10**5):\n"
        "    nested = [nested]\nlen(repr(nested))",
        timeout=120_000,
    )
    expect(output(page, 0)).to_contain_text("Python crashed (Maximum call stack size exceeded) and was restarted")
    expect(output(page, 0)).to_contain_text("A function called itself too deeply")
    run(page, 1, "print('alive again')")
    expect(output(page, 1)).to_have_text("alive again")


def test_reader_code_cannot_reach_the_page_storage_or_the_network(isolated):
    page = isolated
    for name in ["document", "localStorage", "fetch", "XMLHttpRequest", "indexedDB", "caches", "WebSocket"]:
        run(page, 0, f"import js\njs.{name}")
        expect(output(page, 0)).to_contain_text(f"AttributeError: {name}")


@pytest.mark.parametrize("isolation", ["with the service worker", "without it"])
def test_reader_code_cannot_eval_javascript_or_load_a_script_from_elsewhere(isolation, isolated, page, server):
    """The worker starts from a blob: URL, so it inherits the page's Content-Security-Policy even where no service
    worker adds headers (a first visit, or service workers blocked): no eval, no script from another origin."""
    if isolation == "without it":
        open_lesson(page, server)
    else:
        page = isolated
    assert page.evaluate("self.crossOriginIsolated") is (isolation == "with the service worker")
    run(page, 0, "import js\njs.eval('1 + 1')")
    expect(output(page, 0)).to_contain_text("EvalError")
    run(page, 0, "import js\njs.Object.constructor('return 1')")  # Function(), by another door
    expect(output(page, 0)).to_contain_text("EvalError")
    elsewhere = server.url("assets/knobs/worker.js").replace("127.0.0.1", "localhost")  # served, another origin
    asked = []
    page.context.on("request", lambda request: request.url.startswith("http://localhost") and asked.append(request.url))
    run(page, 0, f"import pyodide.code\nawait pyodide.code.run_js(\"import('{elsewhere}')\")")
    expect(output(page, 0)).to_contain_text("Error")
    assert asked == [], "the worker sent a request to another origin"
    run(page, 1, "print('still fine')")
    expect(output(page, 1)).to_have_text("still fine")


def test_without_isolation_stop_restarts_python_and_says_so(page, server):
    open_lesson(page, server)  # the default test context blocks the service worker: no isolation
    assert page.evaluate("self.crossOriginIsolated") is False
    run(page, 1, "kept = 1")
    expect(output(page, 1)).to_have_text("(no output)")
    start_and_stop(page, "while True:\n    pass")
    expect(output(page, 0)).to_contain_text("Python was restarted to stop the code, so variables from earlier cells")
    run(page, 1, "print('fresh start')")
    expect(output(page, 1)).to_have_text("fresh start")
