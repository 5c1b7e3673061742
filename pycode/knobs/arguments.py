"""Argument checks at the public boundary.

Every check raises ``ValueError`` or ``TypeError`` whose message starts with the
argument's name ("learning_rate: must be greater than 0, got -1"), so a learner
knows which input to fix. Checks return the value in the plain form the maths
expects (lists of floats, lists of lists).

Left out on purpose: checks deep inside the maths, which trust what these let through.
"""

import math
from itertools import chain
from numbers import Integral, Real

from knobs import nested


def _as_list(values, name):
    """Turn a list, tuple or array-like (anything with ``tolist``) into a list."""
    if hasattr(values, "tolist") and not isinstance(values, (list, tuple)):
        values = values.tolist()
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{name}: expected a list, got {type(values).__name__}")
    return values


def number(value, name):
    """A finite real number (not a bool), returned as float."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name}: must be a finite number, got {value}")
    return value


def positive_number(value, name):
    """A finite number greater than 0."""
    value = number(value, name)
    if value <= 0:
        raise ValueError(f"{name}: must be greater than 0, got {value:g}")
    return value


def non_negative_number(value, name):
    """A finite number greater than or equal to 0."""
    value = number(value, name)
    if value < 0:
        raise ValueError(f"{name}: must be 0 or more, got {value:g}")
    return value


def integer(value, name, minimum=None):
    """A whole number (not a bool), at least ``minimum`` when given."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name}: expected a whole number, got {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name}: must be at least {minimum}, got {value}")
    return value


def word(value, name):
    """One word: a non-empty str without spaces."""
    if not isinstance(value, str):
        raise TypeError(f"{name}: expected a word, got {type(value).__name__}")
    if not value or value.split() != [value]:
        raise ValueError(f"{name}: expected one word without spaces, got {value!r}")
    return value


def choice(value, name, options):
    """One of a fixed set of names."""
    if value not in options:
        valid = ", ".join(repr(option) for option in options)
        raise ValueError(f"{name}: unknown value {value!r}; choose one of {valid}")
    return value


_PLAIN = frozenset((float, int))  # the common case, checked quickly before the general one


def numbers(values, name, length=None):
    """A non-empty list of finite numbers (``length`` of them, when given), returned as a list of floats."""
    values = _as_list(values, name)
    if not values:
        raise ValueError(f"{name}: is empty; give at least one number")
    if length is not None and len(values) != length:
        raise ValueError(f"{name}: expected {length} numbers, got {len(values)}")
    if set(map(type, values)) <= _PLAIN:  # fast path: plain floats and ints
        result = list(map(float, values))
        if all(map(math.isfinite, result)):
            return result
    result = []
    for index, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise TypeError(f"{name}[{index}]: expected a number, got {type(value).__name__}")
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{name}[{index}]: must be a finite number, got {value}")
        result.append(value)
    return result


def knob(value, name):
    """A number or nested lists of finite numbers (one parameter, or its gradient); returns its shape."""
    if type(value) is float and math.isfinite(value):
        return ()  # fast path: a single knob such as a bias
    shape = nested.shape(value)
    if shape is None:
        raise TypeError(f"{name}: expected a number or nested lists of numbers")
    if not nested.all_finite(value):
        raise ValueError(f"{name}: must hold finite numbers")
    return shape


def points(values, name, width=None):
    """A non-empty list of points, each a list of ``width`` finite numbers."""
    values = _as_list(values, name)
    if not values:
        raise ValueError(f"{name}: is empty; give at least one example")
    kinds = _plain_points(values, width)
    if kinds == {float}:  # fast path: lists of plain floats, all finite: nothing to convert
        return values if isinstance(values, list) else list(values)
    if kinds:  # plain floats and ints: convert the ints
        return [list(map(float, point)) for point in values]
    result = []
    for index, point in enumerate(values):
        point = numbers(point, f"{name}[{index}]")
        if width is None:
            width = len(point)
        elif len(point) != width:
            raise ValueError(f"{name}[{index}]: expected {width} numbers, got {len(point)}")
        result.append(point)
    return result


def _plain_points(values, width):
    """The set of number types if every point is a list of ``width`` finite plain
    floats or ints; an empty set if the slow, careful check is needed."""
    if width is None:
        width = len(values[0]) if type(values[0]) is list else -1
    if width <= 0 or set(map(type, values)) != {list} or set(map(len, values)) != {width}:
        return set()
    kinds = set(map(type, chain.from_iterable(values)))
    if not kinds <= _PLAIN or not all(map(math.isfinite, chain.from_iterable(values))):
        return set()
    return kinds


def labels(values, name, classes=2):
    """A non-empty list of class labels: whole numbers 0 .. classes - 1."""
    values = _as_list(values, name)
    if not values:
        raise ValueError(f"{name}: is empty; give at least one label")
    if set(map(type, values)) == {int} and set(values) <= set(range(classes)):
        return values if isinstance(values, list) else list(values)  # fast path
    result = []
    for index, value in enumerate(values):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool):
            value = int(value)
        if not isinstance(value, Integral) or not 0 <= value < classes:
            raise ValueError(f"{name}[{index}]: expected a class label from 0 to {classes - 1}, got {value!r}")
        result.append(int(value))
    return result


def same_length(first, second, first_name, second_name):
    """Two lists that pair up one to one."""
    if len(first) != len(second):
        raise ValueError(
            f"{second_name}: has {len(second)} items but {first_name} has {len(first)}; they must pair up one to one"
        )
