"""Optimisers: one step against the textbook formulas written in numpy."""

import math

import numpy as np
import pytest

from knobs.optim import SGD, Adam, Momentum, make


def knobs():
    return {"layer1.weights": [[1.0, -2.0], [0.5, 0.0]], "layer1.bias": [0.1, 0.2], "weight": 3.0}


def gradients(scale=1.0):
    return {"layer1.weights": [[0.3 * scale, -0.1], [0.0, 2.0]], "layer1.bias": [1.0, -1.0], "weight": -0.5 * scale}


def as_arrays(tree):
    return {name: np.array(value, dtype=float) for name, value in tree.items()}


def test_sgd_steps_against_the_gradient():
    parameters = SGD(0.1).step(knobs(), gradients())
    expected = {n: p - 0.1 * g for (n, p), g in zip(as_arrays(knobs()).items(), as_arrays(gradients()).values())}
    for name in expected:
        np.testing.assert_allclose(parameters[name], expected[name])


def test_momentum_matches_numpy_over_three_steps():
    optimiser = Momentum(0.1, momentum=0.8)
    parameters = knobs()
    p, v = as_arrays(knobs()), {n: 0.0 for n in knobs()}
    for scale in (1.0, 2.0, -1.0):
        optimiser.step(parameters, gradients(scale))
        for name, g in as_arrays(gradients(scale)).items():
            v[name] = 0.8 * v[name] - 0.1 * g
            p[name] = p[name] + v[name]
    for name in p:
        np.testing.assert_allclose(parameters[name], p[name])


def test_adam_matches_numpy_over_three_steps():
    optimiser = Adam(0.05, beta1=0.9, beta2=0.99, eps=1e-8)
    parameters = knobs()
    p = as_arrays(knobs())
    m = {n: 0.0 for n in p}
    v = {n: 0.0 for n in p}
    for t, scale in enumerate((1.0, 2.0, -1.0), start=1):
        optimiser.step(parameters, gradients(scale))
        for name, g in as_arrays(gradients(scale)).items():
            m[name] = 0.9 * m[name] + 0.1 * g
            v[name] = 0.99 * v[name] + 0.01 * g * g
            m_hat, v_hat = m[name] / (1 - 0.9**t), v[name] / (1 - 0.99**t)
            p[name] = p[name] - 0.05 * m_hat / (np.sqrt(v_hat) + 1e-8)
    for name in p:
        np.testing.assert_allclose(parameters[name], p[name])


@pytest.mark.parametrize("optimiser", [SGD(0.1), Momentum(0.1), Adam(0.1)])
def test_frozen_names_and_prefixes_are_not_changed(optimiser):
    parameters = optimiser.step(knobs(), gradients(), frozen=("layer1",))
    assert parameters["layer1.weights"] == knobs()["layer1.weights"]
    assert parameters["layer1.bias"] == knobs()["layer1.bias"]
    assert parameters["weight"] != knobs()["weight"]


def test_a_prefix_does_not_freeze_a_longer_layer_number():
    parameters = {"layer1.bias": [0.0], "layer10.bias": [0.0]}
    SGD(1.0).step(parameters, {"layer1.bias": [1.0], "layer10.bias": [1.0]}, frozen=("layer1",))
    assert parameters == {"layer1.bias": [0.0], "layer10.bias": [-1.0]}


@pytest.mark.parametrize("learning_rate", [0, -0.1, math.nan, math.inf])
@pytest.mark.parametrize("kind", [SGD, Momentum, Adam])
def test_bad_learning_rate_raises_value_error_naming_it(kind, learning_rate):
    with pytest.raises(ValueError, match="learning_rate"):
        kind(learning_rate)


@pytest.mark.parametrize("learning_rate", ["0.1", None, True])
def test_non_number_learning_rate_raises_type_error_naming_it(learning_rate):
    with pytest.raises(TypeError, match="learning_rate"):
        SGD(learning_rate)


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="momentum"):
        Momentum(0.1, momentum=1.5)
    with pytest.raises(ValueError, match="beta1"):
        Adam(0.1, beta1=1.0)
    with pytest.raises(ValueError, match="gradients"):
        SGD(0.1).step({"a": 1.0}, {"b": 1.0})
    with pytest.raises(ValueError, match="optimiser"):
        make("rmsprop", 0.1)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_apply_makes_the_same_steps_as_step_without_its_checks(name):
    checked, unchecked = make(name, 0.1), make(name, 0.1)
    a = {"layer1.weights": [[1.0, -2.0], [0.5, 3.0]], "layer1.bias": [0.25, -0.5], "layer2.bias": 2.0}
    b = dict(a)
    gradient = {"layer1.weights": [[0.3, -0.1], [2.0, 0.0]], "layer1.bias": [1.0, -1.0], "layer2.bias": 0.5}
    for _ in range(3):
        checked.step(a, gradient, frozen="layer2")
        unchecked.apply(b, gradient, frozen=("layer2",))
    assert a == b and a["layer2.bias"] == 2.0 and a["layer1.bias"] != [0.25, -0.5]
