"""One small driver per browser engine, all answering the same few verbs a reader's actions need (open a page,
click, type, press keys, read the page), so that the reader's path in test_reader_path.py is written once.

- Chromium: Debian's `chromium` through Python playwright, as in tests/browser/.
- Firefox: Debian's `firefox-esr` through npm puppeteer-core over WebDriver BiDi (firefox.mjs, run by node):
  Firefox speaks BiDi itself, so no geckodriver is needed, and puppeteer-core downloads nothing.
- WebKit: WebKitGTK's MiniBrowser through its WebKitWebDriver (Debian's `webkit2gtk-driver`) and Python selenium
  with the driver's path given (selenium then downloads nothing), on an Xvfb display this module starts.
"""

import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"


class Reader:
    """The verbs of the reader's path. `evaluate` takes one JavaScript expression (no promises)."""

    name = ""
    interrupts = True  # whether Stop can interrupt Python in place (the engine gives the page SharedArrayBuffer)

    def wait(self, expression, timeout=120):
        """Poll `expression` until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression)
            except Exception:  # the page is between two documents (a reload): ask again
                value = None
            if value:
                return value
            assert time.monotonic() < deadline, f"{self.name}: timed out waiting for {expression}"
            time.sleep(0.1)


class Chromium(Reader):
    name = "chromium"

    def __init__(self, browser=None):
        """`browser`: the test session's Chromium, if it has one (one process may run only one sync Playwright)."""
        self._playwright = self._browser = None
        if browser is None:
            from playwright.sync_api import sync_playwright

            from conftest import CHROMIUM, CHROMIUM_ARGS

            self._playwright = sync_playwright().start()
            browser = self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self._context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self._context.new_page()
        self._errors, self._requests = [], []
        self.page.on("console", lambda message: message.type == "error" and self._errors.append(message.text))
        self.page.on("pageerror", lambda error: self._errors.append(str(error)))
        self._context.on("request", lambda request: self._requests.append(request.url))

    def goto(self, url):
        self.page.goto(url)

    def reload(self):
        self.page.reload()

    def evaluate(self, expression):
        return self.page.evaluate(expression)

    def click(self, selector, index=0):
        self.page.locator(selector).nth(index).click()

    def focus(self, selector, index=0):
        self.page.locator(selector).nth(index).focus()

    def press(self, chord):
        self.page.keyboard.press(chord)

    def type(self, text):
        self.page.keyboard.type(text)

    def errors(self):
        return list(self._errors)

    def requests(self):
        return list(self._requests)

    def close(self):
        self._context.close()
        if self._playwright:
            self._browser.close()
            self._playwright.stop()


class Firefox(Reader):
    name = "firefox"

    def __init__(self):
        self._bridge = subprocess.Popen(
            ["node", str(Path(__file__).with_name("firefox.mjs"))],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _call(self, op, *args):
        self._bridge.stdin.write(json.dumps({"op": op, "args": args}) + "\n")
        self._bridge.stdin.flush()
        line = self._bridge.stdout.readline()
        assert line, "the Firefox driver (firefox.mjs) stopped"
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return answer["value"]

    def goto(self, url):
        self._call("goto", url)

    def reload(self):
        self._call("reload")

    def evaluate(self, expression):
        return self._call("evaluate", expression)

    def click(self, selector, index=0):
        self._call("click", selector, index)

    def focus(self, selector, index=0):
        self._call("focus", selector, index)

    def press(self, chord):
        self._call("press", chord)

    def type(self, text):
        self._call("type", text)

    def errors(self):
        return self._call("errors")

    def requests(self):
        return self._call("requests")

    def close(self):
        try:
            self._call("close")
            self._bridge.wait(timeout=60)
        finally:
            if self._bridge.poll() is None:
                self._bridge.kill()


class WebKit(Reader):
    """WebKit's WebDriver has no console or network events. So each page gets a recorder of its errors (uncaught,
    unhandled rejections, console.error) on the driver's first look at it, a moment after it loads; errors before
    that stop the page's set-up, which the path's later steps would show. Requests are the page's resource timing
    entries (the page's own, not its workers'). Both are collected before each navigation."""

    name = "webkit"
    interrupts = False  # WebKitGTK gives pages no SharedArrayBuffer: Stop restarts Python

    KEYS = None
    RECORD_ERRORS = """if (!window.__knobsErrors) {
      const errors = window.__knobsErrors = [];
      // "ResizeObserver loop completed with undelivered notifications" is the browser's note that a resize was
      // delivered a frame later, not a script error; the other engines' drivers do not report it either.
      addEventListener("error", (event) => /^ResizeObserver loop/.test(event.message) || errors.push(String(event.message)));
      addEventListener("unhandledrejection", (event) => errors.push(String(event.reason)));
      const log = console.error.bind(console);
      console.error = (...args) => { errors.push(args.join(" ")); log(...args); };
    }"""

    def __init__(self, locale="C.UTF-8"):
        from selenium import webdriver
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self.KEYS = {"Control": Keys.CONTROL, "Enter": Keys.ENTER, "ArrowRight": Keys.ARROW_RIGHT}
        # -displayfd: Xvfb picks a free display and prints its number (test workers may each start one).
        self._xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        display = ":" + self._xvfb.stdout.readline().strip()
        env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
        env.update(DISPLAY=display, LANG=locale)
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path="/usr/bin/WebKitWebDriver", env=env)
        try:
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self._xvfb.terminate()
            raise
        self.driver.set_window_size(1280, 900)
        self._requests, self._errors = [], []

    def _remember(self):
        """Keep the requests and errors of the page about to be left."""
        try:
            requests, errors = self.driver.execute_script(
                "return [performance.getEntries().map((e) => e.name).filter((n) => n.includes(':')), "
                "window.__knobsErrors || []]"
            )
        except Exception:
            return
        self._requests += requests
        self._errors += errors

    def goto(self, url):
        self._remember()
        self.driver.get(url)

    def reload(self):
        self._remember()
        self.driver.refresh()

    def evaluate(self, expression):
        return self.driver.execute_script(f"{self.RECORD_ERRORS}\nreturn ({expression});")

    def _element(self, selector, index):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, selector)[index]

    def click(self, selector, index=0):
        self._element(selector, index).click()

    def focus(self, selector, index=0):
        self.driver.execute_script("arguments[0].focus()", self._element(selector, index))

    def press(self, chord):
        keys = [self.KEYS.get(key, key) for key in chord.split("+")]
        self.driver.switch_to.active_element.send_keys(*keys)

    def type(self, text):
        self.driver.switch_to.active_element.send_keys(text)

    def errors(self):
        self._remember()
        errors, self._errors = self._errors, []
        return errors

    def requests(self):
        self._remember()
        requests, self._requests = self._requests, []
        return requests

    def close(self):
        try:
            self.driver.quit()
        finally:
            self._xvfb.terminate()
            self._xvfb.wait(timeout=30)
