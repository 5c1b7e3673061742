"""The question types of a ```quiz block, each declared once in TYPES: the keys it may have, whether the score counts
it, how its YAML is checked and how it is drawn.

Every question is drawn in the same frame: a <fieldset> with the prompt as its legend, the type's own entry
(choices, a field, code to run), a Check button (hidden until the page's script shows it), a feedback line and a
<details> with the answer, so it reads well before any script runs. The page's script judges an answer with the
judge of its type (web/src/checks/questions.js); which questions count is written into the page as their score keys.

Adding a type: one QuestionType in TYPES, its judge in questions.js, its format in README ("Writing a quiz").
Every word drawn here is said in the page's language (`lang`, from words.py's catalogues).
"""

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from fences import BlockError, describe, items, line_of, need_list, need_mapping, need_number, need_text
from markup import attrs, block_html, fingerprint, inline_html, number_text, number_words
from words import phrase, translate

COMMON_KEYS = {"type", "id", "prompt", "outcome"}  # a type and a prompt; an id and an outcome (outcomes.py) optional


@dataclass(frozen=True)
class QuestionType:
    keys: set  # the keys it may have besides COMMON_KEYS ("explain": shown with the answer)
    check: Callable  # check(question, what): raise BlockError where the question breaks the type's rules
    draw: Callable  # draw(question, base, lang) → Drawn
    graded: bool = True  # counted in the score (not graded: the reader compares with the model answer)
    button: str | None = phrase("Check")
    summary: str = phrase("Show the answer")


@dataclass
class Drawn:
    """What a type puts in the common frame."""

    entry: str  # where the reader answers
    answer: str  # the start of "Show the answer" (the question's explanation follows it)
    data: dict = field(default_factory=dict)  # data attributes its judge in the page reads


# ----- choices: single and multiple ------------------------------------------------------------------------------


def check_choices(question, what):
    """The choices are mappings with distinct texts; returns how many are correct."""
    choices = need_list(question, "choices", what, 2)
    for index, (line, choice) in enumerate(items(choices), 1):
        which = f"{what}, choice {index}"
        need_mapping(choice, line, which, {"text", "correct", "explain"}, ["text"])
        need_text(choice, "text", which)
        if "explain" in choice:
            need_text(choice, "explain", which)
        if not isinstance(choice.get("correct", False), bool):
            raise BlockError(line_of(choice, "correct"), f"{which}: 'correct' must be true or false")
    texts = [str(choice["text"]).strip() for choice in choices]
    if len(set(texts)) < len(texts):
        raise BlockError(line_of(question, "choices"), f"{what}: two choices have the same text")
    return sum(1 for choice in choices if choice.get("correct"))


def check_single(question, what):
    correct = check_choices(question, what)
    if correct != 1:
        raise BlockError(
            line_of(question, "choices"),
            f"{what}: a single-choice question needs exactly 1 correct choice, found {correct}",
        )


def check_multiple(question, what):
    if check_choices(question, what) < 1:
        raise BlockError(
            line_of(question, "choices"), f"{what}: a multiple-choice question needs at least 1 correct choice, found 0"
        )


def draw_choices(question, base, lang):
    kind = "radio" if question["type"] == "single" else "checkbox"
    options, explains = [], []
    for index, choice in enumerate(question["choices"]):
        input_id = f"{base}-c{index}"
        correct = bool(choice.get("correct"))
        options.append(
            f'<li class="knobs-q__choice"><input {attrs(type=kind, id=input_id, name=base, value=index)}'
            f'{" data-correct" if correct else ""}> <label for="{input_id}">{inline_html(choice["text"])}</label></li>'
        )
        mark = (
            f'<strong class="knobs-mark knobs-mark--right">{translate("✓ Right:", lang)}</strong>'
            if correct
            else f'<strong class="knobs-mark knobs-mark--wrong">{translate("✗ Not right:", lang)}</strong>'
        )
        explain = block_html(choice["explain"]) if "explain" in choice else ""
        explains.append(
            f'<li class="knobs-q__explain" data-choice="{index}">{mark} {inline_html(choice["text"])}'
            f'<div class="knobs-q__why">{explain}</div></li>'
        )
    hint = (
        translate("Pick one answer.", lang) if kind == "radio" else translate("Pick every answer that is right.", lang)
    )
    return Drawn(
        f'<p class="knobs-q__hint">{hint}</p><ul class="knobs-q__choices">{"".join(options)}</ul>',
        f'<ul class="knobs-q__explains">{"".join(explains)}</ul>',
    )


