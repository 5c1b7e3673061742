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


# A translated page's questions are the English page's questions in other words (tests/site/test_parity.py checks
# that they ask the same, in the same order), so they carry the English fingerprints, in the order the English build
# made them: an answer given in one language counts in the others. begin_page() (overrides/hooks/languages.py)
# says which page is being built and whether it is a translation.
_english = {}  # page key → the English page's fingerprints, in the order they were made
_page = None  # (page key, translated?) of the page being built
_made = 0  # fingerprints made on the page so far


def begin_page(key, translated):
    """The page `key` ("lessons/01-what-is-a-model/", the same in every language) starts being built."""
    global _page, _made
    _page, _made = (key, translated), 0
    if not translated:
        _english[key] = []


def fingerprint(value):
    """A short hash of a block's or a question's content: saved answers are dropped when it changes. Which outcome
    an item tests (`outcome`) is about the lesson, not the item's content: mapping it keeps the reader's answers.
    On a translated page, the fingerprint of the English question in the same place."""
    global _made
    own = hashlib.sha1(json.dumps(without_outcome(value), sort_keys=True, default=str).encode()).hexdigest()[:8]
    if _page is None:
        return own
    key, translated = _page
    _made += 1
    if not translated:
        _english[key].append(own)
        return own
    english = _english.get(key, [])
    return english[_made - 1] if _made <= len(english) else own


def without_outcome(value):
    if isinstance(value, dict):
        return {key: without_outcome(item) for key, item in value.items() if key != "outcome"}
    if isinstance(value, list):
        return [without_outcome(item) for item in value]
    return value
