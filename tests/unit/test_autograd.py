"""Autograd: every operation's gradient against central finite differences."""

import math

import numpy as np
import pytest

from knobs.autograd import Value, total

H = 1e-6

OPERATIONS = {  # name → (function of two numbers/Values, a, b)
    "add": (lambda a, b: a + b, 1.5, -2.0),
    "radd": (lambda a, b: 3.0 + a, 1.5, -2.0),
    "sub": (lambda a, b: a - b, 1.5, -2.0),
    "rsub": (lambda a, b: 3.0 - a, 1.5, -2.0),
    "mul": (lambda a, b: a * b, 1.5, -2.0),
    "rmul": (lambda a, b: 3.0 * a, 1.5, -2.0),
    "div": (lambda a, b: a / b, 1.5, -2.0),
    "rdiv": (lambda a, b: 3.0 / a, 1.5, -2.0),
    "pow": (lambda a, b: a**3, 1.5, -2.0),
    "sqrt": (lambda a, b: a**0.5, 1.5, -2.0),
    "neg": (lambda a, b: -a, 1.5, -2.0),
    "tanh": (lambda a, b: a.tanh() if isinstance(a, Value) else math.tanh(a), 0.7, 0.0),
    "exp": (lambda a, b: a.exp() if isinstance(a, Value) else math.exp(a), 0.7, 0.0),
    "log": (lambda a, b: a.log() if isinstance(a, Value) else math.log(a), 0.7, 0.0),
    "relu_positive": (lambda a, b: a.relu() if isinstance(a, Value) else max(a, 0.0), 0.7, 0.0),
    "relu_negative": (lambda a, b: a.relu() if isinstance(a, Value) else max(a, 0.0), -0.7, 0.0),
    "sigmoid": (lambda a, b: a.sigmoid() if isinstance(a, Value) else 1 / (1 + math.exp(-a)), -0.7, 0.0),
    "abs": (lambda a, b: a.abs() if isinstance(a, Value) else abs(a), -0.7, 0.0),
    "mixed": (
        lambda a, b: (
            (a * b + b**2).tanh() * a.exp() / (b * b + 1)
            if isinstance(a, Value)
            else math.tanh(a * b + b**2) * math.exp(a) / (b * b + 1)
        ),
        0.3,
        -0.8,
    ),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_operation_gradient_matches_finite_differences(name):
    function, a, b = OPERATIONS[name]
    x, y = Value(a), Value(b)
    out = function(x, y)
    out.backward()
    assert out.data == pytest.approx(function(a, b))
    da = (function(a + H, b) - function(a - H, b)) / (2 * H)
    db = (function(a, b + H) - function(a, b - H)) / (2 * H)
    assert x.grad == pytest.approx(da, rel=1e-6, abs=1e-8)
    assert y.grad == pytest.approx(db, rel=1e-6, abs=1e-8)


def test_a_value_used_twice_gets_both_gradients():
    a = Value(3.0)
    out = a * a + a  # d/da = 2a + 1 = 7
    out.backward()
    assert a.grad == pytest.approx(7.0)


def test_backward_handles_long_chains_without_recursion_errors():
    out = total(Value(float(i)) for i in range(5000))
    out.backward()
    assert out.data == sum(range(5000))


def test_matches_numpy_for_a_small_neuron():
    w, x, b = np.array([0.5, -1.5]), np.array([2.0, 0.25]), 0.1
    weights = [Value(v) for v in w]
    out = (total(wi * xi for wi, xi in zip(weights, x)) + b).tanh()
    out.backward()
    expected = (1 - np.tanh(w @ x + b) ** 2) * x
    np.testing.assert_allclose([v.grad for v in weights], expected)


def test_log_of_non_positive_names_the_problem():
    with pytest.raises(ValueError, match="log"):
        Value(0.0).log()


def test_value_rejects_non_numbers():
    with pytest.raises(TypeError, match="data"):
        Value("3")
