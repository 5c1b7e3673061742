"""The Spanish and Portuguese pages, glossaries and widget catalogues are spelled correctly, by Debian's hunspell
dictionaries (hunspell-es, Latin American Spanish es_MX; hunspell-pt-br), as codespell checks the English.

Checked: the prose of every translated page (code, inline code, links' addresses, HTML tags, YAML keys, numbers and
the English title of a cited work, marked `{ lang=en }`, left out; a check block's prompts, choices and explanations
included), the translated glossary and each catalogue's translations. Course terms the dictionaries lack (Pyodide,
numpy, softmax, …) are listed once in i18n/words.txt, one word a line.
"""

import json
import re
import shutil
import subprocess

import pytest
import yaml
from translations import DOCS, LANGUAGES, ROOT, sources, translation, words

DICTIONARY = {"es": "es_MX", "pt": "pt_BR"}
CODE_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=marker)[ \t]*$", re.M | re.S
)
# Keys of a check block whose strings are not read as prose: code, ids, and a hint's `says` (words of the checker's
# feedback, which Python writes in English, tests/site/test_exercises.py).
NOT_PROSE = {"id", "type", "check", "lab", "code", "starter", "solution", "mistake", "says"}
# A link marked English by attr_list, `[Title](address){ lang=en }`: its text is English on purpose.
ENGLISH_LINK = re.compile(r"\[[^\]]*\]\([^)]*\)\{[^}]*\blang=\"?en\b[^}]*\}")
CHECK_FENCE = re.compile(r"^`{3,}(?:quiz|match|flashcards|exercise|review|progress|lab)\b")


def prose(markdown):
    """The words a reader reads: fences of code dropped, check blocks kept as their text, markup stripped."""

    def fence(match):
        block = match.group(0)
        if not CHECK_FENCE.match(block.lstrip()):
            return ""
        data = yaml.safe_load("\n".join(block.strip().split("\n")[1:-1])) or {}
        return "\n".join(_texts(data))

    text = CODE_FENCE.sub(fence, markdown)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"^--8<--.*$", " ", text, flags=re.M)  # a figure's include: a path, not prose
    text = re.sub(r"^[ \t]*(?:!!!|\?\?\?)\+?[ \t]+\S+", " ", text, flags=re.M)  # admonition type; title is prose
    text = re.sub(r"`[^`]*`", " ", text)
    text = ENGLISH_LINK.sub(" ", text)  # a source's title kept in English, marked so for readers and screen readers
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link addresses
    text = re.sub(r"\{[^}]*\}", " ", text)  # attribute lists { .md-button }
    text = re.sub(r"<[^>\n]+>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\*\[[^\]]*\]:", " ", text)  # a glossary line's term is checked as the definition's words
    return text


def _texts(value, key=None):
    """The prose strings of a check block's YAML (code and ids left out)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, key)
    elif isinstance(value, str) and key not in NOT_PROSE:
        yield value


def misspelled(text, lang):
    """Words hunspell does not know in `text`, less the course's own word list."""
    lines = (ROOT / "i18n" / "words.txt").read_text(encoding="utf-8").splitlines()
    allowed = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    words = "\n".join(
        w for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text) if len(w) > 1
    )  # one a line: hunspell reads a long line in pieces
    done = subprocess.run(
        ["hunspell", "-d", DICTIONARY[lang], "-l"], input=words, capture_output=True, text=True, check=True
    )
    return sorted({word for word in done.stdout.split() if word not in allowed})


def markdown_of(path):
    """A page's Markdown: the file, or a notebook's text cells (its code cells are English code)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    cells = json.loads(text)["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def texts(lang):
    """{where: text} for everything translated into `lang`."""
    found = {}
    for source in sources():
        path = translation(source, lang)
        if path.exists():
            found[path.relative_to(ROOT).as_posix()] = prose(markdown_of(path))
    glossary = ROOT / "includes" / f"glossary.{lang}.md"
    if glossary.exists():
        found[glossary.relative_to(ROOT).as_posix()] = prose(glossary.read_text(encoding="utf-8"))
    catalogue = words.catalogue(lang)  # overrides/hooks/words.py: as the build reads it
    said = "\n".join(re.sub(r"\S*(?:\(\)|\.\w|_\w|=|\*\*)\S*", " ", value) for value in catalogue.values())  # code
    found[f"i18n/{lang}.yml"] = prose(said)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_are_spelled_correctly(lang):
    assert shutil.which("hunspell"), "hunspell is missing: `bash .ci/setup test` installs it with its dictionaries"
    problems = {where: words for where, text in texts(lang).items() if (words := misspelled(text, lang))}
    assert not problems, f"unknown words (fix them, or add a course term to i18n/words.txt): {problems}"


def test_the_spelling_check_catches_a_misspelling():
    assert misspelled("El modelo aprehende con la pérdidda", "es") == ["pérdidda"]
    assert misspelled("O modelo aprende com a perdaa", "pt") == ["perdaa"]
    assert DOCS.exists()
