"""Fenced blocks of Markdown, read once for every hook (and the lesson tests): find them, parse their YAML with
line numbers, check it against a block's format, and swap a block for its HTML.

A fenced block is an opening line of three or more backticks (or tildes) with an info string, its body, and a
closing line of the same character, at least as long. Fences inside a longer fence (a quiz shown as an example in a
````markdown block) are body text, not blocks. Fences indented in a list or an admonition are blocks; their body
loses the fence's indent.

Every problem is a BlockError holding the Markdown line it is on, so a hook can name the file and the line.
Left out on purpose: the rest of CommonMark (indented code blocks, fences in block quotes).
"""

import re
from dataclasses import dataclass

import yaml

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # a block's or a question's id: saved answers are keyed by it


class BlockError(Exception):
    """What is wrong with a block, and the line (of the Markdown file, 1-based) where it is."""

    def __init__(self, line, problem):
        super().__init__(problem)
        self.line = line
        self.problem = problem


@dataclass
class Fence:
    """One fenced block: ```info, its body, ```."""

    info: str  # what follows the opening fence: "quiz", "{ .python .run }", …
    body: str  # the lines inside, without the fences and without the fence's indent
    line: int  # the opening fence's line (1-based)
    last: int | None = None  # the closing fence's line; None when nothing closes the block
    indent: str = ""  # the opening fence's indent (in a list or an admonition)
    marker: str = "```"

    @property
    def kind(self):
        """The info string's first word, also when written as attributes: "{ .python .run }" → "python"."""
        words = self.info.strip("{} \t").split()
        return words[0].lstrip(".") if words else ""

    def yaml(self):
        """The body parsed as YAML; its mappings and lists know their Markdown lines (see line_of)."""
        first = self.line + 1
        loader = LineLoader(self.body)
        loader.first_line = first
        try:
            return loader.get_single_data()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            last = max(len(self.body.rstrip("\n").split("\n")) - 1, 0)  # "end of stream" points past the body
            raise BlockError(
                first + min(mark.line if mark else 0, last), f"the YAML does not parse: {error.problem or error}"
            ) from None
        except yaml.YAMLError as error:
            raise BlockError(first, f"the YAML does not parse: {error}") from None
        finally:
            loader.dispose()


def find_fences(text):
    """Every fenced block of Markdown `text`, in page order (unclosed ones too: their `last` is None)."""
    lines = text.split("\n")
    fences, i = [], 0
    while i < len(lines):
        opening = OPENING.match(lines[i])
        if not opening:
            i += 1
            continue
        marker, indent = opening["marker"], opening["indent"]
        end = i + 1
        while end < len(lines) and not closes(lines[end], marker):
            end += 1
        body = "\n".join(line[len(indent) :] if line.startswith(indent) else line for line in lines[i + 1 : end])
        fences.append(Fence(opening["info"], body, i + 1, end + 1 if end < len(lines) else None, indent, marker))
        i = end + 1
    return fences


def closes(line, marker):
    """Whether `line` ends a block opened by `marker`: the same character only, at least as many."""
    text = line.strip()
    return bool(text) and set(text) == {marker[0]} and len(text) >= len(marker)


def swap(text, kinds, render):
    """`text` with each block of one of `kinds` replaced by `render(fence)`: one line of HTML at the fence's indent,
    a blank line either side so Markdown leaves it alone. Blocks are rendered in page order."""
    lines = text.split("\n")
    swaps = []
    for fence in find_fences(text):
        if fence.kind not in kinds:
            continue
        if fence.last is None:
            raise BlockError(fence.line, f"the {fence.marker}{fence.kind} block is never closed")
        swaps.append((fence, render(fence)))
    for fence, html in reversed(swaps):
        lines[fence.line - 1 : fence.last] = ["", fence.indent + html, ""]
    return "\n".join(lines)


# ----- YAML with line numbers -----------------------------------------------------------------------------------


class Located(dict):
    """A YAML mapping that knows its Markdown line and the line of each key."""

    line = None
    key_lines = None


class LocatedList(list):
    """A YAML list that knows its Markdown line and the line of each item."""

    line = None
    item_lines = None


class LineLoader(yaml.SafeLoader):
    first_line = 1  # the Markdown line of the body's first line

    def construct_mapping(self, node, deep=False):
        mapping = Located(super().construct_mapping(node, deep=True))
        mapping.line = self.first_line + node.start_mark.line
        mapping.key_lines = {
            key.value: self.first_line + key.start_mark.line for key, _ in node.value if hasattr(key, "value")
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = LocatedList(super().construct_sequence(node, deep=True))
        sequence.line = self.first_line + node.start_mark.line
        sequence.item_lines = [self.first_line + item.start_mark.line for item in node.value]
        return sequence


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, LineLoader.construct_sequence)


def line_of(node, key=None):
    """The Markdown line of a parsed mapping or list, or of one of its keys or items."""
    if isinstance(node, Located) and key in (node.key_lines or {}):
        return node.key_lines[key]
    if isinstance(node, LocatedList) and isinstance(key, int) and key < len(node.item_lines or []):
        return node.item_lines[key]
    return getattr(node, "line", None)


def items(node):
    """(line, item) for each item of a parsed list: a scalar item knows its line only through its list."""
    return [(line_of(node, index), item) for index, item in enumerate(node)]


# ----- what a block's YAML must hold ----------------------------------------------------------------------------
# Each check raises BlockError at the line of the key (or node) at fault; `what` names the node for the author.


def need_mapping(node, line, what, allowed, required):
    """`node` (at `line`) is a mapping with only `allowed` keys and every `required` one."""
    if not isinstance(node, dict):
        raise BlockError(line, f"{what} must be a mapping (key: value lines), not {describe(node)}")
    unknown = sorted(set(node) - set(allowed))
    if unknown:
        raise BlockError(
            line_of(node, unknown[0]),
            f"{what} has an unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})",
        )
    for key in required:
        if key not in node:
            raise BlockError(line_of(node) or line, f"{what} is missing '{key}'")


def need_text(node, key, what):
    value = node.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise BlockError(line_of(node, key), f"{what}: '{key}' must be non-empty text, not {describe(value)}")
    return value


def need_number(node, key, what, minimum=None):
    value = node.get(key)
    if isinstance(value, str):
        try:
            value = float(value.replace("_", ""))  # YAML 1.1 reads 1e-3 as text
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise BlockError(line_of(node, key), f"{what}: '{key}' must be a number, not {describe(value)}")
    if minimum is not None and value < minimum:
        raise BlockError(line_of(node, key), f"{what}: '{key}' must be at least {minimum}, not {value}")
    return value


def need_list(node, key, what, at_least):
    value = node.get(key)
    if not isinstance(value, list):
        raise BlockError(line_of(node, key), f"{what}: '{key}' must be a list (lines starting with '- ')")
    if len(value) < at_least:
        raise BlockError(
            line_of(node, key),
            f"{what}: '{key}' needs at least {at_least} item{'s' if at_least > 1 else ''}, found {len(value)}",
        )
    return value


def need_id(node, what, default):
    value = node.get("id", default)
    if not isinstance(value, str) or not ID.match(value):
        raise BlockError(
            line_of(node, "id"), f"{what}: id must be lowercase letters, digits and dashes, not {describe(value)}"
        )
    return value


def describe(value):
    """A value as an author would recognise it in a message."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value) if isinstance(value, (str, int, float)) else f"{type(value).__name__} {value!r}"
