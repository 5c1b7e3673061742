"""Every code exercise of every lesson, run natively through the same checker the page runs: the model solution
passes, the starter code does not, and each hint's typical mistake gets the words meant for it. Also: how the
checker reports errors in the reader's code, and the build's own checks of a malformed block."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "docs" / "lessons").glob("[0-9][0-9]-*.md"))
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
sys.path.insert(0, str(ROOT / "pycode"))
from check_blocks import check_exercise  # noqa: E402  (the build's check of a block, needs the path above)
from fences import BlockError, find_fences  # noqa: E402

from knobs_lab import exercise  # noqa: E402
from knobs_lab.words import use  # noqa: E402

TRACK = ROOT / "docs" / "autograd-track.md"  # the engineer's track: autograd built from stubs


def exercises():
    found = []
    for path in [*LESSONS, TRACK]:
        for fence in find_fences(path.read_text(encoding="utf-8")):
            if fence.kind == "exercise":
                found.append(pytest.param(fence.yaml(), id=f"{path.stem}:{fence.line}"))
    return found


EXERCISES = exercises()


@pytest.mark.parametrize("path", LESSONS, ids=[path.stem for path in LESSONS])
def test_every_lesson_has_at_least_two_checked_code_exercises(path):
    blocks = [fence for fence in find_fences(path.read_text(encoding="utf-8")) if fence.kind == "exercise"]
    assert len(blocks) >= 2


@pytest.mark.parametrize("data", EXERCISES)
def test_the_model_solution_passes_its_checker(data):
    answer = exercise.check(data["check"], data["solution"])
    assert answer["passed"], answer
    assert answer["error"] is None


@pytest.mark.parametrize("data", EXERCISES)
def test_the_starter_code_does_not_pass_and_feedback_is_words_not_a_bare_assertion(data):
    answer = exercise.check(data["check"], data["starter"])
    assert not answer["passed"]
    assert answer["feedback"] and "AssertionError" not in answer["feedback"]


@pytest.mark.parametrize("data", EXERCISES)
def test_each_hints_typical_mistake_gets_the_message_meant_for_it(data):
    for hint in data.get("hints", []):
        if "mistake" in hint:
            answer = exercise.check(data["check"], hint["mistake"])
            assert not answer["passed"]
            assert hint["says"] in answer["feedback"], (hint["says"], answer["feedback"])


TRANSLATED = [param for param in EXERCISES if param.id.split(":")[0].endswith((".es", ".pt"))]


@pytest.mark.parametrize("data", TRANSLATED, ids=[param.id for param in TRANSLATED])
def test_on_a_translated_page_each_hints_mistake_gets_the_translation_of_its_message(data, request):
    """`says:` stays English in every language (a test key): the message holding it, translated, is what a reader of
    the translated page reads."""
    import re

    from words import catalogue, page_keys

    lang = request.node.callspec.id.split(":")[0].rsplit(".", 1)[1]
    table = catalogue(lang)
    use(table)  # as the worker does once for the page
    try:
        for hint in data.get("hints", []):
            if "mistake" in hint:
                said = exercise.check(data["check"], hint["mistake"])["feedback"]
                keys = [key for key in page_keys() if hint["says"] in key]
                assert keys, hint["says"]
                pieces = [
                    [piece.strip() for piece in re.split(r"\{\w+\}", table[key]) if piece.strip()] for key in keys
                ]
                assert any(all(piece in said for piece in parts) for parts in pieces), (hint["says"], said)
    finally:
        use({})


def test_feedback_is_written_in_the_language_of_the_table_the_page_hands_over():
    """The worker hands over its page's catalogue once; a table handed over stays until the next one."""
    from words import page_table

    code = "def mse(predictions, targets):\n    return sum((p - t) ** 2 for p, t in zip(predictions, targets))\n"
    try:
        use(page_table("es"))
        spanish = exercise.check("mse", code)["feedback"]
        use(page_table("pt"))
        portuguese = exercise.check("mse", code)["feedback"]
        missing = exercise.check("mse", "x = 1\n")["feedback"]
    finally:
        use({})
    assert spanish == (
        "Con las predicciones [1,000, 2,000] y los objetivos [997.5, 1,997.5], tu función devuelve 12.5; "
        "se esperaba 6.25. ¿Se te olvidó promediar (dividir entre el número de ejemplos)?"
    )
    assert portuguese.startswith("Com as previsões [1,000, 2,000] e os alvos [997.5, 1,997.5], sua função devolve 12.5")
    assert portuguese.endswith("Você esqueceu de tirar a média (dividir pelo número de exemplos)?")
    assert missing == "Defina uma função chamada `mse` (o código inicial traz a primeira linha dela)."
    assert exercise.check("mse", code)["feedback"].startswith("For predictions [1,000, 2,000]")


