"""A lab's run: what a lab keeps between two calls from the page (a network being trained, a replay), by lab id.

A page function that starts a run returns it in its answer as ``"run"``; ``calls.call`` keeps it here under the
bridge and the lab's id (the page sends ``lab``) and passes it to that lab's later calls whose function takes a
``run`` argument. Starting again replaces the lab's run. Keyed by bridge too, so two kinds of lab never share a run.

Left out on purpose: forgetting runs. A page holds a handful of labs and each keeps only its latest run.
"""

_runs = {}  # (bridge module name, lab id) → the lab's run


def check_lab(lab):
    """The lab's id as the page sends it (``data-lab-id``): a non-empty string."""
    if not isinstance(lab, str):
        raise TypeError(f"lab: expected the lab's id (a str), got {type(lab).__name__}")
    if not lab:
        raise ValueError("lab: expected the lab's id, got ''")
    return lab


def keep(bridge, lab, run):
    """Keep `run` as the run of lab `lab` of `bridge` (a module name), replacing any earlier one."""
    _runs[bridge, check_lab(lab)] = run


def kept(bridge, lab):
    """The run lab `lab` of `bridge` started; ValueError if it has none yet (the page must start it first)."""
    key = (bridge, check_lab(lab))
    if key not in _runs:
        raise ValueError(f"lab: no run started for {lab!r}; start it first")
    return _runs[key]
