"""MkDocs hook: make the built site work offline after one visit.

After the site is written, it lists every file a reader needs (all pages, the theme's and the course's assets, the
Python runtime, pycode.zip, the search index) with a hash of its content, and writes the service worker `sw.js` to
the site root: that list (the *precache manifest*) followed by the code of `web/src/sw.js`. Any change to any file
changes `sw.js`, which is how a browser learns that a new version was deployed.

A file with a gzip twin beside it (`x` and `x.gz`, the same content) is listed under `gzipped`: the service worker
downloads the twin, stores it decompressed and answers a request for the twin with it (the Python snapshot: ~6 MB
downloaded, 30 MiB stored, read without decompressing on every later visit).

Left out of the manifest on purpose: source maps, esbuild's legal-comment files and the gzipped sitemap (nothing
reads them offline).

Under `mkdocs serve` the manifest is empty: the worker then only adds the isolation headers and always asks the
network, so an author never sees a stale page.
"""

import gzip
import hashlib
import json
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "web" / "src" / "sw.js"
SKIPPED_SUFFIXES = (".map", ".LEGAL.txt", ".gz")
SKIPPED_NAMES = {"sw.js"}

_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def content_hash(data):
    """The short hash the service worker checks every downloaded file against."""
    return hashlib.sha256(data).hexdigest()[:16]


def manifest_key(relative):
    """The URL path (relative to the site root) a file is requested by: pages by their folder, `lessons/x/`."""
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def precache_manifest(site, assets_version):
    """{"version", "assets", "files": {url path: content hash}, "gzipped": [url path]} for every file of `site` a
    reader needs offline."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative in SKIPPED_NAMES or relative.endswith(SKIPPED_SUFFIXES) or relative.startswith("."):
            continue
        files[manifest_key(relative)] = content_hash(path.read_bytes())
    gzipped = sorted(
        key
        for key in files
        if (site / f"{key}.gz").is_file()
        and content_hash(gzip.decompress((site / f"{key}.gz").read_bytes())) == files[key]
    )
    version = content_hash(json.dumps(files, sort_keys=True).encode())
    return {"version": version, "assets": assets_version, "files": files, "gzipped": gzipped}


def write_service_worker(site, assets_version, serving=False):
    """Write `sw.js` (manifest + worker code) into `site`; return the manifest."""
    manifest = (
        {"version": "dev", "assets": assets_version, "files": {}, "gzipped": []}
        if serving
        else precache_manifest(site, assets_version)
    )
    code = SOURCE.read_text(encoding="utf-8")
    (site / "sw.js").write_text(
        f"self.KNOBS_PRECACHE = {json.dumps(manifest, sort_keys=True)};\n{code}", encoding="utf-8"
    )
    return manifest


@event_priority(-100)  # after every other hook has written its files, so the manifest sees the finished site
def on_post_build(config):
    write_service_worker(Path(config.site_dir), config.extra.get("knobs_version", "dev"), serving=_serving)
