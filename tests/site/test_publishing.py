"""Publishing: the GitHub Pages workflow, and what a published site needs (favicon, 404 page, edit and download
links, notebook pages that load nothing from another origin)."""

import json
import re
from xml.etree import ElementTree

import pytest
import yaml
from translations import words

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def load_workflow():
    # PyYAML reads the key `on` as True (YAML 1.1); the workflow is otherwise plain data.
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_tests_then_builds_with_the_pinned_setup_then_deploys():
    workflow = load_workflow()
    assert workflow[True]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    build_steps = jobs["build"]["steps"]
    commands = [step.get("run", "") for step in build_steps]
    assert "bash .ci/setup site" in commands
    assert any(command.startswith(".venv/bin/mkdocs build --strict") for command in commands)
    build_env = next(step["env"] for step in build_steps if "mkdocs build" in step.get("run", ""))
    assert "KNOBS_SITE_URL" in build_env  # the address GitHub Pages gives the project, path included
    assert any(step.get("run") == "bash .ci/run" for step in jobs["test"]["steps"])
    assert set(jobs["deploy"]["needs"]) == {"test", "build"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step]
    assert any(action.startswith("actions/upload-pages-artifact@") for action in uses)
    assert any(action.startswith("actions/deploy-pages@") for action in uses)
    for action in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", action), f"pin {action} by its version tag"


def test_social_cards_stay_off():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-\s*social\b", config, re.M)  # the social plugin fetches fonts when it builds


def test_favicon_is_our_svg_knob(built_site):
    page = (built_site.path / "index.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="assets/favicon.svg">' in page
    svg = ElementTree.parse(built_site.path / "assets" / "favicon.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.find("{http://www.w3.org/2000/svg}circle") is not None


def test_404_page_links_back_to_the_lessons_under_the_project_path(built_site):
    page = (built_site.path / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page
    links = set(re.findall(r'<a href="([^"]+)"', page))
    # GitHub Pages shows 404.html at any depth, so its links and assets must be absolute paths under /knobs/.
    assert "/knobs/lessons/" in links
    assert "/knobs/lessons/01-what-is-a-model/" in links
    for asset in re.findall(r'<(?:link|script)\b[^>]*(?:href|src)="([^"]+)"', page):
        assert asset.startswith(("/knobs/", "http")), asset


def test_lesson_pages_link_to_editing_their_source(built_site):
    page = (built_site.path / "lessons" / "01-what-is-a-model" / "index.html").read_text(encoding="utf-8")
    assert (
        'href="https://github.com/knobs-course/knobs/edit/main/docs/lessons/01-what-is-a-model.md"' in page
        and 'rel="edit"' in page
    )


def test_notebook_pages_offer_the_notebook_and_load_no_outside_script(built_site):
    pages = sorted((built_site.path / "notebooks").glob("*/index.html"))
    assert len(pages) >= 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.parent.name
        assert (page.parent / f"{name}.ipynb").is_file()
        assert re.search(rf'href="/knobs/notebooks/{name}/{name}\.ipynb"[^>]*download', html), name
        assert "jupyter-wrapper" in html  # the notebook itself is on the page
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert not re.search(r'src="(?:https?:)?//|src=""', tag), (name, tag)
        assert "x-mathjax-config" not in html and 'import("https://' not in html, name


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_a_translated_notebook_is_its_languages_page_at_the_same_address(built_site, lang):
    """notebooks/x.es.ipynb becomes es/notebooks/x/: in Spanish, with no not-yet-translated notice, offering itself."""
    notice = words.translate("This page is not translated yet; you are reading the English text.", lang)
    sources = sorted((ROOT / "docs" / "notebooks").glob(f"*.{lang}.ipynb"))
    assert len(sources) >= 4
    for source in sources:
        name = source.name.removesuffix(f".{lang}.ipynb")
        page = built_site.path / lang / "notebooks" / name / "index.html"
        html = page.read_text(encoding="utf-8")
        heading = "".join(json.loads(source.read_text(encoding="utf-8"))["cells"][0]["source"]).splitlines()[0]
        assert heading.lstrip("# ") in html, (name, heading)
        assert f'<html lang="{lang}"' in html and notice not in html, name
        assert (page.parent / source.name).is_file(), name  # the download is the translated notebook
        download = words.translate("Download this notebook (.ipynb)", lang)
        assert f'title="{download}"' in html and "Download this notebook" not in html, name
    assert not list((built_site.path / lang / "notebooks").glob(f"*.{lang}")), "a notebook at a suffixed address"


def test_pages_that_run_python_start_it_from_their_head_and_others_do_not(built_site):
    def head(path):
        return (built_site.path / path / "index.html").read_text(encoding="utf-8").split("</head>")[0]

    for lesson in ("lessons/01-what-is-a-model", "es/lessons/01-what-is-a-model", "labs", "autograd-track"):
        page = head(lesson)
        assert re.search(r'<script type="module" async src="[^"]*assets/knobs/start\.js\?v=', page), lesson
        assert page.index('id="knobs-catalogue"' if lesson.startswith("es/") else "start.js") <= page.index("start.js")
    for other in ("glossary", "progress", "es/glossary", ""):
        assert "start.js" not in head(other), other


def test_a_page_that_runs_python_preloads_every_module_start_js_imports(built_site):
    knobs = built_site.path / "assets" / "knobs"

    def imports(script):  # the static imports of an esbuild module, followed through the chunks
        found = set()
        for name in re.findall(r'(?:from|import)\s*"\./(?:chunks/)?([^"]+\.js)"', script.read_text(encoding="utf-8")):
            found |= {name} | imports(knobs / "chunks" / name)
        return found

    expected = imports(knobs / "start.js")
    assert expected  # start.js does import python.js's chunk
    page = (built_site.path / "lessons/01-what-is-a-model/index.html").read_text(encoding="utf-8").split("</head>")[0]
    preloaded = re.findall(r'<link rel="modulepreload" href="\.\./\.\./assets/knobs/chunks/([^"]+)">', page)
    assert sorted(preloaded) == sorted(expected)
    assert page.index("modulepreload") < page.index("start.js")
    assert not (knobs / "start.preload.json").exists()  # a note for the build, not part of the site


def test_pages_that_run_python_give_site_search_a_worker_that_waits_for_it(built_site):
    def search_worker(path):
        html = (built_site.path / path / "index.html").read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1]
        return json.loads(config)["search"]

    theme = search_worker("glossary")
    assert re.fullmatch(r"\.\./assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", theme), theme
    for lesson, up in (("lessons/01-what-is-a-model", "../../"), ("es/lessons/01-what-is-a-model", "../../../")):
        waiting = search_worker(lesson)
        name = theme.rsplit("/", 1)[1]
        assert re.fullmatch(rf"{up}assets/javascripts/workers/search-worker\.js\?worker={name}&v=\w+", waiting)
    for other in ("glossary", "progress", ""):
        assert "search-worker" not in search_worker(other), other
    workers = built_site.path / "assets" / "javascripts" / "workers"
    assert (workers / "search-worker.js").is_file() and (workers / name).is_file()
    manifest = (built_site.path / "sw.js").read_text(encoding="utf-8")
    assert '"assets/javascripts/workers/search-worker.js"' in manifest  # saved for offline reading
