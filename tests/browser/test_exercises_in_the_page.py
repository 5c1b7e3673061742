"""Code exercises, as a reader does them: write a wrong answer and read what the checker says, fix it and see it
solved and counted in the page's score and on the progress page, come back to find the code saved, and stop a
loop that never ends."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, start_lab, wait_until

pytestmark = pytest.mark.browser

LESSON = "lessons/02-how-a-model-learns/"

FORGOT_TO_AVERAGE = """def mse(predictions, targets):
    return sum((p - t) ** 2 for p, t in zip(predictions, targets))
"""
RIGHT = """def mse(predictions, targets):
    return sum((p - t) ** 2 for p, t in zip(predictions, targets)) / len(targets)
"""
NEVER_ENDS = """def mse(predictions, targets):
    while True:
        pass
"""


def open_page(page, server, path):
    page.goto(server.url(path))
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{path}"]')


def write(exercise, code):
    """Replace the editor's code, as a reader selecting all and typing (inserted at once: no auto-indent)."""
    editor = exercise.locator(".cm-content")
    editor.click()
    editor.press("ControlOrMeta+a")
    editor.page.keyboard.insert_text(code)


def check(exercise):
    exercise.get_by_role("button", name="Check my code").click()
    feedback = exercise.locator(".knobs-exercise__feedback")
    expect(feedback).not_to_contain_text("Checking", timeout=60_000)
    expect(feedback).not_to_contain_text("Starting Python", timeout=60_000)
    return feedback


def test_an_exercise_solved_wrongly_then_rightly_is_counted_and_saved(page, server):
    open_page(page, server, LESSON)
    exercise = page.locator('[data-knobs-exercise="ex-mse"]')
    panel = page.locator(".knobs-panel__score")
    expect(panel).to_contain_text("0 of")

    write(exercise, FORGOT_TO_AVERAGE)
    feedback = check(exercise)
    expect(feedback).to_have_text(
        "✗ For predictions [1,000, 2,000] and targets [997.5, 1,997.5] your function returns "
        "12.5; expected 6.25. Did you forget to average (divide by the number of examples)?"
    )
    expect(exercise.locator(".knobs-check__score")).to_have_text("Not solved yet")

    exercise.get_by_role("button", name="Show a hint").click()
    expect(exercise.locator(".knobs-exercise__hint").first).to_contain_text("Square each difference")
    expect(exercise.locator(".knobs-exercise__hint").nth(1)).to_be_hidden()

    write(exercise, "def mse(predictions, targets):\n    return predictions[9]\n")
    check(exercise)
    expect(exercise.locator(".knobs-exercise__error")).to_contain_text("IndexError")
    expect(exercise.locator(".knobs-exercise__error")).to_contain_text('File "<exercise mse>", line 2')

    write(exercise, RIGHT)
    expect(check(exercise)).to_contain_text("✓ Right")
    expect(exercise.locator(".knobs-check__score")).to_have_text("✓ Solved")
    expect(panel).to_contain_text("1 of")

    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{LESSON}"]')
    exercise = page.locator('[data-knobs-exercise="ex-mse"]')
    expect(exercise.locator(".cm-content")).to_contain_text("/ len(targets)")
    expect(exercise.locator(".knobs-check__score")).to_have_text("✓ Solved")
    expect(exercise.locator(".knobs-exercise__hint").first).to_be_visible()

    open_page(page, server, "progress/")
    row = page.locator(f'tr[data-page="{LESSON}"]')
    expect(row.locator(".knobs-progress__score")).to_contain_text("1 of")
    assert not page.console_errors


def test_stop_ends_a_readers_loop_that_never_ends(page, server):
    open_page(page, server, LESSON)
    exercise = page.locator('[data-knobs-exercise="ex-mse"]')
    write(exercise, NEVER_ENDS)
    exercise.get_by_role("button", name="Check my code").click()
    stop = exercise.get_by_role("button", name="Stop")
    wait_until(page, "window.knobs.python.status().state === 'busy'")  # Python has started and runs the loop
    page.wait_for_timeout(500)
    stop.click()
    feedback = exercise.locator(".knobs-exercise__feedback")
    expect(feedback).to_contain_text("Stopped", timeout=10_000)
    write(exercise, RIGHT)
    expect(check(exercise)).to_contain_text("✓ Right")


