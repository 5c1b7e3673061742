"""The README's screenshot is made by this test: lesson 1 at 1280×800 with its lab drawn (or, before the lab
exists, its first code cell run), saved as docs/assets/screenshot.png. Re-run it after changing the look."""

import io

import pytest
from PIL import Image, ImageStat
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser

LESSON = "lessons/01-what-is-a-model/"
SCREENSHOT = ROOT / "docs" / "assets" / "screenshot.png"
SIZE = (1280, 800)


def test_screenshot_of_a_lesson_with_its_lab_working(browser, server):
    context = browser.new_context(viewport={"width": SIZE[0], "height": SIZE[1]}, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(server.url(LESSON))
        page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
        lab = page.locator(".knobs-lab").first
        if page.locator(".knobs-lab").count():
            lab.scroll_into_view_if_needed()
            expect(lab).to_have_attribute("data-ready", "true", timeout=60_000)  # Python answered: chart drawn
            shown = lab
        else:
            cell = page.locator(".knobs-cell").first
            cell.get_by_role("button", name="▶ Run").click()
            expect(cell.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
            shown = cell
        # Put what works near the top, under the sticky header, with the lesson text around it.
        shown.evaluate("node => window.scrollBy(0, node.getBoundingClientRect().top - 140)")
        page.wait_for_timeout(300)  # let the theme's header settle after the scroll
        png = page.screenshot(type="png")
    finally:
        context.close()

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == SIZE
    spread = ImageStat.Stat(image.convert("L")).stddev[0]
    colours = len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])
    assert spread > 20 and colours > 200, (spread, colours)  # text, chart and controls, not a blank page
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.write_bytes(png)
