"""Every lesson has the parts a reader relies on: outcomes, reading time, prerequisites, previous/next links,
common mistakes, key terms, a check-yourself section in the agreed block formats, its lab, and SVG figures."""

import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from lesson_pages import LESSONS as LESSON_DIR
from lesson_pages import lessons

from conftest import ROOT

LESSONS = lessons()
LABS = {
    "01": ["line"],
    "02": ["dynamics"],
    "04": ["generalisation"],
    "06": ["network"],
    "07": ["language"],
    "08": ["finetune"],
    "09": ["prompts", "retrieval", "assistant"],
}
FIGURES = ROOT / "docs" / "assets" / "figures"
SNIPPET = re.compile(r'^--8<-- "(?P<path>[^"]+)"\s*$', re.M)
byid = pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.path.stem)


def links(text):
    return re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)


@byid
def test_lesson_opens_with_outcomes_time_prerequisites_and_neighbours(lesson):
    top = lesson.text.split("\n## ", 1)[0]
    assert top.startswith("# "), "a lesson starts with its title"
    for part in (
        "!!! abstract",
        "**You will be able to:**",
        "**Time:**",
        "**Prerequisites:**",
        "**Previous:**",
        "**Next:**",
    ):
        assert part in top, f"{lesson.path.name}: the opening box lacks {part!r}"
    number = int(lesson.path.name[:2])
    neighbours = top.split("**Previous:**", 1)[1]
    expected_previous = "index.md" if number == 1 else LESSONS[number - 2].path.name
    expected_next = "../glossary.md" if number == len(LESSONS) else LESSONS[number].path.name
    assert links(neighbours)[:2] == [expected_previous, expected_next]


@byid
def test_lesson_opens_with_a_five_minute_version_and_ends_with_one_sentence_to_remember(lesson):
    first_heading, section = lesson.text.split("\n## ", 2)[1].split("\n", 1)
    assert first_heading == "The five-minute version", f"{lesson.path.name}: the first section is {first_heading!r}"
    summary = section.split("<figure", 1)[0]
    sentences = re.findall(r"[^.!?]+[.!?](?=\s|$)", " ".join(summary.split()))
    assert 3 <= len(sentences) <= 5, f"{lesson.path.name}: the five-minute version has {len(sentences)} sentences"
    assert len(SNIPPET.findall(section)) == 1 and "<figcaption>" in section, "one picture, with a caption"
    ending = lesson.text.rstrip().rsplit("\n!!! ", 1)[1]
    title, remember = ending.split("\n", 1)
    assert title == 'success "One sentence to remember"', f"{lesson.path.name}: the lesson ends with {title!r}"
    assert len(re.findall(r"[.!?](?=\s|$)", remember.strip())) == 1, f"{lesson.path.name}: one sentence, not more"


@byid
def test_every_relative_link_points_to_a_file(lesson):
    for target in links(lesson.text):
        if "://" not in target:
            assert (lesson.path.parent / target).resolve().exists(), f"{lesson.path.name}: broken link {target}"


@byid
def test_lesson_has_mistakes_key_terms_and_ends_with_check_yourself(lesson):
    headings = re.findall(r"^## (.+)$", lesson.text, re.M)
    assert "Common mistakes" in headings and "Key terms" in headings
    assert headings[-1] == "Check yourself"
    last = lesson.text.split("\n## Check yourself\n", 1)[1]
    for kind in ("quiz", "match", "flashcards"):
        assert f"```{kind}\n" in last, f"{lesson.path.name}: Check yourself lacks a {kind} block"


@byid
def test_check_yourself_blocks_follow_the_agreed_schema(lesson):
    kinds = set()
    for block in lesson.blocks("quiz"):
        questions = yaml.safe_load(block.body)["questions"]
        for question in questions:
            kinds.add(question["type"])
            assert question["prompt"].strip()
            if question["type"] in ("single", "multiple"):
                correct = [choice for choice in question["choices"] if choice.get("correct")]
                assert len(question["choices"]) >= 2 and correct
                if question["type"] == "single":
                    assert len(correct) == 1, question["prompt"]
                assert set().union(*question["choices"]) <= {"text", "correct", "explain"}
            elif question["type"] == "numeric":
                assert isinstance(question["answer"], (int, float)) and question.get("explain")
            elif question["type"] == "scenario":
                assert question["answer"].strip()
            elif question["type"] == "run":
                assert question["code"].strip() and question.get("explain")
            else:
                pytest.fail(f"{lesson.path.name}: unknown question type {question['type']!r}")
    assert {"single", "numeric"} <= kinds and len(kinds) >= 3, f"{lesson.path.name}: question types {kinds}"
    for block in lesson.blocks("match"):
        pairs = yaml.safe_load(block.body)["pairs"]
        assert len(pairs) >= 3 and all(set(pair) == {"concept", "definition"} for pair in pairs)
    for block in lesson.blocks("flashcards"):
        cards = yaml.safe_load(block.body)["cards"]
        assert len(cards) >= 3 and all(set(card) == {"front", "back"} for card in cards)


@byid
def test_each_lab_sits_in_its_lesson_once(lesson):
    labs = [yaml.safe_load(block.body)["lab"] for block in lesson.blocks("lab")]
    expected = LABS.get(lesson.path.name[:2])
    assert labs == (expected or [])


def test_figures_are_svg_sources_that_read_in_light_and_dark_mode():
    used = set()
    translated = [path.read_text(encoding="utf-8") for path in (ROOT / "docs" / "lessons").glob("*.??.md")]
    for text in [lesson.text for lesson in LESSONS] + translated:
        for path in SNIPPET.findall(text):
            assert (ROOT / path).exists(), f"missing figure {path}"
            used.add((ROOT / path).resolve())
    svgs = sorted(FIGURES.glob("*.svg"))
    assert len(svgs) >= 4 and set(svgs) <= used, "every figure file is used by a lesson"
    for svg in svgs:
        root = ET.parse(svg).getroot()
        assert root.get("role") == "img" and len(root.get("aria-label", "")) > 40, f"{svg.name}: needs alt text"
        text = svg.read_text(encoding="utf-8")
        colours = set(re.findall(r"#[0-9a-fA-F]{3,6}\b", text))
        assert "currentColor" in text and not colours, f"{svg.name}: use currentColor, not fixed colours {colours}"


def test_no_lesson_uses_mermaid():
    assert not [lesson.path.name for lesson in LESSONS if "```mermaid" in lesson.text]


def test_lesson_index_and_nav_list_every_lesson_in_order():
    index = (LESSON_DIR / "index.md").read_text(encoding="utf-8")
    assert [target for target in links(index) if target[:2].isdigit()] == [lesson.path.name for lesson in LESSONS]
    nav = yaml.safe_load(re.search(r"^nav:\n(?:[ -].*\n?)+", (ROOT / "mkdocs.yml").read_text(), re.M).group(0))
    listed = re.findall(r"lessons/(\d\d-[\w-]+\.md)", str(nav))
    assert listed == [lesson.path.name for lesson in LESSONS]
