"""Metrics: numbers that say how good a model is, in words people use.

In scope: accuracy, mean squared error, R² (share of the spread explained),
confusion counts (true/false positives/negatives), and baselines — the score of
a model with no knobs at all (always predict the mean, or the majority class).
A model is only useful if it beats its baseline.
Left out on purpose: curves (ROC, precision-recall) and averaged multi-class scores.
"""

from knobs import arguments
from knobs.losses import mean_squared_error

__all__ = [
    "accuracy",
    "mean_squared_error",
    "r2_score",
    "confusion_counts",
    "baseline_regression",
    "baseline_classification",
]


def _predicted_and_labels(predictions, labels):
    if not isinstance(predictions, (list, tuple)) or not isinstance(labels, (list, tuple)):
        raise TypeError("predictions, labels: expected two lists of class labels")
    if not labels:
        raise ValueError("labels: is empty; give at least one label")
    arguments.same_length(labels, predictions, "labels", "predictions")
    return predictions, labels


def accuracy(predictions, labels):
    """Share of examples whose predicted label equals the true label (0 to 1).

    ``predictions`` are labels (use ``model.classify(x)``), not probabilities.
    """
    predictions, labels = _predicted_and_labels(predictions, labels)
    return sum(1 for p, t in zip(predictions, labels) if p == t) / len(labels)


def r2_score(predictions, targets):
    """R² = 1 − Σ(target − prediction)² / Σ(target − mean)².

    1 is perfect, 0 is no better than always predicting the mean, below 0 is worse.
    """
    predictions = arguments.numbers(predictions, "predictions")
    targets = arguments.numbers(targets, "targets")
    arguments.same_length(targets, predictions, "targets", "predictions")
    mean = sum(targets) / len(targets)
    unexplained = sum((t - p) * (t - p) for p, t in zip(predictions, targets))
    spread = sum((t - mean) * (t - mean) for t in targets)
    if spread == 0:  # every target is the same: perfect or not, nothing to explain
        return 1.0 if unexplained == 0 else 0.0
    return 1.0 - unexplained / spread


def confusion_counts(predictions, labels, positive=1):
    """Counts of true/false positives/negatives: {"tp", "fp", "tn", "fn"}.

    tp: said yes, was yes · fp: said yes, was no · tn: said no, was no · fn: said no, was yes.
    """
    predictions, labels = _predicted_and_labels(predictions, labels)
    counts = {"tp": 0, "fp": 0, "tn": 0, "fn": 0}
    for p, t in zip(predictions, labels):
        if p == positive:
            counts["tp" if t == positive else "fp"] += 1
        else:
            counts["fn" if t == positive else "tn"] += 1
    return counts


def baseline_regression(y):
    """The knob-free regression baseline: always predict the mean of ``y``."""
    y = arguments.numbers(y, "y")
    return sum(y) / len(y)


def baseline_classification(y):
    """The knob-free classification baseline: always predict the most common label
    (the smallest label wins a tie)."""
    if not isinstance(y, (list, tuple)):
        raise TypeError(f"y: expected a list of labels, got {type(y).__name__}")
    if not y:
        raise ValueError("y: is empty; give at least one label")
    counts = {}
    for label in y:
        counts[label] = counts.get(label, 0) + 1
    return min(counts, key=lambda label: (-counts[label], label))
