"""The bridge between the course pages and `knobs`.

The page's Python worker calls only this package. It turns what a reader did in the page (ran a cell, moved a
slider) into calls of the `knobs` library and returns plain data: strings, numbers, lists and dicts. It knows nothing
of the browser either, so every part of it is tested natively.

- `runner` runs a code cell the way a notebook does: shared namespace per page, output captured and capped,
  tracebacks that point at the reader's line.
- `<name>_lab` is lab *name*: its settings and layout (`lab_settings`) and the functions its page script calls.
- `exercise` runs a reader's answer to a code exercise against its checker: a function of `exercises` (the
  lessons') or `autograd_exercises` (the engineer's track), registered by `@checker` from `checking`, the module
  below them all that holds what checkers share; `guess` judges a guess of what a cell prints.
- `calls` is the one door from the page: `module.function`, only for functions a module lists in `PAGE_CALLS`; it
  also holds the protocol every lab shares (settings checked and echoed with notices, a lab's run kept in
  `lab_runs` under the lab's id).
"""
