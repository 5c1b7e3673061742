"""Line, Polynomial, LogisticRegression: gradients, gradient descent, saving."""

import numpy as np
import pytest
from gradient_check import assert_gradients_close, numerical_gradients

from knobs import data
from knobs.autograd import Value, total
from knobs.models import Line, LogisticRegression, Model, Polynomial, load
from knobs.optim import SGD
from knobs.train import Trainer

rng = np.random.default_rng(1)


def test_lesson_one_line_predicts_a_house_price():
    model = Line(weight=200, bias=50_000)
    assert model.predict([1000]) == [250000.0]
    assert model(1000) == 250000.0


def test_line_gradients_match_finite_differences_and_autograd():
    x, y = rng.normal(size=15).tolist(), rng.normal(size=15).tolist()
    model = Line(weight=0.3, bias=-0.2)
    assert_gradients_close(model.gradients(x, y), numerical_gradients(model, x, y))
    weight, bias = Value(0.3), Value(-0.2)
    loss = total(((weight * xi + bias) - yi) ** 2 for xi, yi in zip(x, y)) / len(x)
    loss.backward()
    assert_gradients_close(model.gradients(x, y), {"weight": weight.grad, "bias": bias.grad})


def test_polynomial_gradients_match_finite_differences_and_autograd():
    x, y = rng.uniform(-1, 1, size=12).tolist(), rng.normal(size=12).tolist()
    model = Polynomial(3, coefficients=[0.1, -0.4, 0.2, 0.7])
    assert_gradients_close(model.gradients(x, y), numerical_gradients(model, x, y))
    knobs = [Value(c) for c in [0.1, -0.4, 0.2, 0.7]]
    loss = total((total(c * xi**k for k, c in enumerate(knobs)) - yi) ** 2 for xi, yi in zip(x, y)) / len(x)
    loss.backward()
    assert_gradients_close(model.gradients(x, y), {"coefficients": [c.grad for c in knobs]})


def test_logistic_gradients_match_finite_differences_and_autograd():
    x = rng.normal(size=(20, 3)).tolist()
    y = rng.integers(0, 2, size=20).tolist()
    model = LogisticRegression(3, weights=[0.5, -1.0, 0.2], bias=0.1)
    assert_gradients_close(model.gradients(x, y), numerical_gradients(model, x, y))
    weights, bias = [Value(w) for w in [0.5, -1.0, 0.2]], Value(0.1)
    terms = []
    for point, label in zip(x, y):
        p = (total(w * v for w, v in zip(weights, point)) + bias).sigmoid()
        terms.append(-(label * p.log() + (1 - label) * (1 - p).log()))
    loss = total(terms) / len(x)
    loss.backward()
    assert loss.data == pytest.approx(model.loss(x, y))
    assert_gradients_close(model.gradients(x, y), {"weights": [w.grad for w in weights], "bias": bias.grad})


def test_gradient_descent_reaches_least_squares():
    sizes, prices = data.house_prices(50, seed=0, units="thousands")
    model = Line()
    trainer = Trainer(model, SGD(learning_rate=0.1), (sizes, prices)).fit(3000)
    slope, intercept = np.polyfit(sizes, prices, 1)
    assert trainer.state == "finished"
    assert model.parameters()["weight"] == pytest.approx(slope, rel=1e-4)
    assert model.parameters()["bias"] == pytest.approx(intercept, rel=1e-3)


def test_gradient_descent_gets_close_to_least_squares_in_a_few_hundred_steps():
    sizes, prices = data.house_prices(50, seed=0, units="thousands")
    model = Line()
    Trainer(model, SGD(learning_rate=0.1), (sizes, prices)).fit(300)
    best = np.mean((np.polyval(np.polyfit(sizes, prices, 1), sizes) - prices) ** 2)
    assert model.loss(sizes, prices) < 1.01 * best


def test_gradient_descent_on_a_polynomial_reaches_least_squares():
    x, y = data.noisy_curve(40, noise=0.1, seed=2)
    model = Polynomial(3)
    Trainer(model, SGD(learning_rate=0.5), (x, y)).fit(4000)
    expected = np.polyfit(x, y, 3)[::-1]  # numpy lists the highest power first
    np.testing.assert_allclose(model.parameters()["coefficients"], expected, atol=1e-3)


@pytest.mark.parametrize(
    "model", [Line(2.0, 1.0), Polynomial(4, [1, 2, 3, 4, 5]), LogisticRegression(3, [1, 2, 3], 0.5)]
)
def test_save_then_load_gives_back_the_same_model(model, tmp_path):
    path = tmp_path / "model.json"
    model.save(path)
    loaded = load(path)
    assert type(loaded) is type(model)
    assert loaded.parameters() == model.parameters()
    assert loaded.structure() == model.structure()
    assert Model.from_dict(model.to_dict()).parameters() == model.parameters()


def test_parameter_counts_match_the_formula():
    assert Line().count_parameters() == 2
    assert Polynomial(5).count_parameters() == 6
    assert LogisticRegression(7).count_parameters() == 8


def test_parameters_are_a_copy_that_does_not_change_the_model():
    model = Polynomial(2, [1.0, 2.0, 3.0])
    parameters = model.parameters()
    parameters["coefficients"][0] = 99.0
    assert model.parameters()["coefficients"][0] == 1.0


def test_set_parameters_rejects_wrong_names_and_shapes():
    model = Polynomial(2)
    with pytest.raises(ValueError, match="parameters"):
        model.set_parameters({"coefficients": [1.0, 2.0]})
    with pytest.raises(ValueError, match="parameters"):
        model.set_parameters({"coefficients": [1.0, 2.0, 3.0], "extra": 1.0})
    with pytest.raises(ValueError, match="parameters"):
        Line().set_parameters({"weight": float("nan"), "bias": 0.0})


def test_logistic_regression_classifies_blobs():
    points, labels = data.blobs(200, seed=0)
    model = LogisticRegression(2)
    Trainer(model, SGD(0.5), (points, labels)).fit(200)
    assert np.mean(np.array(model.classify(points)) == labels) > 0.95


def test_predict_grid_matches_predict_at_the_corners():
    model = LogisticRegression(2, weights=[1.0, -2.0], bias=0.3)
    grid = model.predict_grid((-1, 1), (0, 2), resolution=5)
    assert len(grid) == 5 and all(len(row) == 5 for row in grid)
    assert grid[0][0] == pytest.approx(model([-1.0, 0.0]))
    assert grid[4][4] == pytest.approx(model([1.0, 2.0]))
    assert grid[0][4] == pytest.approx(model([1.0, 0.0]))


@pytest.mark.parametrize(
    "make, name",
    [
        (lambda: Polynomial(-1), "degree"),
        (lambda: Polynomial(2, [1.0]), "coefficients"),
        (lambda: LogisticRegression(0), "n_features"),
        (lambda: Line(weight="big"), "weight"),
        (lambda: Line().predict([]), "x"),
        (lambda: Line().loss([1, 2], [1]), "y"),
        (lambda: LogisticRegression(2).predict([[1.0]]), "x"),
        (lambda: LogisticRegression(2).loss([[1.0, 2.0]], [3]), "y"),
    ],
)
def test_bad_arguments_raise_errors_naming_them(make, name):
    with pytest.raises((ValueError, TypeError), match=name):
        make()
