"""How many bytes the service worker's offline save downloads, split by language (issue 16).

Usage: .venv/bin/python benchmarks/bench_offline_bytes.py [SITE_DIR]   (default: site/, after `make build`)

Sums the files of the precache manifest in SITE_DIR/sw.js: text gzip-compressed at level 6 (as a static host sends
it), the Python snapshot as its stored .gz twin, .wasm/.zip/.png as stored.
"""

import gzip
import json
import sys
from pathlib import Path

STORED = (".wasm", ".zip", ".png")


def main(site):
    text = (site / "sw.js").read_text(encoding="utf-8")
    manifest = json.loads(text[text.index("{") : text.index(";\n")])
    stored, sent = {}, {}
    for key in manifest["files"]:
        path = site / (key + ("index.html" if key == "" or key.endswith("/") else ""))
        if key in manifest["gzipped"]:
            data = path.with_name(path.name + ".gz").read_bytes()
            size = len(data)
        else:
            data = path.read_bytes()
            size = len(data) if path.suffix in STORED else len(gzip.compress(data, 6))
        page = key == "" or key.endswith((".html", "/"))
        part = key[:2] if key[:3] in ("es/", "pt/") else ("en pages" if page else "shared assets")
        stored[part] = stored.get(part, 0) + len(data)
        sent[part] = sent.get(part, 0) + size
    for part in sorted(sent):
        print(f"{part:14} {sent[part] / 1e6:6.2f} MB compressed  {stored[part] / 1e6:6.2f} MB stored")
    print(f"{'all':14} {sum(sent.values()) / 1e6:6.2f} MB compressed  {sum(stored.values()) / 1e6:6.2f} MB stored")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
