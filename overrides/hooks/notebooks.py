"""MkDocs hook: notebook pages load nothing from another origin.

mkdocs-jupyter renders each notebook with nbconvert's lab template, which adds scripts for features the course's
notebooks do not use: MathJax (a `<script src="">` plus its config; the notebooks write maths in Unicode) and a
module that imports mermaid from a CDN when the page has a diagram. This hook removes those scripts from notebook
pages only, after the page is rendered. Everything else the template adds (its styles, the copy buttons) is
inline and stays.
"""

import re

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
OUTSIDE_SRC = re.compile(r"""\bsrc\s*=\s*(?:""|''|["']?(?:https?:)?//)""", re.I)  # empty, or another origin
OUTSIDE_IMPORT = re.compile(r"""\bimport\(\s*["'](?:https?:)?//""")  # import("https://cdn…")
MATHJAX_CONFIG = re.compile(r"""type\s*=\s*["']text/x-mathjax-config""", re.I)


def _loads_from_outside(match):
    attributes, body = match.group(1), match.group(2)
    return bool(OUTSIDE_SRC.search(attributes) or MATHJAX_CONFIG.search(attributes) or OUTSIDE_IMPORT.search(body))


def strip_outside_scripts(html):
    """The page without the `<script>` elements that would load from another origin."""
    return SCRIPT.sub(lambda match: "" if _loads_from_outside(match) else match.group(0), html)


def on_post_page(output, page, config, **kwargs):
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    return strip_outside_scripts(output)  # tests/site/test_build.py checks every page for outside loads
