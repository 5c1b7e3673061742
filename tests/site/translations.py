"""The site's translations as the tests see them: which pages exist in which language, and the language-neutral
skeleton of a page (what must be identical in every language: code, labs, answers, ids, checkers).

A translation of `docs/x.md` is `docs/x.es.md` / `docs/x.pt.md` (mkdocs-static-i18n's suffix structure; a notebook
`docs/notebooks/x.ipynb` likewise has `x.es.ipynb` / `x.pt.ipynb`);
`i18n/untranslated.yml` lists the pages still waiting for one.
"""

import io
import json
import re
import sys
import tokenize
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANGUAGES = ("es", "pt")  # besides English, which is the source
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
import words  # noqa: E402, F401  (overrides/hooks/words.py, the catalogues: for the tests that import it from here)
from fences import find_fences  # noqa: E402  (the site's own reader of fenced blocks)

CODE_KEYS = {"code", "starter", "solution", "mistake"}  # Python: identical but for comments
SAME_KEYS = {"id", "type", "check", "lab", "settings", "correct", "answer", "tolerance"}  # identical, if not prose
CHECK_KINDS = ("quiz", "match", "flashcards", "exercise", "lab", "review", "progress")
CELL = re.compile(r"^\{\s*\.python\s+\.run(\s+\.predict)?\s*\}$")
OUTPUT = re.compile(r"^\{\s*\.text\s+\.output\s*\}$")


def sources():
    """Every English page of docs/ (Markdown and notebooks), as paths relative to docs/."""
    return sorted(
        path.relative_to(DOCS).as_posix()
        for pattern in ("*.md", "*.ipynb")
        for path in DOCS.rglob(pattern)
        if not re.search(r"\.(?:" + "|".join(LANGUAGES) + r")\.(?:md|ipynb)$", path.name)
    )


def translation(source, lang):
    """The path of `source`'s translation into `lang` (which may not exist yet)."""
    return DOCS / re.sub(r"\.(md|ipynb)$", rf".{lang}.\1", source)


def untranslated():
    """{lang: [source]} as declared in i18n/untranslated.yml."""
    data = yaml.safe_load((ROOT / "i18n" / "untranslated.yml").read_text(encoding="utf-8")) or {}
    return {lang: list(data.get(lang) or []) for lang in LANGUAGES}


def code_tokens(code):
    """Python code as its tokens without comments: a translated comment is allowed, anything else is not."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(code).readline)
        return [
            (token.type, token.string)
            for token in tokens
            if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        ]
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return code  # not Python (a shell snippet): compared as written


def neutral(value, key=None):
    """What must not change in translation: ids, types, answers, checkers, settings and code; list lengths; no prose."""
    if isinstance(value, dict):
        return {k: neutral(v, k) for k, v in value.items() if k in SAME_KEYS | CODE_KEYS or isinstance(v, (dict, list))}
    if isinstance(value, list):
        return [neutral(item, key) for item in value]
    if key in CODE_KEYS and isinstance(value, str):
        return code_tokens(value)
    if isinstance(value, str) and key not in {"id", "type", "check", "lab"}:
        return "<text>"  # prose, e.g. a scenario's model answer
    return value


def notebook_skeleton(path):
    """A notebook's cells in order: a code cell by its tokens (comments may be translated), a text cell by its kind."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return [
        (cell["cell_type"], code_tokens("".join(cell["source"])) if cell["cell_type"] == "code" else "<text>")
        for cell in cells
    ]


def skeleton(path):
    """The page's cells (code tokens and expected output), and each check and lab block's neutral content."""
    if Path(path).suffix == ".ipynb":
        return notebook_skeleton(path)
    text = Path(path).read_text(encoding="utf-8")
    parts = []
    for fence in find_fences(text):
        if CELL.match(fence.info):
            parts.append(("cell", fence.info.strip(), code_tokens(fence.body)))
        elif OUTPUT.match(fence.info):
            parts.append(("output", fence.body))
        elif fence.kind in CHECK_KINDS:
            parts.append((fence.kind, neutral(yaml.safe_load(fence.body) if fence.body.strip() else None)))
        elif fence.kind in ("python", "bash"):  # code shown, not run: the same too
            parts.append(("code", code_tokens(fence.body)))
    return parts
