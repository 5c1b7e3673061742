"""The cell runner: notebook-like namespaces, captured and capped output, tracebacks that point at the reader's code."""

import pytest

from knobs_lab import calls, runner, words


@pytest.fixture(autouse=True)
def fresh_scope():
    runner.reset("test")
    yield
    runner.reset("test")


def run(code, **kwargs):
    return runner.run_cell(code, scope="test", **kwargs)


def test_last_expression_value_is_shown_like_a_notebook():
    answer = run("x = 6\nx * 7")
    assert answer == {"stdout": "", "stderr": "", "result": "42", "error": None, "ok": True, "stopped": False}


def test_statement_at_the_end_shows_no_value():
    assert run("x = 6")["result"] is None
    assert run("None")["result"] is None


def test_print_output_is_captured_in_order():
    assert run("print('a')\nprint('b', 2)")["stdout"] == "a\nb 2\n"


def test_cells_of_one_scope_share_variables_and_others_do_not():
    run("price = 250_000")
    assert run("price + 1")["result"] == "250001"
    other = runner.run_cell("price", scope="other page")
    assert "NameError" in other["error"]
    runner.reset("other page")


def test_reset_forgets_the_variables_of_a_scope():
    run("a = 1")
    runner.reset("test")
    assert "NameError: name 'a' is not defined" in run("a")["error"]


def test_exception_traceback_starts_at_the_readers_line():
    answer = run("def f(x):\n    return 1 / x\n\nf(0)", cell="cell 3")
    assert not answer["ok"]
    error = answer["error"]
    assert error.startswith("Traceback (most recent call last):")
    assert 'File "<cell 3>", line 4' in error
    assert 'File "<cell 3>", line 2, in f' in error
    assert "return 1 / x" in error
    assert error.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "runner.py" not in error


def test_syntax_error_names_the_line_and_marks_the_spot():
    error = run("x = (1 +\nprint('hi')", cell="cell 1")["error"]
    assert "SyntaxError" in error
    assert '"<cell 1>"' in error
    assert "runner.py" not in error


def test_output_printed_before_an_error_is_kept():
    answer = run("print('before')\nraise ValueError('bad size')")
    assert answer["stdout"] == "before\n"
    assert "ValueError: bad size" in answer["error"]


def test_huge_output_is_truncated_with_a_note():
    answer = run("for i in range(200_000):\n    print(i)")
    assert answer["ok"]
    stdout = answer["stdout"]
    assert len(stdout) < runner.OUTPUT_LIMIT + 200
    assert stdout.startswith("0\n1\n2\n")
    expected_total = sum(len(f"{i}\n") for i in range(200_000))
    dropped = expected_total - runner.OUTPUT_LIMIT
    assert f"({dropped:,} characters) not shown" in stdout


def test_long_result_repr_is_shortened():
    result = run("list(range(100_000))")["result"]
    assert len(result) < runner.RESULT_LIMIT + 100
    assert result.endswith("more characters)")


def test_streamed_output_reaches_the_sink_in_batches():
    batches = []
    ticks = iter(range(0, 10_000))
    stream = runner.CappedOutput(sink=batches.append, clock=lambda: next(ticks) * 0.05)
    for word in ["a\n", "b\n", "c\n", "d\n"]:
        stream.write(word)
    stream.flush()
    assert "".join(batches) == "a\nb\nc\nd\n"
    assert 1 < len(batches) < 4


def test_input_explains_that_the_page_has_no_keyboard_input():
    error = run("name = input('Your name? ')")["error"]
    assert "input() cannot read from the keyboard in this page" in error


def test_missing_package_gets_a_hint():
    error = run("import surely_not_a_module_xyz")["error"]
    assert "ModuleNotFoundError" in error
    assert "Hint: only Python's standard library" in error


def test_memory_error_gets_a_hint():
    error = run("raise MemoryError()")["error"]
    assert "Hint: the code asked for more memory" in error


def test_keyboard_interrupt_reads_as_stopped():
    answer = run("raise KeyboardInterrupt")
    assert answer["error"].startswith("Stopped:")


def test_run_cell_rejects_code_that_is_not_text():
    with pytest.raises(TypeError, match="code"):
        runner.run_cell(42)


def test_calls_reach_only_listed_page_functions():
    about = calls.call("about.runtime", {})
    assert set(about) == {"python", "platform", "knobs"}
    with pytest.raises(ValueError, match="name"):
        calls.call("runner.run_cell", {"code": "1"})
    with pytest.raises(ValueError, match="name"):
        calls.call("nope.thing")
    with pytest.raises(ValueError, match="name"):
        calls.call("os")
    with pytest.raises(TypeError, match="args"):
        calls.call("about.runtime", [1])


def test_input_explains_itself_without_the_runners_frames():
    error = run("size = input('size? ')", cell="cell 1")["error"]
    assert "PageLimit: input() cannot read from the keyboard in this page" in error
    assert 'File "<cell 1>", line 1' in error
    assert "runner.py" not in error


def test_an_impossible_list_size_gets_a_hint():
    error = run("x = [0] * 10**30")["error"]
    assert "OverflowError" in error and "Hint: that is more items" in error


def test_page_sleep_refuses_long_waits_and_sleeps_short_ones_in_slices():
    slept = []
    with pytest.raises(runner.PageLimit, match=r"time.sleep\(100\) would freeze this cell"):
        runner._sleep_for_the_page(100, sleep=slept.append)
    assert slept == []
    now = [0.0]  # a clock that moves only when the page sleeps, so a busy machine cannot change the slices

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    runner._sleep_for_the_page(0.12, sleep=sleep, clock=lambda: now[0])
    assert len(slept) >= 3 and max(slept) <= runner.SLEEP_SLICE and abs(sum(slept) - 0.12) < 1e-9
    with pytest.raises(ValueError):
        runner._sleep_for_the_page(-1)


def test_a_chained_exception_shows_both_parts_without_runner_frames():
    error = run("try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    raise ValueError('bad size') from e")["error"]
    assert "ZeroDivisionError" in error and "ValueError: bad size" in error and "runner.py" not in error


def test_the_runner_speaks_the_language_the_page_hands_it():
    """The worker hands over its page's catalogue once; the explanations come out in that language, then English again."""
    spanish = {
        "input() cannot read from the keyboard in this page: put the value in the code instead, e.g. size = 1500": (
            "input() no puede leer del teclado en esta página: pon el valor en el código, p. ej. size = 1500"
        )
    }
    words.use(spanish)
    answer = runner.run_cell("input()", scope="es")
    assert "input() no puede leer del teclado" in answer["error"]
    words.use({})
    answer = runner.run_cell("input()", scope="en")
    assert "input() cannot read from the keyboard" in answer["error"]
