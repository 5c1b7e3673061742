"""The functions a page may call by name, e.g. `call("about.runtime", {})`.

A name is `module.function`, where `module` is a module of this package and `function` is listed in that module's
`PAGE_CALLS`; nothing else can be reached from the page. Arguments arrive as one dict of plain values and are passed
as keyword arguments; the answer must be plain data (numbers, strings, lists, dicts) so it crosses to JavaScript
unchanged. A lab bridge's answers also carry `tasks`: the ids of its TASKS that this answer meets. `words` is the
page language's table (web/src/words.js, as for a cell): what the function says to the reader, it says in that language.
"""

import importlib

from . import words as _words


def call(name, args=None, words=None):
    """Call the page-callable function `name` with the keyword arguments in `args`; return its plain-data answer,
    its messages in the language of `words` ({English: translation}; none: English)."""
    if not isinstance(name, str) or name.count(".") != 1:
        raise ValueError(f"name must look like 'module.function', got {name!r}")
    module_name, function_name = name.split(".")
    if not module_name.isidentifier() or module_name.startswith("_"):
        raise ValueError(f"name: no page module called {module_name!r}")
    try:
        module = importlib.import_module(f"{__package__}.{module_name}")
    except ModuleNotFoundError:
        raise ValueError(f"name: no page module called {module_name!r}") from None
    if function_name not in getattr(module, "PAGE_CALLS", ()):
        raise ValueError(f"name: {module_name} has no page function {function_name!r}")
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise TypeError(f"args must be a dict, not {type(args).__name__}")
    _words.use(words)
    answer = getattr(module, function_name)(**args)
    tasks = getattr(module, "TASKS", ())
    if tasks and isinstance(answer, dict):
        answer["tasks"] = [task.id for task in tasks if task.reached(answer, args)]
    return answer
