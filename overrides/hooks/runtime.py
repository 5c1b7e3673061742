"""MkDocs hook: put the Python runtime and the page scripts into the built site.

- bundles `web/src/` (page scripts, the Python worker, the stylesheet) with esbuild into `assets/knobs/`, and the
  search worker that waits for Python into the theme's `assets/javascripts/workers/`;
- packs the Python packages of `pycode/` into `assets/knobs/pycode.zip` (loaded by the worker);
- makes `assets/knobs/python.snapshot` with Node (web/snapshot.mjs): Python's memory after start-up with that zip
  imported, from the very Pyodide files the site serves, and its gzip twin `python.snapshot.gz` (30 MiB → ~6 MB:
  what a first visit downloads; the service worker stores it decompressed). Making them takes ~15 s, so they are
  kept in `node_modules/.cache/` under a hash of everything they are made from, and later builds copy them;
- copies the core of the pinned npm package `pyodide` into `pyodide/` — the site never loads Python from a CDN.

A version string made from the content of all of it goes into `config.extra.knobs_version`, so that the templates
can add it to URLs and a browser never runs a new page against an old worker.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
PACKAGES = ["knobs", "knobs_lab"]  # the folders of pycode/ that go into the page
STAGE = ROOT / ".cache" / f"knobs-build-{os.getpid()}"  # one per process: test builds may run side by side
SNAPSHOT_CACHE = ROOT / "node_modules" / ".cache" / "knobs-snapshot"
SNAPSHOT_INPUTS = [
    PYODIDE / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
] + [ROOT / "web" / "snapshot.mjs", ROOT / "web" / "src" / "course.js"]
SYS_EXECUTABLE = "./this.program"  # what a fresh Pyodide in a browser reports as sys.executable
# web/src/search-worker.js goes beside the theme's search worker, which loads its language files from "../lunr/"
# resolved against the address of the worker running it (overrides/hooks/python_pages.py points pages at it).
SEARCH_WORKER = "assets/javascripts/workers/search-worker.js"


def pack_pycode():
    """A zip of the course packages; identical input gives identical bytes (fixed timestamps, sorted names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for package in PACKAGES:
            for path in sorted((ROOT / "pycode" / package).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                    info = zipfile.ZipInfo(path.relative_to(ROOT / "pycode").as_posix(), (2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def bundle(outdir):
    """Run esbuild through overrides/build/bundle.mjs; a failure stops the build with esbuild's message."""
    if not (ROOT / "node_modules" / "esbuild").exists():
        raise SystemExit("node_modules is missing: run `npm ci` first (the Makefile does it for you)")
    done = subprocess.run(["node", str(ROOT / "web" / "bundle.mjs"), str(outdir)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bundling the page scripts failed:\n{done.stdout}{done.stderr}")


def _forget_old_snapshots(keep=2):
    """30 MiB each: keep the `keep` newest finished snapshots. Another build may be making or copying one right now
    (test builds run side by side), so a snapshot in the making and the newest ones are left alone."""

    def age(path):
        try:
            return time.time() - path.stat().st_mtime
        except FileNotFoundError:  # removed by another build meanwhile
            return float("inf")

    for twin in sorted(SNAPSHOT_CACHE.glob("*.snapshot.gz"), key=age)[keep:]:
        twin.unlink(missing_ok=True)  # first: a snapshot without its twin counts as unfinished
        twin.with_suffix("").unlink(missing_ok=True)
    for partial in SNAPSHOT_CACHE.glob("*.partial"):
        if age(partial) > 3600:  # left by a build that was stopped
            partial.unlink(missing_ok=True)


def make_snapshot(pycode_zip, target):
    """Write the memory snapshot of Python with `pycode_zip` imported to `target` and its gzip twin beside it,
    from the cache if it has them."""
    key = hashlib.sha256(pycode_zip + SYS_EXECUTABLE.encode())
    for path in SNAPSHOT_INPUTS:
        key.update(path.read_bytes())
    cached = SNAPSHOT_CACHE / f"{key.hexdigest()[:16]}.snapshot"
    twin = cached.with_name(cached.name + ".gz")
    if not twin.exists():
        SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
        _forget_old_snapshots()
        # Names of this process's own: another build may be making the same snapshot at the same time.
        zip_path = SNAPSHOT_CACHE / f"pycode-{os.getpid()}.zip"
        partial = SNAPSHOT_CACHE / f"{cached.name}.{os.getpid()}.partial"
        packed_partial = SNAPSHOT_CACHE / f"{twin.name}.{os.getpid()}.partial"
        zip_path.write_bytes(pycode_zip)
        done = subprocess.run(
            ["node", str(ROOT / "web" / "snapshot.mjs"), str(partial), str(zip_path), SYS_EXECUTABLE],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise SystemExit(f"making the Python snapshot failed:\n{done.stdout}{done.stderr}")
        zip_path.unlink()
        with open(packed_partial, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
            packed.write(partial.read_bytes())
        os.replace(partial, cached)
        os.replace(packed_partial, twin)  # last: the twin's presence says both are complete
    shutil.copyfile(cached, target)
    shutil.copyfile(twin, target.with_name(target.name + ".gz"))


def on_pre_build(config):
    if STAGE.exists():
        shutil.rmtree(STAGE)
    STAGE.mkdir(parents=True)
    bundle(STAGE)
    preload = STAGE / "start.preload.json"  # the chunks start.js imports (web/bundle.mjs): main.html preloads them
    config.extra["knobs_start_preload"] = json.loads(preload.read_text())
    preload.unlink()
    pycode_zip = pack_pycode()
    (STAGE / "pycode.zip").write_bytes(pycode_zip)
    make_snapshot(pycode_zip, STAGE / "python.snapshot")
    digest = hashlib.sha256()
    for path in sorted(p for p in STAGE.rglob("*") if p.is_file()):
        digest.update(path.relative_to(STAGE).as_posix().encode() + path.read_bytes())
    pyodide_version = (PYODIDE / "package.json").read_text()
    digest.update(pyodide_version.encode())
    config.extra["knobs_version"] = digest.hexdigest()[:12]


def on_post_build(config):
    site = Path(config.site_dir)
    for name in (Path(SEARCH_WORKER).name, f"{Path(SEARCH_WORKER).name}.map"):
        os.replace(STAGE / name, site / Path(SEARCH_WORKER).parent / name)
    shutil.copytree(STAGE, site / "assets" / "knobs", dirs_exist_ok=True)
    shutil.rmtree(STAGE)
    target = site / "pyodide"
    target.mkdir(exist_ok=True)
    for name in PYODIDE_FILES:
        source, copy = PYODIDE / name, target / name
        if (
            not copy.exists()
            or copy.stat().st_size != source.stat().st_size
            or copy.stat().st_mtime < source.stat().st_mtime
        ):
            shutil.copy2(source, copy)
