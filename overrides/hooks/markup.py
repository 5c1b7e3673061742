"""The small pieces of HTML that check-yourself blocks are made of: text written in Markdown (rendered with the
site's own extensions), attributes, numbers as the page's script and as a reader read them, and the fingerprint
that ties a saved answer to the version of the question it answered.
"""

import hashlib
import html
import json
import re

import markdown

_markdown = None  # a Markdown converter with the site's extensions, set by use_site_markdown


def use_site_markdown(config):
    """Render the text inside blocks as the site renders its pages (called from the hook's on_config)."""
    global _markdown
    settings = {name: dict(values) for name, values in config.mdx_configs.items()}
    if "pymdownx.snippets" in settings:
        settings["pymdownx.snippets"]["auto_append"] = []  # the page's glossary already covers the page
    _markdown = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=settings)


def block_html(text):
    """Markdown → HTML, for explanations, answers and card backs."""
    _markdown.reset()
    return _markdown.convert(str(text).strip())


def inline_html(text):
    """Markdown of one paragraph → HTML without the <p>, for prompts, choices, concepts and card fronts."""
    rendered = block_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.S)
    return match.group(1) if match and "<p>" not in match.group(1) else rendered


def attrs(**values):
    """HTML attributes from keyword arguments (data_pair → data-pair); None leaves one out."""
    return " ".join(
        f'{name.replace("_", "-")}="{html.escape(str(value), quote=True)}"'
        for name, value in values.items()
        if value is not None
    )


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


def fingerprint(value):
    """A short hash of a block's or a question's content: saved answers are dropped when it changes. Which outcome
    an item tests (`outcome`) is about the lesson, not the item's content: mapping it keeps the reader's answers."""
    return hashlib.sha1(json.dumps(without_outcome(value), sort_keys=True, default=str).encode()).hexdigest()[:8]


def without_outcome(value):
    if isinstance(value, dict):
        return {key: without_outcome(item) for key, item in value.items() if key != "outcome"}
    if isinstance(value, list):
        return [without_outcome(item) for item in value]
    return value
