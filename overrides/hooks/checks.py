"""MkDocs hook: turn the check-yourself blocks of a page into HTML, and end lessons with the progress panel.

Authors write fenced blocks whose body is YAML (formats in README.md, "Writing a quiz"); the kinds of block are
declared in check_blocks.py, the question types in questions.py, and fences.py finds and reads the blocks. A
malformed block stops the build with the file, the line and what is wrong: a silently broken quiz is worse than a
failed build.

Lesson pages (under lessons/, except the index) and any page with checks end with a panel: the score, "start this
page again" and, on lessons, "Mark this lesson complete". The progress page's table lists every such page.

Left out on purpose: grading of scenario answers (the reader compares with the model answer).
"""

import html
import re
from pathlib import Path

import fences  # siblings: MkDocs puts this folder on sys.path while it loads a hook
import markup
import outcomes
from check_blocks import KINDS, PROGRESS_TABLE
from fences import BlockError, need_id
from languages import english_source, page_key  # progress is kept per page, whatever the language
from markup import attrs
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from review import REVIEW_SET, render_set
from words import language, translate

TOKEN = "KNOBSCHECKBLOCK{:04d}X"  # a placeholder paragraph Markdown leaves alone
# A lab's tasks, already drawn by labs.py (it runs first), carry their score keys: a met task counts like an answer.
LAB_TASKS = re.compile(r'<div class="knobs-lab__tasks" data-questions="([^"]*)"')

_pages = {}  # page url → {"questions": ["block.question:fingerprint", …], "lesson": bool, "checks": bool}
_rendered = {}  # page url → [html of each block, in order]
_order = []  # the pages in navigation order, set in on_nav
_review = {}  # lesson page url → its review items [(score key, kind, html), …] (review.py)


def is_lesson(page):
    path = english_source(page.file.src_uri)
    return path.startswith("lessons/") and path != "lessons/index.md"


def source_name(page, config):
    try:
        return Path(page.file.abs_src_path).relative_to(Path(config.config_file_path).parent).as_posix()
    except (TypeError, ValueError):
        return page.file.src_uri


def render_page(markdown_text, page_url, lang="en"):
    """Replace each check block of a page by a placeholder; return (markdown, [block html], [graded keys], panel,
    [review items])."""
    blocks, graded, ids, counts, review = [], [], {}, dict.fromkeys(KINDS, 0), []
    panel = False
    stated = len(outcomes.stated(markdown_text))

    def placeholder(fence):
        nonlocal panel
        kind = KINDS[fence.kind]
        data = fence.yaml()
        kind.check(data, fence)
        for item in kind.scored(data) if kind.scored else []:
            outcomes.need_outcome(item, stated, f"the {fence.kind} block" if item is data else "a question")
        counts[fence.kind] += 1
        block_id = need_id(
            data if isinstance(data, dict) else {}, f"the {fence.kind} block", f"{kind.default_id}-{counts[fence.kind]}"
        )
        if block_id in ids:
            raise BlockError(
                fence.line, f"duplicate block id '{block_id}' (also used by the block on line {ids[block_id]})"
            )
        ids[block_id] = fence.line
        rendered, keys = kind.render(data, block_id, page_url, lang)
        graded.extend(keys)
        if kind.review:
            review.extend(kind.review(data, block_id, page_url, lang))
        panel = panel or kind.panel
        blocks.append(rendered)
        return TOKEN.format(len(blocks) - 1)

    text = fences.swap(markdown_text, KINDS, placeholder)
    for keys in LAB_TASKS.findall(text):
        graded.extend(keys.split())
        panel = True
    return text, blocks, graded, panel, review


def on_config(config):
    markup.use_site_markdown(config)
    _pages.clear()
    _rendered.clear()
    _review.clear()


def on_page_markdown(markdown_text, page, config, files):
    try:
        text, blocks, graded, checks, review = render_page(markdown_text, page_key(page.url), language(config))
    except BlockError as error:
        raise PluginError(f"{source_name(page, config)}:{error.line}: {error.problem}") from None
    _rendered[page.url] = blocks
    if is_lesson(page):
        _review[page.url] = review
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
        content += render_panel(page_key(page.url), entry, language(config))
    return content


def render_panel(page_url, entry, lang="en"):
    """The end of a lesson: score, start again, mark complete. Hidden until the page's script runs (it needs it)."""
    complete = (
        (
            '<p class="knobs-panel__complete"><input type="checkbox" id="knobs-complete">'
            f' <label for="knobs-complete">{translate("Mark this lesson complete", lang)}</label>'
            ' <span class="knobs-panel__status" role="status"></span></p>'
        )
        if entry["lesson"]
        else ""
    )
    return (
        f'<section class="knobs-panel" hidden aria-label="{translate("Your progress on this page", lang)}" '
        f"{attrs(data_knobs_panel=page_url, data_questions=' '.join(entry['questions']))}>"
        f'<p class="knobs-panel__score"></p>{complete}'
        f'<div class="knobs-q__bar"><button type="button" class="knobs-button knobs-panel__reset">'
        f"{translate('Start this page again', lang)}</button></div></section>"
    )


def on_post_page(output, page, config):
    if PROGRESS_TABLE in output:
        output = output.replace(PROGRESS_TABLE, render_progress_table(page, language(config)))
    if REVIEW_SET in output:
        lessons = [(lesson, _review[lesson.url]) for lesson in _order if _review.get(lesson.url)]
        output = output.replace(f"<p>{REVIEW_SET}</p>", REVIEW_SET).replace(
            REVIEW_SET, render_set(lessons, page, language(config))
        )
    return output


def nav_pages(items):
    for item in items:
        if item.is_page:
            yield item
        elif getattr(item, "children", None):
            yield from nav_pages(item.children)


def render_progress_table(progress_page, lang="en"):
    """Every lesson (in the order of the navigation) and every other page with checks, one row each."""
    rows = []
    for page in _order:
        entry = _pages.get(page.url)
        if not entry:
            continue
        href = get_relative_url(page.url or ".", progress_page.url or ".")
        rows.append(
            f"<tr {attrs(data_page=page_key(page.url), data_questions=' '.join(entry['questions']), data_lesson='1' if entry['lesson'] else '0')}>"
            f'<th scope="row"><a href="{html.escape(href)}">{html.escape(page.title or page.url)}</a></th>'
            f'<td class="knobs-progress__score">{translate("{count} questions", lang).format(count=len(entry["questions"]))}</td>'
            f'<td class="knobs-progress__done">{translate("not yet", lang) if entry["lesson"] else translate("(practice page)", lang)}</td></tr>'
        )
    return (
        f'<table class="knobs-progress__table"><thead><tr><th scope="col">{translate("Page", lang)}</th>'
        f'<th scope="col">{translate("Score", lang)}</th><th scope="col">{translate("Completed", lang)}</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def on_nav(nav, config, files):
    _order[:] = list(nav_pages(nav.items))
    return nav
