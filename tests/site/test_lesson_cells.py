"""Every code cell of every lesson runs natively with the course's own runner and prints what the lesson says.

The page runs cells with `knobs_lab.runner.run_cell` inside Pyodide; here the same function runs them in CPython, in
page order, in one shared scope per lesson, exactly as a reader who clicks Run on each cell in turn.
How long cells take is measured by benchmarks/bench_cells.py, not asserted here.
"""

import math

import pytest
import yaml
from lesson_pages import lessons, shown_output

LESSONS = lessons()


def test_there_are_ten_lessons():
    assert [lesson.path.name[:2] for lesson in LESSONS] == [f"{n:02d}" for n in range(1, 11)]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.path.stem)
def test_every_cell_prints_its_stated_output(lesson):
    checked = 0
    for number, (cell, answer, _seconds) in enumerate(_run(lesson), start=1):
        where = f"{lesson.path.name} cell {number} (line {cell.line})"
        assert answer["error"] is None, f"{where} raised:\n{answer['error']}"
        assert answer["stderr"] == "", f"{where} wrote to stderr:\n{answer['stderr']}"
        if cell.expected is not None:
            assert shown_output(answer) == cell.expected + "\n", f"{where} prints something else"
            checked += 1
    assert checked >= 2, f"{lesson.path.name}: needs at least two cells with a stated output, has {checked}"


def _run(lesson):
    from lesson_pages import run_cells

    from knobs_lab.runner import reset

    scope = f"test:{lesson.path.name}"
    reset(scope)
    try:
        yield from run_cells(lesson, scope)
    finally:
        reset(scope)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.path.stem)
def test_run_questions_compute_a_number(lesson):
    from knobs_lab.runner import reset, run_cell

    for block in lesson.blocks("quiz"):
        for question in yaml.safe_load(block.body)["questions"]:
            if question.get("type") != "run":
                continue
            scope = f"test-question:{lesson.path.name}"
            reset(scope)
            answer = run_cell(question["code"], scope=scope)
            reset(scope)
            assert answer["error"] is None, f"{lesson.path.name}: run question raised:\n{answer['error']}"
            assert math.isfinite(float(answer["result"])), f"{lesson.path.name}: run question must end in a number"


def test_every_lesson_has_a_predict_cell_whose_output_a_number_guess_is_compared_with():
    from knobs_lab.guess import judge, numbers_in

    for lesson in lessons():
        marked = [cell for cell in lesson.cells if ".predict" in lesson.text.split("\n")[cell.line - 1]]
        assert marked, f"{lesson.path.name} has no {{ .python .run .predict }} cell"
        for cell in marked:
            numbers = numbers_in(cell.expected or "")
            assert numbers, f"{lesson.path.name}:{cell.line}: the guess cannot be compared as a number"
            last, wrong = numbers[-1], numbers[-1] * 3 + 7
            assert judge(f"{last:g}", cell.expected, value=last)["right"]
            assert not judge(f"{wrong:g}", cell.expected, value=wrong)["right"]