# ----- a number: numeric (the author gives it) and run (Python computes it) --------------------------------------


def check_number_entry(question, what):
    if "tolerance" in question:
        need_number(question, "tolerance", what, minimum=0)
    if "unit" in question:
        need_text(question, "unit", what)


def check_numeric(question, what):
    if "answer" not in question:
        raise BlockError(line_of(question), f"{what}: a numeric question needs an 'answer' (a number)")
    need_number(question, "answer", what)
    check_number_entry(question, what)


def check_run(question, what):
    if "code" not in question:
        raise BlockError(line_of(question), f"{what}: a run question needs 'code' whose last line is the answer")
    need_text(question, "code", what)
    check_number_entry(question, what)


def tolerance_of(question):
    return need_number(question, "tolerance", "") if "tolerance" in question else 0


def within_words(tolerance, lang):
    return translate(" (within ±{tolerance})", lang).format(tolerance=number_words(tolerance)) if tolerance else ""


def unit_html(question):
    return f' <span class="knobs-q__unit">{html.escape(question["unit"])}</span>' if "unit" in question else ""


def number_field(question, base, label):
    field_attrs = attrs(type="text", inputmode="decimal", id=base + "-value", autocomplete="off", spellcheck="false")
    return (
        f'<p class="knobs-q__entry"><label for="{base}-value">{label}</label> '
        f"<input {field_attrs}>{unit_html(question)}</p>"
    )


def draw_numeric(question, base, lang):
    answer, tolerance = need_number(question, "answer", ""), tolerance_of(question)
    return Drawn(
        number_field(question, base, translate("Your answer", lang)),
        f'<p><strong class="knobs-mark knobs-mark--right">{translate("✓ Answer:", lang)}</strong> '
        f"{number_words(answer)}{unit_html(question)}{within_words(tolerance, lang)}</p>",
        {"data-answer": number_text(answer), "data-tolerance": number_text(tolerance)},
    )


def draw_run(question, base, lang):
    tolerance = tolerance_of(question)
    code = block_html(f"```python\n{question['code'].rstrip()}\n```")
    how = translate("Run the code above in Python to find the answer{within}.", lang)
    return Drawn(
        f'<div class="knobs-q__code">{code}</div>' + number_field(question, base, translate("Your guess", lang)),
        f"<p>{how.format(within=within_words(tolerance, lang))}</p>",
        {"data-code": question["code"].rstrip("\n"), "data-tolerance": number_text(tolerance)},
    )


# ----- scenario: the reader writes, then compares with the model answer ------------------------------------------


def check_scenario(question, what):
    if "answer" not in question:
        raise BlockError(line_of(question), f"{what}: a scenario question needs a model 'answer'")
    need_text(question, "answer", what)


def draw_scenario(question, base, lang):
    return Drawn(
        f'<p class="knobs-q__entry knobs-q__entry--text"><label for="{base}-value">{translate("Your answer", lang)}</label>'
        f'<textarea id="{base}-value" rows="4"></textarea></p>',
        block_html(question["answer"]),
    )


