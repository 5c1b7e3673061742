"""Run a reader's code cell the way a notebook does.

Cells of one page share one namespace (a *scope*) and run in the order the reader runs them. A run returns a plain
dict: what was printed, the value of the last expression, and, if the code failed, a traceback that starts at the
reader's own code. Output is capped so that `for i in range(10**6): print(i)` cannot flood the page.

Things that cannot work in a page say so instead of hanging: `input()` raises with an explanation, and (once the
worker calls `install_page_limits()`) `time.sleep` refuses waits longer than `SLEEP_LIMIT` and sleeps in short slices,
so the Stop button can interrupt it.

Left out on purpose: rich display (images, HTML); a cell shows text.
"""

import ast
import linecache
import sys
import time
import traceback

from knobs_lab.words import say

OUTPUT_LIMIT = 20_000  # characters of printed output a cell keeps (the rest is counted, not kept)
RESULT_LIMIT = 5_000  # characters of the last expression's repr that a cell shows
FLUSH_EVERY = 0.1  # seconds between two batches of streamed output
SLEEP_LIMIT = 10  # seconds: the longest time.sleep a cell may ask for
SLEEP_SLICE = 0.05  # seconds: a long sleep is cut into slices so that Stop can interrupt it in between

_scopes = {}  # scope name → the namespace (dict) its cells share


class CappedOutput:
    """A text stream that keeps the first `limit` characters and counts what it drops.

    If `sink` is given, kept text is also passed to it in batches at most every `FLUSH_EVERY` seconds, so a page can
    show output while a long cell is still running.
    """

    def __init__(self, limit=OUTPUT_LIMIT, sink=None, clock=time.monotonic):
        self.limit = limit
        self.sink = sink
        self.clock = clock
        self.kept = []
        self.kept_chars = 0
        self.dropped_chars = 0
        self.dropped_lines = 0
        self.pending = []
        self.last_flush = clock()

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = self.limit - self.kept_chars
        kept = text[: max(room, 0)]
        if kept:
            self.kept.append(kept)
            self.kept_chars += len(kept)
            self.pending.append(kept)
        if len(kept) < len(text):
            dropped = text[len(kept) :]
            self.dropped_chars += len(dropped)
            self.dropped_lines += dropped.count("\n")
        if self.sink is not None and self.pending and self.clock() - self.last_flush >= FLUSH_EVERY:
            self.flush()
        return len(text)

    def flush(self):
        if self.sink is not None and self.pending:
            self.sink("".join(self.pending))
            self.pending = []
            self.last_flush = self.clock()

    def isatty(self):
        return False

    def text(self):
        """Everything kept, with a note of what was cut."""
        kept = "".join(self.kept)
        if not self.dropped_chars:
            return kept
        if not kept.endswith("\n"):
            kept += "\n"
        return kept + truncation_note(self.dropped_chars, self.dropped_lines)


def truncation_note(chars, lines):
    """The line a reader sees where output was cut."""
    return (
        say(
            "… output truncated: {lines:,} more lines ({chars:,} characters) not shown. Print less, e.g. every 100th value.",
            lines=lines,
            chars=chars,
        )
        + "\n"
    )


def namespace(scope):
    """The namespace shared by the cells of `scope` (made on first use)."""
    if scope not in _scopes:
        _scopes[scope] = {"__name__": "__main__", "__builtins__": __builtins__, "input": _no_input}
    return _scopes[scope]


def reset(scope):
    """Forget every variable of `scope`, as if its page had just been opened."""
    _scopes.pop(scope, None)


def _no_input(prompt=""):
    """`input()` cannot wait for the keyboard inside the page."""
    raise PageLimit(
        say("input() cannot read from the keyboard in this page: put the value in the code instead, e.g. size = 1500")
    )


class PageLimit(RuntimeError):
    """Something a cell asked for that cannot work inside a web page (the message says what to do instead)."""


PageLimit.__module__ = "builtins"  # a traceback then reads "PageLimit: …", not "knobs_lab.runner.PageLimit: …"


def _sleep_for_the_page(seconds, sleep=time.sleep, clock=time.monotonic):
    """time.sleep for cells: at most SLEEP_LIMIT seconds, in slices so that Stop can interrupt it."""
    if not isinstance(seconds, (int, float)):
        raise TypeError(f"time.sleep() needs a number of seconds, not {type(seconds).__name__}")
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    if seconds > SLEEP_LIMIT:
        raise PageLimit(
            say(
                "time.sleep({seconds:g}) would freeze this cell for {seconds:g} s; in this page a sleep can last at most "
                "{limit} s. Use a shorter pause (or none: nothing here needs to wait).",
                seconds=seconds,
                limit=SLEEP_LIMIT,
            )
        )
    deadline = clock() + max(seconds, 0)
    while (left := deadline - clock()) > 0:
        sleep(min(left, SLEEP_SLICE))


