"""Nested lists of numbers: the form every knob takes.

A model's knobs are plain numbers (a bias), lists of numbers (a row of weights) or
lists of lists (a weight table, one row per neuron). These few helpers walk such a
value number by number, so optimisers, penalties and saving never care how deep it is.

In scope: copy, count, shape, zeros, map and total over nested lists (and ``all_finite``
over a dict of them), and ``dot``, the dot product of two rows. Left out on purpose: broadcasting, slicing and anything else
numpy does — the course's maths uses these and ``sum``/``zip``, nothing more.
"""

import builtins
import math
from itertools import chain
from operator import mul

_PLAIN = frozenset((float, int))  # number types a row may hold (bool is not one of them)
_LIST = {list}


def copy(value):
    """A copy of a number or nested list that shares nothing with the original."""
    if isinstance(value, list):
        if list not in set(builtins.map(type, value)):
            return list(value)  # a row of numbers: one shallow copy is enough
        return [copy(item) for item in value]
    return value


def count(value):
    """How many numbers a number (1) or nested list holds."""
    if isinstance(value, list):
        return sum(count(item) for item in value)
    return 1


def shape(value):
    """(rows, columns, …) of a nested list of numbers, () for a number; None if ragged or not numbers."""
    if isinstance(value, list):
        if not value:
            return (0,)
        kinds = set(builtins.map(type, value))
        if kinds <= _PLAIN:  # fast path: a row of plain numbers
            return (len(value),)
        if (
            kinds == _LIST
            and len(set(builtins.map(len, value))) == 1
            and value[0]
            and set(builtins.map(type, chain.from_iterable(value))) <= _PLAIN
        ):  # fast path: a table of numbers
            return (len(value), len(value[0]))
        inner = {shape(item) for item in value}
        if len(inner) != 1 or None in inner:
            return None
        return (len(value),) + inner.pop()
    return () if isinstance(value, (int, float)) and not isinstance(value, bool) else None


# A dot product of two rows, Σ aᵢ·bᵢ: math.sumprod (Python 3.12+, in the browser too) runs in C;
# older Pythons get the same sum in one line.
dot = getattr(math, "sumprod", None) or (lambda a, b: sum(builtins.map(mul, a, b)))


def zeros_like(value):
    """0.0 in place of every number of ``value``."""
    if isinstance(value, list):
        return [zeros_like(item) for item in value]
    return 0.0


def map(function, *values):
    """Apply ``function`` number by number to nested lists of the same shape: ``map(add, a, b)`` is a + b."""
    first = values[0]
    if isinstance(first, list):
        if first and not isinstance(first[0], list):
            return list(builtins.map(function, *values))  # fast path: a row of numbers
        return [map(function, *items) for items in zip(*values)]
    return function(*values)


def total(value):
    """The sum of every number, row by row."""
    if isinstance(value, list):
        return sum(total(item) for item in value)
    return value


def all_finite(value):
    """True if a number, or every number in nested lists / a dict of them, is finite."""
    if isinstance(value, dict):
        return all(all_finite(item) for item in value.values())
    if isinstance(value, list):
        if value and not isinstance(value[0], list):
            return all(builtins.map(math.isfinite, value))  # fast path: a row of numbers
        if value and value[0] and not isinstance(value[0][0], list) and set(builtins.map(type, value)) == _LIST:
            return all(builtins.map(math.isfinite, chain.from_iterable(value)))  # fast path: a table of numbers
        return all(all_finite(item) for item in value)
    return math.isfinite(value)
