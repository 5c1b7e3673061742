"""MkDocs hook: finish the Content-Security-Policy of every page.

`overrides/main.html` puts the policy in a `<meta http-equiv="Content-Security-Policy">` at the top of `<head>`:
everything (scripts, styles, fonts, images, connections, workers) from the site's own origin only; WebAssembly may
be compiled ('wasm-unsafe-eval', for Python). The theme writes a few small inline scripts (e.g. the colour palette
switch), so the template leaves a placeholder, INLINE_SCRIPTS, that this hook replaces with the SHA-256 of every
inline script of the whole site — one list for every page, because instant navigation keeps the first page's policy
while it swaps in the next page's scripts. No 'unsafe-inline' for scripts and no 'unsafe-eval'.
"""

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.plugins import event_priority

PLACEHOLDER = "INLINE_SCRIPTS"
SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(html):
    """The CSP source expressions ('sha256-…') of the inline scripts a browser would run in `html`."""
    hashes = set()
    for script in SCRIPT.finditer(html):
        attributes = script["attributes"].lower()
        if re.search(r"\bsrc\s*=", attributes) or "application/json" in attributes or not script["body"].strip():
            continue
        digest = hashlib.sha256(script["body"].encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


@event_priority(-50)  # after the pages are written, before overrides/hooks/offline.py hashes them
def on_post_build(config):
    pages = sorted(Path(config.site_dir).rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes = set().union(*(inline_script_hashes(text) for text in texts.values()))
    sources = " ".join(sorted(hashes))
    for page, text in texts.items():
        if PLACEHOLDER in text:
            page.write_text(text.replace(PLACEHOLDER, sources), encoding="utf-8")