def install_page_limits():
    """Make time.sleep safe for a page (called by the worker; never by the native tests or notebooks)."""
    if getattr(time.sleep, "__name__", "") != "_sleep_for_the_page":
        real_sleep = time.sleep

        def sleep(seconds):
            return _sleep_for_the_page(seconds, real_sleep)

        sleep.__name__ = "_sleep_for_the_page"
        sleep.__doc__ = _sleep_for_the_page.__doc__
        time.sleep = sleep


def _split_last_expression(tree):
    """Split a module into the statements to run and a final expression whose value the cell shows."""
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        return tree, last
    return tree, None


def run_cell(code, scope="page", cell="cell", sink=None):
    """Run `code` in the namespace of `scope`; return {"stdout", "stderr", "result", "error", "ok", "stopped"}.

    `result` is the repr of the last expression (None if the cell ends with a statement or the value is None);
    `error` is a traceback that starts at the reader's code, or None; `stopped` says the reader pressed Stop.
    The runner's own messages are in the page's language (see knobs_lab.words).
    """
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, not {type(code).__name__}")
    filename = f"<{cell}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    out, err = CappedOutput(sink=sink), CappedOutput()
    result, error, stopped = None, None, False
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        tree = ast.parse(code, filename, "exec")
        body, last = _split_last_expression(tree)
        names = namespace(scope)
        exec(compile(body, filename, "exec"), names)
        if last is not None:
            value = eval(compile(last, filename, "eval"), names)
            if value is not None:
                names["_"] = value
                result = _short_repr(value)
    except BaseException as exc:  # the reader's code may raise anything, KeyboardInterrupt included
        error = format_error(exc)
        stopped = isinstance(exc, KeyboardInterrupt)
    finally:
        sys.stdout, sys.stderr = saved
        out.flush()
    return {
        "stdout": out.text(),
        "stderr": err.text(),
        "result": result,
        "error": error,
        "ok": error is None,
        "stopped": stopped,
    }


def _short_repr(value):
    text = repr(value)
    if len(text) > RESULT_LIMIT:
        text = text[:RESULT_LIMIT] + say("… ({count:,} more characters)", count=len(text) - RESULT_LIMIT)
    return text


def format_error(exc):
    """A traceback of `exc` that leaves out this runner's own frames, with a plain-words hint where one helps."""
    if isinstance(exc, KeyboardInterrupt):
        return say(
            "Stopped: you pressed Stop, so Python interrupted the cell (variables set before it stopped are kept)."
        )
    report = traceback.TracebackException.from_exception(exc)
    for part in _chain(report):  # the runner's own frames (at the start, or input()/sleep at the end) are noise
        part.stack = traceback.StackSummary.from_list([f for f in part.stack if f.filename != __file__])
    text = "".join(report.format())
    hint = _hint(exc)
    return text + ("\n" + say("Hint: {hint}", hint=hint) + "\n" if hint else "")


def _chain(report):
    """`report` and the exceptions it was raised from or during."""
    seen = []
    while report is not None and report not in seen:
        seen.append(report)
        report = report.__cause__ or report.__context__
    return seen


def _hint(exc):
    if isinstance(exc, MemoryError):
        return say(
            "the code asked for more memory than Python in this page can have (about 4 GB). "
            "Use smaller numbers (e.g. 10**6 items, not 10**10). Variables made before are kept: "
            "`del` a big one, or reload the page, to free its memory."
        )
    if isinstance(exc, OverflowError) and "index-sized" in str(exc):
        return say(
            "that is more items than a list or string in this page can ever hold (about 2 billion). "
            "Use smaller numbers, e.g. 10**6."
        )
    if isinstance(exc, RecursionError):
        return say("a function kept calling itself without stopping; check its base case.")
    if isinstance(exc, ModuleNotFoundError) and exc.name and exc.name.split(".")[0] not in sys.stdlib_module_names:
        return say(
            "only Python's standard library and the course package `knobs` run in this page. "
            "numpy and other packages work in the companion notebooks on your own machine."
        )
    return None
