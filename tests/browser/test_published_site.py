"""The published site as a reader meets it under the project path: a missing address, a notebook page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_missing_address_at_any_depth_shows_the_404_page_with_working_links(page, server, built_site):
    # GitHub Pages answers every missing address under the project with 404.html; do the same for a deep one.
    missing = server.url("lessons/no-such-lesson/deeper/")
    body = (built_site.path / "404.html").read_text(encoding="utf-8")
    page.route(missing, lambda route: route.fulfill(status=404, content_type="text/html", body=body))
    page.goto(missing)
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator(".md-header")).to_be_visible()  # the theme's styles loaded from /knobs/
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.locator("article").get_by_role("link", name="All lessons").click()
    expect(page).to_have_url(server.url("lessons/"))
    expect(page.locator("h1")).to_contain_text("Lessons")


def test_notebook_page_shows_the_notebook_offers_its_file_and_loads_nothing_from_outside(page, server):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith((server.origin, "data:", "blob:")) else None
        ),
    )
    page.goto(server.url("notebooks/01-line-by-gradient-descent/"))
    expect(page.locator("h1")).to_contain_text("The line, by gradient descent")
    expect(page.locator(".jupyter-wrapper .jp-CodeCell").first).to_contain_text("import numpy as np")
    with page.expect_download() as download:
        page.get_by_title("Download this notebook (.ipynb)").click()
    assert download.value.suggested_filename == "01-line-by-gradient-descent.ipynb"
    assert '"nbformat": 4' in open(download.value.path(), encoding="utf-8").read()
    page.wait_for_load_state("networkidle")
    assert not outside, outside
