"""How long a lesson takes, stated in two parts: reading its prose, and doing its cells, labs and exercises.

Reading is the words of the prose and of the check-yourself blocks (questions, pairs, cards; code, outputs, labs
and exercises left out, as are HTML lines and snippet includes) at WORDS_PER_MINUTE; doing is a fixed allowance per runnable cell, lab and code exercise. Each part is rounded to the
nearest 5 minutes (at least 5). A lesson states both in its opening box,

    **Time:** about 20 minutes reading, about 25 minutes doing (cells, labs, exercises).

and tests/site/test_lesson_time.py checks that line, and the home page's list, against `times`. Run this file to
print every lesson's line. Left out on purpose: any per-reader speed.
"""

import math
import re
import sys
from pathlib import Path

from fences import find_fences

WORDS_PER_MINUTE = 200  # a steady reading pace for explanatory text
ALLOWANCE = {  # minutes of doing, each
    "cell": 1,  # read the code, guess, run, compare with the output
    "lab": 5,  # turn the knobs and meet its task
    "exercise": 5,  # write, check, fix once
}
READ = {"quiz", "match", "flashcards"}  # blocks read like prose: their YAML keys are left out
KEY = re.compile(r"^\s*(- )?\w+:( \|)?", re.M)
CELL = re.compile(r"^\{\s*\.python\s+\.run\b")
LINE = "**Time:** about {reading} minutes reading, about {doing} minutes doing (cells, labs, exercises)."
STATED = re.compile(
    r"\*\*Time:\*\* about (\d+) minutes reading, about (\d+) minutes doing \(cells, labs, exercises\)\."
)


def prose_words(markdown):
    """The words a reader reads: the prose and the check-yourself blocks, without HTML lines and snippet includes."""
    lines = markdown.split("\n")
    inside, blocks = set(), []
    for fence in find_fences(markdown):
        inside.update(range(fence.line - 1, (fence.last or len(lines))))
        if fence.kind in READ:
            blocks.append(KEY.sub("", fence.body))
    kept = [
        line
        for index, line in enumerate(lines)
        if index not in inside and not line.lstrip().startswith(("<", "--8<--"))
    ]
    return len(re.findall(r"\w[\w'’.,-]*", "\n".join(kept + blocks)))


def doing_counts(markdown):
    """How many runnable cells, labs and exercises the lesson has."""
    counts = dict.fromkeys(ALLOWANCE, 0)
    for fence in find_fences(markdown):
        if CELL.match(fence.info):
            counts["cell"] += 1
        elif fence.kind in ("lab", "exercise"):
            counts[fence.kind] += 1
    return counts


def nearest_five(minutes):
    return max(5, 5 * math.floor(minutes / 5 + 0.5))  # halves round up


def times(markdown):
    """(reading, doing) minutes of a lesson, each rounded to the nearest 5."""
    reading = prose_words(markdown) / WORDS_PER_MINUTE
    doing = sum(ALLOWANCE[kind] * count for kind, count in doing_counts(markdown).items())
    return nearest_five(reading), nearest_five(doing)


def stated(markdown):
    """The (reading, doing) minutes a lesson's opening box states, or None."""
    found = STATED.search(markdown)
    return (int(found[1]), int(found[2])) if found else None


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    for path in sys.argv[1:] or sorted((root / "docs" / "lessons").glob("[0-9][0-9]-*.md")):
        reading, doing = times(Path(path).read_text(encoding="utf-8"))
        print(f"{Path(path).name}: {LINE.format(reading=reading, doing=doing)}")
