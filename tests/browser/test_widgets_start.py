"""Each widget of a page starts on its own: one that cannot start says so in its place, and the rest of the page and
Python go on. A reader's language tag that Intl rejects (WebKitGTK reports "C" under the C.UTF-8 locale) starts
nothing failing: the labs draw their charts with a checked tag."""

import pytest
from playwright.sync_api import expect

from conftest import start_lab

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"


def open_lesson(page, server):
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')


def run_first_cell(page):
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name="▶ Run").click()
    expect(cell.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)


def test_a_widget_that_cannot_start_says_so_and_the_page_and_python_go_on(page, server):
    broken = []

    def break_chunk(route):
        broken.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body="throw new Error('broken on purpose');")

    page.route("**/assets/knobs/chunks/labs-*.js", break_chunk)  # the labs' entry (it loads the charts)
    page.route("**/assets/knobs/chunks/quiz-*.js", break_chunk)
    open_lesson(page, server)
    assert len(broken) == 2, broken

    lab = page.locator(".knobs-lab").first
    expect(lab.locator(".knobs-lab__status")).to_have_text("This lab could not start: broken on purpose")
    quiz = page.locator("[data-knobs-quiz]").first
    expect(quiz.locator(".knobs-failure")).to_have_text("This quiz could not start: broken on purpose")

    run_first_cell(page)  # Python starts and runs regardless
    expect(page.locator("[data-knobs-panel]")).to_be_visible()  # the other widgets started
    page.locator("[data-knobs-cards] summary").first.click()
    expect(page.locator("[data-knobs-cards] .knobs-cards__count")).to_contain_text("1 of")
    assert page.console_errors == []  # logged, never thrown


def test_a_language_tag_that_intl_rejects_leaves_the_labs_working(page, server):
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'language', { get: () => 'C' });")
    open_lesson(page, server)
    lab = page.locator(".knobs-lab").first
    start_lab(lab)
    expect(lab.locator("[data-chart=plot] canvas").first).to_be_visible()
    run_first_cell(page)
    assert page.evaluate("navigator.language") == "en-US"  # mended for the libraries that read it
    assert page.console_errors == []
