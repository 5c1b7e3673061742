"""How Python starts in the page: from the build-time memory snapshot, which must give reader code the same Python as
a fresh start (with its own random numbers), and, when the snapshot cannot be used, a normal start instead."""

import pytest
from playwright.sync_api import expect

from conftest import wait_until

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"
SNAPSHOT = "assets/knobs/python.snapshot.gz"  # as it travels; a service worker answers with it decompressed
# What reader code can see of how its Python was set up.
PROBE = (
    "import os, sys, random\n"
    "(sys.executable, sorted(os.environ.items()), sys.path, sorted(sys.modules) == sorted(set(sys.modules)))"
)


def first_result(page, server):
    """Open lesson 1, run its first cell; return how Python started ("snapshot" or "fresh")."""
    page.goto(server.url(LESSON))
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name="▶ Run").click()
    expect(cell.locator(".knobs-cell__output")).to_have_text(
        "[250000.0]", timeout=150_000
    )  # a fallback start on a busy 2-core machine
    return page.evaluate("window.knobs.python.status().startedFrom")


def python(page, code):
    answer = page.evaluate("(code) => window.knobs.python.run(code, {scope: 'probe'})", code)
    assert answer["ok"], answer
    return answer["result"]


def test_a_snapshot_start_gives_reader_code_the_python_of_a_fresh_start(browser, server):
    seen = {}
    for start in ("snapshot", "fresh", "snapshot"):
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        if start == "fresh":
            page.route(f"**/{SNAPSHOT}*", lambda route: route.fulfill(status=404, body="gone"))
        assert first_result(page, server) == start
        seen.setdefault(start, []).append((python(page, PROBE), python(page, "import random; random.random()")))
        assert python(page, "import js; hasattr(js, 'fetch') or hasattr(js, 'XMLHttpRequest')") == "False"
        context.close()
    (snapshot_setup, first_random), (_, second_random) = seen["snapshot"]
    fresh_setup, _ = seen["fresh"][0]
    assert snapshot_setup == fresh_setup  # executable, environment, sys.path
    assert first_random != second_random  # random is reseeded: two visits draw different numbers


def corrupt(kind, gzipped):
    """A snapshot the worker must refuse: each is a way a deploy or a download can go wrong."""
    snapshot = gzipped.with_suffix("").read_bytes()  # the plain file beside its gzip twin
    if kind == "a gzip cut short":
        return gzipped.read_bytes()[:100_000]
    if kind == "not a snapshot":
        return b"<!doctype html><p>Not found</p>" * 100
    if kind == "from another Pyodide build":
        return snapshot[:16] + bytes(32) + snapshot[48:]  # the 256-bit build id after the 16-byte header
    if kind == "larger than Python's memory":
        return snapshot + bytes(1 << 20)
    raise ValueError(kind)


@pytest.mark.parametrize(
    "kind",
    ["missing", "a gzip cut short", "not a snapshot", "from another Pyodide build", "larger than Python's memory"],
)
def test_python_starts_normally_when_the_snapshot_cannot_be_used(kind, page, server, built_site):
    if kind == "missing":
        page.route(f"**/{SNAPSHOT}*", lambda route: route.fulfill(status=404, body="gone"))
    else:
        body = corrupt(kind, built_site.path / SNAPSHOT)
        page.route(
            f"**/{SNAPSHOT}*",
            lambda route: route.fulfill(status=200, body=body, content_type="application/octet-stream"),
        )
    warnings = []
    page.on(
        "console", lambda message: "could not start from its snapshot" in message.text and warnings.append(message.text)
    )
    assert first_result(page, server) == "fresh"
    assert warnings, "the fallback says why in the console"
    assert python(page, "import random; 0 <= random.random() < 1") == "True"


def test_a_first_visit_on_a_slow_line_starts_python_afresh_and_later_visits_use_the_snapshot(browser, server):
    context = browser.new_context()
    page = context.new_page()
    line = context.new_cdp_session(page)  # Chromium's network emulation: the page's own files arrive at 4 Mbit/s
    line.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 40, "downloadThroughput": 4e6 / 8, "uploadThroughput": 1e6 / 8},
    )
    snapshot_asked = []
    page.on("request", lambda request: SNAPSHOT in request.url and snapshot_asked.append(request.url))
    assert first_result(page, server) == "fresh"  # the 6.8 MB snapshot would take 14 s
    assert page.evaluate("knobs.python.status().startedBy") == "page"  # app.js, after judging the line
    assert not snapshot_asked, "a fresh start does not download the snapshot before Python is ready"
    line.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    wait_until(page, "document.documentElement.dataset.knobsOffline === 'ready'", timeout=300)
    page.goto(server.url())
    assert first_result(page, server) == "snapshot"  # saved by the service worker, read from the browser's cache
    assert page.evaluate("knobs.python.status().startedBy") == "head"  # a returning reader's: start.js in <head>
    context.close()
