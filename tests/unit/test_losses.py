"""Losses against numpy, and their gradients against finite differences."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knobs import losses

rng = np.random.default_rng(0)


def numpy_softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def finite_difference(function, values, h=1e-6):
    values = np.asarray(values, dtype=float)
    gradient = np.zeros_like(values)
    for index in np.ndindex(values.shape):
        up, down = values.copy(), values.copy()
        up[index] += h
        down[index] -= h
        gradient[index] = (function(up.tolist()) - function(down.tolist())) / (2 * h)
    return gradient


def test_mean_squared_error_matches_numpy():
    p, t = rng.normal(size=20), rng.normal(size=20)
    assert losses.mean_squared_error(p.tolist(), t.tolist()) == pytest.approx(np.mean((p - t) ** 2))


def test_mean_squared_error_gradient_matches_finite_differences():
    p, t = rng.normal(size=7).tolist(), rng.normal(size=7).tolist()
    expected = finite_difference(lambda q: losses.mean_squared_error(q, t), p)
    np.testing.assert_allclose(losses.mean_squared_error_gradient(p, t), expected, rtol=1e-6)


def test_binary_cross_entropy_matches_numpy():
    p = rng.uniform(0.01, 0.99, size=30)
    y = rng.integers(0, 2, size=30)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert losses.binary_cross_entropy(p.tolist(), y.tolist()) == pytest.approx(expected)


def test_binary_cross_entropy_of_a_certain_mistake_is_large_but_finite():
    assert losses.binary_cross_entropy([0.0], [1]) == pytest.approx(-math.log(1e-12))


def test_binary_cross_entropy_gradient_matches_finite_differences():
    p = rng.uniform(0.1, 0.9, size=6).tolist()
    y = [0, 1, 1, 0, 1, 0]
    expected = finite_difference(lambda q: losses.binary_cross_entropy(q, y), p)
    np.testing.assert_allclose(losses.binary_cross_entropy_gradient(p, y), expected, rtol=1e-5)


def test_cross_entropy_from_logits_equals_cross_entropy_of_sigmoid():
    z = rng.normal(scale=3, size=25)
    y = rng.integers(0, 2, size=25)
    p = 1 / (1 + np.exp(-z))
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert losses.binary_cross_entropy_from_logits(z.tolist(), y.tolist()) == pytest.approx(expected)


def test_cross_entropy_from_logits_is_stable_for_huge_logits():
    # log(1 + e^1000) = 1000 (and a tiny bit): numpy's logaddexp is the oracle
    loss = losses.binary_cross_entropy_from_logits([1000.0, -1000.0], [0, 1])
    assert loss == pytest.approx(np.mean([np.logaddexp(0, 1000), np.logaddexp(0, 1000)]))


def test_cross_entropy_from_logits_gradient_is_prediction_minus_label():
    z = rng.normal(size=5).tolist()
    y = [1, 0, 0, 1, 1]
    expected = finite_difference(lambda q: losses.binary_cross_entropy_from_logits(q, y), z)
    np.testing.assert_allclose(losses.binary_cross_entropy_from_logits_gradient(z, y), expected, rtol=1e-5)


def test_softmax_matches_numpy_and_adds_up_to_one():
    z = rng.normal(size=6)
    probabilities = losses.softmax(z.tolist())
    np.testing.assert_allclose(probabilities, numpy_softmax(z))
    assert sum(probabilities) == pytest.approx(1)


def test_softmax_of_huge_logits_does_not_overflow():
    probabilities = losses.softmax([1000.0, 999.0, -1000.0])
    np.testing.assert_allclose(probabilities, numpy_softmax([1000.0, 999.0, -1000.0]))
    assert all(math.isfinite(p) for p in probabilities)


def test_log_softmax_matches_numpy_for_huge_logits():
    z = np.array([1000.0, 0.0, -1000.0])
    expected = z - (z.max() + np.log(np.sum(np.exp(z - z.max()))))
    np.testing.assert_allclose(losses.log_softmax(z.tolist()), expected)


def test_categorical_cross_entropy_matches_numpy_even_for_huge_logits():
    logits = rng.normal(scale=2, size=(10, 4))
    logits[0] = [1000.0, -1000.0, 0.0, 500.0]
    labels = rng.integers(0, 4, size=10)
    largest = logits.max(axis=1, keepdims=True)
    log_probabilities = logits - largest - np.log(np.exp(logits - largest).sum(axis=1, keepdims=True))
    expected = -np.mean(log_probabilities[np.arange(10), labels])
    assert losses.categorical_cross_entropy(logits.tolist(), labels.tolist()) == pytest.approx(expected)


def test_categorical_cross_entropy_gradient_matches_finite_differences():
    logits = rng.normal(size=(4, 3))
    labels = [0, 2, 1, 2]
    expected = finite_difference(lambda q: losses.categorical_cross_entropy(q, labels), logits)
    np.testing.assert_allclose(
        losses.categorical_cross_entropy_gradient(logits.tolist(), labels), expected, rtol=1e-5, atol=1e-9
    )


def test_l2_penalty_sums_squared_weights_and_skips_biases():
    parameters = {"layer1.weights": [[1.0, -2.0], [3.0, 0.5]], "layer1.bias": [10.0, 10.0], "weight": 2.0}
    assert losses.l2_penalty(parameters, 0.1) == pytest.approx(0.1 * (1 + 4 + 9 + 0.25 + 4))


def test_l2_penalty_gradient_matches_finite_differences():
    weights = rng.normal(size=(2, 3))
    function = lambda w: losses.l2_penalty({"w": w, "bias": [1.0]}, 0.3)  # noqa: E731
    gradient = losses.l2_penalty_gradient({"w": weights.tolist(), "bias": [1.0]}, 0.3)
    np.testing.assert_allclose(gradient["w"], finite_difference(function, weights), rtol=1e-6)
    assert gradient["bias"] == [0.0]


def test_losses_reject_mismatched_lengths_naming_the_argument():
    with pytest.raises(ValueError, match="targets"):
        losses.mean_squared_error([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="labels"):
        losses.binary_cross_entropy([0.5], [2])
    with pytest.raises(ValueError, match="labels"):
        losses.categorical_cross_entropy([[1.0, 2.0]], [5])
    with pytest.raises(ValueError, match="strength"):
        losses.l2_penalty({"w": 1.0}, -1)


# --- the fast paths give exactly what the readable functions give ------------------------

batches = st.integers(1, 6).flatmap(
    lambda n: st.integers(2, 5).flatmap(
        lambda k: st.tuples(
            st.lists(st.lists(st.floats(-30, 30), min_size=k, max_size=k), min_size=n, max_size=n),
            st.lists(st.integers(0, k - 1), min_size=n, max_size=n),
        )
    )
)


@settings(max_examples=60, deadline=None)
@given(batches)
def test_fast_softmax_and_cross_entropy_equal_the_readable_ones(batch):
    rows, labels = batch
    assert losses.fast_softmax_rows(rows) == [losses.softmax(row) for row in rows]
    loss, gradient = losses.fast_cross_entropy(rows, labels)
    assert loss == pytest.approx(losses.categorical_cross_entropy(rows, labels), rel=1e-12, abs=1e-12)
    assert np.allclose(gradient, losses.categorical_cross_entropy_gradient(rows, labels), rtol=1e-12, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 8).flatmap(
        lambda n: st.tuples(
            st.lists(st.floats(-40, 40), min_size=n, max_size=n), st.lists(st.integers(0, 1), min_size=n, max_size=n)
        )
    )
)
def test_fast_logistic_loss_equals_the_readable_one(batch):
    logits, labels = batch
    loss, gradient = losses.fast_binary_cross_entropy_from_logits(logits, labels)
    assert loss == losses.binary_cross_entropy_from_logits(logits, labels)
    assert gradient == losses.binary_cross_entropy_from_logits_gradient(logits, labels)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 8).flatmap(
        lambda n: st.tuples(
            st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n),
            st.lists(st.floats(-1e3, 1e3), min_size=n, max_size=n),
        )
    )
)
def test_fast_squared_error_equals_the_readable_one(batch):
    predictions, targets = batch
    loss, gradient = losses.fast_mean_squared_error([predictions], [targets])
    assert loss == losses.mean_squared_error(predictions, targets)
    assert np.allclose(gradient[0], losses.mean_squared_error_gradient(predictions, targets), rtol=1e-12, atol=0)
    two = losses.fast_mean_squared_error([predictions, targets], [targets, predictions])[0]
    assert two == pytest.approx(losses.mean_squared_error(predictions + targets, targets + predictions), rel=1e-12)
