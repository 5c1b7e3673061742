"""The service worker, as a reader meets it: the first visit never reloads by itself, the reader's next navigation
brings cross-origin isolation (Stop then keeps variables), the whole site then works with the network off (Python
included), and a new deploy is offered with a Reload button that switches exactly once — without touching the caches
of other sites on the same origin.

These tests make their own browser contexts: the shared `context` fixture blocks service workers."""

import importlib.util
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_robustness import output, run, start_and_stop

from conftest import SiteServer, start_lab, wait_until

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LESSON = "lessons/01-what-is-a-model/"
RECORD_CSP_VIOLATIONS = """
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


def offline_hook():
    spec = importlib.util.spec_from_file_location("knobs_offline_hook", ROOT / "overrides" / "hooks" / "offline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def site_pages(site):
    """Every page of the built site, as paths below the site root ("" is the home page)."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
    )


def first_visit(browser, url):
    """Open `url` in a fresh profile with service workers allowed; wait until the site is saved for offline use.
    Returns (context, page, loads) where loads lists every full page load."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    loads = []
    page.on("load", lambda p: loads.append(p.url))
    page.goto(url)
    wait_until(page, "document.documentElement.dataset.knobsOffline === 'ready'", timeout=180)
    page.wait_for_selector("body[data-knobs-page]")
    return context, page, loads


def isolated_visit(browser, url):
    """A first visit, then the same page opened again (a navigation): served by the worker, so isolated."""
    context, page, loads = first_visit(browser, url)
    page.goto(url)
    wait_until(page, "self.crossOriginIsolated")
    page.wait_for_selector("body[data-knobs-page]")
    return context, page, loads


def test_first_visit_never_reloads_by_itself_and_the_readers_next_navigation_brings_isolation(browser, server):
    context, page, loads = first_visit(browser, server.url(LESSON))
    cell = page.locator(".knobs-cell").nth(1)
    cell.locator(".cm-content").click()
    page.keyboard.press("End")
    page.keyboard.insert_text("  # typed while the site was being saved")
    page.wait_for_timeout(3000)  # the old first visit reloaded within 1–2 s
    assert loads == [server.url(LESSON)]
    expect(cell.locator(".cm-content")).to_contain_text("typed while the site was being saved")
    assert page.evaluate("self.crossOriginIsolated") is False
    run(page, 1, "kept = 1")  # not isolated yet: Stop restarts Python
    start_and_stop(page, "while True:\n    pass")
    expect(output(page, 0)).to_contain_text("Python was restarted to stop the code")

    page.get_by_role("link", name="Home").first.click()  # the reader's next navigation: a full page load
    page.wait_for_selector('body[data-knobs-page="/knobs/"]')
    wait_until(page, "self.crossOriginIsolated")
    assert loads == [server.url(LESSON), server.url()]
    page.get_by_role("link", name="Start with lesson 1").click()  # from now on instant navigation, isolated
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    assert len(loads) == 2
    run(page, 1, "kept = 41")
    start_and_stop(page, "while True:\n    pass")
    expect(output(page, 0)).to_contain_text("variables set before it stopped are kept")
    run(page, 1, "kept + 1")
    expect(output(page, 1)).to_have_text("42")
    context.close()


def test_once_saved_every_page_and_python_work_offline(browser, server, built_site):
    context, page, loads = isolated_visit(browser, server.url(LESSON))
    lab = page.locator(".knobs-lab").first  # a lab starts Python under the service worker
    start_lab(lab)
    pages = site_pages(built_site.path)
    assert LESSON in pages and len(pages) >= 3

    outside = []
    page.on(
        "request",
        lambda r: (
            r.url.startswith(("http:", "https:"))
            and not r.url.startswith(server.origin + "/")
            and outside.append(r.url)
        ),
    )
    for path in pages:  # online walk: nothing from elsewhere, no CSP breach
        page.goto(server.url(path))
        page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')
        assert page.evaluate("window.__cspViolations") == [], path
    assert outside == []

    context.set_offline(True)
    for path in pages:  # offline walk: every page comes from the cache
        page.goto(server.url(path))
        page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')
        expect(page.locator("h1").first).to_be_visible()
        assert page.evaluate("self.crossOriginIsolated"), path
    page.goto(server.url(LESSON))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    page.get_by_role("link", name="Home").first.click()  # instant navigation, offline
    page.wait_for_selector('body[data-knobs-page="/knobs/"]')
    page.go_back()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    first = page.locator(".knobs-cell").first
    first.get_by_role("button", name="▶ Run").click()  # Python boots from the cache
    expect(first.locator(".knobs-cell__output")).to_have_text("[250000.0]", timeout=60_000)
    assert page.evaluate("window.knobs.python.status().startedFrom") == "snapshot"  # the snapshot was saved too
    lab = page.locator(".knobs-lab").first  # and so does the lab, from the cache
    start_lab(lab)
    context.close()


def test_a_new_deploy_is_offered_and_activated_once_leaving_other_sites_caches_alone(browser, built_site, tmp_path):
    deployed = tmp_path / "site"
    shutil.copytree(built_site.path, deployed)
    server = SiteServer(deployed).start()
    try:
        context, page, loads = isolated_visit(browser, server.url(LESSON))
        old_cache = page.evaluate("caches.keys()")
        assert len(old_cache) == 1 and old_cache[0].startswith("/knobs/knobs-offline-")
        others = ["/other-course/knobs-offline-1234", "/knobs-old/knobs-offline-5678", "someone-elses-cache"]
        page.evaluate(
            "async (names) => { for (const n of names) await (await caches.open(n)).put('/x', new Response('x')); }",
            others,
        )

        lesson = deployed / LESSON / "index.html"  # deploy: a changed page, then a new sw.js
        lesson.write_text(
            lesson.read_text(encoding="utf-8").replace("What is a model?", "What is a model? (v2)"), encoding="utf-8"
        )
        scripts_version = page.evaluate("document.querySelector('meta[name=knobs-version]').content")
        version = offline_hook().write_service_worker(deployed, scripts_version)["version"]

        page.reload()  # the browser checks sw.js on navigation
        loads.clear()
        prompt = page.locator(".knobs-update")
        expect(prompt).to_contain_text("A new version of Knobs is available", timeout=60_000)
        expect(page.locator("h1").first).not_to_contain_text("(v2)")  # still the old version until asked
        prompt.get_by_role("button", name="Reload").click()
        expect(page.locator("h1").first).to_contain_text("(v2)", timeout=30_000)
        page.wait_for_selector("body[data-knobs-page]")
        page.wait_for_timeout(1500)
        assert len(loads) == 1, loads  # one reload, no loop
        assert page.evaluate("self.crossOriginIsolated")
        names = page.evaluate("caches.keys()")
        assert f"/knobs/knobs-offline-{version}" in names
        assert old_cache[0] not in names  # this site's old version is gone
        assert all(name in names for name in others)  # other sites' caches survive
        context.close()
    finally:
        server.close()
