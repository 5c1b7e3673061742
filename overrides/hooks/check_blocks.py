"""The kinds of check-yourself block, each declared once in KINDS: how its YAML is checked and how it is drawn.

- ```quiz        questions of the types in questions.py;
- ```match       concept ↔ definition pairs ("tap a concept, then its definition");
- ```flashcards  cards with a front and a back;
- ```exercise    a prompt, starter code, a checker (a function marked @checker in pycode/knobs_lab) the page runs on
                 the reader's code, hints and a model solution;
- ```progress    (on the progress page only) the table of every page with checks, filled in by the hook at the end;
- ```review      (on the practice page) every lesson's graded questions and flash cards, from review.py.

Each block becomes semantic HTML that reads well before any script runs; the widget bound to its data attribute
(web/src/checks/, listed in web/src/app.js) adds checking, scores and saving. Adding a kind: one BlockKind here,
its widget in web/src/checks/ and its line in app.js's WIDGETS. Its words are drawn in the page's language (`lang`).
"""

import html
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fences import BlockError, items, line_of, need_id, need_list, need_mapping, need_text
from markup import attrs, block_html, fingerprint, inline_html
from questions import check_question, is_graded, render_question, score_key
from review import REVIEW_SET, card_items, quiz_items
from words import translate

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "pycode") not in sys.path:
    sys.path.insert(0, str(ROOT / "pycode"))

from knobs_lab.exercise import CHECKERS  # noqa: E402  (needs the path above)

PROGRESS_TABLE = "KNOBSPROGRESSTABLE"  # stands for the progress table until every page is known


@dataclass(frozen=True)
class BlockKind:
    default_id: str  # a block without an id is "<default_id>-1", "-2", … in page order
    check: Callable  # check(data, fence): raise BlockError where the parsed YAML breaks the format
    render: Callable  # render(data, block_id, page_url, lang) → (HTML, score keys of its graded questions)
    panel: bool = True  # a page with this block ends with the score panel
    review: Callable | None = None  # review(data, block_id, page_url, lang) → its items for the practice page's review
    scored: Callable | None = None  # scored(data) → its scored items, each may say `outcome: N` (outcomes.py)


def need_content(data, fence, allowed, required):
    """The block holds a mapping with the `allowed` keys and every `required` one."""
    what = f"the {fence.kind} block"
    if data is None:
        raise BlockError(fence.line, f"{what} is empty")
    need_mapping(data, fence.line + 1, what, allowed, required)
    return what


# ----- quiz ------------------------------------------------------------------------------------------------------


def check_quiz(data, fence):
    what = need_content(data, fence, {"id", "questions"}, ["questions"])
    seen = set()
    for number, (line, question) in enumerate(items(need_list(data, "questions", what, 1)), 1):
        check_question(question, line, number)
        question_id = need_id(question, f"question {number}", f"q{number}")
        if question_id in seen:
            raise BlockError(line_of(question, "id"), f"question {number}: duplicate id '{question_id}'")
        seen.add(question_id)


def render_quiz(data, block_id, page_url, lang="en"):
    questions = data["questions"]
    rendered, graded = [], []
    for number, question in enumerate(questions, 1):
        question_id = question.get("id", f"q{number}")
        rendered.append(render_question(question, number, len(questions), block_id, question_id, lang=lang))
        if is_graded(question):
            graded.append(score_key(block_id, question_id, question))
    score = '<p class="knobs-check__score" hidden></p>'
    opening = attrs(data_knobs_quiz=block_id, data_knobs_lesson=page_url, data_questions=" ".join(graded))
    return f'<div class="knobs-check knobs-quiz" {opening}>{"".join(rendered)}{score}</div>', graded


# ----- match -----------------------------------------------------------------------------------------------------


def check_match(data, fence):
    what = need_content(data, fence, {"id", "prompt", "pairs", "outcome"}, ["pairs"])
    if "prompt" in data:
        need_text(data, "prompt", what)
    pairs = need_list(data, "pairs", what, 2)
    for index, (line, pair) in enumerate(items(pairs), 1):
        need_mapping(pair, line, f"pair {index}", {"concept", "definition", "explain"}, ["concept", "definition"])
        for key in ("concept", "definition") + (("explain",) if "explain" in pair else ()):
            need_text(pair, key, f"pair {index}")
    for key in ("concept", "definition"):
        values = [str(pair[key]).strip() for pair in pairs]
        if len(set(values)) < len(values):
            raise BlockError(line_of(data, "pairs"), f"{what}: two pairs have the same {key}")


