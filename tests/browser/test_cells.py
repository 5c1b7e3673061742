"""Code cells in a lesson, driven as a reader drives them: click Run, type code, press Ctrl+Enter, reload."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"


def open_lesson(page, server):
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    return page.locator(".knobs-cell")


def replace_code(page, cell, code):
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def test_lesson_text_is_readable_and_cells_are_editors(page, server):
    cells = open_lesson(page, server)
    expect(page.locator("h1")).to_contain_text("What is a model?")
    assert cells.count() >= 2
    expect(cells.first.locator(".cm-content")).to_contain_text("Line(weight=200, bias=50_000)")
    expect(cells.first.get_by_role("button", name="▶ Run")).to_be_enabled()


def test_running_a_lesson_cell_shows_its_result(page, server):
    cells = open_lesson(page, server)
    cells.first.get_by_role("button", name="▶ Run").click()
    expect(cells.first.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    expect(cells.first.locator(".knobs-cell__status")).to_contain_text("Done in")


def test_cells_share_one_namespace_like_a_notebook(page, server):
    cells = open_lesson(page, server)
    cells.nth(0).get_by_role("button", name="▶ Run").click()
    expect(cells.nth(0).locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    cells.nth(1).get_by_role("button", name="▶ Run").click()
    expect(cells.nth(1).locator(".knobs-cell__output")).to_contain_text("1500 sq ft -> $350,000")


def test_typed_code_runs_with_ctrl_enter(page, server):
    cells = open_lesson(page, server)
    replace_code(page, cells.first, "from knobs.models import Line\nLine(weight=250, bias=0).predict([2, 4])")
    page.keyboard.press("Control+Enter")
    expect(cells.first.locator(".knobs-cell__output")).to_have_text("[500.0, 1000.0]", timeout=60_000)


def test_exception_shows_a_readable_traceback_at_the_readers_line(page, server):
    cells = open_lesson(page, server)
    replace_code(page, cells.first, "sizes = [800, 1000]\nprice = sizes[5]")
    cells.first.get_by_role("button", name="▶ Run").click()
    output = cells.first.locator(".knobs-cell__output")
    expect(output).to_contain_text("IndexError: list index out of range", timeout=60_000)
    expect(output).to_contain_text('File "<cell 1>", line 2')
    assert "pyodide" not in output.inner_text().lower()
    assert "runner.py" not in output.inner_text()
    expect(cells.first.locator(".knobs-cell__status")).to_contain_text("error")


def test_edited_code_is_restored_after_reload_and_reset_brings_back_the_lesson(page, server):
    cells = open_lesson(page, server)
    replace_code(page, cells.first, "print('my own edit')")
    page.wait_for_timeout(600)  # edits are saved a moment after typing stops
    page.reload()
    cells = open_lesson(page, server)
    expect(cells.first.locator(".cm-content")).to_have_text("print('my own edit')")
    expect(cells.first.locator(".knobs-cell__status")).to_contain_text("restored")
    cells.first.get_by_role("button", name="↺ Reset").click()
    expect(cells.first.locator(".cm-content")).to_contain_text("Line(weight=200, bias=50_000)")
    page.reload()
    cells = open_lesson(page, server)
    expect(cells.first.locator(".cm-content")).to_contain_text("Line(weight=200, bias=50_000)")
    expect(cells.first.get_by_role("button", name="↺ Reset")).to_be_disabled()


def test_every_request_stays_on_the_sites_origin(page, server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    cells = open_lesson(page, server)
    cells.first.get_by_role("button", name="▶ Run").click()
    expect(cells.first.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    assert any(url.endswith("pyodide.asm.wasm") for url in requests)
    ours = (server.origin + "/", "blob:" + server.origin + "/", "data:")  # blob: the worker's start script
    outside = [url for url in requests if not url.startswith(ours)]
    assert outside == []


def test_python_boots_once_per_visit_across_instant_navigation(page, server):
    wasm_loads = []
    page.on("request", lambda request: request.url.endswith("pyodide.asm.wasm") and wasm_loads.append(request.url))
    cells = open_lesson(page, server)
    cells.first.get_by_role("button", name="▶ Run").click()
    expect(cells.first.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Home").first.click()  # instant navigation: no reload
    page.wait_for_selector('body[data-knobs-page="/knobs/"]')
    page.go_back()
    cells = page.locator(".knobs-cell")
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    assert page.evaluate("window.__sameDocument") is True
    cells.nth(1).get_by_role("button", name="▶ Run").click()  # `model` from the first run is still there
    expect(cells.nth(1).locator(".knobs-cell__output")).to_contain_text("800 sq ft -> $210,000")
    assert len(wasm_loads) == 1


def test_huge_print_is_truncated_and_the_page_stays_usable(page, server):
    cells = open_lesson(page, server)
    replace_code(page, cells.first, "for i in range(10**6):\n    print(i)")
    cells.first.get_by_role("button", name="▶ Run").click()
    output = cells.first.locator(".knobs-cell__output")
    expect(output).to_contain_text("output truncated", timeout=60_000)
    assert len(output.inner_text()) < 25_000
    replace_code(page, cells.first, "2 + 2")
    cells.first.get_by_role("button", name="▶ Run").click()
    expect(output).to_have_text("4")


def test_stop_ends_an_infinite_loop_and_other_cells_keep_working(page, server):
    cells = open_lesson(page, server)
    replace_code(page, cells.first, "while True:\n    pass")
    cells.first.get_by_role("button", name="▶ Run").click()
    stop = cells.first.get_by_role("button", name="■ Stop")
    expect(stop).to_be_enabled()
    page.wait_for_timeout(500)
    stop.click()
    expect(cells.first.locator(".knobs-cell__status")).to_contain_text("Stopped", timeout=15_000)
    expect(stop).to_be_disabled()
    cells.nth(1).locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("print('still alive')")
    cells.nth(1).get_by_role("button", name="▶ Run").click()
    expect(cells.nth(1).locator(".knobs-cell__output")).to_have_text("still alive", timeout=60_000)