def test_a_lab_task_is_ticked_when_python_says_its_target_is_met_and_the_tick_is_saved_and_counted(page, server):
    lesson = "lessons/01-what-is-a-model/"
    open_page(page, server, lesson)
    panel = page.locator(".knobs-panel__score")
    expect(panel).to_contain_text("0 of")
    root = page.locator('.knobs-lab[data-lab-id="line"]')
    start_lab(root)
    task = root.locator('.knobs-lab__task[data-task="typical-miss"]')
    expect(task).to_contain_text("(not yet)")
    for name, value in [("Weight w", "150"), ("Bias b", "40000")]:  # a typical miss well above $25,000
        root.get_by_label(name).fill(value)
        root.get_by_label(name).dispatch_event("input")
    expect(root.locator('[data-out="typical_error"]')).not_to_have_text("–")
    page.wait_for_timeout(500)
    expect(task).to_contain_text("(not yet)")
    root.get_by_label("Weight w").fill("200")
    root.get_by_label("Weight w").dispatch_event("input")
    expect(task).to_contain_text("(done)")
    expect(task.locator(".knobs-lab__tick")).to_have_text("✓")
    expect(panel).to_contain_text("1 of")  # a met task is a scored item, like a solved exercise

    page.reload()
    page.wait_for_selector(f'body[data-knobs-page="/knobs/{lesson}"]')
    expect(page.locator('.knobs-lab__task[data-task="typical-miss"]')).to_contain_text("(done)")

    open_page(page, server, "progress/")
    row = page.locator(f'tr[data-page="{lesson}"]')
    expect(row.locator(".knobs-progress__score")).to_contain_text("1 of")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress (JSON file)").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert exported["pages"][lesson]["answers"]["lab-line.typical-miss"]["right"] is True


def test_expected_output_stays_hidden_until_the_reader_guesses_and_runs(page, server):
    lesson = "lessons/01-what-is-a-model/"
    open_page(page, server, lesson)
    cell = page.locator("[data-knobs-cell]").first
    expected = page.locator(".highlight.output").first
    expect(expected).to_be_hidden()
    cell.get_by_label("What will this print? Your guess:").fill("200,000")
    cell.get_by_role("button", name="▶ Run").click()
    expect(expected).to_be_visible(timeout=60_000)
    expect(cell.locator(".knobs-cell__guess-feedback")).to_have_text(
        "✗ Your guess 200,000 is too low: the output says [250000.0]."
    )

    second = page.locator("[data-knobs-cell]").nth(1)  # a cell without a guess: the reader may just look
    expect(page.locator(".highlight.output").nth(1)).to_be_hidden()
    second.get_by_role("button", name="Show the expected output").click()
    expect(page.locator(".highlight.output").nth(1)).to_be_visible()
    expect(second.get_by_role("button", name="Show the expected output")).to_be_hidden()


def test_every_lesson_asks_for_a_guess_before_one_cell_and_a_number_is_compared_with_the_last_it_prints(page, server):
    for path in sorted((ROOT / "docs" / "lessons").glob("[0-9][0-9]-*.md")):
        if "." in path.stem:  # a translation (01-what-is-a-model.es.md): the English pages carry the English label
            continue
        open_page(page, server, f"lessons/{path.stem}/")
        expect(page.get_by_label("What will this print? Your guess:").first).to_be_visible()

    lesson = "lessons/04-generalisation/"
    open_page(page, server, lesson)
    guess = page.get_by_label("What will this print? Your guess:")
    cell = page.locator("[data-knobs-cell]").filter(has=guess)
    guess.fill("24")
    cell.get_by_role("button", name="Show the expected output").click()  # look without running: still judged
    expect(cell.locator(".knobs-cell__guess-feedback")).to_have_text(
        "✓ Your guess 24 is right (the last number it prints is 24).", timeout=60_000
    )
    assert not page.console_errors


def test_a_wrong_answer_on_a_spanish_lesson_gets_its_feedback_in_spanish(page, server):
    open_page(page, server, f"es/{LESSON}")
    exercise = page.locator('[data-knobs-exercise="ex-mse"]')
    write(exercise, FORGOT_TO_AVERAGE)
    exercise.locator(".knobs-exercise__check").click()
    feedback = exercise.locator(".knobs-exercise__feedback")
    expect(feedback).to_contain_text("¿Se te olvidó promediar", timeout=60_000)
    expect(feedback).to_contain_text(
        "Con las predicciones [1,000, 2,000] y los objetivos [997.5, 1,997.5], tu función devuelve 12.5; se esperaba 6.25."
    )


def test_a_portuguese_reader_types_numbers_as_brazil_writes_them(page, server):
    """On a Portuguese page "250.000" is two hundred and fifty thousand and "450.000,0" four hundred and fifty
    thousand (web/src/numbers.js, pt-BR); the page writes its numbers back the same way."""
    lesson = "pt/lessons/01-what-is-a-model/"
    open_page(page, server, lesson)
    cell = page.locator("[data-knobs-cell]").first
    cell.locator(".knobs-cell__guess-input").click()
    page.keyboard.type("250.000")
    cell.locator(".knobs-cell__run").click()
    expect(cell.locator(".knobs-cell__guess-feedback")).to_have_text(
        "✓ Seu palpite 250.000 está certo (a saída diz [250000.0]).", timeout=60_000
    )
    question = page.locator("fieldset[data-type='numeric']").first
    answer = question.locator("input")
    answer.click()
    page.keyboard.type("45,0")
    question.get_by_role("button", name="Verificar").click()
    expect(question).to_contain_text("Não está certo: 45 é baixo demais.")
    answer.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("450.000,0")
    question.get_by_role("button", name="Verificar").click()
    expect(question).to_contain_text("Certo: 450.000 dólares.")
