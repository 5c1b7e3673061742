"""MkDocs hook: what a page that runs Python does differently, so that Python starts as soon as it can.

A page holding a widget that runs Python (the selectors of web/src/python-widgets.json, which app.js mounts by):
- gets `knobs_python` in its template context; overrides/main.html then loads web/src/start.js in the head, so a
  returning reader's Python starts before the page's body has arrived;
- gives the theme's site search web/src/search-worker.js in place of the theme's own worker: it holds the search
  index (~0.6 s of one core to build) until Python is ready or the reader searches.
"""

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from runtime import SEARCH_WORKER  # a sibling hook: where the bundle puts the search worker

SELECTORS = json.loads((Path(__file__).resolve().parents[2] / "web" / "src" / "python-widgets.json").read_text())
THEME_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

_python_pages = set()  # URLs of the pages that run Python, in this build


def runs_python(html):
    """Whether the page's HTML has a widget that runs Python."""
    return BeautifulSoup(html, "html.parser").select_one(", ".join(SELECTORS.values())) is not None


def waiting_search(theme_config, version):
    """The theme's page configuration (its JSON text) with the search worker that waits for Python."""
    theme_worker = json.loads(theme_config)["search"]  # relative to the page, e.g. ../../assets/…/search.1a2b.min.js
    folder, name = theme_worker.rsplit("/", 1)
    assert f"{folder}/".endswith(f"/{Path(SEARCH_WORKER).parent.as_posix()}/"), theme_worker
    ours = f"{folder}/{Path(SEARCH_WORKER).name}?worker={name}&v={version}"
    assert json.dumps(theme_worker) in theme_config, theme_config
    return theme_config.replace(json.dumps(theme_worker), json.dumps(ours), 1)


def on_config(config):
    _python_pages.clear()


def on_page_context(context, page, config, nav):
    context["knobs_python"] = runs_python(page.content or "")
    if context["knobs_python"]:
        _python_pages.add(page.url)
    return context


def on_post_page(output, page, config):
    if page.url not in _python_pages:
        return output
    version = config.extra["knobs_version"]
    changed, count = THEME_CONFIG.subn(lambda m: m[1] + waiting_search(m[2], version) + m[3], output, count=1)
    if count != 1:
        raise SystemExit(f"{page.file.src_uri}: the theme's page configuration was not found")
    return changed
