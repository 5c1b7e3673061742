"""Lab "generalisation": least-squares fits of every degree (one QR) against numpy, and where overfitting begins."""

import numpy as np

from knobs import data
from knobs.models import least_squares_by_degree
from knobs_lab import generalisation_lab as lab


def test_least_squares_of_every_degree_matches_numpy():
    x, y = data.noisy_curve(n=40, noise=0.3, seed=3)
    fits = least_squares_by_degree(x, y, 12)
    for degree, coefficients in enumerate(fits):
        expected = np.polynomial.polynomial.polyfit(x, y, degree)
        assert np.allclose(coefficients, expected, atol=1e-6 * max(1, np.abs(expected).max())), degree


def test_training_loss_falls_with_degree_while_validation_loss_turns_up():
    answer = lab.fit({"size": 30, "noise": 0.3, "degree": 3})
    train, validation = answer["train_losses"], answer["validation_losses"]
    assert all(later <= earlier + 1e-12 for earlier, later in zip(train, train[1:]))
    best = answer["best_degree"]
    assert validation[best] == min(validation)
    assert validation[-1] > 10 * validation[best]  # the highest degree overfits badly
    assert 0 < best < len(validation) - 1


def test_losses_are_the_mean_squared_errors_of_the_fitted_polynomial():
    answer = lab.fit({"size": 50, "noise": 0.2, "degree": 5})
    coefficients = np.array(answer["coefficients"])
    predict = lambda xs: np.polynomial.polynomial.polyval(np.array(xs), coefficients)
    assert np.isclose(answer["train_loss"], np.mean((predict(answer["train_x"]) - answer["train_y"]) ** 2))
    assert np.isclose(answer["validation_loss"],
                      np.mean((predict(answer["validation_x"]) - answer["validation_y"]) ** 2))
    assert len(answer["train_x"]) + len(answer["validation_x"]) == 50


def test_a_degree_too_high_for_the_points_is_lowered_with_a_notice():
    answer = lab.fit({"size": 10, "degree": 15})
    assert answer["settings"]["degree"] == len(answer["train_x"]) - 1
    assert any("needs more training points" in notice for notice in answer["notices"])


def test_moving_only_the_degree_can_leave_out_the_data():
    answer = lab.fit({"degree": 4}, full=False)
    assert "train_x" not in answer and len(answer["curve_y"]) == lab.CURVE_POINTS


def test_python_says_whether_the_chosen_degree_under_or_overfits():
    best = lab.fit({})["best_degree"]
    for degree, verdict, words in ((best - 1, "underfitting", "too simple"), (best, "best", "lowest validation loss"),
                                   (12, "overfitting", "does worse on the validation points")):
        answer = lab.fit({"degree": degree})
        assert answer["verdict"] == verdict and words in answer["summary"], degree
