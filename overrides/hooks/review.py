"""The review set: every lesson's graded questions and flash cards, drawn again on the practice page.

Each item is the lesson's own question or card, keyed by the lesson's page and the question's answer key, so an answer
given in review is the reader's answer on that lesson (and one given in the lesson counts in review). The HTML reads
without JavaScript (every item, in lesson order); web/src/checks/review.js picks which few to show and in what order.

Left out on purpose: matching exercises and code exercises (they are whole blocks, not single items to recall).
"""

import html
import re

from markup import attrs, block_html, fingerprint, inline_html
from mkdocs.utils import get_relative_url
from questions import is_graded, render_question, score_key
from words import translate

REVIEW_SET = "KNOBSREVIEWSET"  # stands for the review set until every lesson is known


def dom_prefix(page_url):
    """Element ids unique on the practice page: two lessons may both have a "quiz-1"."""
    return "knobs-review-" + re.sub(r"[^a-z0-9]+", "-", page_url.lower()).strip("-")


def quiz_items(data, block_id, page_url, lang="en"):
    """One item per graded question: a one-question quiz bound to the lesson's page."""
    found = []
    for number, question in enumerate(data["questions"], 1):
        if not is_graded(question):
            continue
        question_id = question.get("id", f"q{number}")
        key = score_key(block_id, question_id, question)
        fieldset = render_question(question, 1, 1, block_id, question_id, prefix=dom_prefix(page_url), lang=lang)
        quiz = attrs(data_knobs_quiz=block_id, data_knobs_lesson=page_url, data_questions=key)
        found.append((key, "question", f'<div class="knobs-check knobs-quiz" {quiz}>{fieldset}</div>'))
    return found


def card_items(data, block_id, page_url, lang="en"):
    """One item per flash card, with "Again" and "Got it" (shown by the page script)."""
    found = []
    for index, card in enumerate(data["cards"]):
        key = f"{block_id}.{index}:{fingerprint(card)}"
        found.append(
            (
                key,
                "card",
                f'<div class="knobs-check knobs-review__card"><details class="knobs-card">'
                f'<summary class="knobs-card__front">{inline_html(card["front"])}</summary>'
                f'<div class="knobs-card__back">{block_html(card["back"])}</div></details>'
                f'<div class="knobs-q__bar">'
                f'<button type="button" class="knobs-button knobs-review__again" hidden>{translate("Again", lang)}</button>'
                f'<button type="button" class="knobs-button knobs-review__got" hidden>{translate("Got it", lang)}</button>'
                f'<span class="knobs-review__due" role="status" aria-live="polite"></span></div></div>',
            )
        )
    return found


def render_set(lessons, practice_page, lang="en"):
    """The review list: `lessons` is [(page, [(key, kind, html), …]), …] in the order of the navigation."""
    rows = []
    for page, found in lessons:
        href = html.escape(get_relative_url(page.url or ".", practice_page.url or "."))
        title = html.escape(page.title or page.url)
        source = translate("From {lesson}", lang).format(lesson=f'<a href="{href}">{title}</a>')
        for key, kind, body in found:
            rows.append(
                f'<li class="knobs-review__item" {attrs(data_review_page=page.url, data_review_key=key, data_review_kind=kind)}>'
                f'<p class="knobs-review__from">{source}</p>{body}</li>'
            )
    return (
        f'<div class="knobs-review" data-knobs-review>'
        f'<p class="knobs-review__status" role="status" aria-live="polite"></p>'
        f'<ol class="knobs-review__list">{"".join(rows)}</ol>'
        f'<div class="knobs-q__bar"><button type="button" class="knobs-button knobs-review__next" hidden>'
        f"{translate('Next set', lang)}</button></div></div>"
    )
