"""Activations: each derivative against finite differences; the registry by name."""

import numpy as np
import pytest

from knobs import activations

POINTS = [-3.0, -0.5, 0.1, 0.7, 2.5]


@pytest.mark.parametrize("name", sorted(activations.ACTIVATIONS))
def test_derivative_matches_finite_differences(name):
    function, derivative = activations.get(name)
    h = 1e-6
    for z in POINTS:
        expected = (function(z + h) - function(z - h)) / (2 * h)
        assert derivative(z) == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_functions_match_numpy():
    z = np.array(POINTS)
    np.testing.assert_allclose([activations.tanh(v) for v in z], np.tanh(z))
    np.testing.assert_allclose([activations.sigmoid(v) for v in z], 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose([activations.relu(v) for v in z], np.maximum(z, 0))


def test_sigmoid_does_not_overflow_for_huge_inputs():
    assert activations.sigmoid(-1000.0) == 0.0
    assert activations.sigmoid(1000.0) == 1.0


def test_unknown_activation_names_the_argument_and_the_choices():
    with pytest.raises(ValueError, match="activation.*'tanh'.*'relu'"):
        activations.get("swish")


@pytest.mark.parametrize("name", sorted(activations.ACTIVATIONS))
def test_fast_path_matches_the_readable_function_and_derivative(name):
    entry = activations.ACTIVATIONS[name]
    zs = [-3.0, -0.5, 0.0, 0.1, 0.7, 2.5]
    outputs = entry.forward(iter(zs))  # the network passes a lazy column
    assert outputs == [entry.function(z) for z in zs]
    gradients = [0.3, -1.2, 0.8, 2.0, -0.4, 1.1]
    expected = [g * entry.derivative(z) for g, z in zip(gradients, zs)]
    assert np.allclose(entry.backward(iter(gradients), outputs), expected, rtol=1e-12, atol=1e-15)


def test_fast_sigmoid_is_sigmoid_without_the_check():
    for z in (-800.0, -3.0, 0.0, 0.5, 40.0):
        assert activations.fast_sigmoid(z) == activations.sigmoid(z)
    with pytest.raises(TypeError, match="z"):
        activations.sigmoid("1")
