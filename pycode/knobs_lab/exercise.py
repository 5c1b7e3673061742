"""Check a reader's answer to a code exercise, in the page's Python worker (and natively in the tests).

An exercise in a lesson names its checker (`check: mse`); the checkers live in `exercises.py`, one function each,
taking the namespace the reader's code made. A checker calls the reader's function on chosen inputs, compares with
the course's own `knobs` function and, at the first case that differs, raises `Miss` with what a teacher would say:
the input, the reader's answer, the expected one, and a guess at the mistake.

`check(name, code)` is the page's entry point: it runs the code in a fresh namespace (so an exercise never depends
on the page's cells), runs the checker, and returns plain data. An error in the reader's code comes back as a
traceback that starts at the reader's line; Stop interrupts a loop as it does in a cell.

Left out on purpose: time limits (Stop is the reader's limit, as in cells) and sandboxing beyond the worker's.
"""

import linecache
import math
import os
import sys

from knobs_lab import runner
from knobs_lab.words import say

PAGE_CALLS = ("check",)
TOLERANCE = 1e-6  # relative: how close a reader's number must be to the expected one
HERE = os.path.dirname(os.path.abspath(__file__))


class Miss(Exception):
    """The reader's code ran but gave a wrong answer; the message says where and what to look at."""


class ReaderError(Exception):
    """The reader's own code raised while the checker called it (the original is its __cause__)."""


def check(name, code):
    """Run the reader's `code`, then the checker `name`; return {"passed", "feedback", "error", "stdout"}.

    `feedback` is the checker's words (what passed, or the first failing case); `error` a traceback of the reader's
    code (or "Stopped: …" after Stop), else None. The feedback is in the page's language (see knobs_lab.words).
    """
    from knobs_lab.exercises import CHECKERS  # the checkers import this module for Miss

    if not isinstance(name, str) or name not in CHECKERS:
        raise ValueError(f"name: no exercise checker called {name!r}")
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, not {type(code).__name__}")
    filename = f"<exercise {name}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    out = runner.CappedOutput()
    names = {"__name__": "__main__", "__builtins__": __builtins__}
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    passed, feedback, error = False, None, None
    try:
        exec(compile(code, filename, "exec"), names)
    except BaseException as exc:  # the reader's code may raise anything, KeyboardInterrupt (Stop) included
        sys.stdout, sys.stderr = saved
        return {
            "passed": False,
            "feedback": say("Your code did not run (traceback below)."),
            "error": format_reader_error(exc),
            "stdout": out.text(),
        }
    try:
        feedback = CHECKERS[name](names) or say("Right: every case matches.")
        passed = True
    except Miss as miss:
        feedback = str(miss)
    except ReaderError as failure:
        feedback = say("Your code raised an error on one of the checker's cases (traceback below).")
        error = format_reader_error(failure.__cause__)
    except KeyboardInterrupt as exc:
        error = format_reader_error(exc)
    except (TypeError, ValueError) as exc:  # the course's code refused what the reader's function returned
        feedback = say("Your function returned something the checker cannot use: {problem}", problem=exc)
    finally:
        sys.stdout, sys.stderr = saved
    return {"passed": passed, "feedback": feedback, "error": error, "stdout": out.text()}


def format_reader_error(exc):
    """A traceback of the reader's code alone: this package's frames (the checker calling it) are left out."""
    text = runner.format_error(exc)
    lines = text.split("\n")
    kept, skip = [], False
    for line in lines:
        if line.startswith('  File "'):
            skip = line[len('  File "') :].startswith(HERE)
        elif not line.startswith("    "):
            skip = False
        if not skip:
            kept.append(line)
    return "\n".join(kept)


# ----- what checkers share ---------------------------------------------------------------------------------------


def function(names, name):
    """The reader's function `name`, or a Miss saying it is missing."""
    value = names.get(name)
    if not callable(value):
        raise Miss(say("Define a function called `{name}` (the starter code has its first line).", name=name))
    return value


def call(fn, *args):
    """Call the reader's function; an exception inside it is the reader's error, shown as a traceback."""
    try:
        return fn(*args)
    except Miss:
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise ReaderError() from exc


def expect(fn, args, expected, case, mistakes=()):
    """Call the reader's `fn(*args)`; if the answer is not `expected`, Miss naming the `case`, both answers and,
    when the answer is what a typical mistake gives, the question a teacher would ask: `mistakes` holds
    (what the mistake returns, the question), `case` and the questions already in the page's language."""
    answer = call(fn, *args)
    if same(answer, expected):
        return answer
    message = say(
        "For {case} your function returns {answer}; expected {expected}.",
        case=case,
        answer=show(answer),
        expected=show(expected),
    )
    for wrong, question in mistakes:
        if same(answer, wrong):
            message += f" {question}"
            break
    raise Miss(message)


def same(answer, expected, tolerance=TOLERANCE):
    """Whether the reader's answer equals the expected one: numbers within a relative `tolerance`, lists, tuples and
    dicts item by item."""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return (
            isinstance(answer, (int, float))
            and not isinstance(answer, bool)
            and math.isclose(answer, expected, rel_tol=tolerance, abs_tol=tolerance)
        )
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(answer, (list, tuple))
            and len(answer) == len(expected)
            and all(same(a, e, tolerance) for a, e in zip(answer, expected))
        )
    if isinstance(expected, dict):
        return (
            isinstance(answer, dict)
            and set(answer) == set(expected)
            and all(same(answer[key], value, tolerance) for key, value in expected.items())
        )
    return answer == expected


def show(value):
    """A value as a reader reads it in feedback: 6.25 · 0.333333 · 12,000 · [0.5, 0.5]."""
    if isinstance(value, bool) or not isinstance(value, (int, float, list, tuple)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        inner = ", ".join(show(item) for item in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    if abs(value) >= 1e6 and float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}"
