"""Property tests: shapes, seeds and argument errors hold for many generated inputs."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knobs import data, losses
from knobs.models import Line, Model, Polynomial
from knobs.nn import MLP
from knobs.optim import SGD, Adam, Momentum

seeds = st.integers(min_value=0, max_value=2**32)
finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)
layer_sizes = st.lists(st.integers(min_value=1, max_value=4), min_size=2, max_size=4)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(sorted(data.CLASSIFICATION_SETS)), n=st.integers(1, 60), seed=seeds)
def test_shapes_are_2d_points_and_binary_labels_for_any_size_and_seed(name, n, seed):
    points, labels = data.classification(name, n=n, seed=seed)
    assert len(points) == len(labels) == n
    assert all(len(point) == 2 for point in points)
    assert set(labels) <= {0, 1}
    assert data.classification(name, n=n, seed=seed) == (points, labels)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(3, 200), seed=seeds)
def test_split_is_a_partition(n, seed):
    x = list(range(n))
    parts = data.split(x, x, seed=seed)
    assert sorted(sum((part[0] for part in parts), [])) == x
    assert all(len(part[0]) >= 1 for part in parts)


@settings(max_examples=40, deadline=None)
@given(sizes=layer_sizes, seed=seeds, activation=st.sampled_from(["tanh", "relu", "sigmoid", "linear"]))
def test_mlp_shapes_counts_and_gradients_follow_the_layer_sizes(sizes, seed, activation):
    model = MLP(sizes, activation=activation, output="linear", seed=seed)
    assert model.count_parameters() == sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    x = np.random.default_rng(seed % 1000).normal(size=(3, sizes[0])).tolist()
    predictions = model.predict(x)
    assert np.shape(predictions) == ((3,) if sizes[-1] == 1 else (3, sizes[-1]))
    y = predictions if sizes[-1] > 1 else [p + 1.0 for p in predictions]
    gradients = model.gradients(x, y)
    parameters = model.parameters()
    assert list(gradients) == list(parameters)
    assert all(np.shape(gradients[name]) == np.shape(parameters[name]) for name in parameters)


@settings(max_examples=30, deadline=None)
@given(sizes=layer_sizes, seed=seeds)
def test_any_mlp_round_trips_through_json(sizes, seed):
    output = "softmax" if sizes[-1] >= 2 else "sigmoid"
    model = MLP(sizes, activation="tanh", output=output, seed=seed)
    restored = Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert restored.parameters() == model.parameters()
    assert restored.structure() == model.structure()


@given(weight=finite, bias=finite, x=st.lists(finite, min_size=1, max_size=10))
def test_line_predicts_weight_times_x_plus_bias(weight, bias, x):
    assert Line(weight, bias).predict(x) == [weight * v + bias for v in x]


@given(logits=st.lists(st.floats(min_value=-1e4, max_value=1e4), min_size=1, max_size=8))
def test_softmax_is_a_probability_list_matching_numpy(logits):
    probabilities = losses.softmax(logits)
    z = np.array(logits)
    expected = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    np.testing.assert_allclose(probabilities, expected, rtol=1e-9, atol=1e-300)
    assert sum(probabilities) == pytest.approx(1)


@given(
    learning_rate=st.one_of(st.floats(max_value=0), st.just(float("nan")), st.just(float("inf"))),
    kind=st.sampled_from([SGD, Momentum, Adam]),
)
def test_non_positive_learning_rates_raise_value_error_naming_learning_rate(learning_rate, kind):
    with pytest.raises(ValueError, match="learning_rate"):
        kind(learning_rate)


@given(n=st.integers(max_value=0), name=st.sampled_from(sorted(data.CLASSIFICATION_SETS)))
def test_empty_or_negative_sizes_raise_value_error_naming_n(n, name):
    with pytest.raises(ValueError, match="^n"):
        data.classification(name, n=n)


@given(degree=st.integers(max_value=-1))
def test_negative_degree_raises_value_error_naming_degree(degree):
    with pytest.raises(ValueError, match="degree"):
        Polynomial(degree)


@given(sizes=st.lists(st.integers(max_value=0), min_size=2, max_size=4))
def test_layer_sizes_below_one_raise_value_error_naming_layer_sizes(sizes):
    with pytest.raises(ValueError, match="layer_sizes"):
        MLP(sizes, output="linear")


@given(values=st.lists(st.sampled_from(["1", "a", None, [1.0], {}]), min_size=1, max_size=5))
def test_non_numbers_raise_type_error_naming_x(values):
    with pytest.raises(TypeError, match="^x"):
        Line().predict(values)


@given(x=st.lists(finite, min_size=1, max_size=6), extra=st.integers(1, 3))
def test_mismatched_lengths_raise_value_error_naming_y(x, extra):
    with pytest.raises(ValueError, match="y"):
        Line().loss(x, x + [1.0] * extra)
