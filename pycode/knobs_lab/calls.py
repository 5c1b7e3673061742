"""The functions a page may call by name, e.g. `call("about.runtime", {})`, and the protocol every lab shares.

A name is `module.function`, where `module` is a module of this package and `function` is listed in that module's
`PAGE_CALLS`; nothing else can be reached from the page. Arguments arrive as one dict of plain values and are passed
as keyword arguments; the answer must be plain data (numbers, strings, lists, dicts) so it crosses to JavaScript
unchanged. Python speaks the page's language: the worker hands its table to `knobs_lab.words.use` once.

What every lab bridge (`<name>_lab`) would otherwise write itself is done here, once, from the function's
signature, so a bridge only turns values into `knobs` calls and results into plain data:
- a function that takes `settings` gets them checked against the bridge's `SETTINGS` (`lab_settings.clamp`:
  defaults filled in, out-of-range values moved into range), and its answer carries the `settings` used and the
  `notices` of what was moved (before any notices of its own);
- the page's `lab` (the lab's id) belongs to the protocol: a function that returns a `"run"` in its answer starts
  that lab's run, which is kept (`lab_runs`), not sent; a function that takes `run` gets the lab's run;
- the answer carries `tasks`: the ids of the bridge's `TASKS` that this answer meets.
"""

import importlib
import inspect

from . import lab_runs
from .lab_settings import clamp


def call(name, args=None):
    """Call the page-callable function `name` with the keyword arguments in `args`; return its plain-data answer."""
    module, function = _page_function(name)
    if args is None:
        args = {}
    if not isinstance(args, dict):
        raise TypeError(f"args must be a dict, not {type(args).__name__}")
    given = dict(args)
    lab = given.pop("lab", None)
    takes = inspect.signature(function).parameters
    notices = []
    if "settings" in takes:
        given["settings"], notices = clamp(module.SETTINGS, given.get("settings"))
    if "run" in takes:
        if lab is None:
            raise ValueError(f"lab: {name} needs the id of the lab whose run it continues")
        given["run"] = lab_runs.kept(module.__name__, lab)
    elif lab is not None:
        lab_runs.check_lab(lab)
    answer = function(**given)
    if isinstance(answer, dict) and "run" in answer:
        if lab is None:
            raise ValueError(f"lab: {name} starts a run, which is kept under the lab's id; none was given")
        lab_runs.keep(module.__name__, lab, answer.pop("run"))
    if "settings" in takes and isinstance(answer, dict):
        answer = {"settings": given["settings"], **answer, "notices": [*notices, *answer.get("notices", ())]}
    tasks = getattr(module, "TASKS", ())
    if tasks and isinstance(answer, dict):
        answer["tasks"] = [task.id for task in tasks if task.reached(answer, args)]
    return answer


def _page_function(name):
    """The module and function that `name` ("module.function") reaches, if the module lists it in PAGE_CALLS."""
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
    return module, getattr(module, function_name)
