"""Central finite differences: the independent oracle for every hand-written gradient.

d loss / d knob ≈ (loss(knob + h) − loss(knob − h)) / 2h, one knob at a time.
"""

import copy

import numpy as np


def flatten(value):
    """A number or nested list → a flat numpy array."""
    return np.asarray(value, dtype=float).ravel()


def numerical_gradients(model, x, y, h=1e-6):
    """Finite-difference gradients of ``model.loss(x, y)`` for every parameter (same shapes)."""
    original = model.parameters()
    result = {}
    for name, value in original.items():
        flat = flatten(value)
        estimate = np.zeros_like(flat)
        for index in range(flat.size):
            for sign in (1, -1):
                nudged = flat.copy()
                nudged[index] += sign * h
                parameters = copy.deepcopy(original)
                parameters[name] = nudged.reshape(np.shape(value)).tolist() if np.ndim(value) else float(nudged[0])
                model.set_parameters(parameters)
                estimate[index] += sign * model.loss(x, y)
        result[name] = estimate / (2 * h)
    model.set_parameters(original)
    return result


def assert_gradients_close(actual, expected, rtol=1e-5, atol=1e-7):
    """Same names, same shapes, close numbers."""
    assert set(actual) == set(expected)
    for name in expected:
        assert (
            np.shape(actual[name]) == np.shape(expected[name])
            or flatten(actual[name]).size == flatten(expected[name]).size
        ), name
        np.testing.assert_allclose(flatten(actual[name]), flatten(expected[name]), rtol=rtol, atol=atol, err_msg=name)