def shuffled_order(count, seed):
    """The order definitions are shown in: shuffled with a seed, never the authored order."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if order == list(range(count)):
        order = order[1:] + order[:1]
    return order


def render_match(data, block_id, page_url, lang="en"):
    pairs = data["pairs"]
    fp = fingerprint(data)
    base = f"knobs-{block_id}"
    concepts = "".join(
        f'<li><button type="button" class="knobs-match__item knobs-match__concept" '
        f'data-pair="{index}">{inline_html(pair["concept"])}</button></li>'
        for index, pair in enumerate(pairs)
    )
    definitions = "".join(
        f'<li><button type="button" class="knobs-match__item knobs-match__definition" '
        f"{attrs(data_pair=index, data_explain=pairs[index].get('explain'))}>"
        f"{inline_html(pairs[index]['definition'])}</button></li>"
        for index in shuffled_order(len(pairs), fp)
    )
    answer = "".join(
        f"<dt>{inline_html(pair['concept'])}</dt><dd>{inline_html(pair['definition'])}</dd>" for pair in pairs
    )
    prompt = inline_html(data.get("prompt", translate("Match each concept to its definition.", lang)))
    return (
        f'<div class="knobs-check knobs-match" {attrs(data_knobs_match=block_id, data_knobs_lesson=page_url, data_fp=fp, id=base)}>'
        f'<p class="knobs-match__prompt">{prompt} <span class="knobs-match__how" hidden>'
        f"{translate('Tap a concept, then its definition.', lang)}</span></p>"
        f'<div class="knobs-match__columns">'
        f'<div class="knobs-match__column"><p class="knobs-match__head" id="{base}-concepts">{translate("Concepts", lang)}</p>'
        f'<ul class="knobs-match__list" aria-labelledby="{base}-concepts">{concepts}</ul></div>'
        f'<div class="knobs-match__column"><p class="knobs-match__head" id="{base}-definitions">{translate("Definitions", lang)}</p>'
        f'<ul class="knobs-match__list" aria-labelledby="{base}-definitions">{definitions}</ul></div></div>'
        f'<div class="knobs-match__feedback" role="status" aria-live="polite"></div>'
        f'<div class="knobs-q__bar"><span class="knobs-check__score" hidden></span>'
        f'<button type="button" class="knobs-button knobs-match__reset" hidden>{translate("Start matching again", lang)}</button></div>'
        f'<details class="knobs-q__answer"><summary>{translate("Show the answer", lang)}</summary><dl>{answer}</dl></details></div>'
    ), []


# ----- flashcards ------------------------------------------------------------------------------------------------


def check_flashcards(data, fence):
    what = need_content(data, fence, {"id", "cards"}, ["cards"])
    for index, (line, card) in enumerate(items(need_list(data, "cards", what, 1)), 1):
        need_mapping(card, line, f"card {index}", {"front", "back"}, ["front", "back"])
        need_text(card, "front", f"card {index}")
        need_text(card, "back", f"card {index}")


def render_flashcards(data, block_id, page_url, lang="en"):
    cards = data["cards"]
    cards_html = "".join(
        f'<li><details class="knobs-card" data-card="{index}"><summary class="knobs-card__front">'
        f'{inline_html(card["front"])}</summary><div class="knobs-card__back">{block_html(card["back"])}</div>'
        f"</details></li>"
        for index, card in enumerate(cards)
    )
    return (
        f'<div class="knobs-check knobs-cards" {attrs(data_knobs_cards=block_id, data_knobs_lesson=page_url, data_fp=fingerprint(data))}>'
        f'<p class="knobs-cards__how">{translate("Think of the answer, then open the card.", lang)}</p>'
        f'<ul class="knobs-cards__list">{cards_html}</ul>'
        f'<div class="knobs-q__bar"><span class="knobs-cards__count" role="status" aria-live="polite" hidden>'
        f"{translate('{opened} of {total} opened', lang).format(opened=0, total=len(cards))}</span>"
        f'<button type="button" class="knobs-button knobs-cards__reset" hidden>{translate("Close all cards", lang)}</button>'
        f"</div></div>"
    ), []


# ----- exercise --------------------------------------------------------------------------------------------------

EXERCISE_KEYS = {"id", "check", "prompt", "starter", "solution", "hints", "outcome"}
HINT_KEYS = {"text", "mistake", "says"}


def check_exercise(data, fence):
    what = need_content(data, fence, EXERCISE_KEYS, ["check", "prompt", "starter", "solution"])
    for key in ("check", "prompt", "starter", "solution"):
        need_text(data, key, what)
    if data["check"] not in CHECKERS:
        raise BlockError(
            line_of(data, "check"),
            f"{what}: no checker called '{data['check']}' (a function marked @checker('{data['check']}') in "
            f"pycode/knobs_lab/exercises.py or autograd_exercises.py; known: {', '.join(sorted(CHECKERS))})",
        )
    for key in ("starter", "solution"):
        try:
            compile(data[key], f"{key}", "exec")
        except SyntaxError as error:
            raise BlockError(
                (line_of(data, key) or fence.line) + (error.lineno or 0),
                f"{what}: the {key} code does not parse: {error.msg}",
            ) from None
    if "hints" in data:
        for index, (line, hint) in enumerate(items(need_list(data, "hints", what, 1)), 1):
            need_mapping(hint, line, f"hint {index}", HINT_KEYS, ["text"])
            need_text(hint, "text", f"hint {index}")
            if ("mistake" in hint) != ("says" in hint):
                raise BlockError(
                    line,
                    f"hint {index}: give 'mistake' (code with the typical mistake) and 'says' "
                    f"(words the checker's feedback must contain) together, or neither",
                )
            for key in ("mistake", "says"):
                if key in hint:
                    need_text(hint, key, f"hint {index}")


def exercise_key(block_id, data):
    """The exercise's score key: solved or not, for this version of the exercise."""
    return f"{block_id}.solved:{fingerprint(data)}"


