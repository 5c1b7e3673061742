"""What a lesson says its reader will be able to do, and which scored items test each of those outcomes.

A lesson's opening box lists its outcomes under "**You will be able to:**", one "- " line each. A scored item says
which it tests with `outcome: N`, N the 1-based position in that list (or a list, `outcome: [1, 3]`):

- a quiz question (a graded one: a scenario question is not scored) — the key sits on the question;
- a ```match set and an ```exercise block — on the block;
- a ```lab block — on the block: its tasks (the bridge's TASKS) are the scored items.

An outcome out of range stops the build with the file and line (checks.py, labs.py); tests/site/test_outcomes.py
fails when an outcome of a lesson has no scored item. Left out on purpose: weighting items, or outcomes per page
other than lessons.
"""

import re

from fences import BlockError, describe, line_of
from words import TRANSLATED, phrase, translate  # a sibling: a translated lesson states its list in its language

HEAD = phrase("You will be able to:")
HEADS = {f"**{HEAD}**"} | {f"**{translate(HEAD, lang)}**" for lang in TRANSLATED}
ITEM = re.compile(r"^(?P<indent>\s*)- (?P<text>.+)$")


def stated(markdown):
    """The outcomes the lesson states, in order: the "- " lines after "You will be able to:" up to the next text."""
    lines = markdown.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() in HEADS), None)
    if start is None:
        return []
    found, indent = [], None
    for line in lines[start + 1 :]:
        item = ITEM.match(line)
        if item:
            found.append(item["text"].strip())
            indent = len(item["indent"]) + 2  # a wrapped item goes on at least this far in
        elif found and line.strip() and len(line) - len(line.lstrip()) >= indent:
            found[-1] += " " + line.strip()
        elif line.strip() and found:
            break
    return found


def numbers(node):
    """The outcome numbers `node` (a parsed YAML mapping) claims to test: [] without an `outcome` key."""
    value = node.get("outcome") if isinstance(node, dict) else None
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def need_outcome(node, count, what):
    """`node`'s `outcome`, if given, is a number from 1 to `count` or a list of them; else BlockError at its line."""
    if not isinstance(node, dict) or "outcome" not in node:
        return
    values = node["outcome"] if isinstance(node["outcome"], list) else [node["outcome"]]
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= count:
            stated_here = (
                f"this page states {count} outcome{'s' if count != 1 else ''}"
                if count
                else ("this page states no outcomes (no 'You will be able to:' list)")
            )
            raise BlockError(
                line_of(node, "outcome"),
                f"{what}: outcome {describe(value)} is not the number of a stated outcome: {stated_here}",
            )
