"""The home page as a course's front door: the lessons with their times, a picture of a working lab, where the reader
stopped ("continue with lesson 3", from the progress saved in this browser), reachable by keyboard, readable with
axe's eyes in light and dark mode, and at a phone's 375 px width."""

import io
import re

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import expect
from test_accessibility import axe_context, serious_violations

from conftest import ROOT, start_lab

pytestmark = pytest.mark.browser

HOME = ""
LESSON_1 = "lessons/01-what-is-a-model/"
LESSON_3 = "lessons/03-training-vs-inference/"
LAB_PICTURE = ROOT / "docs" / "assets" / "lab-line.png"
LESSON_COUNT = len([p for p in (ROOT / "docs" / "lessons").glob("[0-9][0-9]-*.md") if "." not in p.stem])  # English
TRANSPARENT = "rgba(0, 0, 0, 0)"
LAB_VIEWPORT = {"width": 640, "height": 900}  # the lab's width on a small laptop or a large phone


def open_page(page, server, path):
    page.goto(server.url(path))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')


def test_lab_picture_on_the_home_page_is_taken_from_the_working_lab(browser, server):
    context = browser.new_context(viewport=LAB_VIEWPORT, color_scheme="light", service_workers="block")
    try:
        page = context.new_page()
        open_page(page, server, LESSON_1)
        lab = page.locator(".knobs-lab").first
        start_lab(lab)  # Python answered: chart drawn
        page.wait_for_timeout(300)
        png = lab.screenshot(type="png")
    finally:
        context.close()
    image = Image.open(io.BytesIO(png))
    spread = ImageStat.Stat(image.convert("L")).stddev[0]
    colours = len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])
    assert spread > 20 and colours > 100, (spread, colours)  # sliders, numbers and a chart, not a blank box
    LAB_PICTURE.write_bytes(png)
    # The page reserves the picture's shape from its width and height attributes: they must still match it.
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    width, height = map(int, re.search(r'lab-line\.png\)\{ width="(\d+)" height="(\d+)" \}', home).groups())
    assert abs(width / height - image.width / image.height) < 0.02 * width / height, (
        f"update docs/index.md: the picture is now {image.width}×{image.height}"
    )


def test_first_visit_lists_the_lessons_and_offers_lesson_1(page, server):
    open_page(page, server, HOME)
    expect(page.locator("[data-knobs-resume]")).to_be_hidden()  # nothing saved: nothing to continue
    lessons = page.locator(".knobs-home-lessons li")
    expect(lessons).to_have_count(LESSON_COUNT)
    expect(lessons.first).to_contain_text("What is a model? · about 10 minutes reading, 20 minutes doing")
    start = page.get_by_role("link", name="Start with lesson 1: What is a model?")
    expect(start).to_be_visible()
    assert start.evaluate("a => getComputedStyle(a).backgroundColor") != TRANSPARENT  # the main button
    picture = page.get_by_role("img", name="The line lab of lesson 1", exact=False)
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")


def test_home_continues_where_the_reader_stopped(page, server):
    open_page(page, server, LESSON_1)
    page.get_by_label("Mark this lesson complete").check()
    open_page(page, server, HOME)
    resume = page.locator("[data-knobs-resume]")
    expect(resume).to_contain_text(f"You have completed 1 of {LESSON_COUNT} lessons.")
    expect(resume.get_by_role("link")).to_have_text("Continue with lesson 2: How a model learns")
    start = page.get_by_role("link", name="Start with lesson 1: What is a model?")
    page.mouse.move(0, 0)  # not hovering over the link, whose hover tint fades out
    expect(start).to_have_css("background-color", TRANSPARENT)  # "Continue" is the main one

    open_page(page, server, LESSON_3)  # the reader skips ahead and answers a question there
    first = page.locator("fieldset.knobs-q:has(input[type=radio])").first
    first.locator("input[type=radio]").first.check()
    first.get_by_role("button", name="Check").click()
    expect(first.locator(".knobs-q__feedback")).not_to_be_empty()
    open_page(page, server, HOME)
    link = resume.get_by_role("link")
    expect(link).to_have_text("Continue with lesson 3: Training vs inference")

    link.focus()  # the keyboard reaches it and follows it
    page.keyboard.press("Enter")
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON_3}"]')

    page.reload()  # saved, not only remembered for this visit
    open_page(page, server, HOME)
    expect(resume.get_by_role("link")).to_have_text("Continue with lesson 3: Training vs inference")


def test_home_with_saved_progress_passes_axe_in_light_and_dark(browser, server):
    for scheme in ("light", "dark"):
        context = axe_context(browser, scheme)
        page = context.new_page()
        open_page(page, server, LESSON_1)
        page.get_by_label("Mark this lesson complete").check()
        open_page(page, server, HOME)
        expect(page.locator("[data-knobs-resume] a")).to_be_visible()
        assert serious_violations(page) == [], scheme
        context.close()


def test_at_375px_home_fits_and_expected_output_lines_up_with_its_cell(browser, server):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, service_workers="block"
    )
    page = context.new_page()
    open_page(page, server, LESSON_1)
    page.get_by_label("Mark this lesson complete").check()
    open_page(page, server, HOME)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    for item in [
        page.locator("[data-knobs-resume] a"),
        page.locator(".knobs-home-shot img"),
        page.locator(".knobs-home-lessons li").last,
    ]:
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box

    open_page(page, server, LESSON_1)
    cell = page.locator(".knobs-cell").first
    cell.get_by_role("button", name="Show the expected output").click()  # hidden until the reader asks or runs
    expected = page.locator(".highlight.output").first
    cell_box, expected_box = cell.bounding_box(), expected.bounding_box()
    assert abs(cell_box["x"] - expected_box["x"]) <= 1 and abs(cell_box["width"] - expected_box["width"]) <= 1, (
        cell_box,
        expected_box,
    )
    context.close()
