"""How long each lesson's code cells take natively: the slowest first (a reader waits ~2.5× longer in the page).

    .venv/bin/python benchmarks/bench_cells.py [--top 10]

Runs every cell of every lesson in page order, one shared scope per lesson, with the same runner the page uses
(`knobs_lab.runner.run_cell`), exactly as tests/site/test_lesson_cells.py does — which checks what the cells print,
while this script reports their time. Aim: every cell under about 2 s natively.
"""

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "pycode"), str(REPO / "tests" / "site")]

from lesson_pages import lessons, run_cells  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest cells to list")
    options = parser.parse_args()
    from knobs_lab.runner import reset

    timings = []
    for lesson in lessons():
        scope = f"bench:{lesson.path.name}"
        reset(scope)
        for number, (cell, _answer, seconds) in enumerate(run_cells(lesson, scope), start=1):
            timings.append((seconds, f"{lesson.path.name} cell {number} (line {cell.line})"))
        reset(scope)
    timings.sort(reverse=True)
    total = sum(seconds for seconds, _ in timings)
    print(f"{len(timings)} lesson cells natively in {total:.1f} s; the slowest {min(options.top, len(timings))}:")
    for seconds, where in timings[: options.top]:
        print(f"  {seconds:6.2f} s  {where}")


if __name__ == "__main__":
    main()
