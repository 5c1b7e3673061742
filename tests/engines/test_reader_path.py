"""The reader's core path, written once and walked in every engine readers use: Chromium, Firefox and WebKit (the
engine of Safari). A first visit to lesson 1, a cell run, edited and broken, Stop, a lab slider, a quiz answer kept
across a reload, a site search, then the same lesson with the server gone — with no console error and no request off the origin.

WebKit runs under the C.UTF-8 locale, the default of a Debian machine: WebKitGTK then reports the language "C",
which Intl rejects (tests/browser/test_widgets_start.py covers the same in Chromium).
Run one engine alone: `.venv/bin/python -m pytest tests/engines -k webkit`."""

import re

import engines
import pytest

from conftest import SiteServer

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"
CELL = ".knobs-cell"
MOUNTED = f"document.body.dataset.knobsPage === '/knobs/{LESSON}'"
# A first visit never reloads by itself: the service worker saves the site and takes over the page; the reader's
# next visit is then a page loaded through it, with the isolation headers where the engine honours them.
SAVED = (
    f"{MOUNTED} && document.documentElement.dataset.knobsOffline === 'ready' && !!navigator.serviceWorker.controller"
)


def text(selector, index=0):
    return f"((document.querySelectorAll({selector!r})[{index}] || {{}}).textContent || '')"


def cell_output(index):
    return text(f"{CELL} .knobs-cell__output", index)


def cell_status(index):
    return text(f"{CELL} .knobs-cell__status", index)


def replace_code(reader, index, code):
    """Click into a cell's editor, select all and type `code` line by line, as keys (no indented lines: the editor
    indents after Enter by itself)."""
    reader.click(f"{CELL} .cm-content", index)
    reader.press("Control+a")
    for number, line in enumerate(code.split("\n")):
        if number:
            reader.press("Enter")
        reader.type(line)


def run_cell(reader, index, expect, timeout=240):
    """Click Run on a cell and wait until its output contains `expect`; return the output."""
    reader.click(f"{CELL} .knobs-cell__run", index)
    try:
        return reader.wait(f"{cell_output(index)}.includes({expect!r}) && {cell_output(index)}", timeout)
    except AssertionError as timed_out:
        seen = reader.evaluate(
            f"[{text(CELL + ' .cm-content', index)}, {cell_status(index)}, {cell_output(index)}, "
            "knobs.python.status().text]"
        )
        raise AssertionError(
            f"{reader.name}: cell {index} did not show {expect!r}; code, status, output, Python: {seen}"
        ) from timed_out


def walk_the_readers_path(reader, server):
    reader.goto(server.url(LESSON))
    reader.wait(SAVED)
    reader.evaluate("document.body.dataset.firstVisit = 'still here'")
    reader.wait("knobs.python.status().state === 'ready'")
    assert reader.evaluate("document.body.dataset.firstVisit") == "still here"  # no reload by itself
    reader.goto(server.url(LESSON))  # the reader comes back: this page comes through the service worker
    reader.wait(f"{MOUNTED} && !!navigator.serviceWorker.controller")
    assert reader.evaluate("knobs.python.canInterrupt()") is reader.interrupts

    # A lesson cell runs; an edit runs; an error reads as a Python traceback at the reader's line.
    assert run_cell(reader, 0, "[250000.0]").strip() == "[250000.0]"
    replace_code(reader, 0, "x = 41\nx + 1")
    assert run_cell(reader, 0, "42").strip() == "42"
    replace_code(reader, 1, "[1, 2][5]")
    traceback = run_cell(reader, 1, "IndexError: list index out of range")
    assert re.search(r'File "<cell \d+>", line 1', traceback) and "pyodide" not in traceback.lower()

    # Stop: interrupted in place where the engine allows it (x is kept), else Python restarts (x is gone).
    replace_code(reader, 1, "while True: pass")
    reader.click(f"{CELL} .knobs-cell__run", 1)
    reader.wait(f"knobs.python.status().state === 'busy' && {cell_status(1)}.startsWith('Running')")
    reader.click(f"{CELL} .knobs-cell__stop", 1)
    stopped = reader.wait(f"{cell_status(1)}.startsWith('Stopped') && {cell_status(1)}", timeout=30)
    replace_code(reader, 1, "x")
    if reader.interrupts:
        assert stopped == "Stopped."
        assert run_cell(reader, 1, "41").strip() == "41"
    else:
        assert "Python was restarted" in stopped
        assert "NameError: name 'x' is not defined" in run_cell(reader, 1, "NameError")

    # A lab: a slider moved with the keyboard changes the read-out and redraws the chart.
    reader.evaluate("document.querySelector('.knobs-lab').scrollIntoView() || true")
    reader.wait("document.querySelector('.knobs-lab').dataset.ready === 'true'")
    loss = text(".knobs-lab [data-out=loss]")
    drawing = "document.querySelector('.knobs-lab [data-chart=plot] canvas').toDataURL()"
    before = (reader.evaluate(loss), reader.evaluate(drawing))
    reader.focus("#knobs-lab-line-weight")
    for _ in range(5):
        reader.press("ArrowRight")
    reader.wait(f"{loss} !== {before[0]!r}")
    reader.wait(f"{drawing} !== {before[1]!r}")

    # A quiz answer is checked, and kept across a reload.
    numeric = 'fieldset.knobs-q[data-type=numeric][data-answer="320000"]'  # the quiz question, not the checkpoint
    reader.click(f"{numeric} input")
    reader.type("320000")
    reader.press("Enter")
    reader.wait(f"{text(numeric + ' .knobs-q__feedback')}.includes('Right')")

    # Site search finds lessons (on this page its index waited for Python: tests/browser/test_search.py).
    reader.click(".md-search__input")
    reader.type("gradient")
    reader.wait("document.querySelectorAll('.md-search-result__item').length > 0")
    reader.reload()
    reader.wait(MOUNTED)
    reader.wait(f"{text(numeric + ' .knobs-q__feedback')}.includes('your saved answer')")
    # Firefox logs "A ServiceWorker intercepted the request and encountered an unexpected error" for a page left while
    # its worker still reads the runtime from the cache (the read is cut short): the reader lets Python start first.
    reader.wait("knobs.python.status().state === 'ready'")

    # Offline after the first visit: with the server gone, the lesson and Python come from the browser's cache,
    # and the reader's edited cell is still there.
    server.close()
    reader.goto(server.url(LESSON))
    reader.wait(MOUNTED)
    assert run_cell(reader, 0, "42").strip() == "42"

    assert reader.errors() == []
    requests = reader.requests()
    assert any(url.startswith(server.url("assets/knobs/app.js")) for url in requests)  # requests are seen
    ours = (server.origin + "/", "blob:" + server.origin + "/", "data:", "about:")
    assert [url for url in requests if not url.startswith(ours)] == []


@pytest.mark.parametrize("engine", [engines.Chromium, engines.Firefox, engines.WebKit], ids=lambda e: e.name)
def test_the_readers_path_works_in_every_engine(engine, built_site, request):
    server = SiteServer(built_site.path).start()  # its own server: the path ends by taking it away
    reader = engine(request.getfixturevalue("browser")) if engine is engines.Chromium else engine()
    try:
        if engine is engines.WebKit:  # the reader's language as this engine reports it under C.UTF-8
            assert reader.evaluate("navigator.language") == "C"
        walk_the_readers_path(reader, server)
    finally:
        reader.close()
        server.close()