def test_feedback_names_the_first_failing_case_with_both_answers():
    code = "def mse(predictions, targets):\n    return sum((p - t) ** 2 for p, t in zip(predictions, targets))\n"
    answer = exercise.check("mse", code)
    assert answer["feedback"] == (
        "For predictions [1,000, 2,000] and targets [997.5, 1,997.5] your function returns "
        "12.5; expected 6.25. Did you forget to average (divide by the number of examples)?"
    )


def test_an_error_in_the_readers_function_shows_as_a_traceback_of_the_readers_code():
    code = "def mse(predictions, targets):\n    return predictions[5]\n"
    answer = exercise.check("mse", code)
    assert not answer["passed"]
    assert "IndexError" in answer["error"] and 'File "<exercise mse>", line 2' in answer["error"]
    assert "knobs_lab" not in answer["error"]  # the checker's own frames are left out


def test_a_syntax_error_and_a_missing_function_are_explained():
    assert "SyntaxError" in exercise.check("mse", "def mse(:\n")["error"]
    answer = exercise.check("mse", "x = 1\n")
    assert "Define a function called `mse`" in answer["feedback"]


def test_stop_while_the_checker_runs_the_readers_code_says_stopped():
    answer = exercise.check("mse", "def mse(p, t):\n    raise KeyboardInterrupt\n")
    assert answer["error"].startswith("Stopped")


def test_printed_output_is_kept_and_an_unknown_checker_is_refused():
    assert exercise.check("flops", "print('hi')\ndef flops_per_token(n):\n    return 2 * n\n")["stdout"] == "hi\n"
    with pytest.raises(ValueError, match="name"):
        exercise.check("no-such", "")
    with pytest.raises(TypeError, match="code"):
        exercise.check("mse", None)


def test_every_registered_checker_is_used_by_an_exercise_block_and_every_block_names_a_registered_one():
    """Blocks of every page the site builds (lessons, the track, their translations) against exercise.CHECKERS, the
    registry the page and the build's check read."""
    named = {
        fence.yaml()["check"]
        for path in sorted((ROOT / "docs").rglob("*.md"))
        for fence in find_fences(path.read_text(encoding="utf-8"))
        if fence.kind == "exercise"
    }
    assert named - set(exercise.CHECKERS) == set(), "blocks name checkers nobody registered"
    assert set(exercise.CHECKERS) - named == set(), "registered checkers no exercise block uses"


def test_a_checker_name_is_registered_once():
    from knobs_lab.checking import checker

    with pytest.raises(ValueError, match="'mse' is already registered"):
        checker("mse")(lambda names: None)
    assert exercise.CHECKERS["mse"].__module__ == "knobs_lab.exercises"


