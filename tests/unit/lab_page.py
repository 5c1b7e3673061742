"""A lab's bridge called the way its page calls it: by name through `calls.call`, so its settings are checked and its
run is kept under the lab's id, exactly as in the browser."""

from knobs_lab import lab_runs
from knobs_lab.calls import call


def page(bridge):
    """`ask(function, **args)` for `bridge` (a module): what the page's `lab.call(function, args)` gets back."""
    name = bridge.__name__.rsplit(".", 1)[1]

    def ask(function, **args):
        return call(f"{name}.{function}", args)

    return ask


def run_of(bridge, lab):
    """The run the lab `lab` of `bridge` has started (kept by the protocol, not by the bridge)."""
    return lab_runs.kept(bridge.__name__, lab)
