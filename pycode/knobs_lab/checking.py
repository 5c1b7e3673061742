"""What every exercise checker shares: the registry of checkers by name, and the words and comparisons of a check.

A checker is a function of the namespace the reader's code made, registered by `@checker("mse")` under the name an
exercise block gives (`check: mse`); `CHECKERS` maps each name to its function. It calls the reader's function
through `call` (so an error inside it is the reader's, shown as a traceback), compares the answer with the course's
own `knobs` function (`same`, `show`, `expect`) and, at the first case that differs, raises `Miss` with what a teacher
would say.

This module sits below both the checkers (`exercises`, `autograd_exercises`) and the runner of the reader's code
(`exercise`); it imports neither. Left out on purpose: running the reader's code (that is `exercise`) and what any
one exercise checks (that is its checker).
"""

import math

from knobs_lab.words import say

TOLERANCE = 1e-6  # relative: how close a reader's number must be to the expected one
CHECKERS = {}  # the name an exercise block gives (`check: mse`) → its checker, filled by @checker


class Miss(Exception):
    """The reader's code ran but gave a wrong answer; the message says where and what to look at."""


class ReaderError(Exception):
    """The reader's own code raised while the checker called it (the original is its __cause__)."""


def checker(name):
    """Register the decorated function as the checker an exercise block names by `check: <name>`."""

    def register(check):
        if name in CHECKERS:
            raise ValueError(f"name: a checker called {name!r} is already registered ({CHECKERS[name].__qualname__})")
        CHECKERS[name] = check
        return check

    return register


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