def test_a_malformed_exercise_block_is_refused_with_its_line_and_what_is_wrong():
    def problem(body):
        fence = find_fences(f"Text\n\n```exercise\n{body}```\n")[0]
        try:
            check_exercise(fence.yaml(), fence)
        except BlockError as error:
            return error.line, error.problem
        return None

    good = "check: mse\nprompt: p\nstarter: x = 1\nsolution: y = 2\n"
    assert problem(good) is None
    assert problem(good.replace("check: mse", "check: nope"))[0] == 4
    assert "no checker called 'nope'" in problem(good.replace("check: mse", "check: nope"))[1]
    assert problem(good.replace("starter: x = 1", "starter: |\n  x = 1\n  def (:"))[0] == 8
    assert (
        "the starter code does not parse" in problem(good.replace("starter: x = 1", "starter: |\n  x = 1\n  def (:"))[1]
    )
    assert "missing 'solution'" in problem("check: mse\nprompt: p\nstarter: x\n")[1]
    lonely = good + "hints:\n  - text: t\n    mistake: z\n"
    assert "together, or neither" in problem(lonely)[1]


def checkpoint_answers():
    """The numeric checkpoints' answers, by quiz id, from every lesson."""
    answers = {}
    for path in LESSONS:
        for fence in find_fences(path.read_text(encoding="utf-8")):
            data = fence.yaml() if fence.kind == "quiz" else None
            if data and str(data.get("id", "")).startswith("checkpoint-") and data["questions"][0]["type"] == "numeric":
                answers[data["id"]] = data["questions"][0]["answer"]
    return answers


def test_checkpoint_answers_are_what_the_course_code_computes():
    from collections import Counter

    from knobs import cost, losses
    from knobs.models import Line

    computed = {
        "checkpoint-line": Line(weight=200, bias=50_000).predict([2000])[0],
        "checkpoint-loss": losses.mean_squared_error([3, 5], [1, 5]),
        "checkpoint-memory": cost.parameter_memory(7e9, "fp16") / 1e9,
        "checkpoint-neuron": 1 * 0.5 + 2 * -0.25 + 0.1,
        "checkpoint-pairs": Counter(zip("abab", "bab"))[("a", "b")],
        "checkpoint-lora": 8 * (768 + 768),
        "checkpoint-budget": 0.05 * 100e9 / cost.BYTES_PER_PARAMETER["fp16"] / 1e9,
    }
    assert checkpoint_answers() == pytest.approx(computed)


def test_every_lesson_has_a_checkpoint_before_its_end():
    for path in [path for path in LESSONS if "." not in path.stem]:  # English; tests/site/test_parity.py the rest
        text = path.read_text(encoding="utf-8")
        quizzes = [
            fence.line
            for fence in find_fences(text)
            if fence.kind == "quiz" and str(fence.yaml().get("id", "")).startswith("checkpoint-")
        ]
        end = text[: text.index("\n## Exercises\n")].count("\n") + 1
        assert quizzes and all(line < end for line in quizzes), path.name


def test_the_engineers_track_builds_add_multiply_tanh_relu_and_backward_checked_against_knobs_autograd():
    checks = [
        fence.yaml()["check"] for fence in find_fences(TRACK.read_text(encoding="utf-8")) if fence.kind == "exercise"
    ]
    assert checks == ["autograd_add", "autograd_mul", "autograd_tanh", "autograd_relu", "autograd_backward"]
    lesson = (ROOT / "docs" / "lessons" / "02-how-a-model-learns.md").read_text(encoding="utf-8")
    assert "](../autograd-track.md)" in lesson


def test_a_wrong_backward_order_is_caught_on_a_graph_that_reuses_a_value():
    solution = next(
        fence.yaml()["solution"]
        for fence in find_fences(TRACK.read_text(encoding="utf-8"))
        if fence.kind == "exercise" and fence.yaml()["check"] == "autograd_backward"
    )
    forwards = solution.replace("for node in reversed(order):", "for node in order:")
    answer = exercise.check("autograd_backward", forwards)
    assert not answer["passed"]
    assert "expected" in answer["feedback"] and "from the result back to the inputs" in answer["feedback"]
