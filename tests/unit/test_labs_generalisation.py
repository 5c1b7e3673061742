"""Lab "generalisation": a polynomial trained step by step, checked against numpy; and Python's verdicts as the run goes
(underfitting, overfitting, a good fit, diverged)."""

import lab_page
import numpy as np
import pytest

from knobs import data
from knobs.models import Polynomial
from knobs.train import fit
from knobs_lab import generalisation_lab as lab

page = lab_page.page(lab)  # the bridge as its page calls it


def numpy_gradient_descent(x, y, degree, learning_rate, steps):
    """Plain gradient descent on the mean squared error of a polynomial, written with numpy."""
    powers = np.vander(np.array(x), degree + 1, increasing=True)  # (n, degree + 1)
    coefficients = np.zeros(degree + 1)
    for _ in range(steps):
        coefficients -= learning_rate * 2 / len(y) * powers.T @ (powers @ coefficients - np.array(y))
    return coefficients


def mse(coefficients, x, y):
    return np.mean((np.polynomial.polynomial.polyval(np.array(x), coefficients) - np.array(y)) ** 2)


def test_plain_gradient_descent_in_the_lab_matches_numpy_step_for_step():
    settings = {"optimiser": "sgd", "learning_rate": 0.3, "degree": 5, "size": 20, "noise": 0.3}
    page("configure", lab="t", settings=settings)
    answer = page("advance", lab="t", steps=40)
    x, y = data.noisy_curve(n=20, noise=0.3, seed=0)
    expected = numpy_gradient_descent(x, y, 5, 0.3, 40)
    assert answer["steps_done"] == 40
    assert np.allclose(answer["coefficients"], expected, rtol=1e-9, atol=1e-12)


def test_losses_after_every_step_are_the_mean_squared_errors_numpy_gives():
    answer = page("configure", lab="t", settings={"optimiser": "sgd", "learning_rate": 0.1, "degree": 3})
    points = answer
    steps, train, validation = answer["step"], answer["train_losses"], answer["validation_losses"]
    for _ in range(3):  # the page asks a few steps at a time: only the new points come back, none twice
        answer = page("advance", lab="t", steps=7)
        steps += answer["step"]
        train += answer["train_losses"]
        validation += answer["validation_losses"]
    assert steps == list(range(22))
    x, y = points["train_x"], points["train_y"]
    for step in (0, 1, 10, 21):
        coefficients = numpy_gradient_descent(x, y, 3, 0.1, step)
        assert train[step] == pytest.approx(mse(coefficients, x, y), rel=1e-9, abs=1e-12)
        assert validation[step] == pytest.approx(
            mse(coefficients, points["validation_x"], points["validation_y"]), rel=1e-9, abs=1e-12
        )
    assert answer["train_loss"] == train[-1] and answer["validation_loss"] == validation[-1]
    assert len(points["validation_x"]) == lab.VALIDATION_POINTS and len(x) == 12


def test_the_drawn_curve_is_the_polynomial_after_these_steps():
    page("configure", lab="t", settings={})
    answer = page("advance", lab="t", steps=25)
    curve_x = np.linspace(-1, 1, lab.CURVE_POINTS)
    expected = np.clip(np.polynomial.polynomial.polyval(curve_x, answer["coefficients"]), -10, 10)
    assert np.allclose(answer["curve_y"], expected, atol=1e-9)


def test_at_one_thousand_steps_the_lab_is_lesson_four_run_of_degree_nine():
    page("configure", lab="t", settings={})
    answer = page("advance", lab="t", steps=1000)
    x, y = data.noisy_curve(n=12, noise=0.2, seed=0)
    val_x, val_y = data.noisy_curve(n=100, noise=0.2, seed=1)
    model = fit(Polynomial(9), (x, y), steps=1000, learning_rate=0.05, optimiser="adam")
    assert answer["train_loss"] == pytest.approx(model.loss(x, y), rel=1e-12)
    assert answer["validation_loss"] == pytest.approx(model.loss(val_x, val_y), rel=1e-12)


def run(settings, steps):
    answer = page("configure", lab="t", settings=settings)
    while answer["steps_done"] < steps and not answer["ended"]:
        answer = page("advance", lab="t", steps=100)
    return answer


def test_overfitting_emerges_as_degree_nine_trains_on_twelve_points():
    assert run({}, 0)["verdict"] == "Untrained"
    answer = run({}, 1000)
    assert answer["verdict"] == "Overfitting"
    assert answer["validation_loss"] > 4 * answer["train_loss"]
    assert "validation loss was lowest at step" in answer["summary"]


def test_a_line_underfits_and_more_data_with_a_modest_degree_fits_well():
    answer = run({"degree": 1}, 500)
    assert answer["verdict"] == "Underfitting" and "too simple" in answer["summary"]
    answer = run({"degree": 5, "size": 100}, 1500)
    assert answer["verdict"] == "Good fit"
    assert answer["validation_loss"] < 1.5 * answer["train_loss"]


def test_a_learning_rate_too_large_diverges_and_says_so_in_words():
    answer = run({"optimiser": "sgd", "learning_rate": 1.0}, lab.MAX_STEPS)
    assert answer["state"] == "diverged" and answer["ended"] and answer["steps_done"] < 100
    assert answer["verdict"] == "Diverged" and "learning rate is too large" in answer["summary"]
    assert "nan" not in answer["summary"].lower()
    assert all(value is None or abs(value) <= lab.SHOWN_LIMIT for value in answer["curve_y"])


def test_a_run_ends_at_max_steps():
    page("configure", lab="t", settings={"degree": 0})
    answer = page("advance", lab="t", steps=lab.MAX_STEPS + 50)
    assert answer["steps_done"] == lab.MAX_STEPS and answer["ended"]


def test_bad_calls_name_the_argument_and_change_nothing():
    page("configure", lab="t", settings={})
    with pytest.raises(ValueError, match="lab"):
        page("advance", lab="never-configured")
    with pytest.raises(ValueError, match="steps"):
        page("advance", lab="t", steps="ten")
    with pytest.raises(ValueError, match="steps"):
        page("advance", lab="t", steps=-1)
    assert page("advance", lab="t", steps=0)["steps_done"] == 0
