"""MLP: fast backprop against finite differences and the autograd path; counts; speed."""

import numpy as np
import pytest
from gradient_check import assert_gradients_close, numerical_gradients

from knobs import data
from knobs.models import load
from knobs.nn import MLP

rng = np.random.default_rng(2)
ACTIVATIONS = ["tanh", "relu", "sigmoid", "linear"]


def batch(output, sizes, n=6):
    x = rng.normal(size=(n, sizes[0])).tolist()
    if output == "sigmoid":
        y = rng.integers(0, 2, size=n).tolist()
    elif output == "softmax":
        y = rng.integers(0, sizes[-1], size=n).tolist()
    elif sizes[-1] == 1:
        y = rng.normal(size=n).tolist()
    else:
        y = rng.normal(size=(n, sizes[-1])).tolist()
    return x, y


CASES = [
    (activation, output, sizes)
    for activation in ACTIVATIONS
    for output, sizes in [
        ("sigmoid", [2, 4, 3, 1]),
        ("softmax", [3, 4, 3]),
        ("linear", [2, 3, 1]),
        ("linear", [2, 3, 2]),
        ("sigmoid", [2, 2, 3, 1]),  # a narrow hidden layer: sums of scaled columns, forward and back
        ("softmax", [3, 2, 3]),
    ]
]


@pytest.mark.parametrize("activation, output, sizes", CASES)
def test_backprop_matches_finite_differences(activation, output, sizes):
    model = MLP(sizes, activation=activation, output=output, seed=1)
    x, y = batch(output, sizes)
    assert_gradients_close(model.gradients(x, y), numerical_gradients(model, x, y), rtol=1e-4, atol=1e-7)


@pytest.mark.parametrize("activation, output, sizes", CASES)
def test_fast_path_matches_autograd_path(activation, output, sizes):
    model = MLP(sizes, activation=activation, output=output, seed=2)
    x, y = batch(output, sizes, n=9)
    loss, _ = model.loss_value(x, y)
    assert loss.data == pytest.approx(model.loss(x, y), rel=1e-12)
    assert_gradients_close(model.gradients(x, y), model.gradients_autograd(x, y), rtol=1e-9, atol=1e-12)


def test_forward_matches_numpy_matrix_maths():
    model = MLP([2, 5, 4, 1], activation="tanh", output="sigmoid", seed=3)
    p = model.parameters()
    x = rng.normal(size=(7, 2))
    hidden = np.tanh(x @ np.array(p["layer1.weights"]).T + p["layer1.bias"])
    hidden = np.tanh(hidden @ np.array(p["layer2.weights"]).T + p["layer2.bias"])
    z = hidden @ np.array(p["layer3.weights"]).T + p["layer3.bias"]
    np.testing.assert_allclose(model.predict(x.tolist()), 1 / (1 + np.exp(-z[:, 0])))


def test_softmax_outputs_are_probabilities():
    model = MLP([2, 4, 3], output="softmax")
    rows = model.predict([[0.1, 0.2], [3.0, -1.0]])
    assert all(len(row) == 3 and sum(row) == pytest.approx(1) for row in rows)
    assert model.classify([[0.1, 0.2]])[0] == int(np.argmax(rows[0]))


def test_parameter_count_of_2_8_8_1_is_105():
    model = MLP([2, 8, 8, 1])
    assert model.count_parameters() == 2 * 8 + 8 + 8 * 8 + 8 + 8 * 1 + 1 == 105
    assert list(model.parameters()) == [
        "layer1.weights",
        "layer1.bias",
        "layer2.weights",
        "layer2.bias",
        "layer3.weights",
        "layer3.bias",
    ]
    assert np.shape(model.parameters()["layer2.weights"]) == (8, 8)


def test_same_seed_same_knobs_different_seed_different_knobs():
    assert MLP(seed=4).parameters() == MLP(seed=4).parameters()
    assert MLP(seed=4).parameters() != MLP(seed=5).parameters()


def test_save_then_load_round_trips_exactly(tmp_path):
    model = MLP([2, 3, 2], activation="relu", output="softmax", seed=7)
    path = model.save(tmp_path / "mlp.json")
    loaded = load(path)
    assert isinstance(loaded, MLP)
    assert loaded.parameters() == model.parameters()
    assert loaded.structure() == model.structure()
    points = [[0.3, -0.2], [1.0, 2.0]]
    assert loaded.predict(points) == model.predict(points)


def test_predict_grid_gives_probabilities_over_the_box():
    model = MLP(seed=0)
    grid = model.predict_grid((-1.5, 2.5), (-1.0, 1.5), resolution=30)
    assert len(grid) == 30 and all(len(row) == 30 for row in grid)
    assert grid[0][0] == pytest.approx(model([-1.5, -1.0]))
    assert grid[29][0] == pytest.approx(model([-1.5, 1.5]))
    assert all(0 < p < 1 for row in grid for p in row)


def test_evaluate_reports_loss_and_accuracy():
    x, y = data.moons(50, seed=1)
    model = MLP(seed=0)
    result = model.evaluate(x, y)
    assert result["loss"] == pytest.approx(model.loss(x, y))
    assert result["accuracy"] == pytest.approx(np.mean(np.array(model.classify(x)) == y))


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: MLP([2]), "layer_sizes"),
        (lambda: MLP([2, 0, 1]), "layer_sizes"),
        (lambda: MLP([2, 3, 2], output="sigmoid"), "layer_sizes"),
        (lambda: MLP([2, 3, 1], output="softmax"), "layer_sizes"),
        (lambda: MLP(activation="swish"), "activation"),
        (lambda: MLP(output="probit"), "output"),
        (lambda: MLP("2-8-1"), "layer_sizes"),
        (lambda: MLP().predict([[1.0, 2.0, 3.0]]), "x"),
        (lambda: MLP().loss([[1.0, 2.0]], [1, 0]), "y"),
        (lambda: MLP().loss([[1.0, 2.0]], [2]), "y"),
        (lambda: MLP([2, 3, 1], output="linear").classify([[1.0, 2.0]]), "output"),
    ],
)
def test_bad_arguments_raise_errors_naming_them(make, name):
    with pytest.raises((ValueError, TypeError), match=name):
        make()
