"""Metrics against numpy, and the baselines a model must beat."""

import numpy as np
import pytest

from knobs import metrics

rng = np.random.default_rng(3)


def test_accuracy_is_the_share_of_matching_labels():
    predicted, labels = rng.integers(0, 2, 50), rng.integers(0, 2, 50)
    assert metrics.accuracy(predicted.tolist(), labels.tolist()) == pytest.approx(np.mean(predicted == labels))


def test_r2_matches_the_numpy_formula():
    targets = rng.normal(size=40)
    predictions = targets + rng.normal(scale=0.5, size=40)
    expected = 1 - np.sum((targets - predictions) ** 2) / np.sum((targets - targets.mean()) ** 2)
    assert metrics.r2_score(predictions.tolist(), targets.tolist()) == pytest.approx(expected)


def test_r2_of_the_mean_baseline_is_zero():
    targets = rng.normal(size=10).tolist()
    mean = metrics.baseline_regression(targets)
    assert mean == pytest.approx(np.mean(targets))
    assert metrics.r2_score([mean] * 10, targets) == pytest.approx(0, abs=1e-12)


def test_confusion_counts_add_up_and_match_numpy():
    predicted, labels = rng.integers(0, 2, 60), rng.integers(0, 2, 60)
    counts = metrics.confusion_counts(predicted.tolist(), labels.tolist())
    assert counts == {
        "tp": int(np.sum((predicted == 1) & (labels == 1))),
        "fp": int(np.sum((predicted == 1) & (labels == 0))),
        "tn": int(np.sum((predicted == 0) & (labels == 0))),
        "fn": int(np.sum((predicted == 0) & (labels == 1))),
    }


def test_majority_baseline_picks_the_most_common_label():
    assert metrics.baseline_classification([0, 1, 1, 2, 1]) == 1
    assert metrics.baseline_classification([1, 0]) == 0  # a tie goes to the smaller label


def test_mean_squared_error_is_available_here_too():
    assert metrics.mean_squared_error([1.0, 3.0], [2.0, 2.0]) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: metrics.accuracy([1, 0], [1]), "predictions"),
        (lambda: metrics.accuracy([], []), "labels"),
        (lambda: metrics.r2_score([1.0], [1.0, 2.0]), "predictions"),
        (lambda: metrics.baseline_regression([]), "y"),
        (lambda: metrics.baseline_classification([]), "y"),
    ],
)
def test_bad_arguments_are_named(call, name):
    with pytest.raises((ValueError, TypeError), match=name):
        call()
