"""Site search on a page that runs Python: the theme's search index (~0.6 s of one core to build) waits until Python
has started, so the two do not share the processor at page load, and search still answers at any moment."""

import time

import pytest
from playwright.sync_api import expect

from conftest import wait_until

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"
INDEX_FILES = "**/assets/javascripts/lunr/**"  # the theme's worker loads these first when it builds the index
PYTHON_RUNTIME = "**/pyodide/pyodide.asm.wasm"


def hold_python(page):
    """Keep Python from starting until the returned function is called (its WebAssembly is held back)."""
    held = []
    page.route(PYTHON_RUNTIME, lambda route: held.append(route))
    return lambda: [route.continue_() for route in held]


def index_requests(page):
    seen = []
    page.on("request", lambda request: seen.append(request.url) if "/javascripts/lunr/" in request.url else None)
    return seen


def search(page, words):
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(words)
    return page.locator(".md-search-result__item")


def test_the_search_index_waits_for_python_then_is_built(page, server):
    built = index_requests(page)
    release = hold_python(page)
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    page.wait_for_timeout(2000)  # the theme has sent its index to the search worker long before this
    assert page.evaluate("knobs.python.status().state") == "booting"
    assert built == []  # held while Python starts

    release()
    wait_until(page, "knobs.python.status().state === 'ready'", timeout=120)
    deadline = time.monotonic() + 30
    while not built:
        assert time.monotonic() < deadline, "the search index was not built after Python started"
        page.wait_for_timeout(50)
    expect(search(page, "gradient").first).to_be_visible()
    assert page.console_errors == []


def test_search_answers_while_python_is_still_starting(page, server):
    built = index_requests(page)
    hold_python(page)  # never released: the reader searches before Python is ready
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    page.wait_for_timeout(1000)
    assert built == []
    results = search(page, "gradient")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    assert built  # the query had the index built
    assert page.evaluate("knobs.python.status().state") == "booting"


def test_a_page_without_python_builds_its_index_at_once(page, server):
    built = index_requests(page)
    page.goto(server.url("glossary/"))
    deadline = time.monotonic() + 30
    while not built:
        assert time.monotonic() < deadline, "the theme's search worker did not build its index"
        page.wait_for_timeout(50)
    theme_worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    assert "/search." in theme_worker and "search-worker" not in theme_worker  # the theme's own worker, as it was
    expect(search(page, "weight").first).to_be_visible()
