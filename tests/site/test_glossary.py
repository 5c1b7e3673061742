"""The site-wide glossary: each term defined once, each used in the lessons, shown as a tooltip and on its page."""

import re
import sys

from lesson_pages import lessons

from conftest import ROOT

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import glossary  # noqa: E402  (the hook module: the one reader of includes/glossary.md)

ENTRIES = glossary.read_glossary()


def test_glossary_file_has_only_entries_and_a_comment():
    text = glossary.GLOSSARY.read_text(encoding="utf-8")
    body = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    stray = [line for line in body.splitlines() if line.strip() and not glossary.ENTRY.match(line)]
    assert not stray, f"lines that are not `*[term]: definition`: {stray}"
    assert len(ENTRIES) >= 30


def test_every_term_is_defined_exactly_once():
    terms = [term for term, _ in ENTRIES]
    repeated = sorted({term for term in terms if terms.count(term) > 1})
    assert not repeated, f"defined more than once: {repeated}"
    assert all(definition.endswith(".") for _, definition in ENTRIES)


def test_every_term_is_used_in_the_text_of_a_lesson():
    prose = "\n".join(lesson.prose for lesson in lessons())
    unused = [term for term, _ in ENTRIES if not re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", prose)]
    assert not unused, f"glossary terms no lesson uses (as written, same case): {unused}"


def test_tooltip_is_kept_on_first_use_only():
    html = '<p><abbr title="a">loss</abbr> and <abbr title="a">loss</abbr>, <abbr title="b">token</abbr></p>'
    assert (
        glossary.keep_first_tooltips(html)
        == '<p><abbr title="a">loss</abbr> and loss, <abbr title="b">token</abbr></p>'
    )


def test_built_lessons_show_tooltips_and_the_glossary_page_lists_every_term(built_site):
    page = (built_site.path / "lessons" / "01-what-is-a-model" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="A number inside the model that training changes[^"]*">parameter</abbr>', page)
    assert page.count(">parameter</abbr>") == 1
    listing = (built_site.path / "glossary" / "index.html").read_text(encoding="utf-8")
    for term, _ in ENTRIES:
        assert re.search(rf"<dt>(<abbr[^>]*>)?{re.escape(term)}(</abbr>)?</dt>", listing), term
