"""The practice page's review set (overrides/hooks/review.py): every lesson's graded questions and flash cards, each
bound to its own lesson, and nothing else."""

from collections import Counter

from bs4 import BeautifulSoup

from conftest import ROOT


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def lessons_own(site):
    """What the lesson pages themselves count: (page, score key) of each graded question, and cards per page."""
    questions, cards = set(), Counter()
    lesson_sources = sorted(
        p for p in (ROOT / "docs" / "lessons").glob("*.md") if p.name != "index.md" and "." not in p.stem
    )  # not translations
    for source in lesson_sources:
        url = f"lessons/{source.stem}/"
        page = soup(site.path / url / "index.html")
        for quiz in page.select("[data-knobs-quiz]"):
            questions.update((url, key) for key in quiz["data-questions"].split())
        cards[url] += len(page.select("[data-knobs-cards] .knobs-card"))
    return questions, cards


def test_review_set_holds_every_lessons_graded_questions_and_cards(built_site):
    questions, cards = lessons_own(built_site)
    review = soup(built_site.path / "practice" / "index.html").select_one("[data-knobs-review]")
    items = review.select(".knobs-review__item")
    shown_questions = [
        (i["data-review-page"], i["data-review-key"]) for i in items if i["data-review-kind"] == "question"
    ]
    shown_cards = Counter(i["data-review-page"] for i in items if i["data-review-kind"] == "card")
    assert len(questions) > 40 and sum(cards.values()) > 20  # the lessons have many of each
    assert sorted(shown_questions) == sorted(questions)  # each once, none from the practice page itself
    assert shown_cards == +cards


def test_review_questions_save_to_their_lesson_and_have_unique_ids(built_site):
    review = soup(built_site.path / "practice" / "index.html").select_one("[data-knobs-review]")
    for item in review.select('.knobs-review__item[data-review-kind="question"]'):
        quiz = item.select_one("[data-knobs-quiz]")
        assert quiz["data-knobs-lesson"] == item["data-review-page"]
        assert quiz["data-questions"] == item["data-review-key"]
        assert item.select_one(".knobs-review__from a")["href"] == f"../{item['data-review-page']}"
    page = soup(built_site.path / "practice" / "index.html")
    ids = Counter(element["id"] for element in page.select("[id]"))
    assert [name for name, count in ids.items() if count > 1] == []