TYPES = {
    "single": QuestionType({"choices", "explain"}, check_single, draw_choices),
    "multiple": QuestionType({"choices", "explain"}, check_multiple, draw_choices),
    "numeric": QuestionType({"answer", "tolerance", "unit", "explain"}, check_numeric, draw_numeric),
    "scenario": QuestionType(
        {"answer"}, check_scenario, draw_scenario, graded=False, button=None, summary=phrase("Show the model answer")
    ),
    "run": QuestionType({"code", "tolerance", "unit", "explain"}, check_run, draw_run, button=phrase("Run to check")),
}


# ----- every question --------------------------------------------------------------------------------------------


def check_question(node, line, number):
    """Raise BlockError if question `number` (at `line`) is not in its type's format."""
    what = f"question {number}"
    if not isinstance(node, dict):
        raise BlockError(line, f"{what} must be a mapping with type and prompt, not {describe(node)}")
    kind = node.get("type")
    if kind not in TYPES:
        raise BlockError(
            line_of(node, "type"), f"{what}: unknown type {describe(kind)} (use one of: {', '.join(TYPES)})"
        )
    what = f"question {number} ({kind})"
    question_type = TYPES[kind]
    need_mapping(node, line, what, COMMON_KEYS | question_type.keys, ["prompt"])
    need_text(node, "prompt", what)
    if "explain" in node:
        need_text(node, "explain", what)
    question_type.check(node, what)
    if "outcome" in node and not question_type.graded:
        raise BlockError(line_of(node, "outcome"), f"{what}: a {kind} question is not scored, so it tests no outcome")


def answer_key(block_id, question_id):
    """Where the page saves the reader's answer: "quiz-1.q2"."""
    return f"{block_id}.{question_id}"


def score_key(block_id, question_id, question):
    """How the page counts a graded question: its answer key and the fingerprint its saved answer must carry."""
    return f"{answer_key(block_id, question_id)}:{fingerprint(question)}"


def is_graded(question):
    return TYPES[question["type"]].graded


def render_prompt(question, number, count, lang="en"):
    prompt = inline_html(question["prompt"])
    if count > 1:
        label = translate("Question {number} of {count}", lang).format(number=number, count=count)
    else:
        label = translate("Question", lang)
    if "<p>" in prompt or "<div" in prompt or "<pre" in prompt:  # a prompt with paragraphs or code
        return (
            f'<legend class="knobs-q__legend"><span class="knobs-q__number">{label}</span></legend>'
            f'<div class="knobs-q__prompt">{prompt}</div>'
        )
    return (
        f'<legend class="knobs-q__legend"><span class="knobs-q__number">{label}</span> '
        f'<span class="knobs-q__prompt">{prompt}</span></legend>'
    )


def render_question(question, number, count, block_id, question_id, prefix="knobs", lang="en"):
    """The question's <fieldset>: prompt, the type's entry, buttons, feedback and the answer (ids start with prefix)."""
    kind = question["type"]
    question_type = TYPES[kind]
    base = f"{prefix}-{block_id}-{question_id}"
    drawn = question_type.draw(question, base, lang)
    explain = f'<div class="knobs-q__about">{block_html(question["explain"])}</div>' if "explain" in question else ""
    bar = ""
    if question_type.button:
        bar = (
            f'<button type="button" class="knobs-button knobs-q__check" hidden>{translate(question_type.button, lang)}</button>'
            f'<button type="button" class="knobs-button knobs-q__retry" hidden>{translate("Try again", lang)}</button>'
        )
    opening = attrs(
        **{
            "class": f"knobs-q knobs-q--{kind}",
            "id": base,
            "data-key": answer_key(block_id, question_id),
            "data-type": kind,
            "data-fp": fingerprint(question),
            **drawn.data,
        }
    )
    return (
        f"<fieldset {opening}>{render_prompt(question, number, count, lang)}{drawn.entry}"
        f'<div class="knobs-q__bar">{bar}</div>'
        f'<div class="knobs-q__feedback" role="status" aria-live="polite"></div>'
        f'<details class="knobs-q__answer"><summary>{translate(question_type.summary, lang)}</summary>{drawn.answer}{explain}'
        f"</details></fieldset>"
    )