def code_html(code, class_name):
    return f'<pre class="{class_name}"><code>{html.escape(str(code).rstrip())}</code></pre>'


def render_exercise(data, block_id, page_url, lang="en"):
    key = exercise_key(block_id, data)
    hints = "".join(
        f'<li class="knobs-exercise__hint"><details><summary>{translate("Hint {number}", lang).format(number=index)}</summary>'
        f"{block_html(hint['text'])}</details></li>"
        for index, hint in enumerate(data.get("hints", []), 1)
    )
    opening = attrs(
        data_knobs_exercise=block_id,
        data_knobs_lesson=page_url,
        data_check=data["check"],
        data_fp=fingerprint(data),
        data_questions=key,
        id=f"knobs-{block_id}",
    )
    return (
        f'<div class="knobs-check knobs-exercise" {opening}>'
        f'<div class="knobs-exercise__prompt"><p class="knobs-exercise__label">{translate("Exercise", lang)}</p>{block_html(data["prompt"])}</div>'
        f"{code_html(data['starter'], 'knobs-exercise__starter')}"
        f'<div class="knobs-q__bar">'
        f'<button type="button" class="knobs-button knobs-exercise__check" hidden>{translate("Check my code", lang)}</button>'
        f'<button type="button" class="knobs-button knobs-exercise__stop" hidden disabled>{translate("Stop", lang)}</button>'
        f'<button type="button" class="knobs-button knobs-exercise__hint-next" hidden>{translate("Show a hint", lang)}</button>'
        f'<button type="button" class="knobs-button knobs-exercise__reset" hidden>{translate("Start again", lang)}</button>'
        f'<span class="knobs-check__score" hidden></span></div>'
        f'<div class="knobs-exercise__feedback" role="status" aria-live="polite"></div>'
        f'<pre class="knobs-exercise__error" hidden></pre>'
        f'<ol class="knobs-exercise__hints">{hints}</ol>'
        f'<details class="knobs-q__answer knobs-exercise__solution"><summary>{translate("Show a model solution", lang)}</summary>'
        f"{code_html(data['solution'], 'knobs-exercise__code')}</details></div>"
    ), [key]


# ----- progress --------------------------------------------------------------------------------------------------


def check_progress(data, fence):
    if data not in (None, {}):
        raise BlockError(fence.line + 1, "the progress block takes no settings: leave it empty")


def render_progress(data, block_id, page_url, lang="en"):
    """A placeholder: the table needs every page's questions, known once all pages are read (see checks.py)."""
    return f'<div class="knobs-progress" data-knobs-progress>{PROGRESS_TABLE}</div>', []


def check_review(data, fence):
    if data not in (None, {}):
        raise BlockError(fence.line + 1, "the review block takes no settings: leave it empty")


def render_review(data, block_id, page_url, lang="en"):
    """A placeholder: the set needs every lesson's questions, known once all pages are read (see checks.py)."""
    return REVIEW_SET, []


def graded_questions(data):
    return [question for question in data["questions"] if is_graded(question)]


def the_block(data):
    return [data]


KINDS = {
    "quiz": BlockKind("quiz", check_quiz, render_quiz, review=quiz_items, scored=graded_questions),
    "match": BlockKind("match", check_match, render_match, scored=the_block),
    "flashcards": BlockKind("cards", check_flashcards, render_flashcards, review=card_items),
    "exercise": BlockKind("exercise", check_exercise, render_exercise, scored=the_block),
    "progress": BlockKind("progress", check_progress, render_progress, panel=False),
    "review": BlockKind("review", check_review, render_review, panel=False),
}
