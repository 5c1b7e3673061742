"""Shared fixtures: the site is built once per test session and served once, under a project path, as GitHub
Pages serves it (https://<user>.github.io/<repo>/); browser tests share one headless Chromium."""

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE_PATH = "/knobs/"  # the project path the test server serves the site under
CHROMIUM = os.environ.get("KNOBS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [  # no sandbox as root; no background calls to Google's hosts
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def build_site(target, site_url=None):
    """Run `mkdocs build --strict` into `target`; return the finished process (its output is in .stdout).

    `site_url` sets the address the site is built for: the theme's instant navigation follows only links whose
    origin matches the sitemap's, port included.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["KNOBS_SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site directory under SITE_PATH only, like GitHub Pages serves a project site."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".webmanifest": "application/manifest+json",
    }

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(SITE_PATH):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(SITE_PATH) :])

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def copyfile(self, source, outputfile):
        try:
            super().copyfile(source, outputfile)
        except (ConnectionResetError, BrokenPipeError):
            pass  # the browser stopped reading (a page was left mid-download): nothing to do

    def log_message(self, *args):
        pass


class ListeningServer(http.server.ThreadingHTTPServer):
    # A page asks for dozens of files at once, each on its own connection (HTTP/1.0). With the default backlog of 5
    # the kernel drops connections the server has not accepted yet, and the browser retries them 1, 3, 7… s later:
    # a module fetch could then wait a minute on a busy machine.
    request_queue_size = 128


class SiteServer:
    """A static server on 127.0.0.1 for one directory; `url(path)` gives a page's full address.

    The port is taken at once, so a site can be built for this address before serving starts (`start()`).
    """

    def __init__(self, directory):
        self.directory = Path(directory)
        handler = functools.partial(SubPathHandler, directory=str(directory))
        self.httpd = ListeningServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def url(self, path=""):
        return self.origin + SITE_PATH + path.lstrip("/")

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def native(name, **args):
    """What the page's Python answers to the page call `name` with `args`, computed natively through the same door
    (``knobs_lab.calls.call``: settings checked, a lab's run kept under `lab`)."""
    from knobs_lab.calls import call

    return call(name, args)


def start_lab(lab, timeout=60):
    """Bring a lab into view until it has started (a lab starts when it comes near the screen): the page's layout can
    still move after a first scroll (the labs' stylesheet and charts arrive after the page) and carry the lab out of
    view before its observer saw it. Fails after `timeout` seconds without `data-ready`."""
    from playwright.sync_api import expect

    deadline = time.monotonic() + timeout
    while True:
        lab.scroll_into_view_if_needed()
        try:
            expect(lab).to_have_attribute("data-ready", "true", timeout=5_000)
            return lab
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def wait_until(page, expression, timeout=60):
    """Poll a JavaScript expression until it is truthy (the pages' CSP forbids the eval behind
    page.wait_for_function). A page that reloads while asked is asked again."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression):
                return
        except PlaywrightError as error:
            if "context was destroyed" not in str(error):
                raise
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


class BuiltSite:
    def __init__(self, path, process):
        self.path = Path(path)
        self.process = process


@pytest.fixture(scope="session")
def _site_server(tmp_path_factory):
    """Build the site once with --strict for the test server's address, then serve it."""
    target = tmp_path_factory.mktemp("site")
    site = SiteServer(target)
    done = build_site(target, site_url=site.url())
    if done.returncode != 0:
        site.httpd.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}")
    site.start()
    site.built = BuiltSite(target, done)
    yield site
    site.close()


@pytest.fixture(scope="session")
def built_site(_site_server):
    """The site, built once with --strict: `.path` is the folder, `.process` the finished build."""
    return _site_server.built


@pytest.fixture(scope="session")
def server(_site_server):
    return _site_server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile for one test: empty storage, no service worker, no cache.

    Service workers are blocked here, so a test is never reloaded by the first visit's isolation reload;
    tests/browser/test_offline.py makes its own contexts to test the service worker."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
