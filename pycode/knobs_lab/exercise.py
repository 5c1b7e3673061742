"""Check a reader's answer to a code exercise, in the page's Python worker (and natively in the tests).

An exercise in a lesson names its checker (`check: mse`): a function registered under that name by `@checker("mse")`
(`checking.CHECKERS`), in `exercises` (the lessons') or `autograd_exercises` (the engineer's track), taking the
namespace the reader's code made. A checker calls the reader's function on chosen inputs, compares with the course's
own `knobs` function and, at the first case that differs, raises `Miss` with what a teacher would say: the input, the
reader's answer, the expected one, and a guess at the mistake.

`check(name, code)` is the page's entry point: it runs the code in a fresh namespace (so an exercise never depends
on the page's cells), runs the checker, and returns plain data. An error in the reader's code comes back as a
traceback that starts at the reader's line; Stop interrupts a loop as it does in a cell.

Left out on purpose: time limits (Stop is the reader's limit, as in cells) and sandboxing beyond the worker's.
"""

import linecache
import os
import sys

from knobs_lab import autograd_exercises, exercises, runner
from knobs_lab.checking import CHECKERS, Miss, ReaderError
from knobs_lab.words import say

CHECKER_MODULES = (exercises, autograd_exercises)  # importing them registers their checkers in CHECKERS
PAGE_CALLS = ("check",)
HERE = os.path.dirname(os.path.abspath(__file__))


def check(name, code):
    """Run the reader's `code`, then the checker `name`; return {"passed", "feedback", "error", "stdout"}.

    `feedback` is the checker's words (what passed, or the first failing case); `error` a traceback of the reader's
    code (or "Stopped: …" after Stop), else None. The feedback is in the page's language (see knobs_lab.words).
    """
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
