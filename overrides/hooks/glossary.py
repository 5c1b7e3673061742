"""MkDocs hook: the site-wide glossary, one file for both the tooltips and the glossary page.

`includes/glossary.md` holds lines `*[term]: definition` (Markdown abbreviations); `includes/glossary.es.md` and
`glossary.pt.md` hold the same terms in Spanish and Portuguese. This hook appends the page language's file to every
page, so the `abbr` extension turns each use of a term into a tooltip, and:
- on the page that holds the marker `<!-- glossary -->`, it writes the terms out as a definition list;
- after rendering, it keeps the tooltip on the FIRST use of each term on a page only, so a paragraph that says
  "loss" five times is not underlined five times.
"""

import re
from pathlib import Path

from words import language  # a sibling: the language being built

GLOSSARY = Path(__file__).resolve().parents[2] / "includes" / "glossary.md"
MARKER = "<!-- glossary -->"
ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>.+?)\s*$")
ABBR = re.compile(r'<abbr title="[^"]*">(?P<term>[^<]*)</abbr>')


def read_glossary(path=GLOSSARY):
    """The glossary as a list of (term, definition), in file order."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if match:
            entries.append((match["term"], match["definition"]))
    return entries


def glossary_markdown(entries):
    """A definition list, terms in alphabetical order (case-insensitive)."""
    blocks = [f"{term}\n:   {definition}" for term, definition in sorted(entries, key=lambda e: e[0].lower())]
    return "\n\n".join(blocks)


def glossary_of(lang):
    """The glossary file of `lang` (English's if that language has none yet)."""
    translated = GLOSSARY.with_name(f"glossary.{lang}.md")
    return translated if lang != "en" and translated.exists() else GLOSSARY


def on_page_markdown(markdown, page, config, files):
    path = glossary_of(getattr(page.file, "locale", None) or language(config))  # an untranslated page: English
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, glossary_markdown(read_glossary(path)))
    if page.file.src_uri.endswith(".md"):  # notebooks carry no tooltips
        markdown += "\n\n" + path.read_text(encoding="utf-8")
    return markdown


def keep_first_tooltips(html):
    """Unwrap every <abbr> of a term after its first one on the page."""
    seen = set()

    def first_only(match):
        term = match["term"]
        if term in seen:
            return term
        seen.add(term)
        return match.group(0)

    return ABBR.sub(first_only, html)


def on_page_content(html, page, config, files):
    return keep_first_tooltips(html)
