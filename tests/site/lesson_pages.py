"""Read the lessons' Markdown the way the site does: code cells with their expected output, and YAML blocks.

Shared by the lesson tests (and handy from the command line to see what each cell of a lesson prints:
`.venv/bin/python tests/site/lesson_pages.py docs/lessons/02-how-a-model-learns.md`).
"""

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "docs" / "lessons"

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from fences import find_fences  # noqa: E402  (the site's own reader of fenced blocks, needs the path above)

CELL_INFO = re.compile(r"^\{\s*\.python\s+\.run(\s+\.predict)?\s*\}$")  # .predict: the reader guesses first
OUTPUT_INFO = re.compile(r"^\{\s*\.text\s+\.output\s*\}$")


@dataclass
class Cell:
    code: str
    line: int
    expected: str | None = None  # the following ``` { .text .output } block, if any


@dataclass
class Lesson:
    path: Path
    text: str
    fences: list = field(default_factory=list)  # every fenced block (overrides/hooks/fences.py)

    @property
    def cells(self):
        """Code cells in page order, each with the output block that follows it (if one does)."""
        cells = []
        for fence in self.fences:
            if CELL_INFO.match(fence.info):
                cells.append(Cell(fence.body, fence.line))
            elif OUTPUT_INFO.match(fence.info) and cells and cells[-1].expected is None:
                cells[-1].expected = fence.body
        return cells

    def blocks(self, kind):
        """The ```kind fences (quiz, match, flashcards, lab), as the site's hooks pick them."""
        return [fence for fence in self.fences if fence.kind == kind]

    @property
    def prose(self):
        """The text outside every fenced block."""
        lines = self.text.splitlines()
        inside = set()
        for fence in self.fences:
            inside.update(range(fence.line - 1, fence.line + fence.body.count("\n") + 2))
        return "\n".join(line for i, line in enumerate(lines) if i not in inside)


def read_lesson(path):
    text = Path(path).read_text(encoding="utf-8")
    return Lesson(Path(path), text, find_fences(text))


def lessons():
    """Every numbered lesson (docs/lessons/0N-slug.md), in order."""
    return [read_lesson(path) for path in sorted(LESSONS.glob("[0-9][0-9]-*.md")) if "." not in path.stem]  # English


def shown_output(answer):
    """What the page shows under a cell: printed text, then the value of the last expression on its own line."""
    text = answer["stdout"] + answer["stderr"]
    if answer["result"] is not None:
        text += answer["result"] + "\n"
    return text


def run_cells(lesson, scope):
    """Run the lesson's cells in page order in one scope; yield (cell, answer, seconds)."""
    import time

    from knobs_lab.runner import run_cell

    for number, cell in enumerate(lesson.cells, start=1):
        started = time.perf_counter()
        answer = run_cell(cell.code, scope=scope, cell=f"{lesson.path.name} cell {number}")
        yield cell, answer, time.perf_counter() - started


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "pycode"))
    for name in sys.argv[1:]:
        lesson = read_lesson(name)
        for cell, answer, seconds in run_cells(lesson, scope=name):
            same = cell.expected is not None and shown_output(answer) == cell.expected + "\n"
            print(f"--- line {cell.line} ({seconds:.2f} s){' OK' if same else ' DIFFERENT'}")
            print(shown_output(answer) + (answer["error"] or ""), end="")
