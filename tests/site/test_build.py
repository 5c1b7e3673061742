"""The built site: strict build, self-hosted Python runtime, nothing loaded from another origin."""

import re
import zipfile

from conftest import ROOT


def test_strict_build_passes_without_warnings(built_site):
    log = built_site.process.stdout + built_site.process.stderr
    assert built_site.process.returncode == 0
    assert "WARNING" not in log, log


def test_site_ships_pyodide_from_the_pinned_npm_package(built_site):
    import json

    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    loader = (built_site.path / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
    assert pinned in loader
    assert (built_site.path / "pyodide" / "pyodide.mjs").read_bytes() == (
        ROOT / "node_modules" / "pyodide" / "pyodide.mjs"
    ).read_bytes()
    for name in ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]:
        assert (built_site.path / "pyodide" / name).stat().st_size > 1000, name


def test_site_ships_the_course_package_as_a_zip(built_site):
    with zipfile.ZipFile(built_site.path / "assets" / "knobs" / "pycode.zip") as archive:
        names = set(archive.namelist())
    assert "knobs_lab/runner.py" in names
    assert {path.relative_to(ROOT / "pycode").as_posix() for path in (ROOT / "pycode" / "knobs").glob("*.py")} <= names
    assert not any("__pycache__" in name for name in names)


def test_pages_load_no_script_style_or_font_from_another_origin(built_site):
    outside = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="(?:https?:)?//[^"]*"[^>]*>', re.I)
    offenders = []
    for page in built_site.path.rglob("*.html"):
        for match in outside.finditer(page.read_text(encoding="utf-8")):
            if re.search(r'rel="(canonical|alternate|me)"', match.group(0)):
                continue  # the published address of a page: named, never loaded
            offenders.append(f"{page.relative_to(built_site.path)}: {match.group(0)}")
    assert not offenders, offenders


def test_no_web_font_or_cdn_host_in_our_pages_and_scripts(built_site):
    hosts = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|cdnjs|googletagmanager")
    ours = [*built_site.path.rglob("*.html"), *(built_site.path / "assets" / "knobs").rglob("*.[jc]s*")]
    offenders = [
        str(path.relative_to(built_site.path))
        for path in ours
        if hosts.search(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert not offenders, offenders


def test_no_page_triggers_the_themes_outside_fallbacks(built_site):
    # The theme's bundle would load mermaid from a CDN for a ```mermaid diagram; our diagrams are SVG files.
    offenders = [
        str(page.relative_to(built_site.path))
        for page in built_site.path.rglob("*.html")
        if 'class="mermaid"' in page.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders
