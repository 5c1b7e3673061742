"""MkDocs hook: turn the check-yourself blocks of a lesson into HTML, and add the lesson's progress panel.

Authors write fenced blocks whose body is YAML (formats in README.md, "Writing a quiz"):

- ```quiz        questions of five types: single, multiple, numeric, scenario, run;
- ```match       concept ↔ definition pairs ("tap a concept, then its definition");
- ```flashcards  cards with a front and a back;
- ```progress    (on the progress page only) the table of every lesson, filled in by the page's script.

Each block becomes semantic HTML that reads well before any script runs (fieldsets, labelled inputs, <details> that
reveal answers); the widgets in web/src/checks/ then add checking, scores and saving. A malformed block stops the build
with the file, the line and what is wrong: a silently broken quiz is worse than a failed build.

Lesson pages (under lessons/, except the index) and any page with checks end with a panel: the score, "start this
page again" and, on lessons, "Mark this lesson complete".

Left out on purpose: grading of scenario answers (the reader compares with the model answer).
"""

import hashlib
import html
import json
import random
import re
from pathlib import Path

import markdown
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

KINDS = ("quiz", "match", "flashcards", "progress")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
QUESTION_KEYS = {                       # the keys each question type may have (besides type, id, prompt)
    "single": {"choices", "explain"},
    "multiple": {"choices", "explain"},
    "numeric": {"answer", "tolerance", "unit", "explain"},
    "scenario": {"answer"},
    "run": {"code", "tolerance", "unit", "explain"},
}
GRADED = ("single", "multiple", "numeric", "run")   # scenario answers are compared by the reader, not scored
TOKEN = "KNOBSCHECKBLOCK{:04d}X"                      # a placeholder paragraph Markdown leaves alone

_pages = {}        # page url → {"title", "questions": ["block.question:fingerprint", …], "lesson": bool}
_rendered = {}     # page url → [html of each block, in order]
_markdown = None   # a Markdown converter with the site's extensions, for the text inside blocks


class BlockError(Exception):
    """What is wrong with a block, and the line (within the Markdown file) where it is."""

    def __init__(self, line, problem):
        super().__init__(problem)
        self.line = line
        self.problem = problem


# ----- YAML with line numbers -----------------------------------------------------------------------------------

class Located(dict):
    """A YAML mapping that remembers the line it starts on and the line of each key (0-based, within the body)."""
    line = 0
    key_lines = None


class LocatedList(list):
    line = 0


class LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = Located(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line
        mapping.key_lines = {key.value: key.start_mark.line for key, _ in node.value if hasattr(key, "value")}
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = LocatedList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line
        return sequence


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_sequence)


def load_yaml(body, first_line):
    """Parse a block's body; `first_line` is the Markdown line of the body's first line (1-based)."""
    try:
        data = yaml.load(body, Loader=LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        last = max(len(body.rstrip("\n").split("\n")) - 1, 0)   # "end of stream" points past the body
        line = first_line + min(mark.line if mark else 0, last)
        raise BlockError(line, f"the YAML does not parse: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise BlockError(first_line, f"the YAML does not parse: {error}") from None
    return data


# ----- finding the blocks ----------------------------------------------------------------------------------------

def find_blocks(markdown_text):
    """Yield (start, end, kind, indent, body, line) for each check block; start/end index lines, line is 1-based.

    Fences nested in a longer fence (e.g. an example of a quiz inside ````markdown) are left alone.
    """
    lines = markdown_text.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, indent = match["fence"], match["indent"]
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        info = match["info"].strip().lstrip("{").rstrip("}").strip().lstrip(".")
        if info in KINDS:
            if end >= len(lines):
                raise BlockError(i + 1, f"the ```{info} block is never closed")
            body = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in lines[i + 1:end])
            yield i, end, info, indent, body, i + 1
        i = end + 1


# ----- checking the YAML against the formats ---------------------------------------------------------------------

def where(node, key=None):
    """The 0-based body line of `node` (or of its `key`)."""
    if key is not None and isinstance(node, Located) and key in (node.key_lines or {}):
        return node.key_lines[key]
    return getattr(node, "line", 0)


def need_mapping(node, what, allowed, required, offset):
    if not isinstance(node, dict):
        raise BlockError(offset + where(node), f"{what} must be a mapping (key: value lines), not {describe(node)}")
    unknown = sorted(set(node) - set(allowed))
    if unknown:
        raise BlockError(offset + where(node, unknown[0]),
                         f"{what} has an unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")
    for key in required:
        if key not in node:
            raise BlockError(offset + where(node), f"{what} is missing '{key}'")


def need_text(node, key, what, offset):
    value = node.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise BlockError(offset + where(node, key), f"{what}: '{key}' must be non-empty text, not {describe(value)}")
    return value


def need_number(node, key, what, offset, minimum=None):
    value = node.get(key)
    if isinstance(value, str):
        try:
            value = float(value.replace("_", ""))   # YAML 1.1 reads 1e-3 as text
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise BlockError(offset + where(node, key), f"{what}: '{key}' must be a number, not {describe(value)}")
    if minimum is not None and value < minimum:
        raise BlockError(offset + where(node, key), f"{what}: '{key}' must be at least {minimum}, not {value}")
    return value


def need_list(node, key, what, offset, at_least):
    value = node.get(key)
    if not isinstance(value, list):
        raise BlockError(offset + where(node, key), f"{what}: '{key}' must be a list (lines starting with '- ')")
    if len(value) < at_least:
        raise BlockError(offset + where(node, key),
                         f"{what}: '{key}' needs at least {at_least} item{'s' if at_least > 1 else ''}, found {len(value)}")
    return value


def need_id(node, what, offset, default):
    value = node.get("id", default)
    if not isinstance(value, str) or not ID.match(value):
        raise BlockError(offset + where(node, "id"),
                         f"{what}: id must be lowercase letters, digits and dashes, not {describe(value)}")
    return value


def describe(value):
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value) if isinstance(value, (str, int, float)) else f"{type(value).__name__} {value!r}"


def fingerprint(value):
    """A short hash of a question's content: saved answers are dropped when the question changes."""
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:8]


def check_question(node, number, offset):
    what = f"question {number}"
    if not isinstance(node, dict):
        raise BlockError(offset + where(node), f"{what} must be a mapping with type and prompt, not {describe(node)}")
    kind = node.get("type")
    if kind not in QUESTION_KEYS:
        raise BlockError(offset + where(node, "type"),
                         f"{what}: unknown type {describe(kind)} (use one of: {', '.join(QUESTION_KEYS)})")
    what = f"question {number} ({kind})"
    need_mapping(node, what, {"type", "id", "prompt"} | QUESTION_KEYS[kind], ["prompt"], offset)
    need_text(node, "prompt", what, offset)
    if "explain" in node:
        need_text(node, "explain", what, offset)
    if kind in ("single", "multiple"):
        choices = need_list(node, "choices", what, offset, 2)
        for index, choice in enumerate(choices, 1):
            need_mapping(choice, f"{what}, choice {index}", {"text", "correct", "explain"}, ["text"], offset)
            need_text(choice, "text", f"{what}, choice {index}", offset)
            if "explain" in choice:
                need_text(choice, "explain", f"{what}, choice {index}", offset)
            if not isinstance(choice.get("correct", False), bool):
                raise BlockError(offset + where(choice, "correct"),
                                 f"{what}, choice {index}: 'correct' must be true or false")
        correct = sum(1 for choice in choices if choice.get("correct"))
        if kind == "single" and correct != 1:
            raise BlockError(offset + where(node, "choices"),
                             f"{what}: a single-choice question needs exactly 1 correct choice, found {correct}")
        if kind == "multiple" and correct < 1:
            raise BlockError(offset + where(node, "choices"),
                             f"{what}: a multiple-choice question needs at least 1 correct choice, found 0")
        texts = [str(choice["text"]).strip() for choice in choices]
        if len(set(texts)) < len(texts):
            raise BlockError(offset + where(node, "choices"), f"{what}: two choices have the same text")
    elif kind == "numeric":
        if "answer" not in node:
            raise BlockError(offset + where(node), f"{what}: a numeric question needs an 'answer' (a number)")
        need_number(node, "answer", what, offset)
    elif kind == "scenario":
        if "answer" not in node:
            raise BlockError(offset + where(node), f"{what}: a scenario question needs a model 'answer'")
        need_text(node, "answer", what, offset)
    elif kind == "run":
        if "code" not in node:
            raise BlockError(offset + where(node), f"{what}: a run question needs 'code' whose last line is the answer")
        need_text(node, "code", what, offset)
    if kind in ("numeric", "run"):
        if "tolerance" in node:
            need_number(node, "tolerance", what, offset, minimum=0)
        if "unit" in node:
            need_text(node, "unit", what, offset)


def check_block(kind, data, offset):
    """Raise BlockError if `data` (the parsed YAML of a ```kind block) is not in the agreed format."""
    what = f"the {kind} block"
    if kind == "progress":
        if data not in (None, {}):
            raise BlockError(offset, "the progress block takes no settings: leave it empty")
        return
    if data is None:
        raise BlockError(offset - 1, f"{what} is empty")
    if kind == "quiz":
        need_mapping(data, what, {"id", "questions"}, ["questions"], offset)
        questions = need_list(data, "questions", what, offset, 1)
        seen = set()
        for number, question in enumerate(questions, 1):
            check_question(question, number, offset)
            qid = need_id(question, f"question {number}", offset, f"q{number}")
            if qid in seen:
                raise BlockError(offset + where(question, "id"), f"question {number}: duplicate id '{qid}'")
            seen.add(qid)
    elif kind == "match":
        need_mapping(data, what, {"id", "prompt", "pairs"}, ["pairs"], offset)
        if "prompt" in data:
            need_text(data, "prompt", what, offset)
        pairs = need_list(data, "pairs", what, offset, 2)
        for index, pair in enumerate(pairs, 1):
            need_mapping(pair, f"pair {index}", {"concept", "definition", "explain"}, ["concept", "definition"], offset)
            for key in ("concept", "definition") + (("explain",) if "explain" in pair else ()):
                need_text(pair, key, f"pair {index}", offset)
        for key in ("concept", "definition"):
            values = [str(pair[key]).strip() for pair in pairs]
            if len(set(values)) < len(values):
                raise BlockError(offset + where(data, "pairs"), f"{what}: two pairs have the same {key}")
    elif kind == "flashcards":
        need_mapping(data, what, {"id", "cards"}, ["cards"], offset)
        for index, card in enumerate(need_list(data, "cards", what, offset, 1), 1):
            need_mapping(card, f"card {index}", {"front", "back"}, ["front", "back"], offset)
            need_text(card, "front", f"card {index}", offset)
            need_text(card, "back", f"card {index}", offset)


# ----- HTML ------------------------------------------------------------------------------------------------------

def block_html(text):
    """Markdown (with the site's extensions) → HTML, for explanations, answers and card backs."""
    _markdown.reset()
    return _markdown.convert(str(text).strip())


def inline_html(text):
    """Markdown of one paragraph → HTML without the <p>, for prompts, choices, concepts and card fronts."""
    rendered = block_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
    return match.group(1) if match and "<p>" not in match.group(1) else rendered


def attrs(**values):
    return " ".join(f'{name.replace("_", "-")}="{html.escape(str(value), quote=True)}"'
                    for name, value in values.items() if value is not None)


def number_text(value):
    """A number as a data attribute the page's script parses: 350000, 0.05, 7000000000."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def number_words(value):
    """A number as a reader reads it: 350,000 · 0.05 · 7,000,000,000."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.10g}"
    return f"{int(value):,}"


def render_prompt(question, number, count):
    prompt = inline_html(question["prompt"])
    label = f"Question {number} of {count}" if count > 1 else "Question"
    if "<p>" in prompt or "<div" in prompt or "<pre" in prompt:   # a prompt with paragraphs or code
        return (f'<legend class="knobs-q__legend"><span class="knobs-q__number">{label}</span></legend>'
                f'<div class="knobs-q__prompt">{prompt}</div>')
    return (f'<legend class="knobs-q__legend"><span class="knobs-q__number">{label}</span> '
            f'<span class="knobs-q__prompt">{prompt}</span></legend>')


def render_choices(question, base):
    kind = "radio" if question["type"] == "single" else "checkbox"
    items, explains = [], []
    for index, choice in enumerate(question["choices"]):
        input_id = f"{base}-c{index}"
        correct = bool(choice.get("correct"))
        items.append(f'<li class="knobs-q__choice"><input {attrs(type=kind, id=input_id, name=base, value=index)}'
                     f'{" data-correct" if correct else ""}> <label for="{input_id}">{inline_html(choice["text"])}</label></li>')
        mark = '<strong class="knobs-mark knobs-mark--right">✓ Right:</strong>' if correct else \
            '<strong class="knobs-mark knobs-mark--wrong">✗ Not right:</strong>'
        explain = block_html(choice["explain"]) if "explain" in choice else ""
        explains.append(f'<li class="knobs-q__explain" data-choice="{index}">{mark} {inline_html(choice["text"])}'
                        f'<div class="knobs-q__why">{explain}</div></li>')
    hint = "Pick one answer." if kind == "radio" else "Pick every answer that is right."
    return (f'<p class="knobs-q__hint">{hint}</p><ul class="knobs-q__choices">{"".join(items)}</ul>',
            f'<ul class="knobs-q__explains">{"".join(explains)}</ul>')


def render_question(question, number, count, block_id, qid):
    kind = question["type"]
    base = f"knobs-{block_id}-{qid}"
    data = {"class": f"knobs-q knobs-q--{kind}", "id": base, "data-q": qid, "data-type": kind,
            "data-fp": fingerprint(question)}
    parts = [render_prompt(question, number, count)]
    answer = ""
    explain = block_html(question["explain"]) if "explain" in question else ""
    if kind in ("single", "multiple"):
        choices, explains = render_choices(question, base)
        parts.append(choices)
        answer = explains + explain
    elif kind in ("numeric", "run"):
        if kind == "numeric":
            data["data-answer"] = number_text(need_number(question, "answer", "", 0))
        else:
            data["data-code"] = question["code"].rstrip("\n")
            code = block_html(f"```python\n{question['code'].rstrip()}\n```")
            parts.append(f'<div class="knobs-q__code">{code}</div>')
        tolerance = need_number(question, "tolerance", "", 0) if "tolerance" in question else 0
        data["data-tolerance"] = number_text(tolerance)
        unit = f' <span class="knobs-q__unit">{html.escape(question["unit"])}</span>' if "unit" in question else ""
        label = "Your answer" if kind == "numeric" else "Your guess"
        parts.append(f'<p class="knobs-q__entry"><label for="{base}-value">{label}</label> '
                     f'<input {attrs(type="text", inputmode="decimal", id=base + "-value", autocomplete="off", spellcheck="false")}>'
                     f'{unit}</p>')
        if kind == "numeric":
            within = f" (within ±{number_words(tolerance)})" if tolerance else ""
            answer = (f'<p><strong class="knobs-mark knobs-mark--right">✓ Answer:</strong> '
                      f'{number_words(need_number(question, "answer", "", 0))}{unit}{within}</p>{explain}')
        else:
            answer = ('<p>Run the code above in Python to find the answer'
                      + (f" (within ±{number_words(tolerance)})" if tolerance else "") + ".</p>" + explain)
    elif kind == "scenario":
        parts.append(f'<p class="knobs-q__entry knobs-q__entry--text"><label for="{base}-value">Your answer</label>'
                     f'<textarea id="{base}-value" rows="4"></textarea></p>')
        answer = block_html(question["answer"])
    buttons = {
        "single": ["Check"], "multiple": ["Check"], "numeric": ["Check"], "run": ["Run to check"], "scenario": [],
    }[kind]
    bar = "".join(f'<button type="button" class="knobs-button knobs-q__check" hidden>{name}</button>' for name in buttons)
    if buttons:
        bar += '<button type="button" class="knobs-button knobs-q__retry" hidden>Try again</button>'
    parts.append(f'<div class="knobs-q__bar">{bar}</div>')
    parts.append('<div class="knobs-q__feedback" role="status" aria-live="polite"></div>')
    summary = "Show the model answer" if kind == "scenario" else "Show the answer"
    parts.append(f'<details class="knobs-q__answer"><summary>{summary}</summary>{answer}</details>')
    opening = " ".join(f'{name}="{html.escape(str(value), quote=True)}"' for name, value in data.items())
    return f'<fieldset {opening}>{"".join(parts)}</fieldset>'


def render_quiz(data, block_id, page_url):
    questions = data["questions"]
    rendered, graded = [], []
    for number, question in enumerate(questions, 1):
        qid = question.get("id", f"q{number}")
        rendered.append(render_question(question, number, len(questions), block_id, qid))
        if question["type"] in GRADED:
            graded.append(f"{block_id}.{qid}:{fingerprint(question)}")
    score = '<p class="knobs-check__score" hidden></p>'
    return (f'<div class="knobs-check knobs-quiz" {attrs(data_knobs_quiz=block_id, data_knobs_lesson=page_url)}>'
            f'{"".join(rendered)}{score}</div>'), graded


def shuffled_order(count, seed):
    """The order definitions are shown in: shuffled with a seed, never the authored order."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if order == list(range(count)):
        order = order[1:] + order[:1]
    return order


def render_match(data, block_id, page_url):
    pairs = data["pairs"]
    fp = fingerprint(data)
    base = f"knobs-{block_id}"
    concepts = "".join(f'<li><button type="button" class="knobs-match__item knobs-match__concept" '
                       f'data-pair="{index}">{inline_html(pair["concept"])}</button></li>'
                       for index, pair in enumerate(pairs))
    definitions = "".join(f'<li><button type="button" class="knobs-match__item knobs-match__definition" '
                          f'{attrs(data_pair=index, data_explain=pairs[index].get("explain"))}>'
                          f'{inline_html(pairs[index]["definition"])}</button></li>'
                          for index in shuffled_order(len(pairs), fp))
    answer = "".join(f'<dt>{inline_html(pair["concept"])}</dt><dd>{inline_html(pair["definition"])}</dd>' for pair in pairs)
    prompt = inline_html(data.get("prompt", "Match each concept to its definition."))
    return (f'<div class="knobs-check knobs-match" {attrs(data_knobs_match=block_id, data_knobs_lesson=page_url, data_fp=fp, id=base)}>'
            f'<p class="knobs-match__prompt">{prompt} <span class="knobs-match__how" hidden>'
            f'Tap a concept, then its definition.</span></p>'
            f'<div class="knobs-match__columns">'
            f'<div class="knobs-match__column"><p class="knobs-match__head" id="{base}-concepts">Concepts</p>'
            f'<ul class="knobs-match__list" aria-labelledby="{base}-concepts">{concepts}</ul></div>'
            f'<div class="knobs-match__column"><p class="knobs-match__head" id="{base}-definitions">Definitions</p>'
            f'<ul class="knobs-match__list" aria-labelledby="{base}-definitions">{definitions}</ul></div></div>'
            f'<div class="knobs-match__feedback" role="status" aria-live="polite"></div>'
            f'<div class="knobs-q__bar"><span class="knobs-check__score" hidden></span>'
            f'<button type="button" class="knobs-button knobs-match__reset" hidden>Start matching again</button></div>'
            f'<details class="knobs-q__answer"><summary>Show the answer</summary><dl>{answer}</dl></details></div>')


def render_flashcards(data, block_id, page_url):
    cards = data["cards"]
    items = "".join(f'<li><details class="knobs-card" data-card="{index}"><summary class="knobs-card__front">'
                    f'{inline_html(card["front"])}</summary><div class="knobs-card__back">{block_html(card["back"])}</div>'
                    f'</details></li>' for index, card in enumerate(cards))
    return (f'<div class="knobs-check knobs-cards" {attrs(data_knobs_cards=block_id, data_knobs_lesson=page_url, data_fp=fingerprint(data))}>'
            f'<p class="knobs-cards__how">Think of the answer, then open the card.</p>'
            f'<ul class="knobs-cards__list">{items}</ul>'
            f'<div class="knobs-q__bar"><span class="knobs-cards__count" role="status" aria-live="polite" hidden>'
            f'0 of {len(cards)} opened</span>'
            f'<button type="button" class="knobs-button knobs-cards__reset" hidden>Close all cards</button></div></div>')


def render_progress():
    """A placeholder: the table needs every page's questions, known once all pages are read (see on_post_page)."""
    return '<div class="knobs-progress" data-knobs-progress>KNOBSPROGRESSTABLE</div>'


def render_block(kind, data, block_id, page_url):
    """HTML for one checked block, and the graded question keys it adds to the page."""
    if kind == "quiz":
        return render_quiz(data, block_id, page_url)
    if kind == "match":
        return render_match(data, block_id, page_url), []
    if kind == "flashcards":
        return render_flashcards(data, block_id, page_url), []
    return render_progress(), []


# ----- the hook --------------------------------------------------------------------------------------------------

def is_lesson(page):
    path = page.file.src_uri
    return path.startswith("lessons/") and path != "lessons/index.md"


def source_name(page, config):
    try:
        return Path(page.file.abs_src_path).relative_to(Path(config.config_file_path).parent).as_posix()
    except (TypeError, ValueError):
        return page.file.src_uri


def render_page(markdown_text, page_url):
    """Replace each check block of a page by a placeholder; return (markdown, [block html], [graded keys])."""
    lines = markdown_text.split("\n")
    blocks, graded, ids = [], [], {}
    counts = {kind: 0 for kind in KINDS}
    replacements = []
    for start, end, kind, indent, body, line in find_blocks(markdown_text):
        data = load_yaml(body, line + 1)
        check_block(kind, data, line + 1)
        counts[kind] += 1
        default = {"quiz": "quiz", "match": "match", "flashcards": "cards", "progress": "progress"}[kind]
        block_id = need_id(data if isinstance(data, dict) else {}, f"the {kind} block", line + 1,
                           f"{default}-{counts[kind]}")
        if block_id in ids:
            raise BlockError(line, f"duplicate block id '{block_id}' (also used by the block on line {ids[block_id]})")
        ids[block_id] = line
        rendered, keys = render_block(kind, data, block_id, page_url)
        graded.extend(keys)
        replacements.append((start, end, indent + TOKEN.format(len(blocks))))
        blocks.append(rendered)
    for start, end, token in reversed(replacements):
        lines[start:end + 1] = ["", token, ""]
    return "\n".join(lines), blocks, graded


def on_config(config):
    global _markdown
    settings = {name: dict(values) for name, values in config.mdx_configs.items()}
    if "pymdownx.snippets" in settings:
        settings["pymdownx.snippets"]["auto_append"] = []   # the page's glossary already covers the page
    _markdown = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=settings)
    _pages.clear()
    _rendered.clear()


def on_page_markdown(markdown_text, page, config, files):
    try:
        text, blocks, graded = render_page(markdown_text, page.url)
    except BlockError as error:
        raise PluginError(f"{source_name(page, config)}:{error.line}: {error.problem}") from None
    _rendered[page.url] = blocks
    checks = any(not block.startswith('<div class="knobs-progress"') for block in blocks)
    if checks or is_lesson(page):
        _pages[page.url] = {"questions": graded, "lesson": is_lesson(page), "checks": checks}
    return text


def on_page_content(content, page, config, files):
    blocks = _rendered.get(page.url, [])
    for index, rendered in enumerate(blocks):
        token = TOKEN.format(index)
        content = content.replace(f"<p>{token}</p>", rendered).replace(token, rendered)
    entry = _pages.get(page.url)
    if entry and (entry["lesson"] or entry["checks"]):
        content += render_panel(page.url, entry)
    return content


def render_panel(page_url, entry):
    """The end of a lesson: score, start again, mark complete. Hidden until the page's script runs (it needs it)."""
    complete = ('<p class="knobs-panel__complete"><input type="checkbox" id="knobs-complete">'
                ' <label for="knobs-complete">Mark this lesson complete</label>'
                ' <span class="knobs-panel__status" role="status"></span></p>') if entry["lesson"] else ""
    return (f'<section class="knobs-panel" hidden aria-label="Your progress on this page" '
            f'{attrs(data_knobs_panel=page_url, data_questions=" ".join(entry["questions"]))}>'
            f'<p class="knobs-panel__score"></p>{complete}'
            f'<div class="knobs-q__bar"><button type="button" class="knobs-button knobs-panel__reset">'
            f'Start this page again</button></div></section>')


def on_post_page(output, page, config):
    if "KNOBSPROGRESSTABLE" not in output:
        return output
    return output.replace("KNOBSPROGRESSTABLE", render_progress_table(page))


def nav_pages(items):
    for item in items:
        if item.is_page:
            yield item
        elif getattr(item, "children", None):
            yield from nav_pages(item.children)


def render_progress_table(progress_page):
    """Every lesson (in the order of the navigation) and every other page with checks, one row each."""
    rows = []
    for page in _order:
        entry = _pages.get(page.url)
        if not entry:
            continue
        href = get_relative_url(page.url or ".", progress_page.url or ".")
        rows.append(f'<tr {attrs(data_page=page.url, data_questions=" ".join(entry["questions"]), data_lesson="1" if entry["lesson"] else "0")}>'
                    f'<th scope="row"><a href="{html.escape(href)}">{html.escape(page.title or page.url)}</a></th>'
                    f'<td class="knobs-progress__score">{len(entry["questions"])} questions</td>'
                    f'<td class="knobs-progress__done">{"not yet" if entry["lesson"] else "(practice page)"}</td></tr>')
    return ('<table class="knobs-progress__table"><thead><tr><th scope="col">Page</th><th scope="col">Score</th>'
            f'<th scope="col">Completed</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


_order = []   # the pages in navigation order, set in on_nav


def on_nav(nav, config, files):
    _order[:] = list(nav_pages(nav.items))
    return nav
