"""Each translated page is the English page in other words: the same code cells (comments may be translated), the
same expected outputs, the same labs with the same settings, the same questions with the same ids, types, answers
and number of choices (the same ones correct), the same exercises with the same checkers and code, and the same
glossary terms. Runs over whatever translations exist, so a translation that lands is checked at once.

The saved progress relies on this: a translated question carries the English question's fingerprint (by position,
overrides/hooks/markup.py), so an answer given in Spanish counts in English.
"""

import re

import pytest
from translations import LANGUAGES, ROOT, skeleton, sources, translation

PAIRS = [(source, lang) for source in sources() for lang in LANGUAGES if translation(source, lang).exists()]


def test_some_pages_are_translated():
    assert len(PAIRS) >= 7 * len(LANGUAGES)  # the non-lesson pages, at least


@pytest.mark.parametrize(("source", "lang"), PAIRS, ids=[f"{lang}:{source}" for source, lang in PAIRS])
def test_a_translation_has_the_same_cells_labs_questions_and_exercises(source, lang):
    english = skeleton(ROOT / "docs" / source)
    translated = skeleton(translation(source, lang))
    assert [part[0] for part in translated] == [part[0] for part in english], "blocks differ in kind or order"
    for number, (mine, theirs) in enumerate(zip(translated, english, strict=True), 1):
        assert mine == theirs, f"block {number} ({theirs[0]}) differs from the English page"


GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$", re.MULTILINE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_glossary_defines_every_term_in_the_same_order(lang):
    path = ROOT / "includes" / f"glossary.{lang}.md"
    if not path.exists():
        pytest.fail(f"includes/glossary.{lang}.md is missing")
    english = GLOSSARY_ENTRY.findall((ROOT / "includes" / "glossary.md").read_text(encoding="utf-8"))
    translated = GLOSSARY_ENTRY.findall(path.read_text(encoding="utf-8"))
    assert len(translated) == len(english), "one translated entry per English term"
    terms = [term for term, _ in translated]
    assert len(set(terms)) == len(terms), "a term defined twice"


def test_the_parity_check_sees_a_changed_answer_a_changed_cell_and_a_lost_choice(tmp_path):
    """The skeleton keeps what must not change, so these edits of a translation are caught."""
    source = (ROOT / "docs" / "practice.es.md").read_text(encoding="utf-8")
    reference = skeleton(ROOT / "docs" / "practice.md")
    for edit in (
        ("answer: 100000", "answer: 100001"),
        ("Line(weight=150, bias=20_000)", "Line(weight=151, bias=20_000)"),
        (
            '      - text: "$250,000"\n        explain: "Esa es la predicción para 1,000 pies cuadrados, no para 1,500."\n',
            "",
        ),
        ("id: count-knobs", "id: contar-perillas"),
    ):
        assert edit[0] in source, edit[0]
        changed = tmp_path / "page.md"
        changed.write_text(source.replace(edit[0], edit[1], 1), encoding="utf-8")
        assert skeleton(changed) != reference, edit
    same = tmp_path / "same.md"
    same.write_text(source.replace("el peso *w*", "el peso, *w*"), encoding="utf-8")  # prose may change freely
    assert skeleton(same) == reference
