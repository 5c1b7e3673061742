"""MkDocs hook: which pages run Python, so a returning reader's Python starts from the page's <head>.

A page holding a widget that runs Python (the selectors of web/src/python-widgets.json, which app.js mounts by)
gets `knobs_python` in its template context; overrides/main.html then loads web/src/start.js in the head.
"""

import json
from pathlib import Path

from bs4 import BeautifulSoup

SELECTORS = json.loads((Path(__file__).resolve().parents[2] / "web" / "src" / "python-widgets.json").read_text())


def runs_python(html):
    """Whether the page's HTML has a widget that runs Python."""
    return BeautifulSoup(html, "html.parser").select_one(", ".join(SELECTORS.values())) is not None


def on_page_context(context, page, config, nav):
    context["knobs_python"] = runs_python(page.content or "")
    return context
